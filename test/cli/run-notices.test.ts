// What `run` tells the user about its inputs beside the rows: the dialect each file was read
// with, order files that join nothing, and a --now that makes waiting clocks meaningless.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Summary } from '../../src/summary/model.js'
import { cli, tempDir } from '../helpers/cli.js'

const AMAZON_HEADER = ['Message ID', 'Thread ID', 'Order ID', 'Marketplace', 'Sender Role', 'Sender Name', 'Subject', 'Body', 'Date']
const AMAZON_ROWS = [
  ['m1', 't1', '111-1111111-1111111', 'amazon.com', 'Buyer', 'Ana', 'Order inquiry', 'where is my order?', '2026-05-08T09:00:00Z'],
  ['m2', 't2', '222-2222222-2222222', 'amazon.com', 'Buyer', 'Bo', 'Order inquiry', 'it arrived broken and I want a refund', '2026-05-09T18:30:00Z']
]
const amazon = (delimiter = ','): string => [AMAZON_HEADER, ...AMAZON_ROWS].map((row) => row.join(delimiter)).join('\n') + '\n'
const ordersFile = (...ids: string[]): string =>
  'amazon-order-id\tpurchase-date\torder-status\titem-status\tsales-channel\n' + ids.map((id) => `${id}\t2026-05-01\tShipped - Delivered to Buyer\tShipped\tAmazon.com\n`).join('')
const LATEST = '2026-05-09T18:30:00.000Z'

async function summaryOf(dir: string): Promise<Summary> {
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary
}

describe('the summary states the delimiter of each input', () => {
  test.each([
    { name: 'comma', text: amazon(','), expected: 'comma' },
    { name: 'semicolon', text: amazon(';'), expected: 'semicolon' },
    { name: 'tab', text: amazon('\t'), expected: 'tab' },
    { name: 'pipe', text: amazon('|'), expected: 'pipe' },
    { name: "Excel's sep= line", text: `sep=;\n${amazon(';')}`, expected: 'semicolon' }
  ])('$name', async ({ text, expected }) => {
    const dir = tempDir({ 'in.csv': text })
    const result = await cli(['run', 'in.csv', '-o', 'out.csv', '--summary-out', 'summary.json'], { cwd: dir })
    expect(result.code).toBe(0)
    expect((await summaryOf(dir)).inputs).toEqual([{ file: 'in.csv', source: 'amazon', encoding: 'utf-8', delimiter: expected, rows: 2 }])
    expect(result.stderr).toContain(`in.csv: amazon, utf-8, ${expected}-separated, 2 rows`)
  })

  test('--delimiter forces it, and the summary says so', async () => {
    const dir = tempDir({ 'in.csv': amazon(';') })
    await cli(['run', 'in.csv', '--delimiter', ';', '-o', 'out.csv', '--summary-out', 'summary.json', '--no-summary'], { cwd: dir })
    expect((await summaryOf(dir)).inputs[0]?.delimiter).toBe('semicolon')
  })
})

describe('an order file that joins no message', () => {
  const warned = /joined no message/
  test.each<{ name: string; orders: Record<string, string>; expected: RegExp[] }>([
    { name: 'ids in common: no warning', orders: { 'orders.txt': ordersFile('111-1111111-1111111', '999-9999999-9999999') }, expected: [] },
    {
      name: 'no id in common: the file, its id count and column, and what to check',
      orders: { 'orders.txt': ordersFile('333-3333333-3333333', '444-4444444-4444444', '555-5555555-5555555') },
      expected: [/orders\.txt: joined no message: none of its 3 order id\(s\) \(column "amazon-order-id"\) is an order id of the messages\. Check .*column .*same marketplace/]
    },
    {
      name: 'of two files, only the one that joins nothing',
      orders: { 'orders.txt': ordersFile('111-1111111-1111111'), 'other.txt': ordersFile('333-3333333-3333333') },
      expected: [/other\.txt: joined no message: none of its 1 order id\(s\)/]
    }
  ])('$name', async ({ orders, expected }) => {
    const dir = tempDir({ 'in.csv': amazon(), ...orders })
    const args = ['run', 'in.csv', '-o', 'out.csv', '--no-summary', '--summary-out', 'summary.json']
    for (const file of Object.keys(orders)) args.push('--orders', file)
    const result = await cli(args, { cwd: dir })
    expect(result.code).toBe(0)
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: ') && warned.test(line))
    expect(warnings).toHaveLength(expected.length)
    expected.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern))
    expect((await summaryOf(dir)).warnings.filter((warning) => warned.test(warning))).toHaveLength(expected.length)
  })

  test('messages without order ids: says so, and how to map the column', async () => {
    const dir = tempDir({ 'in.csv': 'id,text\n1,where is my order\n', 'orders.txt': ordersFile('111-1111111-1111111') })
    const result = await cli(['run', 'in.csv', '--orders', 'orders.txt', '-o', 'out.csv', '--no-summary'], { cwd: dir })
    expect(result.stderr).toMatch(/orders\.txt: joined no message: it has 1 order id\(s\), but no message has an order id\. .*--map order_id=Column/)
  })
})

describe('--now earlier than the latest message', () => {
  const early = /--now .* is earlier than the latest message read/
  test.each([
    { name: 'before every message', now: '2026-01-01T00:00:00Z', warns: true },
    { name: 'between the messages', now: '2026-05-09T00:00:00Z', warns: true },
    { name: 'at the latest message', now: LATEST, warns: false },
    { name: 'after it', now: '2026-05-12T09:00:00Z', warns: false },
    { name: 'not given', now: undefined, warns: false }
  ])('$name: warns $warns, and no wait is negative', async ({ now, warns }) => {
    const dir = tempDir({ 'in.csv': amazon() })
    const args = ['run', 'in.csv', '-o', 'out.csv', '--orders-out', 'orders.csv', '--summary-out', 'summary.json']
    if (now) args.push('--now', now)
    const result = await cli(args, { cwd: dir })
    expect(result.code).toBe(0)
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('warning: ') && early.test(line))
    expect(lines).toHaveLength(warns ? 1 : 0)
    if (warns) {
      expect(lines[0]).toContain(new Date(now!).toISOString())
      expect(lines[0]).toContain(LATEST)
      expect(lines[0]).toContain('waiting clocks are counted from --now')
    }
    const summary = await summaryOf(dir)
    expect(summary.warnings.some((warning) => early.test(warning))).toBe(warns)
    const waits = [...summary.top_dispute, ...summary.top_return, ...summary.unanswered.longest].map((line) => line.hours_unanswered ?? 0)
    const sheet = parse(readFileSync(join(dir, 'orders.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>
    for (const row of sheet) if (row.hours_unanswered !== '') waits.push(Number(row.hours_unanswered))
    expect(waits.length).toBeGreaterThan(0)
    expect(waits.filter((hours) => !(hours >= 0))).toEqual([])
    expect(result.stderr).not.toMatch(/waiting -|(^|\s)-\d+(\.\d+)?h\b/m)
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).not.toMatch(/waiting -\d|-\d+ (hours|days)/)
  })
})
