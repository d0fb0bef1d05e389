// A letter model that reads a word by its spelling ("celebraban", "erkenntnisse"), learnt from the
// word lists themselves: per language, the probability of each letter given the four before
// it (word edges included), Witten-Bell smoothed down to the single letter. franc's 300
// trigrams per language come from one formal text; a language's 10,000 words show its
// endings and clusters far better.
import { cached, cacheKey, sourceOf } from '../data/disk-cache.js'
import type { LanguageData } from './data.js'
import { fibonacciSlot } from './word-table.js'

// Symbol 0 is no letter: it pads a history that reaches back to the word's start.
/** Symbol of the word edge, before its first letter and after its last. */
const EDGE = 1
/** Symbol of a letter no list spells with: it says nothing of any language. */
const OTHER = 2
const SYMBOL_BITS = 7
const SYMBOLS = 1 << SYMBOL_BITS
/** Letters of history a letter is predicted from. */
const HISTORY = 4
/** MASKS[k] keeps the last k symbols of a packed history (integers, so masking stays cheap). */
const MASKS = [0, (1 << SYMBOL_BITS) - 1, (1 << (2 * SYMBOL_BITS)) - 1, (1 << (3 * SYMBOL_BITS)) - 1, (1 << (4 * SYMBOL_BITS)) - 1]
/** Additive smoothing of the single-letter distribution, the end of the back-off chain. */
const SMOOTHING = 0.5
/**
 * Log-probabilities are kept as multiples of this in 16-bit integers, which halves the
 * tables; the rounding (±0.0005 per letter) is far below what tells languages apart.
 */
const STEP = 1 / 1000
const LOWEST = -32767

function quantized(logProbability: number): number {
  return Math.max(LOWEST, Math.round(logProbability / STEP))
}

/**
 * A gram table's rows in order, as plain typed arrays: what is cached. The hash layout is
 * rebuilt from them, so a cached table never depends on the hash function it was built with.
 */
interface GramRows {
  contexts: Int32Array
  letters: Uint8Array
}

/**
 * Open-addressing hash table of (history, letter) keys, at most half full, grown by doubling;
 * rows are numbered in the order they are added.
 */
class GramTable {
  bits = 12
  contexts = new Int32Array(1 << this.bits).fill(-1)
  letters = new Uint8Array(1 << this.bits)
  rows = new Int32Array(1 << this.bits)
  size = 0
  /** The history and the letter of each row, while the table is built. */
  rowContexts: number[] = []
  rowLetters: number[] = []

  /** The row of (history, letter), or -1. */
  find(history: number, letter: number): number {
    const mask = this.contexts.length - 1
    for (let slot = gramSlot(history, letter, this.bits); ; slot = (slot + 1) & mask) {
      const found = this.contexts[slot]
      if (found === -1) return -1
      if (found === history && this.letters[slot] === letter) return this.rows[slot]
    }
  }

  /** The row of (history, letter), adding it as the next row when new. */
  add(history: number, letter: number): number {
    const mask = this.contexts.length - 1
    let slot = gramSlot(history, letter, this.bits)
    for (; ; slot = (slot + 1) & mask) {
      const found = this.contexts[slot]
      if (found === -1) break
      if (found === history && this.letters[slot] === letter) return this.rows[slot]
    }
    const row = this.size++
    this.rowContexts.push(history)
    this.rowLetters.push(letter)
    if (2 * this.size > this.contexts.length) this.grow()
    else this.put(slot, history, letter, row)
    return row
  }

  /** Frees what only building needed (`find` still works) and returns the rows. */
  seal(): GramRows {
    const rows = { contexts: Int32Array.from(this.rowContexts), letters: Uint8Array.from(this.rowLetters) }
    this.rowContexts = []
    this.rowLetters = []
    return rows
  }

  /** The table of `rows`, each at its own row number again. */
  static from(rows: GramRows): GramTable {
    const table = new GramTable()
    for (let row = 0; row < rows.contexts.length; row++) table.add(rows.contexts[row]!, rows.letters[row]!)
    table.seal()
    return table
  }

  private put(slot: number, history: number, letter: number, row: number): void {
    this.contexts[slot] = history
    this.letters[slot] = letter
    this.rows[slot] = row
  }

  /** Doubles the table and puts every row back, the new one included. */
  private grow(): void {
    this.bits++
    this.contexts = new Int32Array(1 << this.bits).fill(-1)
    this.letters = new Uint8Array(1 << this.bits)
    this.rows = new Int32Array(1 << this.bits)
    const mask = this.contexts.length - 1
    for (let row = 0; row < this.size; row++) {
      const history = this.rowContexts[row]
      const letter = this.rowLetters[row]
      let slot = gramSlot(history, letter, this.bits)
      while (this.contexts[slot] !== -1) slot = (slot + 1) & mask
      this.put(slot, history, letter, row)
    }
  }
}

