// The order-risk sheet: one row per order (or orderless conversation), highest risk first.
import { once } from 'node:events'
import { closeSync, openSync, readSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { OrderRisk } from '../types.js'
import { formatReason } from './annotate.js'
import { createAtomicWriter, type AtomicWriter } from './atomic-write.js'
import { createCsvWriter, csvRecord } from './table-writer.js'

export const ORDER_SHEET_COLUMNS = [
  'order_id',
  'conversation_ids',
  'source',
  'marketplace',
  'buyer_messages',
  'last_buyer_message_at',
  'hours_unanswered',
  'dispute_score',
  'dispute_risk',
  'return_score',
  'return_risk',
  'priority',
  'top_intents',
  'reasons',
  'suggested_action',
  'last_buyer_message'
]

/** `Priority` as a number: P1 first. */
const PRIORITY_RANK: Readonly<Record<string, number>> = { P1: 1, P2: 2, P3: 3, P4: 4 }

/** Numbers of the sheet's order, all ascending: priority, the higher of the two scores, the dispute score, the longer wait. */
const RANKS = 4

function writeRanks(risk: OrderRisk, ranks: Float64Array, at: number): void {
  ranks[at] = PRIORITY_RANK[risk.priority] ?? 9
  ranks[at + 1] = -Math.max(risk.dispute_score, risk.return_score)
  ranks[at + 2] = -risk.dispute_score
  ranks[at + 3] = -(risk.hours_unanswered ?? -1)
}

/** Rows `a` and `b` of `ranks`, then their keys: the sheet's order. */
function compareRanks(ranks: Float64Array, a: number, b: number): number {
  for (let k = 0; k < RANKS; k++) {
    const d = ranks[a * RANKS + k]! - ranks[b * RANKS + k]!
    if (d !== 0) return d
  }
  return 0
}

const collator = new Intl.Collator()

/** Priority first, then the higher of the two scores, then the dispute score, then the longer wait, then the key. */
export function compareRisk(a: OrderRisk, b: OrderRisk): number {
  const ranks = new Float64Array(2 * RANKS)
  writeRanks(a, ranks, 0)
  writeRanks(b, ranks, RANKS)
  return compareRanks(ranks, 0, 1) || collator.compare(a.key, b.key)
}

export function orderSheetCells(risk: OrderRisk): string[] {
  return [
    risk.order_id,
    risk.conversation_ids.join('; '),
    risk.source,
    risk.marketplace,
    String(risk.buyer_messages),
    risk.last_buyer_message_at,
    risk.hours_unanswered === null ? '' : String(risk.hours_unanswered),
    String(risk.dispute_score),
    risk.dispute_risk,
    String(risk.return_score),
    risk.return_risk,
    risk.priority,
    risk.top_intents.join('; '),
    risk.reasons.map(formatReason).join('; '),
    risk.suggested_action,
    risk.last_buyer_message
  ]
}

/** Bytes of spooled rows collected before they are written to the spool file. */
const SPOOL_BLOCK = 1 << 16

/**
 * The order sheet of a run, written once every order is scored. The rows wait on disk, in a
 * temporary file beside the sheet, and memory keeps only what sorting them needs: a sheet of a
 * million-message export has hundreds of thousands of rows, and held as objects they kept every
 * chunk of the input they had text from (1.4 GB of memory at 1,000,000 messages).
 */
export interface OrderSheet {
  add(risk: OrderRisk): void | Promise<void>
  /** Sorts the rows (`compareRisk`), writes the sheet and removes the spooled rows. */
  commit(): Promise<void>
  /** Removes the spooled rows; the sheet is not written. Safe to call after commit. */
  abort(): Promise<void>
}

export async function createOrderSheet(file: string, options: { excel: boolean; inputs?: string[] }): Promise<OrderSheet> {
  const target = await createAtomicWriter(file, { inputs: options.inputs })
  let spool: AtomicWriter
  try {
    // Beside the sheet, unless the sheet is a device or a pipe: then in the temporary folder.
    spool = await createAtomicWriter(target.direct ? join(tmpdir(), `inbox-triage-${basename(file)}.rows`) : `${file}.rows`, { inputs: options.inputs })
  } catch (error) {
    await target.abort()
    throw error
  }
  const record = csvRecord({ excel: options.excel })
  // What the order reads, per row (`writeRanks`, and the key); the row itself is `length` bytes at `offset`.
  let ranks = new Float64Array(1024 * RANKS)
  const keys: string[] = []
  const offsets: number[] = []
  const lengths: number[] = []
  let written = 0
  let block: Buffer[] = []
  let blockBytes = 0

  async function flush(): Promise<void> {
    if (blockBytes === 0) return
    const data = Buffer.concat(block, blockBytes)
    block = []
    blockBytes = 0
    if (!spool.stream.write(data)) await once(spool.stream as NodeJS.EventEmitter, 'drain')
  }

  async function abort(): Promise<void> {
    await spool.abort()
    await target.abort()
  }

  return {
    add(risk) {
      const bytes = Buffer.from(record(orderSheetCells(risk)))
      const row = keys.length
      if ((row + 1) * RANKS > ranks.length) {
        const grown = new Float64Array(ranks.length * 2)
        grown.set(ranks)
        ranks = grown
      }
      writeRanks(risk, ranks, row * RANKS)
      // A copy: the key may be built on a slice of an input chunk, which would stay with it.
      keys.push(Buffer.from(risk.key).toString())
      offsets.push(written)
      lengths.push(bytes.length)
      written += bytes.length
      block.push(bytes)
      blockBytes += bytes.length
      if (blockBytes >= SPOOL_BLOCK) return flush()
    },
    async commit() {
      try {
        await flush()
        await new Promise<void>((resolve, reject) => {
          spool.stream.once('error', reject)
          spool.stream.end(resolve)
        })
        const order = Array.from({ length: offsets.length }, (_, i) => i).sort((a, b) => compareRanks(ranks, a, b) || collator.compare(keys[a]!, keys[b]!))
        const writer = createCsvWriter(target.stream, ORDER_SHEET_COLUMNS, { excel: options.excel })
        // Read back synchronously: a row is a few hundred bytes, and an asynchronous read per row
        // cost more than the rest of the sheet.
        const rows = openSync(spool.temp, 'r')
        try {
          let buffer = Buffer.alloc(1 << 12)
          for (const i of order) {
            const length = lengths[i]!
            if (length > buffer.length) buffer = Buffer.alloc(length * 2)
            readSync(rows, buffer, 0, length, offsets[i]!)
            const pending = writer.writeRecord(buffer.toString('utf8', 0, length))
            if (pending) await pending
          }
        } finally {
          closeSync(rows)
        }
        await writer.end()
        await target.commit()
      } finally {
        await abort()
      }
    },
    abort
  }
}
