// Finds the delimiter of a table from the start of its decoded text: Excel's `sep=` line when
// there is one, otherwise the candidate that splits the first records most consistently.
import { CsvScanner } from './csv-scanner.js'

const DELIMITERS = [',', ';', '\t', '|'] as const

/** How many records of the sample the sniffer compares. */
const SNIFF_RECORDS = 50

export interface SepLine {
  delimiter: string
  /** Characters the `sep=` line takes, with its line break. */
  length: number
}

const SEP_LINE = /^"?sep=(.)"?[^\S\r\n]*(\r\n|\r|\n|$)/i

/** Excel's `sep=;` first line, which names the delimiter and is not part of the table. */
export function readSepLine(text: string): SepLine | undefined {
  const m = SEP_LINE.exec(text)
  return m ? { delimiter: m[1], length: m[0].length } : undefined
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe', ' ': 'space' }

/** How a person names a delimiter: `comma`, `semicolon`, `tab`, `pipe`, else the character quoted. */
export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? `"${delimiter}"`
}

/**
 * The delimiter whose field count is the same on most of the first records, ties going to the
 * one giving more columns, then to the order of DELIMITERS; ',' when none occurs (one column).
 * `complete` says the sample is the whole input, so its last record is not cut short.
 */
export function sniffDelimiter(sample: string, complete: boolean): string {
  let best: string = DELIMITERS[0]
  let bestConsistency = 0
  let bestColumns = 1
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(sample, delimiter, complete)
    if (counts.length === 0 || counts[0] < 2) continue
    let same = 0
    for (const count of counts) if (count === counts[0]) same++
    const consistency = same / counts.length
    if (consistency > bestConsistency || (consistency === bestConsistency && counts[0] > bestColumns)) {
      best = delimiter
      bestConsistency = consistency
      bestColumns = counts[0]
    }
  }
  return best
}

function fieldCounts(sample: string, delimiter: string, complete: boolean): number[] {
  const counts: number[] = []
  const scanner = new CsvScanner(delimiter, Infinity, (record) => {
    if (counts.length < SNIFF_RECORDS) counts.push(record.fields.length)
  })
  scanner.push(sample)
  // A record still open at the end of a partial sample may be cut short: it is not counted.
  if (complete) scanner.end()
  return counts
}
