// Folding of message text and rule phrases into one comparable form, with a map back to the
// original offsets so every hit can point at the words the buyer wrote.

/**
 * Text folded for phrase matching, with the original UTF-16 span of every folded unit. The
 * arrays are buffers reused by the next call (valid up to `text.length`): read them before
 * folding again.
 */
export interface FoldedText {
  text: string
  /** `start[i]`: original offset where folded unit `i` begins. */
  start: Int32Array
  /** `end[i]`: original offset where folded unit `i` ends. */
  end: Int32Array
  /**
   * `soft[i]` is 1 when an apostrophe was dropped just before folded unit `i`: a word boundary
   * for phrases (`l'adresse` holds `adresse`) that does not split the word (`where's` = `wheres`).
   */
  soft: Uint8Array
}

/**
 * Lower-cased NFKC text for regexes (diacritics kept). `start`/`end` map units back to the
 * original; `null` when the text maps one to one (ASCII). Views of reused buffers, as above.
 */
export interface RegexText {
  text: string
  start: Int32Array | null
  end: Int32Array | null
}

const LETTER = /\p{L}/u
const MARK = /\p{M}/u
const NUMBER = /\p{N}/u
// Latin letters whose diacritics are folded away; other scripts keep their marks (Thai vowels
// and tones, Japanese dakuten and Devanagari signs carry meaning).
const LATIN = /\p{Script=Latin}/u
const COMBINING = /\p{M}/gu
// Latin letters that carry a stroke rather than a combining mark, so NFD leaves them alone.
const STROKED: Record<string, string> = { đ: 'd', ł: 'l', ø: 'o', ħ: 'h', ŧ: 't', ƀ: 'b', ß: 'ss' }
const SPACE = 0x20

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x60 || code === 0xb4 || code === 0x2018 || code === 0x2019 || code === 0x02bc || code === 0xff07
}

/**
 * Whether a code unit belongs to a script written without spaces between words (or, for
 * Hangul, with particles glued to words), where phrases match anywhere.
 */
export function isUnspacedUnit(code: number): boolean {
  return (
    (code >= 0x0e00 && code <= 0x0eff) || // Thai, Lao
    (code >= 0x1000 && code <= 0x109f) || // Myanmar
    (code >= 0x1780 && code <= 0x17ff) || // Khmer
    (code >= 0x1100 && code <= 0x11ff) || // Hangul Jamo
    (code >= 0x2e80 && code <= 0x9fff) || // CJK radicals, kana, CJK ideographs
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7ff) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xd800 && code <= 0xdfff) // surrogates: CJK extensions in the astral planes, rarely words
  )
}

/** Thai, Lao, Myanmar and Khmer: scripts where a run of three or more is an elongation. */
export function isStretchable(code: number): boolean {
  return (code >= 0x0e00 && code <= 0x0eff) || (code >= 0x1000 && code <= 0x109f) || (code >= 0x1780 && code <= 0x17ff)
}

// Character classes of the Basic Multilingual Plane, computed once: a table lookup per unit
// instead of a regex test (astral code points, rare in messages, still use the regexes).
const IS_LETTER = 1
const IS_NUMBER = 2
const IS_MARK = 4
let classes: Uint8Array | null = null

function classTable(): Uint8Array {
  if (classes !== null) return classes
  classes = new Uint8Array(0x10000)
  for (let code = 0x80; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue
    const ch = String.fromCharCode(code)
    classes[code] = (LETTER.test(ch) ? IS_LETTER : 0) | (NUMBER.test(ch) ? IS_NUMBER : 0) | (MARK.test(ch) ? IS_MARK : 0)
  }
  // The half-width voiced sound marks are letters (Lm), but NFKC joins them to the kana before
  // them (ｶﾞ is ガ): they fold in that kana's cluster.
  classes[0xff9e] |= IS_MARK
  classes[0xff9f] |= IS_MARK
  for (let code = 0x30; code <= 0x39; code++) classes[code] = IS_NUMBER
  for (let code = 0x41; code <= 0x5a; code++) classes[code] = classes[code + 32] = IS_LETTER
  return classes
}

