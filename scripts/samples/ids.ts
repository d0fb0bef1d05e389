// Deterministic identifiers: every id is drawn from a generator seeded by the scenario id, so a
// scenario keeps its ids when others are added, and two runs write identical files.

/** FNV-1a over the string's UTF-16 units: a stable 32-bit seed. */
function seedOf(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  int(min: number, max: number): number
  digits(count: number): string
  alnum(count: number): string
  pick<T>(items: readonly T[]): T
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** mulberry32, seeded from `key`. */
export function rngFor(key: string): Rng {
  let state = seedOf(key)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const fromAlphabet = (alphabet: string, count: number, firstNonZero: boolean): string => {
    let out = ''
    for (let i = 0; i < count; i++) out += alphabet[i === 0 && firstNonZero ? int(1, alphabet.length - 1) : int(0, alphabet.length - 1)]
    return out
  }
  return {
    next,
    int,
    digits: (count) => fromAlphabet('0123456789', count, true),
    alnum: (count) => fromAlphabet(ALNUM, count, false),
    pick: (items) => items[int(0, items.length - 1)]!
  }
}
