// `inbox-triage summarize`: merges the annotated outputs of several runs (CSV or NDJSON) into the
// summary one run over all their input would have made. Rows are turned back into messages by
// their source profile, re-cleaned and re-grouped; the triage columns give language, intent,
// sentiment and each order's risk; the clean, intents, conversation and risk stages recompute
// what the columns do not carry (waits, first response, business hours, the next action).
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { Command } from 'commander'
import { CheckFailed, InputError, UsageError } from '../errors.js'
import { delimiterName } from '../input/dialect.js'
import { createNormalizer, type Normalizer } from '../input/normalize.js'
import { bindProfile, builtinProfiles, detectProfile, findProfile, headerKey, loadProfile, type BoundProfile, type Profile } from '../input/profiles.js'
import { openTable } from '../input/read-table.js'
import { refuseOutputs, writeFileAtomic } from '../output/atomic-write.js'
import { loadConfig } from '../pipeline/config.js'
import { createPipeline } from '../pipeline/pipeline.js'
import { annotationFromCells, annotationFromRecord, triageColumnsStart, unneutralizeCell, type ParsedAnnotation } from '../summary/annotated.js'
import { failures, parseFailOn, type FailOn } from '../summary/fail-on.js'
import { formatTerminal } from '../summary/format-terminal.js'
import { SummaryBuilder, type Summary } from '../summary/model.js'
import { formatForFile, renderSummary } from '../summary/render.js'
import type { Group, Message } from '../types.js'
import { parseMap } from './inputs.js'
import { useColor, type CliIo } from './io.js'
import { collect, nowBeforeLatestWarning, outputPath, parseNow, parseTop } from './options.js'

export interface SummaryDelivery {
  /** `.json`, `.md` or `.html` by extension; `-` writes JSON to stdout. */
  summaryOut?: string
  /** The HTML report. */
  report?: string
  /** Show the terminal summary on stderr. */
  terminal: boolean
  failOn: FailOn[]
  /** The run's input files: a summary or report naming one of them is refused. */
  inputs?: string[]
}

/** Writes the summary wherever asked, then fails (exit 1) when a `--fail-on` threshold is met. */
export async function deliverSummary(summary: Summary, delivery: SummaryDelivery, io: CliIo): Promise<void> {
  const inputs = delivery.inputs ?? []
  if (delivery.summaryOut === '-') io.stdout.write(renderSummary(summary, 'json'))
  else if (delivery.summaryOut) await writeFileAtomic(resolve(io.cwd, delivery.summaryOut), renderSummary(summary, formatForFile(delivery.summaryOut)), { inputs })
  if (delivery.report) await writeFileAtomic(resolve(io.cwd, delivery.report), renderSummary(summary, 'html'), { inputs })
  if (delivery.terminal) io.stderr.write(formatTerminal(summary, { color: useColor(io) }))
  const met = failures(summary, delivery.failOn)
  if (met.length > 0) {
    throw new CheckFailed(`--fail-on: ${met.map((m) => `${m.orders} order(s) reach ${m.spec}`).join('; ')}. See the summary's risk lists.`)
  }
}

export interface SummarizeOptions {
  output?: string
  report?: string
  failOn?: string
  summary: boolean
  top: string
  config?: string
  now?: string
  redact?: boolean
  source?: string
  profile?: string
  map: string[]
  encoding?: string
}

/** The stages that rebuild what the triage columns do not carry; the rest is read from the rows. */
const REBUILD_STAGES = new Set(['clean', 'intents', 'conversation', 'risk'])

/**
 * Chooses the source profile of each row. A run over several exports writes one CSV whose header
 * is the union of theirs, and a row has cells only in its own export's columns. So each row is
 * read through its filled columns alone (its export's columns: Shopify's "Conversation ID", not
 * Shopee's empty "conversation_id"), by the profile that reads the most of them and leaves the
 * fewest unread. Rows with the same filled columns share the choice.
 */
class RowProfiles {
  // Keyed by the header array itself: one per CSV file, one per distinct key set of an NDJSON file.
  private readonly byHeader = new WeakMap<string[], HeaderProfiles>()
  private readonly mapped: Set<string>
  constructor(
    private readonly profiles: Profile[],
    private readonly forced: Profile | undefined,
    private readonly mapping: Record<string, string>
  ) {
    this.mapped = new Set(Object.values(mapping).map(headerKey))
  }

