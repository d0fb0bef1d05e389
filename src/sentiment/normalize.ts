// Folds message text and lexicon entries into one comparable form in a single pass, keeping what
// the scorer needs from the original: offsets, capitals, word and clause numbers, punctuation.
import { isUnspacedUnit } from '../rules/fold.js'

/** How one code point behaves after folding. */
const enum Kind {
  Skip, // dropped: variation selectors, zero-width joiners, Latin combining marks
  Space, // punctuation and white space: a word break
  Word, // a letter or digit of a script written with spaces
  Unspaced, // a letter of a script written without spaces (Thai, Han, kana, Hangul)
  Bang,
  Question,
  ClauseEnd // . ; 。 and line breaks: negation and intensifiers stop here
}

interface Folded {
  out: string
  kind: Kind
  upper: boolean
  lower: boolean
}

// Intents and sentiment agree on which scripts are written without spaces.

/** A code unit of a word in a spaced script; such words match only whole. */
export function isWordUnit(code: number): boolean {
  return code !== 0x20 && !isUnspacedUnit(code)
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u
const MARK = /\p{M}/u
const LATIN_COMBINING = /[\u0300-\u036f]/g
// Letters with a stroke, which NFD leaves alone.
const STROKED: Record<string, string> = { đ: 'd', ł: 'l', ø: 'o', ß: 'ss', ħ: 'h' }
const APOSTROPHES = new Set([0x2018, 0x2019, 0x02bc, 0x00b4, 0xff07])
const CLAUSE_ENDS = new Set([0x3002, 0xff0e, 0xff1b, 0x2026, 0x0e2f])
const SKIPPED = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff])

// Non-ASCII code points are folded once and remembered: a message never pays for `normalize`.
const foldCache = new Map<number, Folded>()
const keepCache = new Map<number, Folded>()

function foldCodePoint(cp: number, foldDiacritics: boolean): Folded {
  if (SKIPPED.has(cp) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff)) {
    return { out: '', kind: Kind.Skip, upper: false, lower: false }
  }
  // An apostrophe breaks words (see isNegatingApostrophe for the one exception).
  if (APOSTROPHES.has(cp)) return { out: '', kind: Kind.Space, upper: false, lower: false }
  if (CLAUSE_ENDS.has(cp)) return { out: '', kind: Kind.ClauseEnd, upper: false, lower: false }
  const char = String.fromCodePoint(cp)
  let text = char.normalize('NFKC')
  if (text === '!' || text === '¡') return { out: '', kind: Kind.Bang, upper: false, lower: false }
  if (text === '?' || text === '¿') return { out: '', kind: Kind.Question, upper: false, lower: false }
  if (text === '.' || text === ';') return { out: '', kind: Kind.ClauseEnd, upper: false, lower: false }
  if (foldDiacritics) {
    text = text.normalize('NFD').replace(LATIN_COMBINING, '')
  } else if (cp >= 0x0300 && cp <= 0x036f) {
    // A decomposed tone mark in text that keeps diacritics: drop it, so the word still matches
    // the entries indexed without tones.
    return { out: '', kind: Kind.Skip, upper: false, lower: false }
  }
  const lowerText = text.toLowerCase()
  const upper = lowerText !== text
  const lower = !upper && lowerText !== text.toUpperCase()
  let out = ''
  for (const c of lowerText) out += foldDiacritics ? STROKED[c] ?? c : c
  if (out === '') return { out, kind: Kind.Skip, upper, lower }
  const first = out.charCodeAt(0)
  if (isUnspacedUnit(first)) return { out, kind: Kind.Unspaced, upper, lower }
  if (LETTER_OR_NUMBER.test(out) || MARK.test(out)) return { out, kind: Kind.Word, upper, lower }
  return { out: '', kind: Kind.Space, upper: false, lower: false }
}

/**
 * The apostrophe of English n't joins (don't = dont, haven't = havent, as buyers type them
 * both ways); every other apostrophe breaks words (I'll is not ill, l'écran is l ecran).
 */
