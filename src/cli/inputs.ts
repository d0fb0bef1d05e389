// Opening input exports and turning their rows into normalised messages: shared by `run`,
// `explain --file` and `summarize`.
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { createNormalizer, type Normalizer } from '../input/normalize.js'
import type { OrderBook } from '../input/orders.js'
import { bindProfile, detectProfile, findProfile, loadProfile, type Profile } from '../input/profiles.js'
import { scanLatestTime } from '../input/latest-time.js'
import { openTable, type ReadTableOptions, type Table, type TableReject } from '../input/read-table.js'
import { parseTimestamp } from '../input/timestamp.js'
import type { Message } from '../types.js'
import type { CliIo } from './io.js'

export interface InputOptions {
  source?: string
  profile?: string
  map: string[]
  encoding?: string
  delimiter?: string
  strict?: boolean
}

export interface OpenedInput {
  table: Table
  profile: Profile
  mapping: Record<string, string>
  /** The file's absolute path; undefined for stdin. */
  path?: string
}

export function parseMap(pairs: string[]): Record<string, string> {
  const mapping: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--map ${pair}: expected field=Column, e.g. --map text=Message`)
    mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim()
  }
  return mapping
}

/** Opens every input (headers only) and picks its profile, so that a bad header fails before any work. */
export async function openInputs(files: string[], options: InputOptions, io: CliIo, profiles: Profile[]): Promise<OpenedInput[]> {
  const mapping = parseMap(options.map)
  const forced = options.profile ? loadProfile(resolve(io.cwd, options.profile)) : options.source ? findProfile(options.source, profiles) : undefined
  const opened: OpenedInput[] = []
  for (const file of files) {
    const shown = file === '-' ? '<stdin>' : file
    const readOptions: ReadTableOptions = { encoding: options.encoding, delimiter: options.delimiter, strict: options.strict, label: shown }
    const path = file === '-' ? undefined : resolve(io.cwd, file)
    const table = await openTable(path ?? '-', readOptions, io.stdin)
    const bound = forced ? bindProfile(forced, table.header, mapping) : detectProfile(table.header, shown, profiles, mapping)
    if (bound.columns.text === undefined) {
      throw new UsageError(`${shown}: profile "${bound.profile.name}" finds no text column. Use --map text=Column.`)
    }
    opened.push({ table, profile: bound.profile, mapping, path })
  }
  return opened
}

/**
 * The latest message time of all the inputs, by a quick pass over their bytes before the real
 * read (`scanLatestTime`): what waiting clocks count to when no --now is given. Undefined when an
 * input cannot be read twice (stdin, a pipe) or so (UTF-16): then each group counts to the latest
 * time read when it finishes, which in a file longer than the window is earlier than the last.
 */
export async function latestInputTime(inputs: OpenedInput[]): Promise<string | undefined> {
  let latest = ''
  for (const { table, profile, mapping, path } of inputs) {
    if (!path) return undefined
    const column = bindProfile(profile, table.header, mapping).columns.created_at
    if (column === undefined) continue
    const format = profile.timestamp?.format ?? 'auto'
    const zone = profile.timestamp?.zone ?? 'UTC'
    const time = await scanLatestTime({
      path,
      encoding: table.encoding,
      delimiter: table.delimiter,
      column,
      parse: (cell) => parseTimestamp(cell, format, zone)?.iso
    })
    if (time === undefined) return undefined
    if (time > latest) latest = time
  }
  return latest || undefined
}

export interface ReadHooks {
  orderBook?: OrderBook
  onReject?(file: string, reject: TableReject): void | Promise<void>
  onRow?(): void
  /** After each input: its row count and the normaliser's counts (for warnings). */
  onInputDone?(input: OpenedInput, rows: number, normalizer: Normalizer): void
}

/** Copies the joined order state onto a message. */
export function joinOrderState(message: Message, book: OrderBook | undefined): void {
  if (!book || !message.order_id || message.order_id_suspect) return
  const state = book.join(message.order_id)
  if (!state) return
  message.order_status = state.order_status
  message.delivery_status = state.delivery_status
  message.return_status = state.return_status
  message.claim_status = state.claim_status
  message.delivered_at = state.delivered_at
}

/** Every row of every input as a message, in input order; rejects go to the hook. */
export async function* readMessages(inputs: OpenedInput[], hooks: ReadHooks = {}): AsyncGenerator<Message> {
  let seq = 0
  for (let t = 0; t < inputs.length; t++) {
    const input = inputs[t]!
    const { table, profile, mapping } = input
    const normalizer = createNormalizer(bindProfile(profile, table.header, mapping), table.file)
    let rows = 0
    for await (const record of table.records) {
      hooks.onRow?.()
      if (record.kind === 'reject') {
        await hooks.onReject?.(table.file, record)
        continue
      }
      rows++
      const message = normalizer.normalize(record.cells, record.line, seq++)
      message.input_cells = record.cells
      message.input_table = t
      joinOrderState(message, hooks.orderBook)
      yield message
    }
    hooks.onInputDone?.(input, rows, normalizer)
  }
}
