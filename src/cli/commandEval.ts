// `inbox-triage eval <labelled.csv>`: precision, recall and F1 per intent of the rule pack
// against a labelled file, with the confusions and misses to fix next.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { Command, Option } from 'commander'
import { parse as parseYaml } from 'yaml'
import { CheckFailed, InputError, UsageError } from '../errors.js'
import { openTable } from '../input/read-table.js'
import { evaluate, parseLabels, type EvalRow } from '../rules/eval.js'
import { EVAL_FORMATS, formatEval, type EvalFormat } from '../rules/evalFormat.js'
import { describeProblem } from '../rules/problems.js'
import { cleanText } from '../stages/clean.js'
import type { CliIo } from './io.js'

interface EvalOptions {
  textColumn: string
  labelColumn?: string
  labelMap?: string
  langColumn?: string
  lang?: string
  rules: string[]
  builtin: boolean
  format: EvalFormat
  minMacroF1?: string
  maxFpRate?: string
  top: string
  encoding?: string
  delimiter?: string
}

const LABEL_COLUMNS = ['intents', 'intent', 'label', 'labels']

async function readText(path: string, what: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8')
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch (error) {
    throw new InputError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Check the path.`)
  }
}

/** A label map file: YAML `source label: taxonomy id` (`other` drops the label). */
async function readLabelMap(path: string): Promise<Map<string, string>> {
  const data: unknown = parseYaml(await readText(path, 'label map'))
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`${path}: a label map is a YAML mapping of source labels to intent ids, e.g. \`cancel_order: order/cancel\`.`)
  }
  const map = new Map<string, string>()
  for (const [label, id] of Object.entries(data)) {
    if (typeof id !== 'string') throw new InputError(`${path}: the label \`${label}\` must map to an intent id (a string), e.g. \`${label}: other\`.`)
    map.set(label, id)
  }
  return map
}

function parseThreshold(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined
  const threshold = Number(value)
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new UsageError(`${option} takes a number between 0 and 1, got "${value}".`)
  return threshold
}

