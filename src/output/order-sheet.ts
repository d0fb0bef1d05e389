// The order-risk sheet: one row per order (or orderless conversation), highest risk first.
import type { OrderRisk } from '../types.js'
import { formatReason } from './annotate.js'
import { once } from 'node:events'
import { closeSync, openSync, readSync } from 'node:fs'
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

/** Priority first, then the higher of the two scores, then the longer wait. */
export function compareRisk(a: OrderRisk, b: OrderRisk): number {
  return (
    a.priority.localeCompare(b.priority) ||
    Math.max(b.dispute_score, b.return_score) - Math.max(a.dispute_score, a.return_score) ||
    b.dispute_score - a.dispute_score ||
    (b.hours_unanswered ?? -1) - (a.hours_unanswered ?? -1) ||
    a.key.localeCompare(b.key)
  )
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
 * chunk of the input they had text from (1.45 GB of memory at 1,000,000 messages).
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
    spool = await createAtomicWriter(`${file}.rows`, { inputs: options.inputs })
  } catch (error) {
    await target.abort()
    throw error
  }
  const record = csvRecord({ excel: options.excel })
  // What `compareRisk` reads, one entry per row; the row itself is `length` bytes at `offset`.
  const priority: number[] = []
  const best: number[] = []
  const dispute: number[] = []
  const hours: number[] = []
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
      priority.push(PRIORITY_RANK[risk.priority] ?? 9)
      best.push(Math.max(risk.dispute_score, risk.return_score))
      dispute.push(risk.dispute_score)
      hours.push(risk.hours_unanswered ?? -1)
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
        const collator = new Intl.Collator()
        const order = Array.from({ length: offsets.length }, (_, i) => i).sort(
          (a, b) =>
            priority[a]! - priority[b]! ||
            best[b]! - best[a]! ||
            dispute[b]! - dispute[a]! ||
            hours[b]! - hours[a]! ||
            collator.compare(keys[a]!, keys[b]!)
        )
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

/** `compareRisk`'s order of priorities, as numbers. */
const PRIORITY_RANK: Readonly<Record<string, number>> = { P1: 1, P2: 2, P3: 3, P4: 4 }
