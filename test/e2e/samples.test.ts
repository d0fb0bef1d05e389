// End to end: the built binary on the bundled samples, as a new user runs it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { packageRoot } from '../../src/data/paths.js'
import { loadRiskModel } from '../../src/stages/risk.js'
import { findRow, readExpected, readSheet, scoreKind } from '../helpers/expected.js'

const bin = join(packageRoot, 'bin/inbox-triage.js')
const samples = join(packageRoot, 'samples')
const expected = readExpected(join(samples, 'expected.json'))
const out = mkdtempSync(join(tmpdir(), 'inbox-triage-e2e-'))
const NOW = '2026-11-23T09:00:00Z'
const model = loadRiskModel(join(packageRoot, 'rules/risk.yaml'))
const APPENDED = ['lang', 'intent', 'intents', 'sentiment', 'sentiment_score', 'urgency', 'dispute_risk', 'return_risk', 'priority', 'reasons']

const exports = [
  { name: 'amazon', orders: ['amazon-orders.txt', 'amazon-returns.txt'], id: 'Message ID' },
  { name: 'shopee', orders: ['shopee-orders.csv'], id: 'message_id' },
  { name: 'shopify', orders: ['shopify-orders.csv'], id: 'Message ID' }
]

function triage(name: string, orders: string[]): { rows: Array<Record<string, string>>; input: Array<Record<string, string>> } {
  const args = [bin, 'run', join(samples, `${name}.csv`), '--now', NOW, '--orders-out', join(out, `${name}-orders.csv`), '--summary-out', join(out, `${name}-summary.json`), '--no-summary']
  for (const file of orders) args.push('--orders', join(samples, file))
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return {
    rows: parse(stdout, { columns: true }) as Array<Record<string, string>>,
    input: parse(readFileSync(join(samples, `${name}.csv`)), { columns: true, bom: true }) as Array<Record<string, string>>
  }
}

describe.each(exports)('inbox-triage run samples/$name.csv', ({ name, orders, id }) => {
  const { rows, input } = triage(name, orders)
  const sheet = readSheet(join(out, `${name}-orders.csv`))
  const mine = expected.filter((order) => order.source === name)

  it('writes one row per input row, in input order, with its columns untouched and the triage columns appended', () => {
    expect(rows).toHaveLength(input.length)
    expect(Object.keys(rows[0]!)).toEqual([...Object.keys(input[0]!), ...APPENDED])
    rows.forEach((row, i) => {
      for (const [column, value] of Object.entries(input[i]!)) expect(row[column]).toBe(value)
    })
  })

  it('has one order-sheet row per order or orderless conversation, with scores, levels and reasons', () => {
    for (const order of mine) expect(findRow(sheet, order)).toBeDefined()
    for (const row of sheet) {
      expect(['none', 'low', 'medium', 'high']).toContain(row.dispute_risk)
      expect(Number(row.dispute_score)).toBeGreaterThanOrEqual(0)
      if (row.dispute_risk !== 'none' || row.return_risk !== 'none') expect(row.reasons).not.toBe('')
    }
  })

  it('detects the language of every buyer message', () => {
    const byId = new Map(rows.map((row) => [row[id], row.lang]))
    const wrong = mine.flatMap((order) => order.buyer_messages.filter((m) => byId.get(m.message_id) !== m.lang).map((m) => `${m.message_id}: ${byId.get(m.message_id)} ≠ ${m.lang}`))
    expect(wrong).toEqual([])
  })

  it('leaves calm conversations unflagged', () => {
    const flagged = mine
      .filter((order) => order.calm)
      .map((order) => ({ scenario: order.scenario, row: findRow(sheet, order) }))
      .filter(({ row }) => row && (['medium', 'high'].includes(row.dispute_risk) || ['medium', 'high'].includes(row.return_risk)))
      .map(({ scenario, row }) => `${scenario}: ${row!.dispute_risk}/${row!.return_risk} ${row!.reasons}`)
    expect(flagged).toEqual([])
  })
})

describe('risk on all samples', () => {
  const sheets = exports.flatMap(({ name }) => readSheet(join(out, `${name}-orders.csv`)))
  const table = (['dispute_risk', 'return_risk'] as const).map((kind) => ({ kind, ...scoreKind(expected, sheets, kind) }))

  it.each(table)('flags $kind medium/high with precision and recall ≥ 0.85', (score) => {
    expect(score.precision).toBeGreaterThanOrEqual(0.85)
    expect(score.recall).toBeGreaterThanOrEqual(0.85)
  })

  it('gives the designed reason for every order flagged high', () => {
    const missing: string[] = []
    for (const order of expected) {
      const row = findRow(sheets, order)
      if (!row || (row.dispute_risk !== 'high' && row.return_risk !== 'high')) continue
      if (!order.signals.some((signal) => signalFired(row.reasons, signal))) missing.push(`${order.scenario}: ${row.reasons}`)
    }
    expect(missing).toEqual([])
  })
})

/** The sheet shows a signal as its reason text: the risk model's template, placeholders filled. */
function signalFired(reasons: string, signal: string): boolean {
  const template = model.signals.find((s) => s.id === signal)?.reason
  if (!template) return false
  const pattern = template.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('.*')
  return new RegExp(pattern).test(reasons)
}
