// Scores an order-risk sheet against samples/expected.json: the levels a careful CS lead gave
// each scenario, and the signals each was designed to trigger.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'

export interface ExpectedOrder {
  source: string
  scenario: string
  order_id: string
  conversation_ids: string[]
  calm: boolean
  dispute_risk: string
  return_risk: string
  signals: string[]
  buyer_messages: Array<{ message_id: string; lang: string }>
}

export interface SheetRow {
  order_id: string
  conversation_ids: string
  dispute_risk: string
  return_risk: string
  reasons: string
  [column: string]: string
}

const FLAGGED = new Set(['medium', 'high'])

export function readExpected(file: string): ExpectedOrder[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { orders: ExpectedOrder[] }).orders
}

export function readSheet(file: string): SheetRow[] {
  return parse(readFileSync(file), { columns: true, bom: true }) as SheetRow[]
}

/** The sheet row of an expected order: by order id, else by a shared conversation id. */
export function findRow(rows: SheetRow[], order: ExpectedOrder): SheetRow | undefined {
  const key = (id: string): string => id.trim().replace(/^#/, '').toUpperCase()
  if (order.order_id) return rows.find((row) => key(row.order_id) === key(order.order_id))
  return rows.find((row) => row.conversation_ids.split('; ').some((id) => order.conversation_ids.includes(id)))
}

export interface KindScore {
  precision: number
  recall: number
  truePositives: number
  flagged: number
  expected: number
}

/** Precision and recall of "flagged medium or high", the measure. */
export function scoreKind(orders: ExpectedOrder[], rows: SheetRow[], kind: 'dispute_risk' | 'return_risk'): KindScore {
  let truePositives = 0
  let flagged = 0
  let expected = 0
  for (const order of orders) {
    const row = findRow(rows, order)
    const got = row ? FLAGGED.has(row[kind]) : false
    const want = FLAGGED.has(order[kind])
    if (got) flagged++
    if (want) expected++
    if (got && want) truePositives++
  }
  return {
    precision: flagged ? truePositives / flagged : 1,
    recall: expected ? truePositives / expected : 1,
    truePositives,
    flagged,
    expected
  }
}
