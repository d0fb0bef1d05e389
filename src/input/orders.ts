// Order files: order, delivery and return state joined to messages by order id.
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { profilesDir } from '../data/paths.js'
import { readYamlFile } from '../data/yaml-file.js'
import { InputError } from '../errors.js'
import { isSpreadsheetDamagedId } from './order-id.js'
import { headerKey } from './profiles.js'
import { openTable, type ReadTableOptions } from './read-table.js'
import { parseTimestamp } from './timestamp.js'

interface Derived {
  from: string[]
  rules?: Array<{ state: string; contains: string[] }>
  cancelled_when?: string[]
  none_when?: string[]
}

export interface OrderProfile {
  name: string
  description?: string
  key: string[]
  fields: Record<string, string[]>
  detect: { signature: string[] }
  order_status?: Derived
  delivery?: Derived
  return?: Derived
  claim?: Derived
  delivered_at_from?: string
}

export interface OrderState {
  order_id: string
  order_status?: string
  delivery_status?: string
  return_status?: string
  /** A-to-z claim or similar marketplace claim already filed. */
  claim_status?: string
  delivered_at?: string
  /** Which order files said something about this order, as indexes into `OrderBook.files`. */
  files: number[]
}

export interface OrderFileStats {
  file: string
  profile: string
  rows: number
  encoding: string
  /** The column the order ids were read from, as the file names it. */
  keyColumn: string
  /** Distinct order ids in the file. */
  orderIds: number
  /** Messages joined to one of its orders so far (see `OrderBook.join`). */
  joined: number
}

export interface OrderBook {
  get(orderId: string): OrderState | undefined
  /** `get` for a message: counts the join on each file that has the order, and the look-up. */
  join(orderId: string): OrderState | undefined
  readonly size: number
  /** Rows that could not be used (no key, a damaged key): reported, never joined. */
  readonly skipped: Array<{ file: string; line: number; reason: string }>
  readonly files: OrderFileStats[]
  /** Messages with an order id that `join` looked up. */
  readonly lookups: number
}

/** The join key: case and a leading `#` do not matter (`#1001` = `1001`). */
export function orderKey(id: string): string {
  return id.trim().replace(/^#/, '').toUpperCase()
}

let builtins: OrderProfile[] | undefined

export function orderProfiles(): OrderProfile[] {
  if (!builtins) {
    const dir = join(profilesDir, 'orders')
    builtins = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => readYamlFile<OrderProfile>(join(dir, name), 'order-profile.schema.json'))
  }
  return builtins
}

interface BoundOrderProfile {
  profile: OrderProfile
  key: number
  columns: Record<string, number>
}

function bindOrderProfile(profile: OrderProfile, header: string[]): BoundOrderProfile | undefined {
  const index = new Map<string, number>()
  header.forEach((name, i) => {
    if (!index.has(headerKey(name))) index.set(headerKey(name), i)
  })
  const find = (aliases: string[]): number | undefined => {
    for (const alias of aliases) {
      const at = index.get(headerKey(alias))
      if (at !== undefined) return at
    }
    return undefined
  }
  const key = find(profile.key)
  if (key === undefined) return undefined
  const columns: Record<string, number> = {}
  for (const [field, aliases] of Object.entries(profile.fields)) {
    const at = find(aliases)
    if (at !== undefined) columns[field] = at
  }
  for (const field of profile.detect.signature) {
    if (field !== 'key' && columns[field] === undefined) return undefined
  }
  return { profile, key, columns }
}

function derive(spec: Derived | undefined, cells: string[], columns: Record<string, number>): string | undefined {
  if (!spec) return undefined
  const values = spec.from.map((field) => (columns[field] === undefined ? '' : (cells[columns[field]!] ?? '').trim()))
  const present = (field: string): boolean => columns[field] !== undefined && (cells[columns[field]!] ?? '').trim() !== ''
  if (spec.none_when?.some(present)) return undefined
  if (spec.cancelled_when?.some(present)) return 'cancelled'
  if (!spec.rules) return values.find((value) => value !== '')
  const joined = values.join(' ').toLowerCase()
  for (const rule of spec.rules) {
    if (rule.contains.some((needle) => joined.includes(needle))) return rule.state
  }
  // With rules, a value none of them names says nothing (Shopify's "paid" is not a return).
  return undefined
}