function gramSlot(history: number, letter: number, bits: number): number {
  return fibonacciSlot(history ^ Math.imul(letter, 0x01000193), bits)
}

/** Number of symbols in a packed history. */
function historyLength(history: number): number {
  let length = 0
  while (length < HISTORY && history > MASKS[length]) length++
  return length
}

export class LetterModel {
  /**
   * Log-probability of a symbol drawn uniformly from the letters of all the lists and the
   * word end: a word that no language spells likelier than that is a code or a keyboard mash.
   */
  readonly randomSymbol: number
  private readonly n: number
  private readonly symbolTable: Uint8Array
  /** (history, letter) of every gram some language's words have → its row in `weights`. */
  private readonly grams: GramTable
  /** Row-major log P(letter | history), one column per language, back-off included; quantized. */
  private readonly weights: Int16Array
  /** History → its row in `backoffs`, for histories some language's words have. */
  private readonly histories: GramTable
  /**
   * Row-major log of the weight a language gives its shorter history when a letter never
   * followed this one there (Witten-Bell: distinct letters seen after it over all letters
   * seen after it plus those); 0 where the language never saw the history.
   */
  private readonly backoffs: Int16Array

  /** The model of the listed words of `languages`: see `buildTables`. */
  constructor(languages: readonly string[], data: LanguageData) {
    // Building takes about half a second on every start; the tables are cached, keyed by this
    // module's own code and every word they are built from.
    // Arrays read back may be views into the whole file read: each is copied into its own.
    // One cache per language set, so that a model of a few languages does not evict the full one.
    const tables = cached(`letter-model-${languages.join('-')}`, letterModelKey(languages, data), () => buildTables(languages, data))
    this.randomSymbol = tables.randomSymbol
    this.n = tables.n
    this.symbolTable = tables.symbolTable.slice()
    this.grams = GramTable.from(tables.grams)
    this.weights = tables.weights.slice()
    this.histories = GramTable.from(tables.histories)
    this.backoffs = tables.backoffs.slice()
  }

  /**
   * Adds the log-probability of the word `text[start, end)` in every language into `scores`,
   * its letters from left to right and then its end; a letter's third repeat in a row
   * ("sooo") is skipped, and a letter no list spells with says nothing. A single letter ("l'",
   * "y") is no word of any list, so it says nothing either. Returns the number of symbols
   * scored, the end included.
   */
  scoreWord(text: string, start: number, end: number, scores: Float64Array): number {
    if (end - start < 2) return 0
    let history = EDGE
    let known = 0
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i)
      if (i - 2 >= start && code === text.charCodeAt(i - 1) && code === text.charCodeAt(i - 2)) continue
      const symbol = symbolOf(this.symbolTable, code)
      if (symbol !== OTHER) {
        this.scoreLetter(history, symbol, scores)
        known++
      }
      history = ((history & MASKS[HISTORY - 1]) << SYMBOL_BITS) | symbol
    }
    if (known === 0) return 0
    this.scoreLetter(history, EDGE, scores)
    return known + 1
  }

  /** Adds log P(letter | history) per language: the longest history some language saw it after, and the back-off weights of the longer ones. */
  private scoreLetter(history: number, letter: number, scores: Float64Array): void {
    const n = this.n
    for (let k = historyLength(history); k >= 0; k--) {
      const context = history & MASKS[k]
      const row = this.grams.find(context, letter)
      if (row >= 0) {
        const weights = this.weights
        const base = row * n
        for (let l = 0; l < n; l++) scores[l] += weights[base + l] * STEP
        return
      }
      const at = k > 0 ? this.histories.find(context, 0) : -1
      if (at >= 0) {
        const backoffs = this.backoffs
        const base = at * n
        for (let l = 0; l < n; l++) scores[l] += backoffs[base + l] * STEP
      }
    }
  }
}

/** A built model: plain typed arrays, so that it can be cached. */
interface LetterTables {
  randomSymbol: number
  n: number
  symbolTable: Uint8Array
  grams: GramRows
  weights: Int16Array
  histories: GramRows
  backoffs: Int16Array
}

/** Symbol of a lower-case letter by UTF-16 code unit. */
function symbolOf(symbolTable: Uint8Array, code: number): number {
  return code < symbolTable.length && symbolTable[code] !== 0 ? symbolTable[code] : OTHER
}

function letterModelKey(languages: readonly string[], data: LanguageData): string {
  function* parts(): Generator<string> {
    // Tables built by other code must not be read back.
    yield sourceOf(import.meta.url)
    for (const lang of languages) {
      yield lang
      const list = data.vocabulary.get(lang)
      if (list) yield* [list.ranked.join('\n'), list.unranked.join('\n')]
    }
  }
  return cacheKey(parts())
}

