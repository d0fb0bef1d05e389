// Keeps spreadsheets from running cells as formulas (OWASP "CSV injection"): a cell that starts
// with = + - @, a tab or a carriage return gets a leading apostrophe, which Excel, LibreOffice
// and Google Sheets show as text. A cell that is just a number, such as -0.42, is left alone.

/** Written first so Excel opens the file as UTF-8 instead of the system code page. */
export const UTF8_BOM = '\uFEFF'

/** A plain decimal number, with `.` or `,` as decimal mark: no spreadsheet reads it as a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?$/

export function neutralizeCell(value: string): string {
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
      return "'" + value
    case 0x2b: // +
    case 0x2d: // -
      return PLAIN_NUMBER.test(value) ? value : "'" + value
    default:
      return value
  }
}