/** Loads every order file; states for the same order merge, later files filling what earlier ones lacked. */
export async function loadOrderBook(paths: string[], options: ReadTableOptions & { cwd?: string } = {}): Promise<OrderBook> {
  const states = new Map<string, OrderState>()
  const skipped: OrderBook['skipped'] = []
  const files: OrderBook['files'] = []
  for (const path of paths) {
    const { cwd, ...readOptions } = options
    const table = await openTable(cwd ? resolve(cwd, path) : path, { ...readOptions, label: path })
    let bound: BoundOrderProfile | undefined
    for (const profile of orderProfiles()) {
      bound = bindOrderProfile(profile, table.header)
      if (bound) break
    }
    if (!bound) {
      throw new InputError(
        `${table.file}: not a known order file. Expected one of: ` +
          orderProfiles().map((p) => `${p.description ?? p.name} (key column ${p.key[0]})`).join('; ') + '.'
      )
    }
    const { profile, columns } = bound
    const fileIndex = files.length
    let orderIds = 0
    let rows = 0
    for await (const record of table.records) {
      if (record.kind === 'reject') {
        skipped.push({ file: table.file, line: record.line, reason: record.reason })
        continue
      }
      rows++
      const id = (record.cells[bound.key] ?? '').trim()
      // Shopify continuation rows (one per extra line item) leave the order columns blank.
      if (!id) continue
      if (isSpreadsheetDamagedId(id)) {
        skipped.push({ file: table.file, line: record.line, reason: `order id "${id}" was turned into a number by a spreadsheet` })
        continue
      }
      const key = orderKey(id)
      const state = states.get(key) ?? { order_id: id, files: [] }
      if (!state.files.includes(fileIndex)) {
        state.files.push(fileIndex)
        orderIds++
      }
      state.order_status ??= derive(profile.order_status, record.cells, columns) ?? derive({ from: ['order_status'] }, record.cells, columns)
      state.delivery_status ??= derive(profile.delivery, record.cells, columns)
      state.return_status ??= derive(profile.return, record.cells, columns)
      state.claim_status ??= derive(profile.claim, record.cells, columns)
      if (!state.delivered_at) {
        const field = profile.delivered_at_from ?? 'delivered_at'
        const raw = columns[field] === undefined ? '' : (record.cells[columns[field]!] ?? '')
        if (raw.trim() && state.delivery_status === 'delivered') state.delivered_at = parseTimestamp(raw)?.iso
      }
      states.set(key, state)
    }
    files.push({ file: table.file, profile: profile.name, rows, encoding: table.encoding, keyColumn: table.header[bound.key] ?? profile.key[0]!, orderIds, joined: 0 })
  }
  let lookups = 0
  return {
    get: (orderId) => states.get(orderKey(orderId)),
    join(orderId) {
      lookups++
      const state = states.get(orderKey(orderId))
      if (state) for (const index of state.files) files[index]!.joined++
      return state
    },
    get size() {
      return states.size
    },
    get lookups() {
      return lookups
    },
    skipped,
    files
  }
}

/** A warning for each order file that joined no message: a wrong file or column is silent otherwise. */
export function unjoinedOrderFileWarnings(book: OrderBook): string[] {
  const warnings: string[] = []
  for (const stats of book.files) {
    if (stats.joined > 0) continue
    const column = `"${stats.keyColumn}"`
    if (stats.orderIds === 0) {
      warnings.push(`${stats.file}: has no order ids in its ${column} column, so it joined no message. Check that the column is filled and that this is the order export you meant.`)
    } else if (book.lookups === 0) {
      warnings.push(
        `${stats.file}: joined no message: it has ${stats.orderIds} order id(s), but no message has an order id. ` +
          "Check the messages' order id column, or name it with --map order_id=Column."
      )
    } else {
      warnings.push(
        `${stats.file}: joined no message: none of its ${stats.orderIds} order id(s) (column ${column}) is an order id of the messages. ` +
          'Check that this column holds the ids the messages use, and that the file is the export of the same marketplace (and dates) as the messages.'
      )
    }
  }
  return warnings
}