function classOf(cp: number): number {
  if (cp < 0x10000) return classTable()[cp]
  const ch = String.fromCodePoint(cp)
  return (LETTER.test(ch) ? IS_LETTER : 0) | (NUMBER.test(ch) ? IS_NUMBER : 0) | (MARK.test(ch) ? IS_MARK : 0)
}

// One cluster: a code point and the combining marks that follow it. NFKC and diacritic
// removal act within a cluster, so each cluster maps to one original span.
function clusterEnd(text: string, from: number): number {
  let i = from + (text.codePointAt(from)! > 0xffff ? 2 : 1)
  while (i < text.length) {
    const code = text.codePointAt(i)!
    if (code < 0x300 || (classOf(code) & IS_MARK) === 0) break
    i += code > 0xffff ? 2 : 1
  }
  return i
}

// Clusters repeat (the same accented letters, kana and ideographs), and normalisation is the
// costly part of folding, so results are memoised up to a bound.
const MEMO_LIMIT = 50_000
const foldMemo = new Map<string, string>()
const lowerMemo = new Map<string, string>()

function foldUncached(cluster: string): string {
  const lower = cluster.normalize('NFKC').toLowerCase()
  if (!LATIN.test(lower)) return lower
  const bare = lower.normalize('NFD').replace(COMBINING, '')
  return STROKED[bare] ?? bare
}

function foldCluster(cluster: string): string {
  let folded = foldMemo.get(cluster)
  if (folded !== undefined) return folded
  folded = foldUncached(cluster)
  if (foldMemo.size < MEMO_LIMIT) foldMemo.set(cluster, folded)
  return folded
}

// The fold of each single BMP unit, filled as units are met: the folded unit << 8, its class
// bits, and FOLDED; or SEVERAL when it folds to more or fewer than one unit (ﬁ → fi), which
// takes the general path.
const FOLDED = 0x80
const SEVERAL = 0x40
const CLASS_BITS = IS_LETTER | IS_NUMBER | IS_MARK
const singleFolds = new Uint32Array(0x10000)

function foldSingle(code: number): number {
  // Single units have their own table: they stay out of the bounded memo of clusters.
  const folded = foldUncached(String.fromCharCode(code))
  let entry = SEVERAL | FOLDED
  if (folded.length === 1) {
    const unit = folded.charCodeAt(0)
    if (unit < 0xd800 || unit > 0xdfff) entry = (unit << 8) | classOf(unit) | FOLDED
  }
  singleFolds[code] = entry
  return entry
}

function lowerCluster(cluster: string): string {
  let lower = lowerMemo.get(cluster)
  if (lower !== undefined) return lower
  lower = cluster.normalize('NFKC').toLowerCase()
  if (lowerMemo.size < MEMO_LIMIT) lowerMemo.set(cluster, lower)
  return lower
}

// Buffers shared by every call: folding runs once per message on the hot path, so it writes
// into arrays that only grow instead of allocating per message.
let codes = new Uint16Array(256)
let starts = new Int32Array(256)
let ends = new Int32Array(256)
let softs = new Uint8Array(256)
// ASCII digits, punctuation and spaces seen (after NFKC), one bit each: folding turns most of
// them into spaces, and a regex such as `\?` needs them.
const seen = new Int32Array(4)

const buffers: FoldBuffers = { codes, start: starts, end: ends, soft: softs, seen }

function ensure(size: number): void {
  if (size <= codes.length) return
  let grown = codes.length
  while (grown < size) grown *= 2
  const copy = <T extends Uint16Array | Int32Array | Uint8Array>(from: T, to: T): T => {
    to.set(from)
    return to
  }
  codes = buffers.codes = copy(codes, new Uint16Array(grown))
  starts = buffers.start = copy(starts, new Int32Array(grown))
  ends = buffers.end = copy(ends, new Int32Array(grown))
  softs = buffers.soft = copy(softs, new Uint8Array(grown))
}

