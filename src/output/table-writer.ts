// Writes rows as CSV (csv-stringify) or NDJSON to a stream, honouring back-pressure.
import { once } from 'node:events'
import { stringify } from 'csv-stringify/sync'
import { neutralizeCell, UTF8_BOM } from './excel-safe.js'
import { csvOptions } from './row-render.js'

export interface RowWriter {
  /** Returns a promise only when the row completed a block that had to wait for the stream. */
  write(cells: string[]): void | Promise<void>
  /** A record already rendered (`RowRenderer.row`), written as it is. */
  writeRecord(record: string): void | Promise<void>
  end(): Promise<void>
}

export interface CsvWriterOptions {
  /** UTF-8 BOM and formula-looking cells neutralised, for a file a person opens in a spreadsheet. */
  excel: boolean
  delimiter?: string
}

/**
 * Rows are collected and written a block at a time: one write of tens of kilobytes instead of a
 * stream chunk per row, which made the writing cost more than the reading.
 */
const BLOCK_ROWS = 256

async function pushed(stream: NodeJS.WritableStream, ok: boolean): Promise<void> {
  if (!ok) await once(stream as NodeJS.EventEmitter, 'drain')
}

/** One CSV record, record delimiter included, as `createCsvWriter` writes it. */
export function csvRecord(options: CsvWriterOptions): (cells: string[]) => string {
  const stringifyOptions = csvOptions({ delimiter: options.delimiter ?? ',', excel: options.excel })
  return options.excel ? (cells) => stringify([cells.map(neutralizeCell)], stringifyOptions) : (cells) => stringify([cells], stringifyOptions)
}

export function createCsvWriter(out: NodeJS.WritableStream, header: string[], options: CsvWriterOptions): RowWriter {
  const record = csvRecord(options)
  let block: string[] = [record(header)]
  let started = false

  async function flush(): Promise<void> {
    if (block.length === 0) return
    const text = block.join('')
    block = []
    if (!started && options.excel) out.write(UTF8_BOM)
    started = true
    await pushed(out, out.write(text))
  }

  function writeRecord(record: string): void | Promise<void> {
    block.push(record)
    if (block.length >= BLOCK_ROWS) return flush()
  }

  return {
    write: (cells) => writeRecord(record(cells)),
    writeRecord,
    end: flush
  }
}

/** One JSON object per line, written a block of lines at a time. */
export function createNdjsonWriter(out: NodeJS.WritableStream): { write(value: unknown): void | Promise<void>; end(): Promise<void> } {
  let lines: string[] = []
  async function flush(): Promise<void> {
    if (lines.length === 0) return
    const text = `${lines.join('\n')}\n`
    lines = []
    await pushed(out, out.write(text))
  }
  return {
    write(value) {
      lines.push(JSON.stringify(value))
      if (lines.length >= BLOCK_ROWS) return flush()
    },
    end: flush
  }
}
