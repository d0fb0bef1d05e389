// `inbox-triage explain`: what each stage sees and decides for one message, and why.
import { Chalk, type ChalkInstance } from 'chalk'
import { Command, Option } from 'commander'
import { UsageError } from '../errors.js'
import { loadOrderBook } from '../input/orders.js'
import { builtinProfiles, loadProfile } from '../input/profiles.js'
import { formatReason } from '../output/annotate.js'
import { loadConfig } from '../pipeline/config.js'
import { createContext, createPipeline, createStages, toMessage } from '../pipeline/pipeline.js'
import type { Group, Message, Span } from '../types.js'
import { openInputs, readMessages, type InputOptions } from './inputs.js'
import { useColor, type CliIo } from './io.js'

interface ExplainOptions extends InputOptions {
  lang?: string
  marketplace?: string
  file?: string
  row?: string
  orders: string[]
  config?: string
  now?: string
  format: 'text' | 'json'
}

export interface Explanation {
  input: { text: string; source: string; file?: string; row?: number }
  clean: { text: string }
  language: Message['language'] | null
  intents: { primary: string; hits: Array<{ intent: string; rule: string; weight: number; span: Span }> }
  sentiment: Message['sentiment'] | null
  risk: Group['risk'] | null
}

const EXAMPLE = `
Examples:
  $ inbox-triage explain "tracking says delivered but nothing came, I will open a chargeback"
  $ inbox-triage explain "ยังไม่ได้รับของเลยค่ะ ขอคืนเงินได้ไหม" --marketplace TH
  $ inbox-triage explain --file samples/amazon.csv --row 2 --orders samples/amazon-orders.txt`

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** The text with each span marked: inverse when coloured, [brackets] otherwise. */
export function highlight(text: string, spans: Span[], chalk: ChalkInstance, color: boolean): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  let out = ''
  let at = 0
  for (const span of sorted) {
    if (span.start < at) continue
    out += text.slice(at, span.start)
    const marked = text.slice(span.start, span.end)
    out += color ? chalk.inverse(marked) : `[${marked}]`
    at = span.end
  }
  return out + text.slice(at)
}

function explanationOf(message: Message, group: Group | undefined): Explanation {
  return {
    input: { text: message.raw_text, source: message.source, file: message.source_file || undefined, row: message.source_file ? message.source_row : undefined },
    clean: { text: message.text },
    language: message.language ?? null,
    intents: {
      primary: message.intent ?? 'other',
      hits: (message.intents ?? []).map(({ intent, rule, weight, span }) => ({ intent, rule, weight, span }))
    },
    sentiment: message.sentiment ?? null,
    risk: group?.risk ?? null
  }
}

export function formatExplanation(explanation: Explanation, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 })
  const label = (name: string): string => chalk.bold(name.padEnd(10))
  const out: string[] = []
  const where = explanation.input.file ? ` (${explanation.input.file}, row ${explanation.input.row})` : ''
  out.push(`${label('input')}${JSON.stringify(explanation.input.text)}${where}`)
  out.push(`${label('clean')}${JSON.stringify(explanation.clean.text)}`)
  const lang = explanation.language
  if (lang) {
    const candidates = (lang.candidates ?? []).slice(0, 4).map((c) => `${c.lang} ${c.score.toFixed(2)}`).join(', ')
    out.push(
      `${label('language')}${chalk.cyan(lang.lang)}  confidence ${lang.confidence.toFixed(2)}, decided by ${chalk.bold(lang.method)}` +
        (lang.script ? `, script ${lang.script}` : '') +
        (candidates ? `\n${' '.repeat(10)}candidates: ${candidates}` : '')
    )
  } else {
    out.push(`${label('language')}(no language stage)`)
  }
  const hits = explanation.intents.hits
  out.push(`${label('intents')}primary ${chalk.cyan(explanation.intents.primary)}${hits.length ? '' : ' (no rule matched)'}`)
  for (const hit of hits) {
    out.push(`${' '.repeat(10)}${hit.intent.padEnd(26)} ${chalk.dim(hit.rule)}  "${hit.span.text}" @${hit.span.start}-${hit.span.end}`)
  }
  if (hits.length) out.push(`${' '.repeat(10)}${highlight(explanation.clean.text, hits.map((h) => h.span), chalk, color)}`)
  const sentiment = explanation.sentiment
  if (sentiment) {
    out.push(`${label('sentiment')}${chalk.cyan(sentiment.label)} ${sentiment.score.toFixed(3)}${sentiment.urgent ? chalk.red('  urgent') : ''}`)
    for (const hit of sentiment.hits) {
      const modifiers = hit.modifiers?.length ? `  (${hit.modifiers.join(', ')})` : ''
      out.push(`${' '.repeat(10)}${hit.term.padEnd(24)} ${hit.valence >= 0 ? '+' : ''}${hit.valence.toFixed(2)}${modifiers}`)
    }
    for (const reason of sentiment.urgencyReasons ?? []) out.push(`${' '.repeat(10)}urgency: ${reason}`)
  } else {
    out.push(`${label('sentiment')}(not analysed)`)
  }
  const risk = explanation.risk
  if (risk) {
    out.push(
      `${label('risk')}dispute ${risk.dispute_score} (${risk.dispute_risk}), return ${risk.return_score} (${risk.return_risk}), ${risk.priority}`
    )
    for (const reason of risk.reasons) out.push(`${' '.repeat(10)}${formatReason(reason)}  ${chalk.dim(reason.signal)}`)
    if (risk.suggested_action) out.push(`${' '.repeat(10)}${chalk.cyan('→')} ${risk.suggested_action}`)
  }
  return `${out.join('\n')}\n`
}

