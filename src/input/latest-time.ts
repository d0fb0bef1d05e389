// The latest value of one column of a delimited file, found by a quick pass over its bytes: the
// reference time of waiting clocks must be the export's latest message, and a group finished
// before the end of a long file cannot wait for the row-by-row read to get there.
//
// The pass only tracks quoting, delimiters and line breaks, as `CsvScanner` reads them, and
// decodes just the cells of the column it looks for. That is possible for every encoding whose
// quote, delimiter and line-break bytes never occur inside another character: UTF-8 and the
// single- and double-byte code pages (Shift_JIS, GB18030 and Big5 trail bytes are all above
// 0x3F), but not UTF-16.
import { open } from 'node:fs/promises'
import iconv from 'iconv-lite'
import { WIDE_ENCODING } from './read-table.js'

export interface LatestTimeScan {
  path: string
  /** The encoding the table was read with (`Table.encoding`). */
  encoding: string
  /** One character (`Table.delimiter`). */
  delimiter: string
  /** Index of the column, in every record. */
  column: number
  /** The cell as a UTC ISO time, or undefined when it is not a time. */
  parse(cell: string): string | undefined
  /** Bytes read at a time (tests use a few, to put cells across reads). */
  chunkBytes?: number
}

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a
const CHUNK_BYTES = 1 << 20
const UTF8 = /^utf-?8/i
/**
 * An ISO time in UTC or without a zone (all then in the profile's one zone), its fields in range.
 * Such times of one shape (length, date-time separator, zone or not) sort as text.
 */
const SORTABLE_TIME = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?Z?$/

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted
}

/** Whether `scanLatestTime` can read a file with this encoding and delimiter. */
export function canScanBytes(encoding: string, delimiter: string): boolean {
  if (WIDE_ENCODING.test(encoding) || delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f) return false
  return UTF8.test(encoding) || iconv.encodingExists(encoding)
}

/**
 * The latest time in the column over every record of the file (its header and any cell that is
 * not a time are skipped), or '' when there is none. Undefined when the file cannot be read
 * this way (see `canScanBytes`) or is not a regular file, which a second read would not see again.
 */
export async function scanLatestTime(scan: LatestTimeScan): Promise<string | undefined> {
  if (!canScanBytes(scan.encoding, scan.delimiter)) return undefined
  let handle
  try {
    handle = await open(scan.path, 'r')
  } catch {
    return undefined
  }
  try {
    if (!(await handle.stat()).isFile()) return undefined
    const utf8 = UTF8.test(scan.encoding)
    const decode = (bytes: Buffer, start: number, end: number): string =>
      utf8 ? bytes.toString('utf8', start, end) : iconv.decode(bytes.subarray(start, end), scan.encoding)
    const delimiter = scan.delimiter.charCodeAt(0)
    const wanted = scan.column
    let latest = ''
    // Sortable times are compared as text, and only the latest of each shape is parsed, at the
    // end: an export sorted by time would otherwise parse every cell, each one a new latest.
    const latestOfShape = new Map<string, string>()
    const parse = (cell: string): void => {
      const time = scan.parse(cell)
      if (time !== undefined && time > latest) latest = time
    }
    const consider = (cell: string): void => {
      if (!SORTABLE_TIME.test(cell)) return parse(cell)
      const shape = `${cell.length}${cell[10]}${cell.endsWith('Z')}`
      const best = latestOfShape.get(shape)
      if (best === undefined || cell > best) latestOfShape.set(shape, cell)
    }
    let state = State.FieldStart
    let field = 0
    let lastWasCR = false
    // The wanted cell's bytes when it runs over a chunk's end.
    let pending: Buffer | undefined
    const take = (chunk: Buffer, start: number, end: number): void => {
      let bytes = chunk
      if (pending) {
        bytes = Buffer.concat([pending, chunk.subarray(start, end)])
        start = 0
        end = bytes.length
        pending = undefined
      }
      let cell = decode(bytes, start, end)
      // Quotes only wrap a time: drop them rather than unescape.
      if (cell.includes('"')) cell = cell.replaceAll('"', '')
      consider(cell.trim())
    }
    const size = scan.chunkBytes ?? CHUNK_BYTES
    const buffer = Buffer.allocUnsafe(size)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, size, null)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      let cellStart = 0
      for (let i = 0; i < bytesRead; i++) {
        const c = chunk[i]!
        if (state === State.Quoted) {
          // Quoted text is most of a file: jump to its next quote.
          const quote = chunk.indexOf(QUOTE, i)
          if (quote < 0) {
            i = bytesRead
            break
          }
          i = quote
          state = State.QuoteInQuoted
          lastWasCR = false
          continue
        }
        if (c === LF && lastWasCR && state === State.FieldStart) {
          lastWasCR = false
          continue
        }
        lastWasCR = c === CR
        if (state === State.QuoteInQuoted && c === QUOTE) {
          state = State.Quoted
          continue
        }
        if (state === State.FieldStart && c === QUOTE) {
          state = State.Quoted
          continue
        }
        if (c === delimiter || c === CR || c === LF) {
          if (field === wanted) take(chunk, cellStart, i)
          if (c === delimiter) field++
          else field = 0
          state = State.FieldStart
          cellStart = i + 1
          continue
        }
        // Text after a closing quote is unquoted, as for the scanner: a quote there is a character.
        state = State.Unquoted
      }
      // A cell that goes on in the next chunk (the buffer is reused: copy it).
      if (field === wanted) {
        const rest = chunk.subarray(cellStart)
        pending = pending ? Buffer.concat([pending, rest]) : Buffer.from(rest)
      }
    }
    if (field === wanted && pending?.length) take(Buffer.alloc(0), 0, 0)
    for (const cell of latestOfShape.values()) parse(cell)
    return latest
  } catch {
    return undefined
  } finally {
    await handle.close()
  }
}