  normalizerFor(header: string[], cells: string[], file: string): Normalizer {
    const known = this.byHeader.get(header) ?? this.learn(header, file)
    let key = ''
    for (let i = 0; i < known.inputWidth; i++) if ((cells[i] ?? '').trim() !== '') key += `${i},`
    let normalizer = known.byFilled.get(key)
    if (!normalizer) {
      const bound = this.choose(header, cells, known)
      // Many patterns of filled cells come to one binding: one normalizer (and its regexes) each.
      const binding = `${bound.profile.name}\u0000${JSON.stringify(bound.columns)}`
      normalizer = known.byBinding.get(binding)
      if (!normalizer) known.byBinding.set(binding, (normalizer = createNormalizer(bound, file)))
      if (known.byFilled.size < 1024) known.byFilled.set(key, normalizer)
    }
    return normalizer
  }

  /** What does not depend on the row: the profiles the header fits, and where its input part ends. */
  private learn(header: string[], file: string): HeaderProfiles {
    // Fails with the closest profiles when none fits the whole header.
    const fallback = this.forced ? bindProfile(this.forced, header, this.mapping) : detectProfile(header, file, this.profiles, this.mapping)
    // Whether a profile fits is a matter of the header; a row may leave a signature cell empty.
    const fitting = this.forced
      ? [this.forced]
      : this.profiles.filter((profile) => {
          if (profile.name === 'generic') return false
          const whole = bindProfile(profile, header, this.mapping)
          return profile.detect.signature.every((field) => whole.columns[field] !== undefined)
        })
    // Only the input part counts: the triage columns are filled in every row.
    const start = triageColumnsStart(header)
    const known: HeaderProfiles = { fallback, fitting, inputWidth: start < 0 ? header.length : start, byFilled: new Map(), byBinding: new Map() }
    this.byHeader.set(header, known)
    return known
  }

  private choose(header: string[], cells: string[], known: HeaderProfiles): BoundProfile {
    const filled = (i: number): boolean => i < known.inputWidth && (cells[i] ?? '').trim() !== ''
    const masked = header.map((name, i) => (i < known.inputWidth && !filled(i) && !this.mapped.has(headerKey(name)) ? '' : name))
    let chosen: BoundProfile | undefined
    let best = -Infinity
    for (const profile of known.fitting) {
      const bound = bindProfile(profile, masked, this.mapping)
      const reads = new Set(Object.values(bound.columns))
      let score = 0
      for (let i = 0; i < known.inputWidth; i++) if (filled(i)) score += reads.has(i) ? 1 : -1
      if (score > best) {
        best = score
        chosen = bound
      }
    }
    return chosen ?? known.fallback
  }
}

interface HeaderProfiles {
  /** The header's profile as a whole, for a row no fitting profile reads. */
  fallback: BoundProfile
  /** The profiles whose signature the header holds. */
  fitting: Profile[]
  /** Columns before the triage columns. */
  inputWidth: number
  /** By the row's filled columns (`"0,3,7,"`). */
  byFilled: Map<string, Normalizer>
  /** By the profile and columns chosen. */
  byBinding: Map<string, Normalizer>
}

interface AnnotatedRow {
  line: number
  header: string[]
  cells: string[]
  annotation: ParsedAnnotation
}

type AnnotatedRecord = AnnotatedRow | { line: number; reject: string }

async function isNdjson(path: string, shown: string): Promise<boolean> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${shown}: cannot be read (${error.code ?? error.message}). Check the path.`)
  })
  try {
    const ext = extname(path).toLowerCase()
    if (ext === '.ndjson' || ext === '.jsonl') return true
    if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return false
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0)
    return /^\uFEFF?\s*\{/.test(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}

async function* ndjsonRows(path: string, shown: string): AsyncGenerator<AnnotatedRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  // Rows with the same keys share one header array, so their profile is decided once.
  const headers = new Map<string, string[]>()
  let line = 0
  for await (const text of lines) {
    line++
    if (text.trim() === '') continue
    let record: unknown
    try {
      record = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text)
    } catch {
      yield { line, reject: 'not a JSON object' }
      continue
    }
    const input = (record as { input?: unknown } | null)?.input
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      yield { line, reject: 'no "input" object: not an `inbox-triage run --format ndjson` record' }
      continue
    }
    const keys = Object.keys(input)
    const joined = keys.join('\u0000')
    let header = headers.get(joined)
    if (!header) {
      header = keys
      headers.set(joined, header)
    }
    const cells = header.map((name) => String((input as Record<string, unknown>)[name] ?? ''))
    yield { line, header, cells, annotation: annotationFromRecord(record as Record<string, unknown>) }
  }
  if (line === 0) throw new InputError(`${shown}: empty file; expected the annotated output of \`inbox-triage run\`.`)
}

