// Opens a delimited text file as a stream of rows: sniffs what the file is, its encoding and
// delimiter from the first 64 KiB, then scans records as the consumer pulls them. Every
// record comes out as a row or as a reject with its line and reason; nothing is dropped.
import { open } from 'node:fs/promises'
import iconv from 'iconv-lite'
import { InputError, UsageError } from '../errors.js'
import { CsvScanner, type ScannedRecord } from './csv-scanner.js'
import { readSepLine, sniffDelimiter } from './dialect.js'
import { chooseEncoding, isKnownEncoding } from './encoding.js'
import { detectNotText } from './file-kind.js'

export interface ReadTableOptions {
  /** Force an encoding (any name iconv-lite knows) instead of detecting it. */
  encoding?: string
  /** Force a one-character delimiter instead of sniffing it. */
  delimiter?: string
  /** Throw an InputError at the first bad row instead of rejecting it. */
  strict?: boolean
  /** A record longer than this many characters is rejected (default 4 Mi). */
  maxRecordChars?: number
  /** How messages and `Table.file` name the file (default: the path, '<stdin>' for '-'). */
  label?: string
}

export interface TableRow {
  kind: 'row'
  /** 1-based physical line where the record starts. */
  line: number
  /** Same length as the header. */
  cells: string[]
}

export interface TableReject {
  kind: 'reject'
  line: number
  reason: string
  /** At most 80 characters, on one line, control characters made visible. */
  excerpt: string
  /** The record as read (a prefix only for oversized records). */
  raw: string
}

export interface Table {
  /** The label, or the path as given; '-' is shown as '<stdin>'. */
  file: string
  /** Cleaned names: BOM removed, trimmed; duplicates kept in place. */
  header: string[]
  /** e.g. 'utf-8', 'utf-8-bom', 'utf-16le', 'gb18030', 'shift_jis', 'windows-1252'. */
  encoding: string
  delimiter: string
  /** The file has a header and no record after it: `records` yields nothing. */
  headerOnly: boolean
  /** Streaming, in input order; pulling drives the reading. */
  records: AsyncIterable<TableRow | TableReject>
}

export const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024
/** How much of the start of the input decides what it is, its encoding and its delimiter. */
const SNIFF_BYTES = 64 * 1024
const EXCERPT_CHARS = 80
/** Encodings of two bytes a unit, in which a delimiter or a quote is not one byte. */
export const WIDE_ENCODING = /^(?:utf-?16|ucs-?2)/i

type ByteChunks = AsyncIterator<Buffer | string>

export async function openTable(
  path: string,
  options: ReadTableOptions = {},
  stdin?: NodeJS.ReadableStream
): Promise<Table> {
  checkOptions(options)
  const file = options.label ?? (path === '-' ? '<stdin>' : path)
  const source = path === '-' ? (stdin ?? process.stdin) : await openFile(path, file)
  const chunks = source[Symbol.asyncIterator]() as ByteChunks
  try {
    return await startTable(file, chunks, options)
  } catch (error) {
    await chunks.return?.()
    throw error
  }
}

function checkOptions(options: ReadTableOptions): void {
  if (options.encoding !== undefined && !isKnownEncoding(options.encoding)) {
    throw new UsageError(`Unknown encoding "${options.encoding}". Use a name such as utf-8, utf-16le, windows-1252, gb18030, shift_jis or big5.`)
  }
  const d = options.delimiter
  if (d !== undefined && (d.length !== 1 || d === '"' || d === '\r' || d === '\n')) {
    throw new UsageError(`The delimiter must be one character other than a quote or a line break, got ${JSON.stringify(d)}. Use ',', ';', '|' or '\\t'.`)
  }
}

async function openFile(path: string, file: string): Promise<NodeJS.ReadableStream> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new InputError(`${file}: ${describeOpenError(error)}`)
  }
  const stat = await handle.stat()
  if (stat.isDirectory()) {
    await handle.close()
    throw new InputError(`${file}: is a directory, not a file; pass the CSV files inside it.`)
  }
  return handle.createReadStream({ highWaterMark: SNIFF_BYTES })
}

function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file; check the path and the current directory.'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; check the file\'s permissions.'
  if (code === 'EISDIR') return 'is a directory, not a file; pass the CSV files inside it.'
  return `cannot be opened (${(error as Error).message}).`
}

async function nextChunk(chunks: ByteChunks, file: string): Promise<Buffer | undefined> {
  let result
  try {
    result = await chunks.next()
  } catch (error) {
    throw new InputError(`${file}: reading failed (${(error as Error).message}).`)
  }
  if (result.done) return undefined
  return typeof result.value === 'string' ? Buffer.from(result.value) : result.value
}

