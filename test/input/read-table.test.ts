import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import iconv from 'iconv-lite'
import { InputError, UsageError } from '../../src/errors.js'
import { openTable, type ReadTableOptions, type TableReject, type TableRow } from '../../src/input/read-table.js'

const dir = mkdtempSync(join(tmpdir(), 'read-table-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fixtureCount = 0
function fixture(bytes: Buffer | string): string {
  const path = join(dir, `f${fixtureCount++}.csv`)
  writeFileSync(path, bytes)
  return path
}

async function readAll(path: string, options?: ReadTableOptions) {
  const table = await openTable(path, options)
  const rows: Array<[number, string[]]> = []
  const rejects: Array<[number, string]> = []
  for await (const record of table.records) {
    if (record.kind === 'row') rows.push([record.line, record.cells])
    else rejects.push([record.line, record.reason])
  }
  return { header: table.header, encoding: table.encoding, delimiter: table.delimiter, headerOnly: table.headerOnly, rows, rejects }
}

const DE = 'Kunde;Nachricht\nJürgen;"Wo bleibt meine Bestellung? Ich warte schon über zwei Wochen – ärgerlich!"\nAnaïs;Très déçue, colis cassé €\n'
const ZH = 'conversation_id,content\n1,你好，我的订单什么时候发货？已经等了很久了\n2,收到的商品有破损，我要退款\n'
const JA = 'id,本文\n1,注文した商品がまだ届きません。いつ発送されますか？\n2,商品が壊れていました。返品したいです。\n'
const TW = 'id,內容\n1,請問我的訂單什麼時候出貨？已經等很久了\n2,收到的商品有損壞，我要退款\n'

describe('openTable reads what sellers really have', () => {
  const cases: Array<{
    name: string
    bytes: Buffer | string
    options?: ReadTableOptions
    header: string[]
    encoding: string
    delimiter: string
    rows: Array<[number, string[]]>
  }> = [
    { name: 'UTF-8, comma, LF', bytes: 'a,b\n1,2\n3,4\n', header: ['a', 'b'], encoding: 'utf-8', delimiter: ',', rows: [[2, ['1', '2']], [3, ['3', '4']]] },
    { name: 'UTF-8 with BOM, semicolon, CRLF', bytes: '\uFEFFa;b\r\n1;2\r\n', header: ['a', 'b'], encoding: 'utf-8-bom', delimiter: ';', rows: [[2, ['1', '2']]] },
    { name: "Excel's sep= line names the delimiter", bytes: 'sep=|\r\na|b,c\r\n1|2,3\r\n', header: ['a', 'b,c'], encoding: 'utf-8', delimiter: '|', rows: [[3, ['1', '2,3']]] },
    { name: 'BOM before the sep= line', bytes: '\uFEFFsep=;\r\na;b\r\n1;2\r\n', header: ['a', 'b'], encoding: 'utf-8-bom', delimiter: ';', rows: [[3, ['1', '2']]] },
    { name: 'tab, lone CR line ends', bytes: 'a\tb\r1\t2\r3\t4', header: ['a', 'b'], encoding: 'utf-8', delimiter: '\t', rows: [[2, ['1', '2']], [3, ['3', '4']]] },
    { name: 'mixed line ends', bytes: 'a,b\r\n1,2\n3,4\r5,6', header: ['a', 'b'], encoding: 'utf-8', delimiter: ',', rows: [[2, ['1', '2']], [3, ['3', '4']], [4, ['5', '6']]] },
    {
      name: 'quoted newlines and doubled quotes keep line numbers',
      bytes: 'id,text\n1,"line one\r\nline ""two"""\n2,"a\nb\nc"\n3,x\n',
      header: ['id', 'text'], encoding: 'utf-8', delimiter: ',',
      rows: [[2, ['1', 'line one\r\nline "two"']], [4, ['2', 'a\nb\nc']], [7, ['3', 'x']]]
    },
    { name: 'header names trimmed, case and duplicates kept', bytes: ' Order ID , body,Body\n1,x,y\n', header: ['Order ID', 'body', 'Body'], encoding: 'utf-8', delimiter: ',', rows: [[2, ['1', 'x', 'y']]] },
    { name: 'blank lines are not rows', bytes: 'a,b\n\n1,2\n   \n3,4\n\n', header: ['a', 'b'], encoding: 'utf-8', delimiter: ',', rows: [[3, ['1', '2']], [5, ['3', '4']]] },
    { name: 'empty trailing extra fields are dropped', bytes: 'a,b\n1,2,,\n', header: ['a', 'b'], encoding: 'utf-8', delimiter: ',', rows: [[2, ['1', '2']]] },
    { name: 'a quote inside an unquoted value is a character', bytes: 'a,b\n15" screen,2\n', header: ['a', 'b'], encoding: 'utf-8', delimiter: ',', rows: [[2, ['15" screen', '2']]] },
    { name: 'commas in quoted text do not fool the sniffer', bytes: 'a;b\n"x, y, z";2\n"p, q";3\n', header: ['a', 'b'], encoding: 'utf-8', delimiter: ';', rows: [[2, ['x, y, z', '2']], [3, ['p, q', '3']]] },
    { name: 'one column', bytes: 'text\nhello there\n', header: ['text'], encoding: 'utf-8', delimiter: ',', rows: [[2, ['hello there']]] },
    {
      name: 'Excel "Unicode text": UTF-16 LE with BOM, tab',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Order\tText\r\n1\tGrüße 你好\r\n', 'utf-16le')]),
      header: ['Order', 'Text'], encoding: 'utf-16le', delimiter: '\t', rows: [[2, ['1', 'Grüße 你好']]]
    },
    {
      name: 'UTF-16 BE with BOM',
      bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('a,b\n1,ü\n', 'utf-16be')]),
      header: ['a', 'b'], encoding: 'utf-16be', delimiter: ',', rows: [[2, ['1', 'ü']]]
    },
    { name: 'UTF-16 LE without BOM', bytes: iconv.encode('a\tb\n1\t2\n', 'utf-16le'), header: ['a', 'b'], encoding: 'utf-16le', delimiter: '\t', rows: [[2, ['1', '2']]] },
    {
      name: 'Windows-1252 from German Excel',
      bytes: iconv.encode(DE, 'windows-1252'),
      header: ['Kunde', 'Nachricht'], encoding: 'windows-1252', delimiter: ';',
      rows: [[2, ['Jürgen', 'Wo bleibt meine Bestellung? Ich warte schon über zwei Wochen – ärgerlich!']], [3, ['Anaïs', 'Très déçue, colis cassé €']]]
    },
    { name: 'GB18030 from a Shenzhen help desk', bytes: iconv.encode(ZH, 'gb18030'), header: ['conversation_id', 'content'], encoding: 'gb18030', delimiter: ',', rows: [[2, ['1', '你好，我的订单什么时候发货？已经等了很久了']], [3, ['2', '收到的商品有破损，我要退款']]] },
    { name: 'Shift_JIS', bytes: iconv.encode(JA, 'shift_jis'), header: ['id', '本文'], encoding: 'shift_jis', delimiter: ',', rows: [[2, ['1', '注文した商品がまだ届きません。いつ発送されますか？']], [3, ['2', '商品が壊れていました。返品したいです。']]] },
    { name: 'Big5', bytes: iconv.encode(TW, 'big5'), header: ['id', '內容'], encoding: 'big5', delimiter: ',', rows: [[2, ['1', '請問我的訂單什麼時候出貨？已經等很久了']], [3, ['2', '收到的商品有損壞，我要退款']]] },
    { name: 'forced encoding and delimiter', bytes: iconv.encode('a|b\n1|é\n', 'latin1'), options: { encoding: 'latin1', delimiter: '|' }, header: ['a', 'b'], encoding: 'latin1', delimiter: '|', rows: [[2, ['1', 'é']]] }
  ]
  test.each(cases)('$name', async ({ bytes, options, header, encoding, delimiter, rows }) => {
    const result = await readAll(fixture(bytes), options)
    expect(result).toEqual({ header, encoding, delimiter, headerOnly: false, rows, rejects: [] })
  })

  test('a character cut by the end of the 64 KiB sniffing sample is still UTF-8', async () => {
    // 4 header bytes + 7-byte rows put byte 65,536 inside the second "é" of a row.
    const result = await readAll(fixture('a,b\n' + 'x,éé\n'.repeat(10000)))
    expect({ encoding: result.encoding, rows: result.rows.length, rejects: result.rejects }).toEqual({ encoding: 'utf-8', rows: 10000, rejects: [] })
    expect(result.rows.every(([, cells]) => cells[1] === 'éé')).toBe(true)
  })

  test('a header-only file has no records and says so', async () => {
    const result = await readAll(fixture('\uFEFFa,b,c\r\n'))
    expect(result).toMatchObject({ header: ['a', 'b', 'c'], headerOnly: true, rows: [], rejects: [] })
  })

  test('a label names the file in the table and in messages', async () => {
    const table = await openTable(fixture('a,b\n1,2\n'), { label: 'export.csv' })
    const error = await openTable(fixture(''), { label: 'empty.csv' }).then(() => undefined, (e: unknown) => e)
    expect([table.file, (error as Error).message]).toEqual(['export.csv', expect.stringMatching(/^empty\.csv: is empty/)])
  })

  test('reads stdin when the path is "-"', async () => {
    const table = await openTable('-', {}, Readable.from([Buffer.from('a;b\n1;'), Buffer.from('2\n')]))
    const records = []
    for await (const record of table.records) records.push(record)
    expect({ file: table.file, records }).toEqual({ file: '<stdin>', records: [{ kind: 'row', line: 2, cells: ['1', '2'] }] })
  })

  test('multi-byte characters and CRLF split across chunks decode intact', async () => {
    const bytes = Buffer.from('a,b\r\n1,"ü\r\n你"\r\n2,z\r\n')
    const chunks = Array.from(bytes, (byte) => Buffer.from([byte]))
    const table = await openTable('-', {}, Readable.from(chunks))
    const rows = []
    for await (const record of table.records) rows.push(record)
    expect(rows).toEqual([{ kind: 'row', line: 2, cells: ['1', 'ü\r\n你'] }, { kind: 'row', line: 4, cells: ['2', 'z'] }])
  })
})

