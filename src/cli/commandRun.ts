// `inbox-triage run`: read exports, triage every message, write the annotated rows, the
// order-risk sheet and the summary.
import { stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { extname, resolve } from 'node:path'
import { Command, Option } from 'commander'
import ora, { type Ora } from 'ora'
import { UsageError } from '../errors.js'
import { delimiterName } from '../input/dialect.js'
import { loadOrderBook, unjoinedOrderFileWarnings, type OrderBook } from '../input/orders.js'
import { builtinProfiles, loadProfile } from '../input/profiles.js'
import { annotation, triageHeader } from '../output/annotate.js'
import { createAtomicWriter, refuseOutputs } from '../output/atomic-write.js'
import { createOrderSheet } from '../output/order-sheet.js'
import { createRejectsWriter, describeReject } from '../output/rejects.js'
import { createRowRenderer, type CsvRowLayout } from '../output/row-render.js'
import { createCsvWriter, createNdjsonWriter } from '../output/table-writer.js'
import { loadConfig } from '../pipeline/config.js'
import { createPipeline } from '../pipeline/pipeline.js'
import { GENERATION_KEYS, RecentKeys } from '../pipeline/recent-keys.js'
import { parseFailOn } from '../summary/fail-on.js'
import { SummaryBuilder } from '../summary/model.js'
import type { Group, Message } from '../types.js'
import { latestInputTime, openInputs, readMessages, type InputOptions, type OpenedInput } from './inputs.js'
import { deliverSummary } from './commandSummarize.js'
import type { CliIo } from './io.js'
import { collect, nowBeforeLatestWarning, outputPath, parseNow, parseTop } from './options.js'

export interface RunOptions extends InputOptions {
  output?: string
  format: 'csv' | 'ndjson'
  ordersOut?: string
  summaryOut?: string
  report?: string
  failOn?: string
  summary: boolean
  orders: string[]
  config?: string
  now?: string
  redact?: boolean
  rejects?: string
  excel?: boolean
  raw?: boolean
  top: string
  workers?: string
}

/** Below this much input, starting threads costs more than it saves. */
const WORKERS_FROM_BYTES = 4 * 1024 * 1024

async function workerCount(option: string | undefined, files: string[], cwd: string): Promise<number> {
  if (option !== undefined) {
    const n = Number(option)
    if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers ${option}: expected a whole number from 0 to 64`)
    return n
  }
  // The main thread reads, groups and writes, and keeps one core busy: the analysis gets the rest.
  const spare = Math.max(1, availableParallelism() - 1)
  let bytes = 0
  for (const file of files) {
    if (file === '-') return spare
    bytes += (await stat(resolve(cwd, file)).catch(() => undefined))?.size ?? 0
  }
  return bytes >= WORKERS_FROM_BYTES ? spare : 0
}

const EXAMPLE = `
Example:
  $ inbox-triage run samples/amazon.csv --orders samples/amazon-orders.txt \\
      -o triaged.csv --orders-out orders.csv --summary-out summary.md
  Reads the Amazon messages, joins the order report, writes every row with its triage
  columns, one row per order with its dispute and return risk, and a Markdown summary.
  The summary is also shown on stderr.`

function unionHeader(inputs: OpenedInput[]): { header: string[]; maps: number[][] } {
  const header: string[] = []
  const at = new Map<string, number>()
  const maps = inputs.map(({ table }) =>
    table.header.map((name, i) => {
      // Within one file a repeated name keeps its own column.
      const key = `${name}\u0000${table.header.slice(0, i).filter((n) => n === name).length}`
      let index = at.get(key)
      if (index === undefined) {
        index = header.length
        header.push(name)
        at.set(key, index)
      }
      return index
    })
  )
  return { header, maps }
}

export async function runTriage(files: string[], options: RunOptions, io: CliIo): Promise<void> {
  if (files.length === 0) throw new UsageError('No input file. Give one or more exports, or - for stdin. See inbox-triage run --help.')
  if (files.filter((file) => file === '-').length > 1) throw new UsageError('stdin (-) can be read only once.')
  const top = parseTop(options.top)
  const now = parseNow(options.now)
  const failOn = options.failOn !== undefined ? parseFailOn(options.failOn) : []
  const config = loadConfig(options.config, io.cwd)
  const profiles = [...config.profiles.map((file) => loadProfile(file)), ...builtinProfiles()]
  // Order files are inputs too: no output may be written over one.
  const inputPaths = [...files, ...options.orders].filter((file) => file !== '-').map((file) => resolve(io.cwd, file))
  await refuseOutputs(
    [
      ['-o', outputPath(io.cwd, options.output)],
      ['--orders-out', outputPath(io.cwd, options.ordersOut)],
      ['--summary-out', outputPath(io.cwd, options.summaryOut)],
      ['--report', outputPath(io.cwd, options.report)],
      ['--rejects', outputPath(io.cwd, options.rejects)]
    ],
    inputPaths
  )
  const inputs = await openInputs(files, options, io, profiles)
  const orderBook: OrderBook | undefined = options.orders.length
    ? await loadOrderBook(options.orders, { encoding: options.encoding, cwd: io.cwd })
    : undefined

  // Outputs: a file is written beside its target and renamed at the end; stdout streams.
  const target = options.output && options.output !== '-' ? resolve(io.cwd, options.output) : undefined
  const excel = options.raw ? false : (options.excel ?? (target !== undefined && extname(target).toLowerCase() === '.csv' && options.format === 'csv'))
  const { header: inputHeader, maps } = unionHeader(inputs)
  const csvRows: CsvRowLayout | undefined = options.format === 'csv' ? { delimiter: ',', excel, width: inputHeader.length, maps } : undefined

  const summary = new SummaryBuilder(top)
  const warn = (message: string): void => {
    summary.addWarning(message)
    io.stderr.write(`warning: ${message}\n`)
  }
  // Without --now, waiting clocks count to the inputs' latest message, found before the read so
  // that a group finished early in a long file counts to it too. The pass over the files' bytes
  // runs while the pipeline starts (its worker loads the rules meanwhile).
  const latestTime = now === undefined ? latestInputTime(inputs) : undefined
  const pipeline = await createPipeline({
    config,
    now,
    warn,
    stageOptions: options.redact ? { clean: { redact: true } } : undefined,
    workers: await workerCount(options.workers, files, io.cwd),
    lean: true,
    csvRows
  })

  const outFile = target ? await createAtomicWriter(target, { inputs: inputPaths }) : undefined
  const out = outFile?.stream ?? io.stdout
  const header = [...inputHeader, ...triageHeader(inputHeader)]
  const csv = csvRows ? createCsvWriter(out, header, { excel }) : undefined
  const renderer = csvRows ? createRowRenderer(csvRows) : undefined
  // A group's risk cells are rendered once, when it finishes, for all its rows.
  const groupParts = new WeakMap<Group, string>()
  const ndjson = options.format === 'ndjson' ? createNdjsonWriter(out) : undefined
  const rejectsFile = options.rejects ? await createAtomicWriter(resolve(io.cwd, options.rejects), { inputs: inputPaths }) : undefined
  const rejects = rejectsFile ? createRejectsWriter(rejectsFile.stream, { excel: !options.raw }) : undefined
  const orderSheet = options.ordersOut ? await createOrderSheet(resolve(io.cwd, options.ordersOut), { excel: !options.raw, inputs: inputPaths }) : undefined
  const spinner: Ora | undefined = io.stderrIsTTY ? ora({ text: 'triaging…', stream: io.stderr as NodeJS.WriteStream }).start() : undefined

  let read = 0
  let written = 0
  let rejected = 0
  const started = Date.now()

  // Messages with the source and message id of an earlier one, as hashes in memory that does
  // not grow with the file (at least the last 393,216 ids).
  const seenIds = new RecentKeys(GENERATION_KEYS)
  let repeats = 0
  const messages = readMessages(inputs, {
    orderBook,
    onRow() {
      read++
      if (spinner && read % 5000 === 0) spinner.text = `triaging… ${read} rows, ${Math.round(read / ((Date.now() - started) / 1000))} rows/s`
    },
    async onReject(file, record) {
      rejected++
      io.stderr.write(`${describeReject(file, record)}\n`)
      await rejects?.write(file, record)
    },
    onInputDone({ table, profile }, rows, normalizer) {
      summary.addInput({ file: table.file, source: profile.name, encoding: table.encoding, delimiter: delimiterName(table.delimiter), rows })
      if (table.headerOnly) warn(`${table.file}: has a header row but no messages; check the export's date range and filters.`)
      const { damagedOrderIds, zoneAssumed, badDates } = normalizer.counts
      if (damagedOrderIds > 0) {
        warn(`${table.file}: ${damagedOrderIds} order id(s) look turned into numbers by a spreadsheet (e.g. 1.11737E+16); they were not joined to orders. Export the ids as text.`)
      }
      if (zoneAssumed > 0) warn(`${table.file}: ${zoneAssumed} timestamp(s) had no time zone; ${profile.timestamp?.zone ?? 'UTC'} was assumed.`)
      if (badDates > 0) warn(`${table.file}: ${badDates} timestamp(s) could not be read; those messages have no time.`)
    }
  })

  // The latest message time read, for the --now check.
  let latest = ''
  try {
    const stats = await pipeline.run(messages, {
      finish(group: Group) {
        summary.addGroup(group)
        if (renderer) groupParts.set(group, renderer.groupPart(group))
        if (orderSheet && group.risk) return orderSheet.add(group.risk)
      },
      emit(message: Message, group: Group) {
        summary.addMessage(message)
        if (message.message_id && seenIds.add(`${message.source}\u0000${message.message_id}`)) repeats++
        written++
        // The pipeline rendered every message's part (`csvRows`) and dropped its input cells.
        if (csv && renderer) return csv.writeRecord(renderer.row(message.csv_part!, groupParts.get(group)!))
        if (ndjson) {
          const input = message.input_cells ?? []
          message.input_cells = undefined
          const row: Record<string, string> = {}
          for (let i = 0; i < input.length; i++) row[inputs[message.input_table ?? 0]!.table.header[i]!] ??= input[i]!
          return ndjson.write({ input: row, ...annotation(message, group) })
        }
      }
    }, now ?? (await latestTime))
    latest = stats.latest
    await csv?.end()
    await ndjson?.end()
    await outFile?.commit()
    await rejects?.end()
    await rejectsFile?.commit()
  } catch (error) {
    spinner?.stop()
    await outFile?.abort()
    await rejectsFile?.abort()
    await orderSheet?.abort()
    throw error
  } finally {
    await pipeline.close()
  }
  spinner?.stop()
  if (repeats > 0) {
    warn(
      `${repeats} message(s) repeat the message id of an earlier one from the same source (the same export given twice, or overlapping date ranges?); ` +
        'they are triaged and counted again, which can add chasers to an order. Give each message once.'
    )
  }
  const early = nowBeforeLatestWarning(now, latest)
  if (early) warn(early)
  if (orderBook) for (const warning of unjoinedOrderFileWarnings(orderBook)) warn(warning)
  summary.addRows(read, written, rejected)
  if (orderBook) {
    for (const skip of orderBook.skipped) io.stderr.write(`${skip.file}:${skip.line}: order row skipped: ${skip.reason}\n`)
  }
  const result = summary.result()
  await orderSheet?.commit()
  await deliverSummary(result, { summaryOut: options.summaryOut, report: options.report, terminal: options.summary, failOn, inputs: inputPaths }, io)
}

