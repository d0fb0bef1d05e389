// The rejects file (`--rejects FILE`): one CSV line per row that could not be read, with the
// file, line, reason, a short excerpt and the raw record, so it can be fixed and fed back.
import type { TableReject } from '../input/read-table.js'
import { neutralizeCell, UTF8_BOM } from './excel-safe.js'

export const REJECTS_HEADER = ['file', 'line', 'reason', 'excerpt', 'raw'] as const

export interface RejectsWriterOptions {
  /** Neutralise formula-like cells and start with a UTF-8 BOM, for spreadsheets. */
  excel?: boolean
}

export interface RejectsWriter {
  /** Writes one reject; resolves when the stream can take more. */
  write(file: string, reject: TableReject): Promise<void>
  /** How many rejects were written. */
  readonly count: number
  /** Ends the stream once everything is flushed. */
  end(): Promise<void>
}

/** `file:line: reason: excerpt`, the line a reject gets on stderr. */
export function describeReject(file: string, reject: TableReject): string {
  return `${file}:${reject.line}: ${reject.reason}: ${reject.excerpt}`
}

export function createRejectsWriter(stream: NodeJS.WritableStream, options: RejectsWriterOptions = {}): RejectsWriter {
  const excel = options.excel === true
  let count = 0
  let started = false
  const line = (cells: readonly string[]): string => {
    let out = ''
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) out += ','
      out += quote(excel ? neutralizeCell(cells[i]) : cells[i])
    }
    return out + '\r\n'
  }
  return {
    get count() {
      return count
    },
    async write(file, reject) {
      let text = line([file, String(reject.line), reject.reason, reject.excerpt, reject.raw])
      if (!started) {
        started = true
        text = (excel ? UTF8_BOM : '') + line(REJECTS_HEADER) + text
      }
      count++
      if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve))
    },
    async end() {
      if (!started) {
        started = true
        stream.write((excel ? UTF8_BOM : '') + line(REJECTS_HEADER))
      }
      await new Promise<void>((resolve) => stream.end(resolve))
    }
  }
}

/** Writes all rejects of one file and ends the stream; returns how many were written. */
export async function writeRejects(
  stream: NodeJS.WritableStream,
  file: string,
  rejects: Iterable<TableReject> | AsyncIterable<TableReject>,
  options: RejectsWriterOptions = {}
): Promise<number> {
  const writer = createRejectsWriter(stream, options)
  for await (const reject of rejects) await writer.write(file, reject)
  await writer.end()
  return writer.count
}

/** RFC 4180 quoting, only when the value needs it. */
function quote(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) return '"' + value.replaceAll('"', '""') + '"'
  }
  return value
}
