import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import type { TableReject } from '../../src/input/read-table.js'
import { createRejectsWriter, describeReject, writeRejects } from '../../src/output/rejects.js'

const reject = (line: number, raw: string, reason = 'has 1 field, the header has 2'): TableReject =>
  ({ kind: 'reject', line, reason, excerpt: raw.slice(0, 80), raw })

async function written(rejects: TableReject[], excel: boolean): Promise<string> {
  const stream = new PassThrough()
  const out = buffer(stream).then((bytes) => bytes.toString('utf8'))
  const count = await writeRejects(stream, 'in.csv', rejects, { excel })
  expect(count).toBe(rejects.length)
  return out
}

describe('writeRejects', () => {
  test.each([
    { name: 'no rejects: header only', rejects: [], excel: false, expected: 'file,line,reason,excerpt,raw\r\n' },
    {
      name: 'quotes, delimiters and line breaks are quoted',
      rejects: [reject(7, 'a,"b\nc')],
      excel: false,
      expected: 'file,line,reason,excerpt,raw\r\nin.csv,7,"has 1 field, the header has 2","a,""b\nc","a,""b\nc"\r\n'
    },
    {
      name: 'excel: BOM and neutralised formulas',
      rejects: [reject(3, '=cmd()', 'x')],
      excel: true,
      expected: '\uFEFFfile,line,reason,excerpt,raw\r\nin.csv,3,x,\'=cmd(),\'=cmd()\r\n'
    },
    { name: 'raw stays byte-faithful without excel', rejects: [reject(3, '=cmd()', 'x')], excel: false, expected: 'file,line,reason,excerpt,raw\r\nin.csv,3,x,=cmd(),=cmd()\r\n' }
  ])('$name', async ({ rejects, excel, expected }) => {
    expect(await written(rejects, excel)).toBe(expected)
  })

  test('one writer takes rejects of several files and counts them', async () => {
    const stream = new PassThrough()
    const out = buffer(stream).then((bytes) => bytes.toString('utf8'))
    const writer = createRejectsWriter(stream)
    await writer.write('a.csv', reject(2, 'x'))
    await writer.write('b.csv', reject(5, 'y'))
    await writer.end()
    expect(writer.count).toBe(2)
    expect((await out).split('\r\n').map((l) => l.split(',')[0])).toEqual(['file', 'a.csv', 'b.csv', ''])
  })

  test('describeReject is the stderr line: file:line: reason: excerpt', () => {
    expect(describeReject('in.csv', reject(9, 'a,b,c', 'has 3 fields, the header has 2'))).toBe('in.csv:9: has 3 fields, the header has 2: a,b,c')
  })
})
