// Batches cross the thread boundary by columns: one array per field instead of one object per
// message. Structured cloning writes every key of every object; by columns each key is written
// once per batch, which made sending a batch several times cheaper.

/** Objects with the same kind of fields. */
type Row = Record<string, unknown>

export type Columns = Record<string, unknown[]>

/**
 * One array per field, `undefined` where a row lacks it. `keep(key, value, index)` leaves a
 * field out of a row when it returns false.
 */
export function toColumns(rows: readonly Row[], keep?: (key: string, value: unknown, index: number) => boolean): Columns {
  const columns: Columns = {}
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    for (const key in row) {
      const value = row[key]
      if (value === undefined || (keep && !keep(key, value, i))) continue
      const column = (columns[key] ??= new Array<unknown>(rows.length).fill(undefined))
      column[i] = value
    }
  }
  return columns
}

/** The rows back, as plain objects holding the fields that are set. */
export function fromColumns(columns: Columns, length: number): Row[] {
  const rows: Row[] = []
  for (let i = 0; i < length; i++) rows.push({})
  for (const key in columns) {
    const column = columns[key]!
    for (let i = 0; i < length; i++) if (column[i] !== undefined) rows[i]![key] = column[i]
  }
  return rows
}