const utf16 = new TextDecoder('utf-16le')

/** The first `length` folded units as a string. */
export function codesToString(length: number): string {
  return utf16.decode(codes.subarray(0, length))
}


// The state of the fold in progress (module-level, so `emit` is not a closure per call).
let length = 0
let pendingSpace = false
let pendingSoft = false
let last = -1 // last emitted unit, for repeated-letter folding
let lastIsLetter = false
let run = 0 // how many times `last` was emitted in a row

function emit(unit: number, from: number, to: number, letter: boolean): void {
  if (length + 2 >= codes.length) ensure(length * 2 + 8)
  if (pendingSpace) {
    codes[length] = SPACE
    starts[length] = from
    ends[length] = from
    softs[length] = 0
    length++
    pendingSpace = false
    pendingSoft = false
    last = SPACE
  }
  if (unit === last && letter && lastIsLetter && !pendingSoft) {
    // Unspaced scripts write real doubled characters (谢谢, いい, ร้านนี้), so a pair is kept. A
    // longer run is, in Thai and its neighbours, a stretched letter folded to one (พังงงมา =
    // พังมา); in Han, kana and Hangul, a doubled word said again, kept as a pair (谢谢谢谢 = 谢谢).
    run++
    const paired = isUnspacedUnit(unit)
    if (!paired || run > 2) {
      if (paired && run === 3 && isStretchable(unit)) length-- // back to one unit
      ends[length - 1] = to
      return
    }
  } else {
    run = 1
  }
  codes[length] = unit
  starts[length] = from
  ends[length] = to
  softs[length] = pendingSoft ? 1 : 0
  length++
  pendingSoft = false
  last = unit
  lastIsLetter = letter
}

/**
 * Fold text: NFKC, lower case, Latin diacritics removed, runs of one repeated letter kept once
 * (in unspaced scripts, a pair is kept), a reduplication 2 after a word dropped, apostrophes dropped (leaving a soft boundary), any other run of non-letters and non-digits
 * one space; no leading or trailing space.
 */
export function foldText(text: string): FoldedText {
  const folded = foldCodes(text)
  return { text: codesToString(folded), start: starts, end: ends, soft: softs }
}

/** The buffers `foldCodes` fills: folded units and their maps (valid up to the returned length). */
export interface FoldBuffers {
  codes: Uint16Array
  start: Int32Array
  end: Int32Array
  soft: Uint8Array
  /** Bit `code & 31` of `seen[code >> 5]`: the ASCII non-letter `code` occurs in the text. */
  seen: Int32Array
}

export function foldBuffers(): FoldBuffers {
  return buffers
}

// Indonesian and Malay write reduplication with a 2 (`barang2` = `barang-barang`, `masuk2`):
// a 2 right after a word of three or more Latin letters and before a word's end folds into the
// word, which keeps its plain form (`pc2`, `x2`, `a2b` are left alone). An apostrophe after the
// 2 does not end the word (it folds to a soft boundary, `masuk2’aa` → `masuk2a`): dropping the
// 2 there would join letters the regex text keeps apart, and the prefilter would miss them.
function isReduplication(following: number): boolean {
  if (pendingSpace || pendingSoft || length < 3 || isApostrophe(following)) return false
  for (let k = length - 3; k < length; k++) if (codes[k] < 0x61 || codes[k] > 0x7a) return false
  if (following < 0x80) {
    const lower = following | 0x20
    return !(lower >= 0x61 && lower <= 0x7a) && !(following >= 0x30 && following <= 0x39)
  }
  return (classOf(following) & (IS_LETTER | IS_NUMBER)) === 0
}

