// A streaming RFC 4180 scanner that keeps what a general CSV parser throws away: the physical
// line each record starts on, its raw text for the rejects file, and a way back from an
// unbalanced quote (the quoted line is set aside and scanning resumes on the next line).

/** One record as scanned: fields unquoted, `raw` without its line break. */
export interface ScannedRecord {
  /** 1-based physical line the record starts on. */
  line: number
  /** 1-based physical line the record ends on. */
  endLine: number
  fields: string[]
  /** The record's text as read; only a prefix when `problem` says it was too long. */
  raw: string
  /** Set when the record could not be read as one: the reason, for the user. */
  problem?: string
}

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

const enum State {
  /** At the start of a field (also the start of a record). */
  FieldStart,
  /** In a field that did not start with a quote: quotes there are plain characters. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Saw a quote inside a quoted field: either `""` or the closing quote. */
  QuoteInQuoted,
  /** After the closing quote, before the delimiter: stray characters are kept (`"a"b` → `ab`). */
  AfterQuoted
}

/** How much raw text an oversized record keeps for the rejects file. */
const OVERSIZED_RAW_KEPT = 1024

export class CsvScanner {
  private readonly delimiter: number
  private state = State.FieldStart
  private fields: string[] = []
  /** The current field's text carried over from earlier chunks. */
  private field = ''
  /** The current record's raw text carried over from earlier chunks. */
  private raw = ''
  private oversized = false
  private line: number
  private recordLine: number
  private lastWasCR = false
  /** The last character pushed ended a line: `line` already counts the next one. */
  private atLineStart = false

  /**
   * @param delimiter one character
   * @param maxRecordChars a record longer than this is rejected instead of held in memory
   * @param onRecord receives every record, in order; blank lines are skipped
   * @param firstLine the physical line number of the first character pushed
   */
  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
    private readonly onRecord: (record: ScannedRecord) => void,
    firstLine = 1
  ) {
    this.delimiter = delimiter.charCodeAt(0)
    this.line = firstLine
    this.recordLine = firstLine
  }

  push(chunk: string): void {
    const delimiter = this.delimiter
    const n = chunk.length
    let state = this.state
    let line = this.line
    let lastWasCR = this.lastWasCR
    // Where the current field's text and the current record's raw text start in this chunk.
    let segStart = 0
    let recStart = 0
    for (let i = 0; i < n; i++) {
      let c = chunk.charCodeAt(i)
      if (c === LF && lastWasCR && state === State.FieldStart) {
        // The LF of a CRLF whose CR already ended the record.
        recStart = i + 1
        lastWasCR = false
        continue
      }
      switch (state) {
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted
            segStart = i + 1
            break
          }
          // Any other character starts an unquoted field: look at it again in that state.
          segStart = i
          state = State.Unquoted
          i--
          continue
        case State.Unquoted:
        case State.AfterQuoted:
          // Most characters are plain text: run to the next delimiter or line break.
          while (c !== delimiter && c !== CR && c !== LF) {
            if (++i === n) break
            c = chunk.charCodeAt(i)
          }
          if (i === n) {
            lastWasCR = false
            continue
          }
          if (c === delimiter) {
            this.fields.push(this.field + chunk.slice(segStart, i))
            this.field = ''
            state = State.FieldStart
          } else if (c === CR || c === LF) {
            this.fields.push(this.field + chunk.slice(segStart, i))
            this.field = ''
            this.raw += chunk.slice(recStart, i)
            this.emit(line)
            line++
            recStart = i + 1
            state = State.FieldStart
          }
          break
        case State.Quoted:
          // Run to the next quote, counting the line breaks on the way.
          while (c !== QUOTE) {
            if (c === LF) {
              if (!lastWasCR) line++
            } else if (c === CR) {
              line++
            }
            lastWasCR = c === CR
            if (++i === n) break
            c = chunk.charCodeAt(i)
          }
          if (i === n) continue
          this.field += chunk.slice(segStart, i)
          state = State.QuoteInQuoted
          break
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // An escaped quote: keep one, continue the quoted text after the second.
            this.field += '"'
            segStart = i + 1
            state = State.Quoted
            break
          }
          state = State.AfterQuoted
          segStart = i
          i--
          continue
      }
      lastWasCR = c === CR
    }
    if (state === State.Unquoted || state === State.Quoted || state === State.AfterQuoted) {
      this.field += chunk.slice(segStart, n)
    }
    if (recStart < n) this.raw += chunk.slice(recStart, n)
    this.state = state
    this.line = line
    this.lastWasCR = lastWasCR
    if (n > 0) this.atLineStart = lastWasCR || chunk.charCodeAt(n - 1) === LF
    if (this.oversized || this.raw.length > this.maxRecordChars) this.shed()
  }

  /** Ends the input: emits the last record, and recovers from a quote that never closed. */
  end(): void {
    // A loop, not recursion: each recovery rescans the rest, which may hold another such quote.
    while (this.state === State.Quoted) this.recoverUnclosedQuote()
    if (this.state !== State.FieldStart || this.fields.length > 0 || this.oversized) {
      this.fields.push(this.field)
      this.field = ''
      this.emit(this.line)
    }
  }

  private emit(endLine: number): void {
    const fields = this.fields
    const raw = this.raw
    const recordLine = this.recordLine
    this.fields = []
    this.raw = ''
    this.recordLine = endLine + 1
    if (this.oversized || raw.length > this.maxRecordChars) {
      this.oversized = false
      this.onRecord({
        line: recordLine,
        endLine,
        fields: [],
        raw: raw.slice(0, OVERSIZED_RAW_KEPT),
        problem: `record is longer than ${this.maxRecordChars} characters (lines ${recordLine}–${endLine}); it was skipped`
      })
      return
    }
    // A blank or whitespace-only line is not a record; `""` is (an empty value).
    if (fields.length === 1 && raw.trim() === '') return
    this.onRecord({ line: recordLine, endLine, fields, raw })
  }

  /** Drops what an oversized record holds; it is rejected when it ends. */
  private shed(): void {
    this.oversized = true
    this.raw = this.raw.slice(0, OVERSIZED_RAW_KEPT)
    this.fields = []
    this.field = ''
  }

  private recoverUnclosedQuote(): void {
    const raw = this.raw
    const startLine = this.recordLine
    const endLine = this.atLineStart ? this.line - 1 : this.line
    this.fields = []
    this.field = ''
    this.raw = ''
    this.state = State.FieldStart
    if (this.oversized) {
      this.oversized = false
      this.onRecord({
        line: startLine,
        endLine,
        fields: [],
        raw,
        problem: `a quoted field opened on line ${startLine} never closes (unbalanced quote); lines ${startLine}–${endLine} could not be read`
      })
      return
    }
    const lf = raw.indexOf('\n')
    const cr = raw.indexOf('\r')
    const breakAt = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf
    const firstLine = breakAt < 0 ? raw : raw.slice(0, breakAt)
    this.onRecord({
      line: startLine,
      endLine: startLine,
      fields: [],
      raw: firstLine,
      problem: 'a quoted field opened on this line never closes (unbalanced quote); the line was set aside and reading resumed on the next line'
    })
    if (breakAt < 0) return
    const restStart = raw.charCodeAt(breakAt) === CR && raw.charCodeAt(breakAt + 1) === LF ? breakAt + 2 : breakAt + 1
    this.line = startLine + 1
    this.recordLine = startLine + 1
    this.lastWasCR = false
    this.atLineStart = false
    this.push(raw.slice(restStart))
  }
}