function isNegatingApostrophe(text: string, i: number, code: number): boolean {
  if (code !== 0x27 && code !== 0x2019 && code !== 0x60 && code !== 0xb4 && code !== 0x2bc && code !== 0xff07) return false
  const before = text.charCodeAt(i - 1) | 0x20
  const after = text.charCodeAt(i + 1) | 0x20
  const next = text.charCodeAt(i + 2) | 0x20
  return before === 0x6e && after === 0x74 && !(next >= 0x61 && next <= 0x7a)
}

/** , ， 、 and : cut a clause into phrases ("kam nicht an, die Enttäuschung war groß"). */
function isComma(code: number): boolean {
  return code === 0x2c || code === 0x3a || code === 0xff0c || code === 0x3001 || code === 0xff1a
}

function asciiKind(code: number): Kind {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a)) return Kind.Word
  if (code === 0x21) return Kind.Bang
  if (code === 0x3f) return Kind.Question
  if (code === 0x2e || code === 0x3b || code === 0x0a || code === 0x0d) return Kind.ClauseEnd
  return Kind.Space
}

export interface FoldOptions {
  foldDiacritics: boolean
}

/** Lookup of an emoji or emoticon's score while folding; returns its length in code units, 0 if none. */
export type SymbolMatcher = (text: string, index: number, out: FoldedText) => number

/** The folded text of one message. Buffers are reused between messages: read before the next fold. */
export interface FoldedText {
  text: string
  /** Original UTF-16 offset of each folded unit. */
  source: Int32Array
  /** 1 where the original character was upper case. */
  upper: Uint8Array
  /** Word number of each folded unit (words of spaced scripts; every run of unspaced script counts as one). */
  word: Int32Array
  /** Clause number of each folded unit. */
  clause: Int32Array
  /** Phrase number of each folded unit: clauses cut at commas too, the reach of a negator. */
  phrase: Int32Array
  /** Original text had both upper- and lower-case letters (so an all-caps word stands out). */
  mixedCase: boolean
  /** A letter of a spaced script outside ASCII was seen (Vietnamese typed with its tones). */
  nonAscii: boolean
  bangs: number
  questions: number
  /** Longest run of ! and ? together, and the run's text. */
  longestRun: number
  longestRunText: string
  /** Original offset of that run. */
  longestRunStart: number
  /** Emoji and emoticons found while folding: original span, and `at`, their folded offset. */
  symbols: Array<{ value: number; term: string; start: number; end: number; at: number }>
}

let capacity = 256
let source = new Int32Array(capacity)
let upperFlags = new Uint8Array(capacity)
let words = new Int32Array(capacity)
let clauses = new Int32Array(capacity)
let phrases = new Int32Array(capacity)

/** Grows the shared buffers to hold `size` units, keeping what they hold. */
function ensureCapacity(size: number): void {
  if (size <= capacity) return
  while (capacity < size) capacity *= 2
  const grow = <T extends Int32Array | Uint8Array>(old: T, fresh: T): T => {
    fresh.set(old)
    return fresh
  }
  source = grow(source, new Int32Array(capacity))
  upperFlags = grow(upperFlags, new Uint8Array(capacity))
  words = grow(words, new Int32Array(capacity))
  clauses = grow(clauses, new Int32Array(capacity))
  phrases = grow(phrases, new Int32Array(capacity))
}

/**
 * Folds `text`: NFKC, lower case, Latin diacritics removed unless told otherwise, apostrophes,
 * punctuation and spaces folded to one space.
 */