// One folded code point of class `kind`, from original span [from, to): letters and digits are
// kept (a mark too, after a kept unit), anything else is a separator.
function place(cp: number, kind: number, from: number, to: number): void {
  const letter = (kind & IS_LETTER) !== 0
  if (cp < 0x80 && !letter) seen[cp >> 5] |= 1 << (cp & 31)
  if ((kind & (IS_LETTER | IS_NUMBER)) !== 0 || ((kind & IS_MARK) !== 0 && length > 0 && !pendingSpace)) {
    if (cp <= 0xffff) emit(cp, from, to, letter)
    else {
      // An astral code point goes in as its two surrogates, neither counted as a letter.
      emit(0xd800 + ((cp - 0x10000) >> 10), from, to, false)
      emit(0xdc00 + ((cp - 0x10000) & 0x3ff), from, to, false)
    }
  } else if (length > 0) {
    pendingSpace = true
  }
}

/** Fold `text` into the shared buffers without building a string; returns the folded length. */
export function foldCodes(text: string): number {
  // A cluster folds to at most a few units (ﬁ → fi, ㎏ → kg); `emit` grows the buffers beyond.
  ensure(text.length * 2 + 8)
  length = 0
  pendingSpace = false
  pendingSoft = false
  last = -1
  lastIsLetter = false
  run = 0
  seen[0] = seen[1] = seen[2] = seen[3] = 0
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    // ASCII fast path (most messages are mostly ASCII), unless a combining mark follows: then
    // the letter and its marks fold as one cluster (`e\u0301` is `é`, folded to `e`).
    const following = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
    if (code < 0x80 && (following < 0x300 || (classOf(following) & IS_MARK) === 0)) {
      const lower = code >= 0x41 && code <= 0x5a ? code + 32 : code
      if (lower >= 0x61 && lower <= 0x7a) {
        emit(lower, i, i + 1, true)
        i++
        continue
      }
      seen[code >> 5] |= 1 << (code & 31)
      if (code === 0x32 && isReduplication(following)) ends[length - 1] = i + 1
      else if (lower >= 0x30 && lower <= 0x39) emit(lower, i, i + 1, false)
      else if (isApostrophe(code)) {
        if (length > 0 && !pendingSpace) pendingSoft = true
      } else if (length > 0) pendingSpace = true
      i++
      continue
    }
    if (isApostrophe(code)) {
      if (code < 0x80) seen[code >> 5] |= 1 << (code & 31)
      if (length > 0 && !pendingSpace) pendingSoft = true
      i++
      continue
    }
    // A cluster of one unit (most non-ASCII text: Thai, kana, Han, precomposed Latin letters)
    // is folded once and looked up after.
    if ((code < 0xd800 || code > 0xdfff) && (following < 0x300 || (classOf(following) & IS_MARK) === 0)) {
      const entry = singleFolds[code] || foldSingle(code)
      if ((entry & SEVERAL) === 0) {
        place(entry >>> 8, entry & CLASS_BITS, i, i + 1)
        i++
        continue
      }
    }
    const next = clusterEnd(text, i)
    const folded = foldCluster(text.slice(i, next))
    // A cluster may fold to several units; each maps to the whole cluster.
    for (let k = 0; k < folded.length; ) {
      const cp = folded.codePointAt(k)!
      k += cp > 0xffff ? 2 : 1
      place(cp, classOf(cp), i, next)
    }
    i = next
  }
  return length
}

const WORD_SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u

/**
 * The diacritics of each word of Latin text (combining marks after NFD, and `đ`): what folding
 * drops. Words that fold alike differ exactly when these differ (`đổi`, `đợi`, `đôi` all fold to
 * `doi`); where in a word a mark sits is not compared, so `hoá` and `hóa`, both in use, agree.
 */
export function wordDiacritics(text: string): string[] {
  const words = text.toLowerCase().normalize('NFD').split(WORD_SEPARATORS)
  const marks: string[] = []
  for (const word of words) {
    if (word.length === 0) continue
    let found = ''
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i)
      if ((code >= 0x300 && code <= 0x36f) || code === 0x111) found += word[i]
    }
    marks.push(found)
  }
  return marks
}

