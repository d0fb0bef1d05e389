// Remembers which keys were seen lately, in memory that does not depend on the keys' length: a
// key is kept as two 32-bit hashes (64 bits: among a million keys the chance that any two
// collide is about one in forty million), in typed arrays. Two generations of at most `limit`
// keys each: when the young one fills up, it becomes the old one and the oldest keys are
// forgotten, so at least the last `limit` keys are always remembered.
//
// For ids read from the input (the conversations the grouper has finished, the message ids `run`
// has seen): holding them as strings grew with the file, and an id read from the input is often
// a slice of the chunk it was read from, which then stayed in memory with it.

import { fibonacciSlot } from '../language/word-table.js'

/** Keys per generation that fill a table of 2^19 slots to three quarters (4 MB): 393,216. */
export const GENERATION_KEYS = 3 << 17

/** The two hashes of the last key hashed: written by `hash`, read at once (no pair allocated per key). */
let hashA = 0
let hashB = 0

/** FNV-1a over the UTF-16 units, and a second hash of the same units with other constants. */
function hash(key: string): void {
  let a = 0x811c9dc5 | 0
  let b = 0x2545f491
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i)
    a = Math.imul(a ^ unit, 0x01000193)
    b = Math.imul(b ^ unit, 0x5bd1e995)
    b ^= b >>> 15
  }
  // 0 marks an empty slot.
  hashA = a === 0 ? 1 : a
  hashB = b
}

/**
 * An open-addressing set of hash pairs, doubling when three quarters full: a full generation of
 * `3 << 17` keys fits 2^19 slots, 4 MB. Slots are chosen by Fibonacci hashing, so that linear
 * probing stays short at that load whatever the low bits of the keys' hashes.
 */
class HashPairs {
  count = 0
  private bits = 10
  private slots = new Int32Array(2 << this.bits)

  has(a: number, b: number): boolean {
    const slots = this.slots
    const mask = (1 << this.bits) - 1
    for (let slot = fibonacciSlot(a, this.bits); ; slot = (slot + 1) & mask) {
      const found = slots[2 * slot]
      if (found === 0) return false
      if (found === a && slots[2 * slot + 1] === b) return true
    }
  }

  get bytes(): number {
    return this.slots.byteLength
  }

  /** Adds a pair that is not in the set. */
  add(a: number, b: number): void {
    if (4 * (this.count + 1) > 3 << this.bits) this.grow()
    this.put(this.slots, this.bits, a, b)
    this.count++
  }

  private put(slots: Int32Array, bits: number, a: number, b: number): void {
    const mask = (1 << bits) - 1
    let slot = fibonacciSlot(a, bits)
    while (slots[2 * slot] !== 0) slot = (slot + 1) & mask
    slots[2 * slot] = a
    slots[2 * slot + 1] = b
  }

  private grow(): void {
    const old = this.slots
    const bits = this.bits + 1
    const slots = new Int32Array(2 << bits)
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.put(slots, bits, old[i]!, old[i + 1]!)
    this.slots = slots
    this.bits = bits
  }
}

export class RecentKeys {
  private young = new HashPairs()
  private old = new HashPairs()

  /** `limit`: keys per generation; the last `limit` keys added are always remembered. */
  constructor(private readonly limit: number) {}

  /** Remembers `key`; returns whether it was remembered already. */
  add(key: string): boolean {
    hash(key)
    if (this.young.has(hashA, hashB)) return true
    // A key only the old generation holds is added to the young one too, so that the last
    // `limit` keys added are remembered whichever generation first held them.
    const seen = this.old.has(hashA, hashB)
    if (this.young.count >= this.limit) {
      this.old = this.young
      this.young = new HashPairs()
    }
    this.young.add(hashA, hashB)
    return seen
  }

  has(key: string): boolean {
    hash(key)
    return this.young.has(hashA, hashB) || this.old.has(hashA, hashB)
  }

  /** Memory of the two generations' tables. */
  get bytes(): number {
    return this.young.bytes + this.old.bytes
  }

  /** Keys remembered, over both generations (a key both hold counts twice). */
  get size(): number {
    return this.young.count + this.old.count
  }
}
