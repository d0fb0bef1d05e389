// `summarize` over the annotated outputs of parts equals the summary of one run over the whole.
import { describe, expect, jest, test } from '@jest/globals'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { Summary } from '../../src/summary/model.js'
import { cli, tempDir } from '../helpers/cli.js'

// Each case runs the CLI three or four times over the sample exports: about 5 s alone, but past
// Jest's 60 s default once on a CI machine busy with other suites.
jest.setTimeout(180_000)

const SAMPLES = join(process.cwd(), 'samples')
const NOW = ['--now', '2026-11-23T09:00:00Z']

/**
 * Writes the export whole and split in two at the conversation boundary nearest its middle;
 * `flat` folds line breaks inside cells to spaces.
 */
function splitAtConversation(file: string, conversationColumn: string, dir: string, flat: boolean): void {
  const rows = parse(readFileSync(join(SAMPLES, file), 'utf8'), { bom: true, relax_column_count: true }) as string[][]
  if (flat) for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = row[i]!.replace(/\r?\n/g, ' ')
  const [header, ...body] = rows as [string[], ...string[][]]
  const at = header.indexOf(conversationColumn)
  let mid = Math.floor(body.length / 2)
  while (mid < body.length && body[mid]![at] === body[mid - 1]![at]) mid++
  writeFileSync(join(dir, 'all.csv'), stringify([header, ...body]))
  writeFileSync(join(dir, 'part1.csv'), stringify([header, ...body.slice(0, mid)]))
  writeFileSync(join(dir, 'part2.csv'), stringify([header, ...body.slice(mid)]))
}

function read(dir: string, file: string): Summary {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Summary
}

/** The input list names the files read, which differ by construction; everything else must not. */
function comparable(summary: Summary): Omit<Summary, 'inputs'> {
  const { inputs: _inputs, ...rest } = summary
  return rest
}

/** Runs a command that must succeed without a word on stderr, but for lines matching `allowed`. */
async function ok(args: string[], cwd: string, allowed?: RegExp): Promise<void> {
  const result = await cli(args, { cwd })
  const stderr = result.stderr
    .split('\n')
    .filter((line) => !allowed?.test(line))
    .join('\n')
  // The whole stderr in the failure says why.
  expect({ code: result.code, stderr }).toEqual({ code: 0, stderr: '' })
}

// A part may hold none of an order file's orders (the two returns of amazon-returns.txt).
const UNJOINED = /^warning: [\w.-]+: joined no message: /

describe('summarize', () => {
  test.each([
    { name: 'amazon, CSV parts', export: 'amazon.csv', column: 'Thread ID', orders: ['amazon-orders.txt', 'amazon-returns.txt'], format: ['--raw'], ext: 'csv', flat: false },
    { name: 'shopee, NDJSON parts', export: 'shopee.csv', column: 'conversation_id', orders: ['shopee-orders.csv'], format: ['--format', 'ndjson'], ext: 'ndjson', flat: false },
    // Spreadsheet-safe CSV (BOM, `'-----` cells): one-line cells, see docs/REPORTS.md.
    { name: 'amazon, --excel CSV parts', export: 'amazon.csv', column: 'Thread ID', orders: ['amazon-orders.txt'], format: ['--excel'], ext: 'csv', flat: true }
  ])('$name: two halves summed equal the whole', async (c) => {
    const dir = tempDir()
    for (const file of c.orders) copyFileSync(join(SAMPLES, file), join(dir, file))
    splitAtConversation(c.export, c.column, dir, c.flat)
    const orders = c.orders.flatMap((file) => ['--orders', file])
    await ok(['run', 'all.csv', ...orders, ...NOW, ...c.format, '-o', `whole.${c.ext}`, '--summary-out', 'whole.json', '--no-summary'], dir)
    for (const part of ['part1', 'part2']) {
      await ok(['run', `${part}.csv`, ...orders, ...NOW, ...c.format, '-o', `${part}-triaged.${c.ext}`, '--no-summary'], dir, UNJOINED)
    }
    await ok(['summarize', `part1-triaged.${c.ext}`, `part2-triaged.${c.ext}`, ...NOW, '-o', 'merged.json', '--no-summary'], dir)

    const whole = read(dir, 'whole.json')
    const merged = read(dir, 'merged.json')
    if (c.format[0] === '--excel') expect(readFileSync(join(dir, 'part1-triaged.csv'), 'utf8')).toMatch(/,"?'-{5}/)
    // A sample that exercises nothing proves nothing.
    expect(whole.orders.dispute.high).toBeGreaterThan(0)
    expect(whole.first_response.conversations).toBeGreaterThan(5)
    expect(merged.inputs.map((input) => input.rows).reduce((a, b) => a + b, 0)).toBe(whole.rows.written)
    expect(comparable(merged)).toEqual(comparable(whole))
  })

  // Amazon rows without an order id, and Shopee's "conversation_id" beside Shopify's
  // "Conversation ID", once took rows for another source.
  test.each([
    { exports: ['amazon.csv', 'shopify.csv'], orders: ['shopify-orders.csv'] },
    { exports: ['amazon.csv', 'shopee.csv'], orders: [] },
    { exports: ['shopee.csv', 'shopify.csv'], orders: [] },
    { exports: ['amazon.csv', 'shopee.csv', 'shopify.csv'], orders: ['shopee-orders.csv'] }
  ])('one mixed-source CSV (union header) of $exports summarises as its run did', async (c) => {
    const dir = tempDir()
    for (const file of [...c.exports, ...c.orders]) copyFileSync(join(SAMPLES, file), join(dir, file))
    const orders = c.orders.flatMap((file) => ['--orders', file])
    await ok(['run', ...c.exports, ...orders, ...NOW, '--raw', '-o', 'out.csv', '--summary-out', 'run.json', '--no-summary'], dir)
    await ok(['summarize', 'out.csv', ...NOW, '-o', 'sum.json', '--no-summary'], dir)
    const run = read(dir, 'run.json')
    expect(Object.keys(run.sources)).toEqual(c.exports.map((file) => file.replace('.csv', '')))
    expect(comparable(read(dir, 'sum.json'))).toEqual(comparable(run))
  })

  test.each<{ name: string; files: Record<string, string>; args: string[]; code: number; message: RegExp }>([
    { name: 'an original export', files: { 'x.csv': 'Body,Date\nhello,2026-01-01\n' }, args: ['x.csv'], code: 2, message: /x\.csv: not an annotated output .*triage columns/ },
    { name: 'no file', files: {}, args: [], code: 2, message: /No annotated file/ },
    { name: 'a missing file', files: {}, args: ['gone.csv'], code: 2, message: /gone\.csv: cannot be read \(ENOENT\)/ },
    { name: 'stdin', files: {}, args: ['-'], code: 2, message: /not stdin/ },
    { name: 'an NDJSON line without input', files: { 'x.ndjson': '{"lang":"en"}\n' }, args: ['x.ndjson'], code: 0, message: /x\.ndjson:1: row skipped: no "input" object/ },
    { name: 'a bad --fail-on', files: {}, args: ['x.csv', '--fail-on', 'dispute:severe'], code: 2, message: /--fail-on dispute:severe: expected/ }
  ])('$name: exit $code, saying what and where', async ({ files, args, code, message }) => {
    const dir = tempDir(files)
    const result = await cli(['summarize', ...args], { cwd: dir })
    expect(result.code).toBe(code)
    expect(result.stderr).toMatch(message)
  })
})
