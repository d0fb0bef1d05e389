// The annotated CSV row in two parts. The message part (the input cells and the message's own
// triage cells) is rendered where the message was analysed, a worker thread when there are
// workers, so that the rows held for grouping are one string each instead of their cells; the
// group part (the order's risk) is rendered once per group. Quoting a field does not depend on
// its neighbours, so `message part + delimiter + group part` is exactly what stringifying the
// whole row gives.
import { stringify, type Options } from 'csv-stringify/sync'
import type { Group, Message } from '../types.js'
import { groupCells, messageCells } from './annotate.js'
import { neutralizeCell } from './excel-safe.js'

/** Plain data, so that it can be sent to a worker thread. */
export interface CsvRowLayout {
  delimiter: string
  /** Spreadsheet-safe: CRLF records and formula-looking cells neutralised. */
  excel: boolean
  /** Columns of the input part: the union of the inputs' headers. */
  width: number
  /** Per input table, where each of its columns goes in the input part. */
  maps: number[][]
}

export function csvOptions(layout: Pick<CsvRowLayout, 'delimiter' | 'excel'>): Options {
  // csv-stringify quotes a field holding its own record delimiter only: with CRLF records a bare
  // line feed inside a cell would go out unquoted, so every cell with a line break is quoted.
  return { delimiter: layout.delimiter, record_delimiter: layout.excel ? 'windows' : 'unix', quoted_match: /[\r\n]/ }
}

function recordDelimiter(layout: Pick<CsvRowLayout, 'excel'>): string {
  return layout.excel ? '\r\n' : '\n'
}

export interface RowRenderer {
  /** The input cells and the message's triage cells, without the record delimiter. */
  messagePart(message: Message): string
  /** The risk cells of the message's group, without the record delimiter. */
  groupPart(group: Group): string
  /** A whole record, record delimiter included. */
  row(messagePart: string, groupPart: string): string
}

export function createRowRenderer(layout: CsvRowLayout): RowRenderer {
  const options = csvOptions(layout)
  const eol = recordDelimiter(layout)
  const fields = (cells: string[]): string => {
    const text = stringify([layout.excel ? cells.map(neutralizeCell) : cells], options)
    return text.slice(0, text.length - eol.length)
  }
  return {
    messagePart(message) {
      const cells = new Array<string>(layout.width).fill('')
      const map = layout.maps[message.input_table ?? 0]
      const input = message.input_cells ?? []
      if (map) for (let i = 0; i < input.length; i++) cells[map[i]!] = input[i]!
      for (const cell of messageCells(message)) cells.push(cell)
      return fields(cells)
    },
    groupPart(group) {
      return fields(groupCells(group))
    },
    row(messagePart, groupPart) {
      return messagePart + layout.delimiter + groupPart + eol
    }
  }
}