export function commandEval(io: CliIo): Command {
  return new Command('eval')
    .description('precision, recall and F1 per intent of the rules against a labelled CSV')
    .argument('<labelled.csv>', 'a CSV with a text column and a label column (`; `-separated intents; `other` or empty = none)')
    .option('--text-column <name>', 'column holding the message text', 'text')
    .option('--label-column <name>', `column holding the gold intents (default: the first of ${LABEL_COLUMNS.join(', ')})`)
    .option('--label-map <file>', 'YAML mapping of the file\u2019s labels to intent ids')
    .option('--lang-column <name>', 'column holding each row\u2019s language')
    .option('--lang <code>', 'language of every row (default: detect per row)')
    .option('--rules <paths...>', 'your rule files or folders, added to the built-in pack', [])
    .option('--no-builtin', 'evaluate your rules alone')
    .addOption(new Option('--format <format>', 'output format').choices(EVAL_FORMATS).default('text'))
    .option('--min-macro-f1 <number>', 'exit 1 when macro-F1 is below this (for CI)')
    .option('--max-fp-rate <number>', 'exit 1 when a larger share of the gold-`other` rows gets an intent (for CI; e.g. an out-of-scope file)')
    .option('--top <count>', 'how many confusions and misses to list', '10')
    .option('--encoding <name>', 'force the file\u2019s encoding (default: detected, as for run)')
    .option('--delimiter <char>', 'force the delimiter (default: sniffed among , ; tab |)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ inbox-triage eval labelled.csv --text-column text --label-column intent\n' +
        '  $ inbox-triage eval tickets.csv --label-column tag --label-map tags.yaml --rules team-rules/ --min-macro-f1 0.7\n' +
        '  $ inbox-triage eval small-talk.csv --rules team-rules/ --max-fp-rate 0.05'
    )
    .action(async (file: string, options: EvalOptions) => {
      const minMacroF1 = parseThreshold(options.minMacroF1, '--min-macro-f1')
      const maxFpRate = parseThreshold(options.maxFpRate, '--max-fp-rate')
      const top = Number(options.top)
      if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top takes a whole number, got "${options.top}".`)
      const path = resolve(io.cwd, file)
      // Read as `run` reads an export: encoding and delimiter detected, or forced.
      const table = await openTable(path, { label: file, encoding: options.encoding, delimiter: options.delimiter })
      const header = table.header
      const column = (name: string, option: string): number => {
        const index = header.indexOf(name)
        if (index < 0) throw new UsageError(`${file} has no column "${name}" (${option}); its columns are: ${header.join(', ')}.`)
        return index
      }
      const textIndex = column(options.textColumn, '--text-column')
      const labelName = options.labelColumn ?? LABEL_COLUMNS.find((name) => header.includes(name))
      if (labelName === undefined) throw new UsageError(`${file}: name the gold label column with --label-column; its columns are: ${header.join(', ')}.`)
      const labelIndex = column(labelName, '--label-column')
      const langIndex = options.langColumn !== undefined ? column(options.langColumn, '--lang-column') : -1
      const labelMap = options.labelMap !== undefined ? await readLabelMap(resolve(io.cwd, options.labelMap)) : undefined

      // The rule compiler and the language detector load with the command that uses them, not
      // with every command: a `run` with workers never needs them on its main thread.
      const [{ loadIntentPack, matchIntents }, { createLanguageDetector }] = await Promise.all([import('../rules/index.js'), import('../language/index.js')])
      const loaded = await loadIntentPack(options.rules.map((rule) => resolve(io.cwd, rule)), { builtin: options.builtin, details: false })
      if (!loaded.ok) {
        const errors = loaded.problems.filter((problem) => problem.severity === 'error')
        throw new InputError(`the rules have ${errors.length} error(s); fix them (see \`inbox-triage rules check\`):\n  ${errors.slice(0, 10).map(describeProblem).join('\n  ')}`)
      }
      const detector = langIndex < 0 && options.lang === undefined ? createLanguageDetector() : undefined
      const rows: EvalRow[] = []
      for await (const record of table.records) {
        if (record.kind === 'reject') {
          io.stderr.write(`${file}:${record.line}: row skipped: ${record.reason}\n`)
          continue
        }
        const cells = record.cells
        const text = cleanText(cells[textIndex] ?? '')
        const lang = options.lang ?? (langIndex >= 0 ? (cells[langIndex] ?? '').trim() || 'und' : detector!.detect(text).lang)
        const hits = matchIntents(loaded.pack, text, lang)
        const predicted: string[] = []
        for (const hit of hits) if (!predicted.includes(hit.intent)) predicted.push(hit.intent)
        rows.push({ row: record.line, text, gold: parseLabels(cells[labelIndex] ?? '', labelMap), predicted })
      }
      const report = evaluate(rows, { top })
      io.stdout.write(formatEval(report, options.format, { color: io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb' }))
      if (minMacroF1 !== undefined) {
        if (report.goldIntents === 0) {
          throw new UsageError(`${file}: gold holds no intent, so there is no macro-F1 to hold to --min-macro-f1; gate its \`other\` rows with --max-fp-rate.`)
        }
        if (report.macroF1 < minMacroF1) throw new CheckFailed(`macro-F1 ${report.macroF1.toFixed(3)} is below --min-macro-f1 ${minMacroF1}.`)
      }
      if (maxFpRate !== undefined) {
        if (report.goldOther === 0) throw new UsageError(`${file}: no row's gold is \`other\`, so there is no false-positive rate to hold to --max-fp-rate.`)
        if (report.falsePositiveRate > maxFpRate) {
          throw new CheckFailed(
            `${report.goldOtherHit} of ${report.goldOther} gold-other rows got an intent (${report.falsePositiveRate.toFixed(3)}), above --max-fp-rate ${maxFpRate}.`
          )
        }
      }
    })
}
