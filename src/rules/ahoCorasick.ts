// Aho–Corasick automaton over UTF-16 units: finds every occurrence of every phrase in one
// left-to-right pass over the folded text. Transitions are stored flat (sorted children per
// state, plus a direct table for the root) so a step is an array lookup, not a hash lookup.

export interface PhraseAutomaton {
  /**
   * Scan the first `length` units of `text`; returns how many occurrences were written to
   * `phrases` / `ends` (phrase index, end offset exclusive), in text order. The buffers grow as
   * needed and are reused by callers.
   */
  scan(text: Uint16Array, length: number, buffers: ScanBuffers): number
}

export interface ScanBuffers {
  phrases: Int32Array
  ends: Int32Array
}

export function createScanBuffers(size = 64): ScanBuffers {
  return { phrases: new Int32Array(size), ends: new Int32Array(size) }
}

/** Build the automaton of `phrases` (already folded; index = phrase id). */
export function buildAutomaton(phrases: readonly string[]): PhraseAutomaton {
  // The trie: every state but the root has one incoming edge (parent, unit). One map of
  // `state * 0x10000 + unit` finds children while building; typed arrays hold the rest.
  let capacity = 1024
  let parent: Int32Array = new Int32Array(capacity)
  let unitIn = new Uint16Array(capacity)
  let stateCount = 1
  const edges = new Map<number, number>()
  const endsHere: number[] = [] // pairs (state, phrase)
  for (let p = 0; p < phrases.length; p++) {
    const phrase = phrases[p]
    let state = 0
    for (let i = 0; i < phrase.length; i++) {
      const unit = phrase.charCodeAt(i)
      const key = state * 0x10000 + unit
      let next = edges.get(key)
      if (next === undefined) {
        if (stateCount === capacity) {
          capacity *= 2
          parent = grownInt32(parent, capacity)
          const units = new Uint16Array(capacity)
          units.set(unitIn)
          unitIn = units
        }
        next = stateCount++
        parent[next] = state
        unitIn[next] = unit
        edges.set(key, next)
      }
      state = next
    }
    endsHere.push(state, p)
  }

  // Children per state, sorted by unit (states were created in trie order, so a counting sort
  // by parent followed by a sort of each small run).
  const childStart = new Int32Array(stateCount + 1)
  for (let s = 1; s < stateCount; s++) childStart[parent[s] + 1]++
  for (let s = 0; s < stateCount; s++) childStart[s + 1] += childStart[s]
  const fill = childStart.slice(0, stateCount)
  const childState = new Int32Array(Math.max(0, stateCount - 1))
  for (let s = 1; s < stateCount; s++) childState[fill[parent[s]]++] = s
  for (let s = 0; s < stateCount; s++) {
    const from = childStart[s]
    const to = childStart[s + 1]
    if (to - from > 1) childState.subarray(from, to).sort((x, y) => unitIn[x] - unitIn[y])
  }
  const childUnit = new Uint16Array(childState.length)
  for (let e = 0; e < childState.length; e++) childUnit[e] = unitIn[childState[e]]
  const rootNext = new Int32Array(0x10000)
  for (let e = childStart[0]; e < childStart[1]; e++) rootNext[childUnit[e]] = childState[e]

  // Phrases ending exactly at each state.
  const ownStart = new Int32Array(stateCount + 1)
  for (let k = 0; k < endsHere.length; k += 2) ownStart[endsHere[k] + 1]++
  for (let s = 0; s < stateCount; s++) ownStart[s + 1] += ownStart[s]
  const ownList = new Int32Array(endsHere.length / 2)
  const ownFill = ownStart.slice(0, stateCount)
  for (let k = 0; k < endsHere.length; k += 2) ownList[ownFill[endsHere[k]]++] = endsHere[k + 1]

  const step = (state: number, unit: number): number => {
    if (state === 0) return rootNext[unit]
    let lo = childStart[state]
    let hi = childStart[state + 1] - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const found = childUnit[mid]
      if (found === unit) return childState[mid]
      if (found < unit) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  // Breadth-first: a state's failure link is the longest proper suffix that is also a prefix;
  // its dictionary link is the nearest state on its failure chain where a phrase ends.
  const fail = new Int32Array(stateCount)
  const dictionary = new Int32Array(stateCount)
  const queue = new Int32Array(stateCount)
  let tail = 0
  for (let e = childStart[0]; e < childStart[1]; e++) queue[tail++] = childState[e]
  for (let head = 0; head < tail; head++) {
    const state = queue[head]
    for (let e = childStart[state]; e < childStart[state + 1]; e++) {
      const unit = childUnit[e]
      const next = childState[e]
      let f = fail[state]
      let target = step(f, unit)
      while (target <= 0 && f !== 0) {
        f = fail[f]
        target = step(f, unit)
      }
      const link = target > 0 && target !== next ? target : 0
      fail[next] = link
      dictionary[next] = ownStart[link + 1] > ownStart[link] ? link : dictionary[link]
      queue[tail++] = next
    }
  }

  return {
    scan(text, length, buffers) {
      let count = 0
      let state = 0
      for (let i = 0; i < length; i++) {
        const unit = text[i]
        let next = step(state, unit)
        while (next < 0) {
          state = fail[state]
          next = step(state, unit)
        }
        state = next
        for (let s = state; s > 0; s = dictionary[s]) {
          for (let k = ownStart[s]; k < ownStart[s + 1]; k++) {
            if (count === buffers.phrases.length) grow(buffers)
            buffers.phrases[count] = ownList[k]
            buffers.ends[count] = i + 1
            count++
          }
        }
      }
      return count
    }
  }
}

function grownInt32(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size)
  grown.set(array)
  return grown
}

function grow(buffers: ScanBuffers): void {
  const phrases = new Int32Array(buffers.phrases.length * 2)
  const ends = new Int32Array(buffers.ends.length * 2)
  phrases.set(buffers.phrases)
  ends.set(buffers.ends)
  buffers.phrases = phrases
  buffers.ends = ends
}
