// franc's trigram model, compiled for speed: one table lookup per trigram scores every
// allowed Latin-script language at once.
import { data } from 'franc/data.js'
import { FRANC_CODES } from './languages.js'
import { fibonacciSlot } from './word-table.js'

/** Symbol code of the word boundary (franc pads words with a space). */
export const BOUNDARY = 0
/** Symbol code of a letter that no trigram table contains: its trigrams never match. */
export const UNKNOWN = 1
const BITS = 10

export interface TrigramModel {
  /** Language order of the score rows. */
  languages: readonly string[]
  /** Symbol code of a lower-case letter by UTF-16 code unit; UNKNOWN when absent. */
  symbolOf(code: number): number
  /** Adds the log-weight of trigram (a, b, c) for every language into `scores`. */
  score(a: number, b: number, c: number, scores: Float64Array): void
}

/** The integer key of a trigram of symbol codes. */
function key(a: number, b: number, c: number): number {
  return (a << (2 * BITS)) | (b << BITS) | c
}

/**
 * franc ranks each language's 300 most frequent trigrams. Read as a Zipf distribution, rank r
 * has log-probability -log(r + k) up to a constant, and a trigram outside a language's list
 * gets the weight `absent`; all are multiplied by `scale`. Summed over the text (naive Bayes), these separate short texts
 * better than franc's own rank distance on the same tables, and one lookup scores every
 * language. A trigram in no list scores all languages alike and is skipped.
 */
const RANK_OFFSET = 10

export function buildTrigramModel(languages: readonly string[], absent: number, scale: number): TrigramModel {
  const n = languages.length
  const symbols = new Map<number, number>()
  const lists: string[][] = []
  for (const lang of languages) {
    const list = (data.Latin as Record<string, string>)[FRANC_CODES[lang]].split('|').filter((t) => t.length === 3)
    lists.push(list)
    for (const trigram of list) {
      for (let i = 0; i < 3; i++) {
        const code = trigram.charCodeAt(i)
        if (code !== 32 && !symbols.has(code)) symbols.set(code, symbols.size + 2)
      }
    }
  }
  if (symbols.size + 2 >= 1 << BITS) throw new Error('franc trigram alphabet too large for the key layout')
  const symbolTable = new Uint16Array(0x2000)
  for (const [code, symbol] of symbols) if (code < symbolTable.length) symbolTable[code] = symbol
  const symbolOf = (code: number): number => (code < symbolTable.length && symbolTable[code] !== 0 ? symbolTable[code] : UNKNOWN)
  const encode = (ch: string): number => (ch === ' ' ? BOUNDARY : symbolOf(ch.charCodeAt(0)))

  const rows = new Map<number, Float64Array>()
  lists.forEach((list, l) => {
    list.forEach((trigram, rank) => {
      const k = key(encode(trigram[0]), encode(trigram[1]), encode(trigram[2]))
      let row = rows.get(k)
      if (!row) {
        row = new Float64Array(n).fill(absent * scale)
        rows.set(k, row)
      }
      row[l] = scale * (Math.log(RANK_OFFSET) - Math.log(rank + RANK_OFFSET))
    })
  })

  // An open-addressing table of the keys (at most half full) with the weights in one flat
  // array: the per-message loop then does no hashing of objects and no pointer chasing.
  let bits = 4
  while (1 << bits < rows.size * 2) bits++
  const mask = (1 << bits) - 1
  const slots = new Int32Array(1 << bits).fill(-1)
  const slotRow = new Int32Array(1 << bits)
  const weights = new Float64Array(rows.size * n)
  let r = 0
  for (const [k, row] of rows) {
    let slot = fibonacciSlot(k, bits)
    while (slots[slot] !== -1) slot = (slot + 1) & mask
    slots[slot] = k
    slotRow[slot] = r * n
    weights.set(row, r * n)
    r++
  }

  return {
    languages,
    symbolOf,
    score(a, b, c, scores) {
      const k = key(a, b, c)
      let slot = fibonacciSlot(k, bits)
      for (;;) {
        const found = slots[slot]
        if (found === k) break
        if (found === -1) return
        slot = (slot + 1) & mask
      }
      const base = slotRow[slot]
      for (let l = 0; l < n; l++) scores[l] += weights[base + l]
    }
  }
}