/** `read.encoding` and `read.delimiter` are set once the file is open, for the summary's input list. */
async function* csvRows(path: string, shown: string, read: { encoding?: string; delimiter?: string }): AsyncGenerator<AnnotatedRecord> {
  const table = await openTable(path, { encoding: read.encoding, label: shown })
  read.encoding = table.encoding
  read.delimiter = delimiterName(table.delimiter)
  const start = triageColumnsStart(table.header)
  if (start < 0) {
    throw new InputError(
      `${shown}: not an annotated output of \`inbox-triage run\`: its last columns must be the triage columns ` +
        '(lang, intent, …, reasons). Give the files `run -o` wrote, not the original exports.'
    )
  }
  const header = table.header.slice(0, start)
  // `--excel` output starts with a BOM and has formula-looking cells neutralised: undo that.
  const excel = table.encoding === 'utf-8-bom'
  for await (const record of table.records) {
    if (record.kind === 'reject') {
      // The excerpt shows which row it was, as `run` shows it.
      yield { line: record.line, reject: `${record.reason}: ${record.excerpt}` }
      continue
    }
    const cells = record.cells.slice(0, start)
    if (excel) for (let i = 0; i < cells.length; i++) cells[i] = unneutralizeCell(cells[i]!)
    yield { line: record.line, header, cells, annotation: annotationFromCells(record.cells.slice(start)) }
  }
}

/** Puts a row's triage columns back on the rebuilt message where the stages would have. */
function applyAnnotation(message: Message, annotation: ParsedAnnotation): void {
  if (annotation.lang) message.language = { lang: annotation.lang, confidence: 1, method: 'forced' }
  if (annotation.sentiment === 'positive' || annotation.sentiment === 'neutral' || annotation.sentiment === 'negative') {
    message.sentiment = { score: annotation.sentiment_score ?? 0, label: annotation.sentiment, urgent: annotation.urgency === true, hits: [] }
  }
}

/** The order's risk as the rows recorded it; the rest of `group.risk` was recomputed. */
function applyRisk(group: Group, annotations: WeakMap<Message, ParsedAnnotation>): void {
  if (!group.risk) return
  let annotation: ParsedAnnotation | undefined
  for (const message of group.messages) {
    annotation = annotations.get(message)
    if (annotation?.dispute_risk) break
  }
  if (!annotation?.dispute_risk || !annotation.return_risk) return
  const risk = group.risk
  risk.dispute_risk = annotation.dispute_risk
  risk.dispute_score = annotation.dispute_score
  risk.return_risk = annotation.return_risk
  risk.return_score = annotation.return_score
  if (annotation.priority === 'P1' || annotation.priority === 'P2' || annotation.priority === 'P3' || annotation.priority === 'P4') {
    risk.priority = annotation.priority
  }
  risk.reasons = annotation.parsedReasons.map((reason) => ({ signal: '', ...reason }))
}