async function startTable(file: string, chunks: ByteChunks, options: ReadTableOptions): Promise<Table> {
  const parts: Buffer[] = []
  let size = 0
  let done = false
  while (size < SNIFF_BYTES) {
    const chunk = await nextChunk(chunks, file)
    if (!chunk) {
      done = true
      break
    }
    parts.push(chunk)
    size += chunk.length
  }
  const head = Buffer.concat(parts, size)
  if (size === 0) throw emptyFile(file)

  const encoding = chooseEncoding(head, options.encoding)
  // NUL bytes are expected in UTF-16, and a forced encoding overrides the binary guess; a
  // workbook or an archive is still recognised by its signature.
  const textChecked = !WIDE_ENCODING.test(encoding.codec) && encoding.method !== 'forced'
  const notText = detectNotText(head, textChecked)
  if (notText) throw new InputError(`${file}: is ${notText.what}, not a CSV file; ${notText.todo}.`)

  const decoder = iconv.getDecoder(encoding.codec)
  let text = decoder.write(head)
  if (done) text += decoder.end() ?? ''
  // A second BOM (a file saved twice) would otherwise stick to the first column's name.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)

  let firstLine = 1
  const sep = readSepLine(text)
  if (sep) {
    text = text.slice(sep.length)
    firstLine = 2
  }
  const delimiter = options.delimiter ?? sep?.delimiter ?? sniffDelimiter(text, done)

  const pump = new RecordPump(file, chunks, decoder, delimiter, options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS, firstLine, done)
  pump.pushText(text)
  const headerRecord = await pump.next()
  if (!headerRecord) throw emptyFile(file)
  if (headerRecord.problem) {
    throw new InputError(`${file}:${headerRecord.line}: the header row cannot be read: ${headerRecord.problem}. Check the file is a CSV export.`)
  }
  const header = headerRecord.fields.map(cleanHeaderName)
  const first = await pump.next()
  return {
    file,
    header,
    encoding: encoding.name,
    delimiter,
    headerOnly: first === undefined,
    records: readRecords(file, header.length, first, pump, options.strict === true, encoding.codec)
  }
}

function emptyFile(file: string): InputError {
  return new InputError(`${file}: is empty (no header row); export the messages again, or check that you passed the right file.`)
}

function cleanHeaderName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim()
}

async function* readRecords(
  file: string,
  columns: number,
  first: ScannedRecord | undefined,
  pump: RecordPump,
  strict: boolean,
  encoding: string
): AsyncGenerator<TableRow | TableReject> {
  try {
    for (let record = first; record !== undefined; record = await pump.next()) {
      const problem = record.problem ?? checkRecord(record, columns, encoding)
      if (problem === undefined) {
        yield { kind: 'row', line: record.line, cells: record.fields }
        continue
      }
      if (strict) {
        throw new InputError(`${file}:${record.line}: ${problem}. Fix the row, or run without --strict to set bad rows aside and continue.`)
      }
      yield { kind: 'reject', line: record.line, reason: problem, excerpt: excerptOf(record.raw), raw: record.raw }
    }
  } finally {
    await pump.close()
  }
}

/** Why a scanned record is not a good row, or undefined; trims empty trailing extra fields. */
function checkRecord(record: ScannedRecord, columns: number, encoding: string): string | undefined {
  const fields = record.fields
  if (fields.length > columns) {
    let last = fields.length
    while (last > columns && fields[last - 1] === '') last--
    if (last === columns) fields.length = columns
  }
  if (fields.length !== columns) {
    const spans = record.endLine > record.line
      ? `; it spans lines ${record.line}–${record.endLine}, so a quote is probably unbalanced`
      : fields.length > columns ? '; a value probably holds an unquoted delimiter' : ''
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns}${spans}`
  }
  if (record.raw.includes('\u0000')) return 'contains NUL bytes (binary damage)'
  if (record.raw.includes('\uFFFD')) {
    return `contains bytes that are not valid ${encoding} (shown as \uFFFD); re-save the file as UTF-8 or force the right encoding`
  }
  return undefined
}

/** One line of at most 80 characters: line breaks, tabs and other controls shown as escapes. */
function excerptOf(raw: string): string {
  let out = ''
  let i = 0
  for (; i < raw.length && out.length <= EXCERPT_CHARS; i++) {
    const c = raw.charCodeAt(i)
    if (c === 0x0a) out += '\\n'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x09) out += '\\t'
    else if (c === 0) out += '\\0'
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0')
    else out += raw[i]
  }
  return i < raw.length || out.length > EXCERPT_CHARS ? out.slice(0, EXCERPT_CHARS - 1) + '\u2026' : out
}

/** Pulls byte chunks only when the consumer wants the next record, so back-pressure holds. */
class RecordPump {
  private queue: ScannedRecord[] = []
  private index = 0
  private readonly scanner: CsvScanner

  constructor(
    private readonly file: string,
    private readonly chunks: ByteChunks,
    private readonly decoder: ReturnType<typeof iconv.getDecoder>,
    delimiter: string,
    maxRecordChars: number,
    firstLine: number,
    private ended: boolean
  ) {
    this.scanner = new CsvScanner(delimiter, maxRecordChars, (record) => this.queue.push(record), firstLine)
  }

  pushText(text: string): void {
    this.scanner.push(text)
    if (this.ended) this.scanner.end()
  }

  async next(): Promise<ScannedRecord | undefined> {
    while (this.index >= this.queue.length) {
      if (this.ended) return undefined
      this.queue = []
      this.index = 0
      const chunk = await nextChunk(this.chunks, this.file)
      if (chunk) {
        this.scanner.push(this.decoder.write(chunk))
      } else {
        this.ended = true
        const tail = this.decoder.end()
        if (tail) this.scanner.push(tail)
        this.scanner.end()
      }
    }
    return this.queue[this.index++]
  }

  async close(): Promise<void> {
    await this.chunks.return?.()
  }
}