describe('openTable sets bad rows aside and keeps every good one', () => {
  const cases: Array<{ name: string; bytes: Buffer | string; options?: ReadTableOptions; rows: number[]; rejects: Array<[number, RegExp]> }> = [
    { name: 'too few and too many fields', bytes: 'a,b,c\n1,2\n1,2,3\n1,2,3,4\n5,6,7\n', rows: [3, 5], rejects: [[2, /has 2 fields, the header has 3/], [4, /has 4 fields.*unquoted delimiter/]] },
    { name: 'unbalanced quote at the end of the file', bytes: 'a,b\n1,2\n3,"oops\n5,6\n7,8\n', rows: [2, 4, 5], rejects: [[3, /never closes \(unbalanced quote\)/]] },
    { name: 'unbalanced quote swallowing a later one', bytes: 'a,b,c\n1,"x,y\n2,p,q\n3,r",s,t\n4,u,v\n', rows: [5], rejects: [[2, /has 4 fields.*spans lines 2–4.*unbalanced/]] },
    { name: 'NUL bytes in a row', bytes: 'a,b\n1,x\u0000y\n2,z\n', rows: [3], rejects: [[2, /NUL/]] },
    { name: 'a giant field', bytes: 'a,b\n1,"' + 'x'.repeat(5000) + '"\n2,ok\n', options: { maxRecordChars: 1000 }, rows: [3], rejects: [[2, /longer than 1000 characters/]] },
    { name: 'a giant field that never closes', bytes: 'a,b\n1,ok\n2,"' + 'x\n'.repeat(3000), options: { maxRecordChars: 1000 }, rows: [2], rejects: [[3, /never closes.*lines 3–3002 could not be read/]] }
  ]
  test.each(cases)('$name', async ({ bytes, options, rows, rejects }) => {
    const result = await readAll(fixture(bytes), options)
    expect(result.rows.map(([line]) => line)).toEqual(rows)
    expect(result.rejects.map(([line]) => line)).toEqual(rejects.map(([line]) => line))
    result.rejects.forEach(([, reason], i) => expect(reason).toMatch(rejects[i][1]))
  })

  test('invalid UTF-8 past the sniffed start rejects that row only', async () => {
    const start = 'a,b\n' + 'x,y\n'.repeat(20000)
    const result = await readAll(fixture(Buffer.concat([Buffer.from(start), Buffer.from([0x31, 0x2c, 0xff, 0xfe, 0x0a]), Buffer.from('2,ok\n')])))
    expect(result.rows).toHaveLength(20001)
    expect(result.rows[20000]).toEqual([20003, ['2', 'ok']])
    expect(result.rejects).toEqual([[20002, expect.stringMatching(/not valid utf-8/)]])
  })

  test('a reject carries a one-line excerpt of at most 80 characters and the raw record', async () => {
    const raw = '1,"' + 'long text '.repeat(20) + '\nsecond line",x'
    const table = await openTable(fixture('a,b\n' + raw + '\n'))
    const records: Array<TableRow | TableReject> = []
    for await (const record of table.records) records.push(record)
    const reject = records[0] as TableReject
    expect(reject).toMatchObject({ kind: 'reject', line: 2, raw })
    expect(reject.excerpt).toHaveLength(80)
    expect(reject.excerpt).not.toMatch(/[\r\n]/)
  })

  test('a field of tens of megabytes is rejected with the default limit, the next row kept', async () => {
    const big = 'a,b\n1,"' + 'x'.repeat(20 * 1024 * 1024) + '"\n2,ok\n'
    const result = await readAll(fixture(big))
    expect(result.rows).toEqual([[3, ['2', 'ok']]])
    expect(result.rejects).toEqual([[2, expect.stringMatching(/longer than 4194304 characters/)]])
  })

  test('strict mode stops at the first bad row with file and line', async () => {
    const path = fixture('a,b\n1,2\n3\n4,5\n')
    const table = await openTable(path, { strict: true })
    const seen: number[] = []
    const read = async () => {
      for await (const record of table.records) seen.push(record.line)
    }
    await expect(read()).rejects.toThrow(new InputError(`${path}:3: has 1 field, the header has 2. Fix the row, or run without --strict to set bad rows aside and continue.`))
    expect(seen).toEqual([2])
  })
})

