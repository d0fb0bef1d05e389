// Finding lexicon entries in folded text: the longest match at every place a word may start,
// with elongated letters skipped, and the emoji and emoticon matcher of the folding pass.
import type { Span } from '../types.js'
import { Trie, type CompiledLanguage, type CompiledSymbols, type Entry } from './lexicon.js'
import { isUnspacedUnit } from '../rules/fold.js'
import { isWordUnit, type FoldedText, type SymbolMatcher } from './normalize.js'

export interface Match {
  entry: Entry
  start: number
  end: number
  elongated: boolean
  /** A term that both scores and boosts ("super") acts as a booster when a sentiment word follows. */
  boosting: boolean
  /** A negator that negated a sentiment word. */
  negating?: boolean
}

/** Builds the emoji and emoticon matcher that runs inside the folding pass. */
export function symbolMatcher(symbols: CompiledSymbols): SymbolMatcher {
  return (text, index, out) => {
    const code = text.charCodeAt(index)
    if (code >= 0x2000) {
      const cp = text.codePointAt(index)!
      const value = symbols.emoji.get(cp)
      if (value === undefined) return 0
      const width = cp > 0xffff ? 2 : 1
      out.symbols.push({ value, term: String.fromCodePoint(cp), start: index, end: index + width, at: 0 })
      return width
    }
    if (!symbols.emoticonStarts.has(code)) return 0
    const before = index === 0 ? 0x20 : text.charCodeAt(index - 1)
    const letterFirst = isAsciiLetter(code)
    if (!(isSpace(before) || (!letterFirst && isAsciiLetter(before)))) return 0
    const trie = symbols.emoticons
    let state = Trie.ROOT
    let best = 0
    let value = 0
    for (let j = index; j < text.length; j++) {
      state = trie.child(state, text.charCodeAt(j))
      if (state < 0) break
      const entry = trie.entry(state)
      if (entry !== null && endsEmoticon(text, j + 1)) {
        best = j + 1 - index
        value = entry.valence!
      }
    }
    if (best === 0) return 0
    out.symbols.push({ value, term: text.slice(index, index + best), start: index, end: index + best, at: 0 })
    return best
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xa0 || code === 0x3000
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

function endsEmoticon(text: string, end: number): boolean {
  if (end >= text.length) return true
  const next = text.charCodeAt(end)
  return isSpace(next) || next === 0x2e || next === 0x2c || next === 0x21 || next === 0x3f || next >= 0x2000
}

// The longest match found by `walk`, kept in module state so the scan allocates nothing per step.
let walkText = ''
let walkTrie: Trie
let walkInflections: string[] = []
let bestEntry: Entry | null = null
let bestEnd = -1
let bestElongated = false
let bestStem = false

/**
 * Thai vowels and tone marks that belong to the consonant before them (ะ า ำ and the marks above
 * and below): a word never starts on one, so a match may not end just before one (สุข in สุขุมวิท).
 */
function isThaiFollower(code: number): boolean {
  return (code >= 0x0e30 && code <= 0x0e3a) || code === 0x0e45 || (code >= 0x0e47 && code <= 0x0e4e)
}

/** Thai vowels written before their consonant (เ แ โ ใ ไ): a word never ends on one. */
function isThaiLeader(code: number): boolean {
  return code >= 0x0e40 && code <= 0x0e44
}

function endsWord(j: number): boolean {
  if (j === walkText.length) return true
  const next = walkText.charCodeAt(j)
  const last = walkText.charCodeAt(j - 1)
  if (isThaiFollower(next) || isThaiLeader(last)) return false
  return !isWordUnit(next) || !isWordUnit(last)
}

/** Where the spaced word that goes on at `j` ends (`j` itself when none goes on there). */
function endOfWord(j: number): number {
  let end = j
  while (end < walkText.length && isWordUnit(walkText.charCodeAt(end))) end++
  return end
}

/** The longest compound head that ends the word [start, end), read backwards from its last letter. */
function headOf(heads: Trie, start: number, end: number): Entry | null {
  let state = Trie.ROOT
  let found: Entry | null = null
  for (let k = end - 1; k >= start; k--) {
    state = heads.child(state, walkText.charCodeAt(k))
    if (state < 0) break
    found = heads.entry(state) ?? found
  }
  return found
}

// An inflection ending is read only after an entry of at least this many units (gut-e, not ab-e).
const MIN_INFLECTED = 3

/**
 * Where the word ends when what follows entry `entry` at `j` is one of the language's inflection
 * endings (enttäuscht-e, déçu-e), else -1. Only entries that score are inflected.
 */
function inflectedEnd(entry: Entry, j: number, start: number): number {
  const endings = walkInflections
  if (endings.length === 0 || j - start < MIN_INFLECTED) return -1
  if (entry.valence === undefined && entry.expected === undefined) return -1
  if (!isWordUnit(walkText.charCodeAt(j - 1))) return -1
  for (let e = 0; e < endings.length; e++) {
    const ending = endings[e]!
    const end = j + ending.length
    if (end > walkText.length || (end < walkText.length && isWordUnit(walkText.charCodeAt(end)))) continue
    if (walkText.startsWith(ending, j)) return end
  }
  return -1
}

/**
 * Follows the trie from `state` at text offset `j`. A letter repeated for emphasis may be skipped
 * (Thai and CJK lengthen with one extra letter, มากก; Latin needs three in a row, sooo); when the
 * trie also goes on with that letter (soo → soothe) both paths are tried.
 */
function walk(state: number, j: number, start: number, elongated: boolean): void {
  const text = walkText
  const trie = walkTrie
  for (;;) {
    const entry = trie.entry(state)
    if (entry !== null) {
      // A whole entry beats a stem that reaches the same end (kaputt over kaputt*).
      if ((j > bestEnd || (j === bestEnd && bestStem)) && endsWord(j)) {
        bestEntry = entry
        bestEnd = j
        bestElongated = elongated
        bestStem = false
      } else if (j < text.length) {
        const end = entry.stem === true ? endOfWord(j) : inflectedEnd(entry, j, start)
        if (end > bestEnd) {
          bestEntry = entry
          bestEnd = end
          bestElongated = elongated
          bestStem = true
        }
      }
    }
    if (j >= text.length) return
    const code = text.charCodeAt(j)
    const child = trie.child(state, code)
    const repeat =
      j > start &&
      code !== 0x20 &&
      code === text.charCodeAt(j - 1) &&
      (isUnspacedUnit(code) || text.charCodeAt(j + 1) === code || (j - 2 >= start && text.charCodeAt(j - 2) === code))
    if (child >= 0) {
      if (repeat) walk(child, j + 1, start, elongated)
      else {
        state = child
        j++
        continue
      }
    }
    if (!repeat) return
    j++
    elongated = true
  }
}

/**
 * Longest lexicon match at every place a word may start. Text typed without a single letter outside
 * ASCII is read with the toneless trie where the language has one.
 */
export function scan(language: CompiledLanguage, folded: FoldedText): Match[] {
  const text = folded.text
  const n = text.length
  const matches: Match[] = []
  const trie = language.toneless !== null && !folded.nonAscii ? language.toneless : language.trie
  walkText = text
  walkTrie = trie
  walkInflections = language.inflections
  for (let i = 0; i < n; i++) {
    const first = text.charCodeAt(i)
    if (first === 0x20) continue
    if (i > 0 && isWordUnit(first) && isWordUnit(text.charCodeAt(i - 1))) continue
    if (isThaiFollower(first) || (i > 0 && isThaiLeader(text.charCodeAt(i - 1)))) continue
    bestEntry = null
    bestEnd = -1
    bestElongated = false
    bestStem = false
    walk(Trie.ROOT, i, i, false)
    if (bestEntry === null && language.heads !== null && isWordUnit(first)) {
      const end = endOfWord(i)
      const entry = headOf(language.heads, i, end)
      if (entry !== null) {
        matches.push({ entry, start: i, end, elongated: false, boosting: false })
        i = end - 1
        continue
      }
    }
    if (bestEntry !== null) {
      matches.push({ entry: bestEntry, start: i, end: bestEnd, elongated: bestElongated, boosting: false })
      i = bestEnd - 1
    }
  }
  return matches
}

/** How far apart two matches are: words in between (spaced) or characters in between (unspaced). */
export function gap(language: CompiledLanguage, folded: FoldedText, left: Match, right: Match): number {
  if (language.spaced) {
    const words = folded.word[right.start]! - folded.word[left.end - 1]! - 1
    return words > 0 && language.uncounted !== null ? words - uncountedBetween(language, folded, left.end, right.start) : words
  }
  let chars = 0
  for (let k = left.end; k < right.start; k++) if (folded.text.charCodeAt(k) !== 0x20) chars++
  return chars
}

// Past this many words apart, two matches are beyond any reach, and the short words between them
// are not counted.
const FAR = 32

/** How many uncounted words ("a", the "s" of "it's") stand whole in the folded text [from, to). */
function uncountedBetween(language: CompiledLanguage, folded: FoldedText, from: number, to: number): number {
  const text = folded.text
  const uncounted = language.uncounted!
  let found = 0
  let words = 0
  let start = -1
  for (let k = from; k <= to; k++) {
    const inWord = k < to && isWordUnit(text.charCodeAt(k))
    if (inWord) {
      if (start < 0) start = k
      continue
    }
    if (start < 0) continue
    // A word that starts at `from` began inside the left match: it is not whole.
    if (k - start <= language.uncountedLength && start > from && uncounted.has(text.slice(start, k))) found++
    start = -1
    if (++words > FAR) break
  }
  return found
}

export function originalSpan(text: string, folded: FoldedText, start: number, end: number): Span {
  const from = folded.source[start]!
  const last = folded.source[end - 1]!
  const code = text.charCodeAt(last)
  const to = last + (code >= 0xd800 && code <= 0xdbff ? 2 : 1)
  return { start: from, end: to, text: text.slice(from, to) }
}
