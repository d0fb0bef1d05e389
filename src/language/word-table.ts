// A read-only table of words to small non-negative integers that looks words up by their
// position in a text, so the
// per-message scan hashes as it reads and never cuts the text into strings.

/** FNV-1a offset basis: the hash of an empty word. */
export const EMPTY_HASH = 0x811c9dc5 | 0

/** The hash of a word extended by one UTF-16 code unit. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193)
}

export class WordTable {
  private readonly bits: number
  private readonly slots: Int32Array
  /** The full hash of each slot's word: probing skips other words without reading them. */
  private readonly slotHashes: Int32Array
  private readonly words: string[] = []
  private readonly values: number[] = []

  constructor(entries: ReadonlyMap<string, number>) {
    let bits = 4
    while (1 << bits < entries.size * 2) bits++
    this.bits = bits
    this.slots = new Int32Array(1 << bits).fill(-1)
    this.slotHashes = new Int32Array(1 << bits)
    for (const [word, value] of entries) {
      const hash = wordHash(word)
      let slot = this.slotOf(hash)
      while (this.slots[slot] !== -1) slot = (slot + 1) & (this.slots.length - 1)
      this.slots[slot] = this.words.length
      this.slotHashes[slot] = hash
      this.words.push(word)
      this.values.push(value)
    }
  }

  /** The value of a whole word, or -1 when it is not listed. */
  get(word: string): number {
    return this.find(word, 0, word.length, wordHash(word))
  }

  /** The value of the word `text[start, end)` whose hash is `hash`, or -1 when it is not listed. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start
    const last = this.slots.length - 1
    for (let slot = this.slotOf(hash); ; slot = (slot + 1) & last) {
      const index = this.slots[slot]
      if (index === -1) return -1
      if (this.slotHashes[slot] !== hash) continue
      const word = this.words[index]
      if (word.length !== length) continue
      let i = 0
      while (i < length && word.charCodeAt(i) === text.charCodeAt(start + i)) i++
      if (i === length) return this.values[index]
    }
  }

  private slotOf(hash: number): number {
    return fibonacciSlot(hash, this.bits)
  }
}

/** The hash of a whole word, as `hashStep` builds it. */
export function wordHash(word: string): number {
  let hash = EMPTY_HASH
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i))
  return hash
}

/** Fibonacci hashing: a 32-bit key spread over a table of `2 ** bits` slots. */
export function fibonacciSlot(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits)
}
