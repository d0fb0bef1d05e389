// A letter model of the words no list holds ("celebraban", "erkenntnisse"), learnt from the
// word lists themselves: how often each run of four letters (word edges included) occurs in a
// language's words, as log-probabilities. franc's 300 trigrams per language come from one
// formal text; a language's 10,000 words show its endings and clusters far better.
import type { LanguageData } from './data.js'
import { fibonacciSlot } from './word-table.js'

/** Symbol of the word edge. */
export const EDGE = 0
/** Symbol of a letter outside the model's alphabet: its grams never match. */
const OTHER = 1
const SYMBOL_BITS = 7
const KEY_MASK = (1 << (4 * SYMBOL_BITS)) - 1
/** Additive smoothing of the gram counts. */
const SMOOTHING = 0.5

/** The key of the last four symbols after `symbol` follows the gram `key`. */
export function nextKey(key: number, symbol: number): number {
  return ((key << SYMBOL_BITS) | symbol) & KEY_MASK
}

export class LetterModel {
  private readonly n: number
  private readonly symbolTable = new Uint8Array(0x2000)
  private readonly bits: number
  /** Open addressing, at most half full: the gram key of each slot, or -1. */
  private readonly slots: Int32Array
  /** Offset of each slot's row in `weights`. */
  private readonly slotRow: Int32Array
  /** Row-major log-probabilities, one row per gram, one column per language. */
  private readonly weights: Float32Array

  /**
   * Counts the four-letter grams of every listed word of `languages` (each word once: an
   * unlisted word is rare, and rare words follow the types of a language, not its most
   * frequent tokens), then keeps log((count + ½) / (total + ½ · grams)) per language.
   */
  constructor(languages: readonly string[], data: LanguageData) {
    const n = languages.length
    this.n = n
    // Gram key → row of `counts`; plain arrays, because typed ones grown by doubling would
    // leave their buffers for the collector to free late.
    const rows = new Map<number, number>()
    const counts: number[] = []
    const totals = new Float64Array(n)
    let symbols = 2
    for (let l = 0; l < n; l++) {
      const list = data.vocabulary.get(languages[l])
      if (!list) continue
      const seen = new Set<string>()
      for (const words of [list.ranked, list.unranked]) {
        for (const word of words) {
          if (seen.has(word)) continue
          seen.add(word)
          let key = EDGE
          for (let i = 0; i <= word.length; i++) {
            let symbol = EDGE
            if (i < word.length) {
              const code = word.charCodeAt(i)
              if (code < this.symbolTable.length && this.symbolTable[code] === 0 && symbols < 1 << SYMBOL_BITS) this.symbolTable[code] = symbols++
              symbol = this.symbolOf(code)
            }
            key = nextKey(key, symbol)
            // The first gram is the leading edge and three letters (or a shorter word and its edges).
            if (i < 2) continue
            let row = rows.get(key)
            if (row === undefined) {
              row = rows.size
              rows.set(key, row)
              for (let c = 0; c < n; c++) counts.push(0)
            }
            counts[row * n + l]++
            totals[l]++
          }
        }
      }
    }

    let bits = 4
    while (1 << bits < rows.size * 2) bits++
    this.bits = bits
    const mask = (1 << bits) - 1
    this.slots = new Int32Array(1 << bits).fill(-1)
    this.slotRow = new Int32Array(1 << bits)
    this.weights = new Float32Array(counts.length)
    const unseen = new Float64Array(n)
    for (let l = 0; l < n; l++) unseen[l] = Math.log(totals[l] + SMOOTHING * rows.size)
    for (let i = 0; i < counts.length; i++) this.weights[i] = Math.log(counts[i] + SMOOTHING) - unseen[i % n]
    for (const [key, row] of rows) {
      let slot = fibonacciSlot(key, bits)
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask
      this.slots[slot] = key
      this.slotRow[slot] = row * n
    }
  }

  /** Symbol of a lower-case letter by UTF-16 code unit. */
  symbolOf(code: number): number {
    return code < this.symbolTable.length && this.symbolTable[code] !== 0 ? this.symbolTable[code] : OTHER
  }

  /** Adds the log-probability of the gram `key` in every language into `scores`; nothing for a gram no word has. */
  score(key: number, scores: Float64Array): void {
    const slots = this.slots
    const last = slots.length - 1
    let slot = fibonacciSlot(key, this.bits)
    for (;;) {
      const found = slots[slot]
      if (found === key) break
      if (found === -1) return
      slot = (slot + 1) & last
    }
    const base = this.slotRow[slot]
    const weights = this.weights
    for (let l = 0; l < this.n; l++) scores[l] += weights[base + l]
  }
}


