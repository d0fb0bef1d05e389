import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { canScanBytes, scanLatestTime } from '../../src/input/latest-time.js'
import { openTable } from '../../src/input/read-table.js'
import { parseTimestamp } from '../../src/input/timestamp.js'

const dir = mkdtempSync(join(tmpdir(), 'latest-time-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let count = 0
function fixture(bytes: Buffer | string): string {
  const path = join(dir, `f${count++}.csv`)
  writeFileSync(path, bytes)
  return path
}

const parse = (cell: string): string | undefined => parseTimestamp(cell)?.iso

/** The latest time of `column` as the row-by-row reader sees it: what the byte pass must match. */
async function readLatest(path: string, column: number, encoding?: string): Promise<string> {
  const table = await openTable(path, { encoding })
  let latest = ''
  for await (const record of table.records) {
    if (record.kind !== 'row') continue
    const time = parse(record.cells[column] ?? '')
    if (time !== undefined && time > latest) latest = time
  }
  return latest
}

// Quoting, escaped quotes, delimiters and line breaks inside cells, CRLF and lone CR: each file's
// latest time is in a row the others would hide if the pass lost its place.
const FILES = [
  { name: 'plain rows', text: 'id,text,date\n1,hi,2026-05-01T09:00:00Z\n2,yo,2026-05-03T09:00:00Z\n3,ok,2026-05-02T09:00:00Z\n', latest: '2026-05-03T09:00:00.000Z' },
  {
    name: 'commas, quotes and line breaks in a quoted cell',
    text: 'id,text,date\n1,"a, b ""c""\nd,e,2027-01-01T00:00:00Z",2026-05-01T09:00:00Z\n2,"x\n\ny,z,2028-01-01",2026-05-04T09:00:00Z\n',
    latest: '2026-05-04T09:00:00.000Z'
  },
  { name: 'CRLF line ends', text: 'id,text,date\r\n1,a,2026-05-01 09:00\r\n2,"b\r\nc",2026-05-06 10:30\r\n3,d,2026-05-02 09:00\r\n', latest: '2026-05-06T10:30:00.000Z' },
  { name: 'lone CR line ends', text: 'id,text,date\r1,a,2026-05-01T09:00:00Z\r2,b,2026-05-07T09:00:00Z\r', latest: '2026-05-07T09:00:00.000Z' },
  { name: 'a quoted time, no final line break', text: 'id,text,date\n1,a,"2026-05-01T09:00:00Z"\n2,b,"2026-05-08T09:00:00Z"', latest: '2026-05-08T09:00:00.000Z' },
  // The scanner rejects row 1 (a quote after the closing quote is text, so `d` and `e"` are two
  // more cells): its date is not a cell of the date column.
  { name: 'text after a closing quote', text: 'id,text,date\n1,"ab"c"d,e",2026-05-09T09:00:00Z\n2,e,2026-05-01T09:00:00Z\n', latest: '2026-05-01T09:00:00.000Z' },
  { name: 'a quote inside an unquoted cell', text: 'id,text,date\n1,5" screen,2026-05-09T09:00:00Z\n2,b,2026-05-01T09:00:00Z\n', latest: '2026-05-09T09:00:00.000Z' },
  { name: 'short rows and cells that are not times', text: 'id,text,date\n1,a\n2,b,soon\n3,c,2026-05-02T09:00:00+02:00\n4,d,\n', latest: '2026-05-02T07:00:00.000Z' },
  // Compared as text only within one shape: a space sorts before T, and a zone or milliseconds
  // change the length.
  {
    name: 'ISO times of several shapes',
    text: 'id,text,date\n1,a,2026-05-01T09:00:00Z\n2,b,2026-05-01 10:00:00Z\n3,c,2026-05-01T09:30:00.250Z\n4,d,2026-05-01T08:00\n5,e,2026-13-01 11:00\n',
    latest: '2026-05-01T10:00:00.000Z'
  },
  { name: 'day-first dates', text: 'id,text,date\n1,a,31/12/2026 23:00\n2,b,01/01/2027 01:00\n', latest: '2027-01-01T01:00:00.000Z' },
  { name: 'no time at all', text: 'id,text,date\n1,a,\n', latest: '' }
]

describe('scanLatestTime', () => {
  it.each(FILES)('finds the latest time the reader would: $name', async ({ text, latest }) => {
    const path = fixture(text)
    expect(await readLatest(path, 2)).toBe(latest)
    // Every chunk size puts some cell, quote or CRLF across two reads.
    for (const chunkBytes of [1, 2, 3, 5, 7, 64, undefined]) {
      expect(await scanLatestTime({ path, encoding: 'utf-8', delimiter: ',', column: 2, parse, chunkBytes })).toBe(latest)
    }
  })

  it.each([
    { encoding: 'shift_jis', delimiter: ',', text: 'ID,本文,日時\n1,"届かない、表示",2026-05-01 09:00\n2,ソ十表,2026-05-05 09:00\n' },
    { encoding: 'gb18030', delimiter: ',', text: '编号,内容,时间\n1,"还没到，怎么回事",2026-05-05 09:00\n2,谢谢,2026-05-01 09:00\n' },
    { encoding: 'windows-1252', delimiter: ';', text: 'Nr;Nachricht;Datum\n1;"Wo bleibt; die Bestellung? Ärgerlich €";2026-05-05 09:00\n2;ok;2026-05-01 09:00\n' }
  ])('reads $encoding files by their bytes', async ({ encoding, delimiter, text }) => {
    const path = fixture(iconv.encode(text, encoding))
    const latest = await readLatest(path, 2, encoding)
    expect(latest).toBe('2026-05-05T09:00:00.000Z')
    expect(await scanLatestTime({ path, encoding, delimiter, column: 2, parse, chunkBytes: 3 })).toBe(latest)
  })

  it.each([
    { what: 'UTF-16', encoding: 'utf-16le', delimiter: ',', path: () => fixture(iconv.encode('a,b\n1,2026-05-01T09:00:00Z\n', 'utf-16le')) },
    { what: 'a delimiter outside ASCII', encoding: 'utf-8', delimiter: '；', path: () => fixture('a；b\n') },
    { what: 'a folder', encoding: 'utf-8', delimiter: ',', path: () => (mkdirSync(join(dir, 'folder'), { recursive: true }), join(dir, 'folder')) },
    { what: 'a missing file', encoding: 'utf-8', delimiter: ',', path: () => join(dir, 'missing.csv') }
  ])('declines what it cannot read twice or by bytes: $what', async ({ encoding, delimiter, path }) => {
    expect(await scanLatestTime({ path: path(), encoding, delimiter, column: 1, parse })).toBeUndefined()
  })

  it('knows which encodings keep delimiters and quotes as single bytes', () => {
    expect(['utf-8', 'utf-8-bom', 'shift_jis', 'gb18030', 'big5', 'windows-1252'].map((e) => canScanBytes(e, ','))).toEqual([true, true, true, true, true, true])
    expect(['utf-16le', 'utf-16be', 'no-such-encoding'].map((e) => canScanBytes(e, ','))).toEqual([false, false, false])
  })
})