/**
 * Counts every listed word of `languages` once (an unlisted word is rare, and rare words
 * follow the types of a language, not its most frequent tokens), then keeps each language's
 * Witten-Bell estimates of P(letter | up to four letters before it).
 */
function buildTables(languages: readonly string[], data: LanguageData): LetterTables {
  const symbolTable = new Uint8Array(0x2000)
  const n = languages.length
  const grams = new GramTable()
  // A gram's count per language, grown by doubling. Each letter is counted once, after its
  // longest history; the shorter histories' counts are summed from those below.
  let counts = new Int32Array(1 << 16)
  let symbols = OTHER + 1
  for (let l = 0; l < n; l++) {
    const list = data.vocabulary.get(languages[l])
    if (!list) continue
    const seen = new Set<string>()
    for (const words of [list.ranked, list.unranked]) {
      for (const word of words) {
        if (seen.has(word)) continue
        seen.add(word)
        let history = EDGE
        for (let i = 0; i <= word.length; i++) {
          let symbol = EDGE
          if (i < word.length) {
            const code = word.charCodeAt(i)
            if (code < symbolTable.length && symbolTable[code] === 0 && symbols < SYMBOLS) symbolTable[code] = symbols++
            symbol = symbolOf(symbolTable, code)
          }
          const row = grams.add(history, symbol)
          if ((row + 1) * n > counts.length) counts = grown(counts, (row + 1) * n)
          counts[row * n + l]++
          history = ((history & MASKS[HISTORY - 1]) << SYMBOL_BITS) | symbol
        }
      }
    }
  }
  // The letters and the word end: what the model predicts.
  const alphabet = symbols - OTHER
  const randomSymbol = -Math.log(alphabet)

  // Every shorter history of a counted gram gets its counts.
  const longest = grams.size
  const own = counts.slice(0, longest * n)
  for (let row = 0; row < longest; row++) {
    const context = grams.rowContexts[row]
    const letter = grams.rowLetters[row]
    for (let k = historyLength(context) - 1; k >= 0; k--) {
      const shorter = grams.add(context & MASKS[k], letter)
      if ((shorter + 1) * n > counts.length) counts = grown(counts, (shorter + 1) * n)
      for (let l = 0; l < n; l++) counts[shorter * n + l] += own[row * n + l]
    }
  }

  // Per history and language: letters seen after it, and how many distinct ones.
  const histories = new GramTable()
  const rowHistory = new Int32Array(grams.size)
  let totals = new Int32Array(1 << 16)
  let types = new Int32Array(1 << 16)
  // Rows by history length, shortest first: a gram's probability needs its shorter history's.
  const byLength: number[][] = []
  for (let k = 0; k <= HISTORY; k++) byLength.push([])
  for (let row = 0; row < grams.size; row++) {
    const context = grams.rowContexts[row]
    byLength[historyLength(context)].push(row)
    const at = histories.add(context, 0)
    rowHistory[row] = at
    if ((at + 1) * n > totals.length) {
      totals = grown(totals, (at + 1) * n)
      types = grown(types, (at + 1) * n)
    }
    for (let l = 0; l < n; l++) {
      const count = counts[row * n + l]
      totals[at * n + l] += count
      if (count > 0) types[at * n + l]++
    }
  }
  const backoffs = new Int16Array(histories.size * n)
  for (let i = 0; i < backoffs.length; i++) backoffs[i] = totals[i] === 0 ? 0 : quantized(Math.log(types[i] / (totals[i] + types[i])))

  // Witten-Bell: P(c | h) = (count(h c) + types(h) · P(c | h')) / (total(h) + types(h)), with h'
  // the history h less its first letter, and P(c | h') alone where a language never saw h.
  const probability = new Float64Array(grams.size * n)
  const weights = new Int16Array(grams.size * n)
  for (let k = 0; k <= HISTORY; k++) {
    for (const row of byLength[k]) {
      const context = grams.rowContexts[row]
      const base = row * n
      const at = rowHistory[row] * n
      const shorter = k === 0 ? -1 : grams.find(context & MASKS[k - 1], grams.rowLetters[row]) * n
      for (let l = 0; l < n; l++) {
        const count = counts[base + l]
        const total = totals[at + l]
        if (k > 0 && total === 0) {
          probability[base + l] = probability[shorter + l]
          weights[base + l] = weights[shorter + l]
          continue
        }
        const p = k === 0 ? (count + SMOOTHING) / (total + SMOOTHING * alphabet) : (count + types[at + l] * probability[shorter + l]) / (total + types[at + l])
        probability[base + l] = p
        weights[base + l] = quantized(Math.log(p))
      }
    }
  }
  return { randomSymbol, n, symbolTable, grams: grams.seal(), weights, backoffs, histories: histories.seal() }
}

function grown(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  let length = array.length
  while (length < needed) length *= 2
  const next = new Int32Array(length)
  next.set(array)
  return next
}
