// Property-based tests with a fixed seed: arbitrary bytes never crash the reader (only typed,
// user-facing errors), and any table written as CSV reads back row for row.
import { Readable } from 'node:stream'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { TriageError } from '../../src/errors.js'
import { openTable, type ReadTableOptions, type TableReject, type TableRow } from '../../src/input/read-table.js'

const SEED = 20261124

/** Feeds `bytes` as stdin in chunks cut at `cuts`, like a pipe would. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Buffer[] = []
  let from = 0
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point))
    from = point
  }
  return Readable.from(chunks)
}

async function readAll(bytes: Buffer, cuts: number[], options?: ReadTableOptions) {
  const table = await openTable('-', options, chunked(bytes, cuts))
  const records: Array<TableRow | TableReject> = []
  for await (const record of table.records) records.push(record)
  return { table, records }
}

describe('openTable on arbitrary input', () => {
  test('arbitrary bytes give records or a typed one-line error, never a crash', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.array(fc.constantFrom(',', ';', '\t', '"', '\n', '\r', 'a', 'é', '\u0000', '\uFEFF'), { maxLength: 200 }).map((p) => new TextEncoder().encode(p.join('')))
    )
    await fc.assert(
      fc.asyncProperty(bytes, fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), async (raw, cuts, strict) => {
        try {
          const { table, records } = await readAll(Buffer.from(raw), cuts, { strict })
          let last = 0
          for (const record of records) {
            expect(record.line).toBeGreaterThan(last)
            last = record.line
            if (record.kind === 'row') expect(record.cells).toHaveLength(table.header.length)
            else expect(record.excerpt.length).toBeLessThanOrEqual(80)
          }
        } catch (error) {
          expect(error).toBeInstanceOf(TriageError)
          expect((error as Error).message).not.toMatch(/\n/)
        }
      }),
      { seed: SEED, numRuns: 400 }
    )
  })

  const cell = fc
    .array(fc.oneof(fc.constantFrom('"', ',', ';', '\t', '|', '\n', '\r\n', ' ', '=', 'é', '你', '😀'), fc.string({ maxLength: 5 })), { maxLength: 6 })
    .map((parts) => parts.join(''))
  const table = fc.integer({ min: 1, max: 5 }).chain((columns) =>
    fc.record({
      header: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _]{0,10}$/), { minLength: columns, maxLength: columns }),
      rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 12 })
    })
  )
  const dialect = fc.record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    quoteAll: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be')
  })

  function write(rows: string[][], { delimiter, newline, quoteAll, encoding }: { delimiter: string; newline: string; quoteAll: boolean; encoding: string }): Buffer {
    const needsQuotes = (value: string) => value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value)
    const text = rows
      .map((row) => row.map((value) => (quoteAll || needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(delimiter))
      .join(newline) + newline
    if (encoding === 'utf-8') return Buffer.from(text)
    if (encoding === 'utf-8-bom') return Buffer.from('\uFEFF' + text)
    return iconv.encode(text, encoding, { addBOM: true })
  }

  test('any table written as CSV reads back row for row, with no rejects', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, fc.array(fc.nat(), { maxLength: 4 }), async ({ header, rows }, style, cuts) => {
        const bytes = write([header, ...rows], style)
        const { table: read, records } = await readAll(bytes, cuts, { delimiter: style.delimiter })
        // A one-column row whose value is blank is a blank line when written unquoted.
        const expected = rows.filter((row) => row.length > 1 || style.quoteAll || row[0].trim() !== '')
        expect({ header: read.header, encoding: read.encoding }).toEqual({ header: header.map((h) => h.trim()), encoding: style.encoding })
        expect(records.filter((r) => r.kind === 'reject')).toEqual([])
        expect(records.map((r) => (r as TableRow).cells)).toEqual(expected)
      }),
      { seed: SEED, numRuns: 300 }
    )
  })

  test('damaged rows are rejected one for one and every other row is kept: read = rows + rejects', async () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9 .!?é你]{0,8}$/)
    const damage = fc.constantFrom('drop-field', 'extra-field', 'nul', 'open-quote')
    const damagedTable = fc.integer({ min: 2, max: 5 }).chain((columns) =>
      fc.array(fc.record({ cells: fc.array(plain, { minLength: columns, maxLength: columns }), damage: fc.option(damage, { freq: 3 }) }), { minLength: 1, maxLength: 15 })
    )
    await fc.assert(
      fc.asyncProperty(damagedTable, fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), async (generated, delimiter, newline) => {
        // Two stray quotes pair up into one valid quoted value, so only the last one stays open.
        const lastOpen = generated.map((row) => row.damage).lastIndexOf('open-quote')
        const rows = generated.map((row, i) => (row.damage === 'open-quote' && i !== lastOpen ? { ...row, damage: 'drop-field' as const } : row))
        const columns = rows[0].cells.length
        const header = Array.from({ length: columns }, (_, i) => `c${i}`)
        const lines = rows.map(({ cells, damage }) => {
          if (damage === 'drop-field') return ['short', ...cells.slice(2)].join(delimiter)
          if (damage === 'extra-field') return [...cells, 'extra'].join(delimiter)
          if (damage === 'nul') return [...cells.slice(1), 'a\u0000b'].join(delimiter)
          if (damage === 'open-quote') return ['"' + cells[0], ...cells.slice(1)].join(delimiter)
          return cells.join(delimiter)
        })
        const text = [header.join(delimiter), ...lines].join(newline) + newline
        const { records } = await readAll(Buffer.from(text), [], { delimiter })
        const expectedRows = rows.flatMap(({ cells, damage }, i) => (damage === null ? [{ kind: 'row', line: i + 2, cells }] : []))
        const expectedRejects = rows.flatMap(({ damage }, i) => (damage === null ? [] : [i + 2]))
        expect(records.filter((r) => r.kind === 'row')).toEqual(expectedRows)
        expect(records.filter((r) => r.kind === 'reject').map((r) => r.line)).toEqual(expectedRejects)
        expect(records).toHaveLength(rows.length)
      }),
      { seed: SEED, numRuns: 300 }
    )
  })

  test('the delimiter is sniffed when values do not hold delimiters', async () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9 .!?é你]{1,12}$/)
    const plainTable = fc.integer({ min: 2, max: 6 }).chain((columns) =>
      fc.array(fc.array(plain, { minLength: columns, maxLength: columns }), { minLength: 2, maxLength: 10 })
    )
    await fc.assert(
      fc.asyncProperty(plainTable, dialect, async (rows, style) => {
        const { table: read } = await readAll(write(rows, style), [])
        expect(read.delimiter).toBe(style.delimiter)
      }),
      { seed: SEED, numRuns: 200 }
    )
  })
})