export async function summarizeAnnotated(files: string[], options: SummarizeOptions, io: CliIo): Promise<Summary> {
  if (files.length === 0) throw new UsageError('No annotated file. Give the outputs of `inbox-triage run -o …` (CSV or NDJSON).')
  if (files.includes('-')) throw new UsageError('summarize reads files, not stdin: save each run\'s annotated output with -o FILE and give the files.')
  const top = parseTop(options.top)
  const now = parseNow(options.now)
  const config = loadConfig(options.config, io.cwd)
  const profiles = [...config.profiles.map((file) => loadProfile(file)), ...builtinProfiles()]
  const forced = options.profile ? loadProfile(resolve(io.cwd, options.profile)) : options.source ? findProfile(options.source, profiles) : undefined
  const rowProfiles = new RowProfiles(profiles, forced, parseMap(options.map))
  const summary = new SummaryBuilder(top)
  const warn = (message: string): void => {
    summary.addWarning(message)
    io.stderr.write(`warning: ${message}\n`)
  }
  const pipeline = await createPipeline({
    config: { ...config, pipeline: config.pipeline.filter((entry) => REBUILD_STAGES.has(entry.stage)) },
    now,
    warn,
    stageOptions: options.redact ? { clean: { redact: true } } : undefined,
    workers: 0
  })
  const annotations = new WeakMap<Message, ParsedAnnotation>()
  let read = 0
  let written = 0
  let rejected = 0

  async function* messages(): AsyncGenerator<Message> {
    let seq = 0
    for (const file of files) {
      const path = resolve(io.cwd, file)
      const ndjson = await isNdjson(path, file)
      const opened: { encoding?: string; delimiter?: string } = { encoding: ndjson ? 'utf-8' : options.encoding }
      const rows = ndjson ? ndjsonRows(path, file) : csvRows(path, file, opened)
      const sources = new Set<string>()
      let count = 0
      for await (const row of rows) {
        read++
        if ('reject' in row) {
          rejected++
          io.stderr.write(`${file}:${row.line}: row skipped: ${row.reject}\n`)
          continue
        }
        const message = rowProfiles.normalizerFor(row.header, row.cells, file).normalize(row.cells, row.line, seq++)
        applyAnnotation(message, row.annotation)
        annotations.set(message, row.annotation)
        sources.add(message.source)
        count++
        yield message
      }
      summary.addInput({ file, source: [...sources].join(', '), encoding: opened.encoding ?? '', delimiter: opened.delimiter, rows: count })
    }
  }

  const { latest } = await pipeline.run(messages(), {
    finish(group) {
      applyRisk(group, annotations)
      summary.addGroup(group)
    },
    emit(message) {
      // The intent the run wrote, not a re-match: the summary counts what the files say.
      const annotation = annotations.get(message)
      if (annotation?.intent) message.intent = annotation.intent
      summary.addMessage(message)
      written++
    }
  })
  const early = nowBeforeLatestWarning(now, latest)
  if (early) warn(early)
  summary.addRows(read, written, rejected)
  return summary.result()
}

const EXAMPLE = `
Example:
  $ inbox-triage run part-1.csv --now 2026-11-23T09:00:00Z --format ndjson -o triaged-1.ndjson --no-summary
  $ inbox-triage run part-2.csv --now 2026-11-23T09:00:00Z --format ndjson -o triaged-2.ndjson --no-summary
  $ inbox-triage summarize triaged-1.ndjson triaged-2.ndjson --now 2026-11-23T09:00:00Z \\
      -o summary.json --report report.html --fail-on dispute:high
  One summary of both parts, the same as a single run over part-1 and part-2 would give
  (split the export between conversations, and pass the same --now and --config to every
  run). Exits 1 when an order has a high dispute risk.`

export function commandSummarize(io: CliIo): Command {
  return new Command('summarize')
    .description('merge annotated outputs of several runs (CSV or NDJSON) into one summary')
    .argument('[files...]', 'annotated outputs of `inbox-triage run` (CSV or NDJSON)')
    .option('-o, --output <file>', 'write the summary: .json, .md or .html by extension; - for JSON on stdout')
    .option('--report <file>', 'write the summary as one self-contained HTML report with charts')
    .option('--fail-on <threshold>', 'exit 1 when an order reaches it: dispute:LEVEL, return:LEVEL or priority:P1…P4 (comma-separated)')
    .option('--no-summary', 'do not print the summary on stderr')
    .option('--top <n>', 'orders listed per risk in the summary', '10')
    .option('--config <file>', 'the configuration the runs used (business hours, rules)')
    .option('--now <time>', 'the reference time the runs used for waiting clocks (default: the latest message time read)')
    .option('--redact', 'mask emails, phone numbers and addresses in the quoted buyer messages, as run --redact does')
    .option('--source <name>', 'force the source profile of the input columns')
    .option('--profile <file>', 'use your own source profile file')
    .option('--map <field=Column>', 'map a normalised field to a column, as given to run; repeatable', collect, [])
    .option('--encoding <name>', 'force the encoding of CSV files')
    .addHelpText('after', EXAMPLE)
    .action(async (files: string[], options: SummarizeOptions) => {
      const failOn = options.failOn !== undefined ? parseFailOn(options.failOn) : []
      const inputs = files.map((file) => resolve(io.cwd, file))
      await refuseOutputs([['-o', outputPath(io.cwd, options.output)], ['--report', outputPath(io.cwd, options.report)]], inputs)
      const summary = await summarizeAnnotated(files, options, io)
      await deliverSummary(summary, { summaryOut: options.output, report: options.report, terminal: options.summary, failOn, inputs }, io)
    })
}
