// The order-risk sheet: one row per order (or orderless conversation), highest risk first.
import type { OrderRisk } from '../types.js'
import { formatReason } from './annotate.js'
import { createAtomicWriter } from './atomic-write.js'
import { createCsvWriter } from './table-writer.js'

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

export async function writeOrderSheet(file: string, rows: OrderRisk[], options: { excel: boolean; inputs?: string[] }): Promise<void> {
  const target = await createAtomicWriter(file, { inputs: options.inputs })
  try {
    const writer = createCsvWriter(target.stream, ORDER_SHEET_COLUMNS, { excel: options.excel })
    for (const row of [...rows].sort(compareRisk)) await writer.write(orderSheetCells(row))
    await writer.end()
    await target.commit()
  } catch (error) {
    await target.abort()
    throw error
  }
}