export function commandRun(io: CliIo): Command {
  return new Command('run')
    .description('triage exported buyer messages (the default command)')
    .argument('[files...]', 'message exports (CSV/TSV), or - for stdin')
    .option('-o, --output <file>', 'annotated output file (default: stdout)')
    .addOption(new Option('--format <format>', 'annotated output format').choices(['csv', 'ndjson']).default('csv'))
    .option('--orders-out <file>', 'write the order-risk sheet (CSV): one row per order or orderless conversation')
    .option('--summary-out <file>', 'write the summary: .json, .md or .html')
    .option('--report <file>', 'write the summary as one self-contained HTML report with charts (opens offline)')
    .option('--fail-on <threshold>', 'exit 1 when an order reaches it: dispute:LEVEL, return:LEVEL or priority:P1…P4 (comma-separated)')
    .option('--no-summary', 'do not print the summary on stderr')
    .option('--top <n>', 'orders listed per risk in the summary', '10')
    .option('--orders <file>', 'order file to join (Amazon All Orders or returns report, Shopify or Shopee orders export); repeatable', collect, [])
    .option('--source <name>', 'force a source profile (see `inbox-triage profiles`)')
    .option('--profile <file>', 'use your own source profile file')
    .option('--map <field=Column>', 'map a normalised field to a column, e.g. --map text=Message; repeatable', collect, [])
    .option('--config <file>', 'configuration file (default: ./inbox-triage.config.yaml when present)')
    .option('--now <time>', 'reference time for waiting clocks (default: the latest message time read)')
    .option('--redact', 'mask emails, phone numbers and street addresses in the text shown in summaries and sheets')
    .option('--encoding <name>', 'force the input encoding (utf-8, utf-16le, windows-1252, gb18030, shift_jis, big5, …)')
    .option('--delimiter <char>', 'force the input delimiter (default: sniffed among , ; tab |)')
    .option('--strict', 'stop at the first bad row (exit 2) instead of reporting and skipping it')
    .option('--rejects <file>', 'write the rows that could not be read to this CSV (file, line, reason, excerpt, raw)')
    .option('--excel', 'make the output safe for spreadsheets: UTF-8 BOM and formula-looking cells neutralised (default for -o FILE.csv)')
    .option('--raw', 'never neutralise cells, even for -o FILE.csv')
    .option('--workers <n>', 'worker threads for the analysis (default: one per spare core for inputs over 4 MB, else 0)')
    .addHelpText('after', EXAMPLE)
    .action(async (files: string[], options: RunOptions) => {
      await runTriage(files, options, io)
    })
}
