import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { compareRisk, createOrderSheet, ORDER_SHEET_COLUMNS } from '../../src/output/order-sheet.js'
import type { OrderRisk, Priority } from '../../src/types.js'

const dir = mkdtempSync(join(tmpdir(), 'order-sheet-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const leftovers = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'))

function risk(key: string, priority: Priority, dispute: number, ret: number, wait: number | null, message = 'hello'): OrderRisk {
  return {
    key,
    order_id: key.startsWith('order:') ? key.slice(6) : '',
    conversation_ids: [`c-${key}`, 'c-2'],
    source: 'amazon',
    marketplace: 'amazon.de',
    buyer_messages: 2,
    last_buyer_message_at: '2026-11-20T10:00:00.000Z',
    hours_unanswered: wait,
    first_response_hours: null,
    dispute_score: dispute,
    dispute_risk: dispute >= 60 ? 'high' : dispute > 0 ? 'low' : 'none',
    return_score: ret,
    return_risk: ret >= 60 ? 'high' : ret > 0 ? 'low' : 'none',
    priority,
    top_intents: ['order/status'],
    reasons: [],
    suggested_action: 'act',
    last_buyer_message: message
  }
}

// Ties on every number, so the key decides; text with quotes, commas, line breaks and letters
// that take several bytes in UTF-8, so that the spooled rows' byte offsets are tested.
const rows: OrderRisk[] = [
  risk('order:B-2', 'P4', 0, 0, null, 'plain'),
  risk('order:A-1', 'P4', 0, 0, null, 'a "quoted", comma'),
  risk('conversation:x', 'P2', 40, 70, 3, 'ยังไม่ได้รับของ\nค่ะ'),
  risk('order:C-3', 'P1', 90, 10, 30, '商品が届きません'),
  risk('order:D-4', 'P1', 90, 10, 50, 'Wo bleibt meine Bestellung? ÄÖÜ'),
  risk('order:E-5', 'P3', 10, 30, null, '=formula'),
  risk('order:a-1', 'P4', 0, 0, null, 'lower-case key')
]

/** The documented order, written out: priority, the higher score, the dispute score, the longer wait, the key. */
function documentedOrder(a: OrderRisk, b: OrderRisk): number {
  return (
    a.priority.localeCompare(b.priority) ||
    Math.max(b.dispute_score, b.return_score) - Math.max(a.dispute_score, a.return_score) ||
    b.dispute_score - a.dispute_score ||
    (b.hours_unanswered ?? -1) - (a.hours_unanswered ?? -1) ||
    a.key.localeCompare(b.key)
  )
}

test('compareRisk is the documented order', () => {
  const pairs = rows.flatMap((a) => rows.map((b) => [a, b] as const))
  expect(pairs.map(([a, b]) => Math.sign(compareRisk(a, b)))).toEqual(pairs.map(([a, b]) => Math.sign(documentedOrder(a, b))))
})

describe('createOrderSheet', () => {
  test.each([{ excel: false }, { excel: true }])('writes the rows in compareRisk order, whole (excel $excel)', async ({ excel }) => {
    const file = join(dir, `orders-${excel}.csv`)
    const sheet = await createOrderSheet(file, { excel })
    for (const row of rows) await sheet.add(row)
    await sheet.commit()
    const text = readFileSync(file, 'utf8')
    const records = parse(text, { bom: true }) as string[][]
    expect(records[0]).toEqual(ORDER_SHEET_COLUMNS)
    const expected = [...rows].sort(documentedOrder)
    expect(records.slice(1).map((record) => [record[0], record[15]])).toEqual(
      expected.map((row) => [row.order_id, excel && row.last_buyer_message.startsWith('=') ? `'${row.last_buyer_message}` : row.last_buyer_message])
    )
    expect(leftovers()).toEqual([])
  })

  test('an empty sheet has its header only', async () => {
    const file = join(dir, 'empty.csv')
    const sheet = await createOrderSheet(file, { excel: false })
    await sheet.commit()
    expect(readFileSync(file, 'utf8')).toBe(`${ORDER_SHEET_COLUMNS.join(',')}\n`)
  })

  test('abort writes nothing and leaves no temporary file', async () => {
    const file = join(dir, 'aborted.csv')
    const sheet = await createOrderSheet(file, { excel: false })
    await sheet.add(rows[0]!)
    await sheet.abort()
    await sheet.abort()
    expect({ written: existsSync(file), leftovers: leftovers() }).toEqual({ written: false, leftovers: [] })
  })
})
