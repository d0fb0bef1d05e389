// Recognises order ids that a spreadsheet turned into numbers. Excel keeps 15 significant
// digits: a longer numeric id comes back in scientific notation (1.11737E+16) or with its tail
// replaced by zeros, and two different orders can then share one "id".

/** `1.11737E+16`, `1,11737E+16` (German Excel), `1E+18`. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE]\+?\d+$/

/** Excel's precision: digits after this many are stored as zeros. */
const EXCEL_DIGITS = 15

/**
 * How many trailing zeros a long numeric id must end in to be called damaged. A real 16-digit
 * id (AliExpress, TikTok Shop) ends in "0" one time in ten and in "000" one time in a thousand;
 * three zeros keeps false alarms rare at the cost of missing damage that zeroed fewer digits.
 */
const MIN_TRAILING_ZEROS = 3

/**
 * True when `value` (trimmed) cannot be trusted as an order id because a spreadsheet changed it:
 * scientific notation, or a run of more than 15 digits whose digits past the 15th are all zero
 * and which ends in at least three zeros. Dashed ids (Amazon), `#1001` (Shopify) and
 * alphanumeric ids (Shopee) never match.
 */
export function isSpreadsheetDamagedId(value: string): boolean {
  const id = value.trim()
  if (SCIENTIFIC.test(id)) return true
  const n = id.length
  if (n <= EXCEL_DIGITS) return false
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return false
  }
  for (let i = EXCEL_DIGITS; i < n; i++) if (id.charCodeAt(i) !== 0x30) return false
  let zeros = 0
  for (let i = n - 1; i >= 0 && id.charCodeAt(i) === 0x30; i--) zeros++
  return zeros >= MIN_TRAILING_ZEROS
}