// The diacritics each character decomposes into (`ổ` → U+0302 U+0309, `đ` → `đ`), cached.
const charMarks = new Map<number, string>()

function marksOf(code: number): string {
  let marks = charMarks.get(code)
  if (marks === undefined) {
    marks = wordDiacritics(String.fromCharCode(code))[0] ?? ''
    charMarks.set(code, marks)
  }
  return marks
}

/**
 * Whether every word of `text` between `from` and `to` carries the diacritics of the matching
 * word of `marks` (from `wordDiacritics`), or none at all (typed without tones).
 */
export function sameDiacritics(text: string, from: number, to: number, marks: readonly string[]): boolean {
  let word = 0
  let at = 0 // how much of the word's marks the characters so far have matched
  let marked = false
  let matching = true
  let inWord = false
  for (let i = from; i <= to; i++) {
    const code = i < to ? text.charCodeAt(i) : SPACE
    const wordChar = code >= 0x80 ? (classOf(code) & (IS_LETTER | IS_NUMBER | IS_MARK)) !== 0 : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a || (code >= 0x30 && code <= 0x39)
    if (!wordChar) {
      if (inWord) {
        if (word >= marks.length) return true // split differently from the phrase: folding decided
        if (marked && !(matching && at === marks[word].length)) return false
        word++
        at = 0
        marked = false
        matching = true
        inWord = false
      }
      continue
    }
    inWord = true
    if (code < 0xc0) continue
    const own = marksOf(code)
    if (own.length === 0) continue
    marked = true
    if (matching && word < marks.length && marks[word].startsWith(own, at)) at += own.length
    else matching = false
  }
  return true
}

/** Fold a rule phrase the same way as message text. */
export function foldPhrase(phrase: string): string {
  return foldText(phrase).text
}

let regexStarts = new Int32Array(256)
let regexEnds = new Int32Array(256)

// Line and space characters the two regex engines read differently: V8's `.` stops at \r, U+2028
// and U+2029, and its `\s` takes \v, U+1680 and U+FEFF, where RE2's `.` stops only at \n and its
// `\s` is ASCII. Each is turned, one unit for one, into what both read alike (\n or a space).
const ENGINE_AMBIGUOUS = /[\v\r\u1680\u2028\u2029\ufeff]/g
const unambiguous = (unit: string): string => (unit === '\v' || unit === '\u1680' || unit === '\ufeff' ? ' ' : '\n')

/** Lower-cased NFKC text for regexes, with offsets back to the original. */
export function regexText(text: string): RegexText {
  const found = lowerForRegex(text)
  found.text = found.text.replace(ENGINE_AMBIGUOUS, unambiguous)
  return found
}

function lowerForRegex(text: string): RegexText {
  let ascii = true
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false
      break
    }
  }
  if (ascii) return { text: text.toLowerCase(), start: null, end: null }
  // Most text is already NFKC and keeps its length in lower case: then offsets map one to one.
  if (text.normalize('NFKC') === text) {
    const lower = text.toLowerCase()
    if (lower.length === text.length) return { text: lower, start: null, end: null }
  }
  let out = ''
  let length = 0
  let i = 0
  while (i < text.length) {
    const next = clusterEnd(text, i)
    const lower = lowerCluster(text.slice(i, next))
    out += lower
    if (length + lower.length > regexStarts.length) {
      const size = Math.max(regexStarts.length * 2, length + lower.length + text.length)
      const grownStarts = new Int32Array(size)
      const grownEnds = new Int32Array(size)
      grownStarts.set(regexStarts.subarray(0, length))
      grownEnds.set(regexEnds.subarray(0, length))
      regexStarts = grownStarts
      regexEnds = grownEnds
    }
    for (let k = 0; k < lower.length; k++) {
      regexStarts[length] = i
      regexEnds[length] = next
      length++
    }
    i = next
  }
  return { text: out, start: regexStarts.subarray(0, length), end: regexEnds.subarray(0, length) }
}
