import { PassThrough } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { createCsvWriter } from '../../src/output/table-writer.js'

async function write(rows: string[][], excel: boolean): Promise<string> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const writer = createCsvWriter(out, ['a', 'b'], { excel })
  for (const row of rows) await writer.write(row)
  await writer.end()
  return Buffer.concat(chunks).toString('utf8')
}

describe('createCsvWriter', () => {
  const cases = [
    { name: 'a line feed inside a cell, spreadsheet-safe', rows: [['line one\nline two', 'x']], excel: true },
    { name: 'a carriage return inside a cell, plain', rows: [['a\rb', 'x']], excel: false },
    { name: 'quotes and delimiters', rows: [['say "hi", ok', '=1+1']], excel: false }
  ]
  it.each(cases)('round-trips $name', async ({ rows, excel }) => {
    const text = await write(rows, excel)
    const parsed = parse(text, { bom: true, relax_column_count: false }) as string[][]
    expect(parsed).toHaveLength(rows.length + 1)
    if (!excel) expect(parsed.slice(1)).toEqual(rows)
    else expect(parsed[1]![0]).toBe(rows[0]![0])
  })

  it('ends spreadsheet-safe output with CRLF records and a BOM', async () => {
    const text = await write([['x', 'y']], true)
    expect(text.startsWith('\uFEFFa,b\r\n')).toBe(true)
  })
})