describe('openTable says what a file is when it is not a CSV', () => {
  const zipWith = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.alloc(22), Buffer.from(name)])
  const cases: Array<{ name: string; bytes: Buffer | string; message: RegExp }> = [
    { name: 'xlsx workbook', bytes: zipWith('[Content_Types].xml xl/workbook.xml'), message: /is an Excel workbook \(\.xlsx\), not a CSV file; open it in Excel .* "CSV UTF-8"/ },
    { name: 'Office document whose xl/ entries lie past the sample', bytes: zipWith('[Content_Types].xml'), message: /is an Office document \(probably an \.xlsx workbook\)/ },
    { name: 'xls workbook', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), message: /is an Excel 97–2003 workbook \(\.xls\)/ },
    { name: 'PDF', bytes: '%PDF-1.7\n%âãÏÓ\n1 0 obj\n', message: /is a PDF document/ },
    { name: 'zip', bytes: zipWith('messages.csv'), message: /is a zip archive, not a CSV file; unzip it/ },
    { name: 'gzip', bytes: Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), message: /is a gzip archive/ },
    { name: 'HTML saved as .xls/.csv', bytes: '<!DOCTYPE html>\n<html><table><tr><td>a</td></tr></table>', message: /is an HTML page/ },
    { name: 'binary garbage', bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), message: /is a binary file, not a CSV file/ },
    { name: 'empty file', bytes: '', message: /is empty \(no header row\)/ },
    { name: 'only a BOM and blank lines', bytes: '\uFEFF\r\n\r\n', message: /is empty \(no header row\)/ },
    { name: 'header with an unclosed quote', bytes: '"a,b\n', message: /:1: the header row cannot be read: .*unbalanced quote/ }
  ]
  test.each(cases)('$name', async ({ bytes, message }) => {
    const path = fixture(bytes)
    const error = await openTable(path).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message.startsWith(path)).toBe(true)
    expect((error as Error).message).not.toMatch(/\n/)
  })

  test.each([
    { name: 'missing file', path: () => join(dir, 'nope.csv'), message: /no such file/ },
    { name: 'directory', path: () => { const d = join(dir, 'sub'); mkdirSync(d, { recursive: true }); return d }, message: /is a directory/ }
  ])('$name', async ({ path, message }) => {
    await expect(openTable(path())).rejects.toThrow(message)
  })

  test.each([
    { options: { encoding: 'klingon' }, message: /Unknown encoding "klingon"/ },
    { options: { delimiter: ';;' }, message: /one character/ }
  ])('bad option $options is a usage error', async ({ options, message }) => {
    const error = await openTable(fixture('a\n1\n'), options).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(message)
  })
})
