// Writes rows as CSV (csv-stringify) or NDJSON to a stream, honouring back-pressure.
import { once } from 'node:events'
import { stringify, type Stringifier } from 'csv-stringify'
import { neutralizeCell, UTF8_BOM } from './excel-safe.js'

export interface RowWriter {
  write(cells: string[]): Promise<void>
  end(): Promise<void>
}

export interface CsvWriterOptions {
  /** UTF-8 BOM and formula-looking cells neutralised, for a file a person opens in a spreadsheet. */
  excel: boolean
  delimiter?: string
}

async function pushed(stream: NodeJS.WritableStream | Stringifier, ok: boolean): Promise<void> {
  if (!ok) await once(stream as NodeJS.EventEmitter, 'drain')
}

export function createCsvWriter(out: NodeJS.WritableStream, header: string[], options: CsvWriterOptions): RowWriter {
  // csv-stringify quotes a field holding its own record delimiter only: with CRLF records a bare
  // line feed inside a cell would go out unquoted, so every cell with a line break is quoted.
  const stringifier = stringify({
    delimiter: options.delimiter ?? ',',
    record_delimiter: options.excel ? 'windows' : 'unix',
    quoted_match: /[\r\n]/
  })
  stringifier.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) stringifier.pause()
  })
  out.on('drain', () => stringifier.resume())
  if (options.excel) out.write(UTF8_BOM)
  const prepare = options.excel ? (cells: string[]) => cells.map(neutralizeCell) : (cells: string[]) => cells
  let started = false
  return {
    async write(cells) {
      if (!started) {
        started = true
        await pushed(stringifier, stringifier.write(prepare(header)))
      }
      await pushed(stringifier, stringifier.write(prepare(cells)))
    },
    async end() {
      if (!started) stringifier.write(prepare(header))
      const finished = once(stringifier, 'end')
      stringifier.end()
      await finished
    }
  }
}

/** One JSON object per line; `toJson` builds the object from the row's cells. */
export function createNdjsonWriter(out: NodeJS.WritableStream): { write(value: unknown): Promise<void>; end(): Promise<void> } {
  return {
    async write(value) {
      await pushed(out, out.write(`${JSON.stringify(value)}\n`))
    },
    async end() {}
  }
}
