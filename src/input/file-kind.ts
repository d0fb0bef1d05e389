// Recognises files that are not delimited text at all (workbooks, PDFs, archives, binaries) from
// their first bytes, so the user gets one line saying what the file is and what to do.

export interface NotText {
  /** What the file is, e.g. 'an Excel workbook (.xlsx)'. */
  what: string
  /** What to do instead. */
  todo: string
}

const SAVE_AS_CSV = 'open it in Excel or Google Sheets and save or download the sheet as "CSV UTF-8", then run again'

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  if (head.length < magic.length) return false
  for (let i = 0; i < magic.length; i++) if (head[i] !== magic[i]) return false
  return true
}

function asciiIncludes(head: Uint8Array, text: string): boolean {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(text, 0, 'latin1')
}

/** Leading text of the head, lower-cased, after a UTF-8 BOM and whitespace. */
function leadingText(head: Uint8Array): string {
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0
  const end = Math.min(head.length, start + 512)
  return Buffer.from(head.buffer, head.byteOffset + start, end - start).toString('latin1').trimStart().toLowerCase()
}

/**
 * What the file is when it is clearly not delimited text, from its first bytes; undefined for text.
 * `checkText` asks for the text-based checks too (HTML, binary): off for UTF-16, whose bytes are
 * half NULs, and when the user forced an encoding.
 */
export function detectNotText(head: Uint8Array, checkText: boolean): NotText | undefined {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (asciiIncludes(head, 'xl/')) return { what: 'an Excel workbook (.xlsx)', todo: SAVE_AS_CSV }
    if (asciiIncludes(head, 'content.xml')) return { what: 'an OpenDocument spreadsheet (.ods)', todo: SAVE_AS_CSV }
    // Entry names sit before each entry's data; a workbook's xl/ entries may lie past the sample.
    if (asciiIncludes(head, '[Content_Types].xml')) return { what: 'an Office document (probably an .xlsx workbook)', todo: SAVE_AS_CSV }
    return { what: 'a zip archive', todo: 'unzip it and pass the CSV file inside' }
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { what: 'an Excel 97–2003 workbook (.xls)', todo: SAVE_AS_CSV }
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return { what: 'a PDF document', todo: 'export the messages as CSV from the system that made the PDF' }
  }
  if (startsWith(head, [0x1f, 0x8b])) return { what: 'a gzip archive', todo: 'decompress it (gunzip) and pass the CSV file' }
  if (startsWith(head, [0x42, 0x5a, 0x68])) return { what: 'a bzip2 archive', todo: 'decompress it and pass the CSV file' }
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { what: 'a 7-Zip archive', todo: 'extract it and pass the CSV file inside' }
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return { what: 'a RAR archive', todo: 'extract it and pass the CSV file inside' }
  if (startsWith(head, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20])) return { what: 'an SQLite database', todo: 'export the table as CSV' }
  if (!checkText) return undefined
  const text = leadingText(head)
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return { what: 'an Excel XML spreadsheet', todo: SAVE_AS_CSV }
  }
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<table')) {
    return { what: 'an HTML page (some tools save "Excel" exports as HTML)', todo: SAVE_AS_CSV }
  }
  if (text.startsWith('{\\rtf')) return { what: 'an RTF document', todo: 'export the messages as CSV' }
  if (looksBinary(head)) return { what: 'a binary file', todo: 'pass a CSV or tab-separated text export' }
  return undefined
}

/**
 * Text has few control characters; a file where more than one byte in ten is one is binary.
 * A few NUL bytes in otherwise good text are a damaged row, reported row by row instead.
 */
function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = head[i]
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++
  }
  return control * 10 > n
}