export function foldText(text: string, options: FoldOptions, symbols?: SymbolMatcher): FoldedText {
  // Most code units fold to one unit; the rare longer ones (ß → ss, ㍿ → 株式会社) grow the buffers.
  ensureCapacity(text.length + 2)
  const cache = options.foldDiacritics ? foldCache : keepCache
  const result: FoldedText = {
    text: '',
    source,
    upper: upperFlags,
    word: words,
    clause: clauses,
    phrase: phrases,
    mixedCase: false,
    nonAscii: false,
    bangs: 0,
    questions: 0,
    longestRun: 0,
    longestRunText: '',
    longestRunStart: 0,
    symbols: []
  }
  let out = ''
  // The last unit of `out`, kept apart: reading it back from a string built by `+=` flattened the
  // string every time, which made a long message cost quadratic time.
  let lastOut = -1
  let n = 0
  let word = 0
  let clause = 0
  let phrase = 0
  let previous = Kind.Space // kind of the last emitted unit (Space at start)
  let pendingSpace = false
  let hasUpper = false
  let hasLower = false
  let run = 0
  let runStart = 0
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i)
    if (symbols && code !== 0x20) {
      const consumed = symbols(text, i, result)
      if (consumed > 0) {
        const last = result.symbols[result.symbols.length - 1]!
        last.at = n
        pendingSpace = true
        i += consumed
        run = 0
        continue
      }
    }
    let kind: Kind
    let piece: string
    let upper = false
    let lower = false
    let width = 1
    if (code < 0x80) {
      kind = asciiKind(code)
      if (kind === Kind.Word) {
        upper = code >= 0x41 && code <= 0x5a
        lower = code >= 0x61
        piece = upper ? String.fromCharCode(code + 32) : text[i]!
      } else piece = ''
    } else {
      const cp = text.codePointAt(i)!
      width = cp > 0xffff ? 2 : 1
      let folded = cache.get(cp)
      if (!folded) {
        folded = foldCodePoint(cp, options.foldDiacritics)
        cache.set(cp, folded)
      }
      kind = folded.kind
      piece = folded.out
      upper = folded.upper
      lower = folded.lower
    }
    if (kind === Kind.Bang || kind === Kind.Question) {
      if (kind === Kind.Bang) result.bangs++
      else result.questions++
      if (run === 0) runStart = i
      run++
      if (run > result.longestRun) {
        result.longestRun = run
        result.longestRunText = text.slice(runStart, i + 1)
        result.longestRunStart = runStart
      }
      clause++
      phrase++
      pendingSpace = true
      i += width
      continue
    }
    run = 0
    if (kind === Kind.Skip) {
      i += width
      continue
    }
    if (kind === Kind.ClauseEnd) {
      // "3.5" and "a.s.a.p" keep going; a full stop before a space or the end closes the clause.
      const next = text.charCodeAt(i + 1)
      if (code !== 0x2e || !(next >= 0x30 && next <= 0x39)) {
        clause++
        phrase++
      }
      pendingSpace = true
      i += width
      continue
    }
    if (kind === Kind.Space) {
      if (isComma(code)) phrase++
      if (!isNegatingApostrophe(text, i, code)) pendingSpace = true
      i += width
      continue
    }
    if (upper) hasUpper = true
    else if (lower) hasLower = true
    if (code >= 0x80 && kind === Kind.Word) result.nonAscii = true
    ensureCapacity(n + piece.length + 2)
    if (pendingSpace && n > 0 && lastOut !== 0x20) {
      source[n] = i
      upperFlags[n] = 0
      words[n] = word
      clauses[n] = clause
      phrases[n] = phrase
      out += ' '
      lastOut = 0x20
      n++
    }
    if (pendingSpace || previous !== kind) word++
    pendingSpace = false
    previous = kind
    for (let k = 0; k < piece.length; k++) {
      source[n] = i
      upperFlags[n] = upper ? 1 : 0
      words[n] = word
      clauses[n] = clause
      phrases[n] = phrase
      n++
    }
    out += piece
    if (piece.length > 0) lastOut = piece.charCodeAt(piece.length - 1)
    i += width
  }
  source[n] = text.length
  words[n] = word + 1
  clauses[n] = clause + 1
  phrases[n] = phrase + 1
  result.text = out
  result.source = source
  result.upper = upperFlags
  result.word = words
  result.clause = clauses
  result.phrase = phrases
  result.mixedCase = hasUpper && hasLower
  return result
}

/** Folds a lexicon entry exactly as message text is folded, so that the two meet in the trie. */
export function foldTerm(term: string, options: FoldOptions): string {
  return foldText(term, options).text.trim()
}

/** Removes Latin diacritics from an already folded term (Vietnamese entries typed without tones). */
export function stripDiacritics(term: string): string {
  let out = ''
  for (const c of term.normalize('NFD').replace(LATIN_COMBINING, '')) out += STROKED[c] ?? c
  return out
}