async function explainText(text: string, options: ExplainOptions, io: CliIo): Promise<Explanation> {
  const config = loadConfig(options.config, io.cwd)
  const context = createContext(config, { now: options.now, warn: (w) => io.stderr.write(`warning: ${w}\n`) })
  const stages = await createStages(config, context)
  const now = options.now ?? new Date().toISOString()
  const message = toMessage({ text, marketplace: options.marketplace ?? '', source: options.source ?? 'explain', created_at: now }, 0)
  for (const { name, transform } of stages.messageStages) {
    await transform([message])
    if (name === 'language' && options.lang) message.language = { lang: options.lang, confidence: 1, method: 'forced' }
  }
  const group: Group = { key: 'explain', order_id: '', conversation_ids: [message.conversation_id], messages: [message], now, facts: {} }
  for (const { transform } of stages.groupStages) await transform(group)
  return explanationOf(message, group)
}

async function explainRow(options: ExplainOptions, io: CliIo): Promise<Explanation> {
  const row = Number(options.row)
  if (!Number.isInteger(row) || row < 1) throw new UsageError(`--row ${options.row}: expected the line number of a row (1 is the header)`)
  const config = loadConfig(options.config, io.cwd)
  const profiles = [...config.profiles.map((file) => loadProfile(file)), ...builtinProfiles()]
  const inputs = await openInputs([options.file!], options, io, profiles)
  const orderBook = options.orders.length ? await loadOrderBook(options.orders, { cwd: io.cwd }) : undefined
  const pipeline = await createPipeline({ config, now: options.now, warn: (w) => io.stderr.write(`warning: ${w}\n`) })
  let found: Explanation | undefined
  // The lines nearest to the one asked, to name them when no message starts there.
  let before = 0
  let after = 0
  await pipeline.run(readMessages(inputs, { orderBook }), {
    emit(message, group) {
      const line = message.source_row
      if (line === row) found = explanationOf(message, group)
      else if (line < row && line > before) before = line
      else if (line > row && (after === 0 || line < after)) after = line
    }
  })
  if (!found) {
    const nearest = [before, after].filter((line) => line > 0)
    throw new UsageError(
      `${options.file} has no message starting on line ${row} (a message with line breaks spans several lines)` +
        (nearest.length ? `; the nearest start on line${nearest.length > 1 ? 's' : ''} ${nearest.join(' and ')}.` : '; it has no message.')
    )
  }
  return found
}

export function commandExplain(io: CliIo): Command {
  return new Command('explain')
    .description('show what each stage sees and decides for one message')
    .argument('[text]', 'the message text')
    .option('--lang <code>', 'force the language instead of detecting it')
    .option('--marketplace <name>', 'marketplace or region as a language prior (amazon.de, TH, …)')
    .option('--source <name>', 'source profile the message comes from')
    .option('--file <file>', 'explain a row of an export instead of a text')
    .option('--row <line>', 'with --file: the line the message starts on')
    .option('--orders <file>', 'with --file: order files to join; repeatable', collect, [])
    .option('--map <field=Column>', 'with --file: map a field to a column; repeatable', collect, [])
    .option('--config <file>', 'configuration file')
    .option('--now <time>', 'reference time for waiting clocks')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', EXAMPLE)
    .action(async (text: string | undefined, options: ExplainOptions) => {
      if (options.file && text) throw new UsageError('Give either a text or --file with --row, not both.')
      if (!options.file && !text) throw new UsageError('Give the text to explain, e.g. inbox-triage explain "where is my order"')
      if (options.file && !options.row) throw new UsageError('--file needs --row N (the line the message starts on).')
      const explanation = options.file ? await explainRow(options, io) : await explainText(text!, options, io)
      io.stdout.write(options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation, useColor(io, 'stdout')))
    })
}
