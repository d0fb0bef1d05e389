// Aho–Corasick automaton over UTF-16 units: finds every occurrence of every phrase in one
// left-to-right pass over the folded text. States are numbered breadth-first, so the children
// of a state are consecutive numbers and the shallow states, where a scan spends its time, sit
// together in memory; a step is a binary search of a state's children units, not a hash lookup.

export interface PhraseAutomaton {
  /**
   * Scan the first `length` units of `text`; returns how many occurrences were written to
   * `phrases` / `ends` (phrase index, end offset exclusive), in text order. Only phrases whose
   * mask meets `active` are reported. The buffers grow as needed and are reused by callers.
   */
  scan(text: Uint16Array, length: number, active: number, buffers: ScanBuffers): number
}

export interface ScanBuffers {
  phrases: Int32Array
  ends: Int32Array
}

export function createScanBuffers(size = 64): ScanBuffers {
  return { phrases: new Int32Array(size), ends: new Int32Array(size) }
}

/**
 * Build the automaton of `phrases` (already folded; index = phrase id); `masks[id]` is the
 * bit mask a scan's `active` mask must meet for phrase `id` to be reported.
 */
export function buildAutomaton(phrases: readonly string[], masks: Int32Array): PhraseAutomaton {
  const trie = buildTrie(phrases)
  const { stateCount } = trie

  // Breadth-first numbering: `order[k]` is the trie state numbered k.
  const order = new Int32Array(stateCount)
  const number = new Int32Array(stateCount)
  const parent = new Int32Array(stateCount)
  const first = new Int32Array(stateCount + 1)
  const unitIn = new Uint16Array(stateCount)
  let tail = 1
  for (let head = 0; head < stateCount; head++) {
    const state = order[head]
    first[head] = tail
    for (let e = trie.childStart[state]; e < trie.childStart[state + 1]; e++) {
      const child = trie.childState[e]
      number[child] = tail
      parent[tail] = head
      unitIn[tail] = trie.unitIn[child]
      order[tail++] = child
    }
  }
  first[stateCount] = tail
  const rootNext = new Int32Array(0x10000)
  for (let c = first[0]; c < first[1]; c++) rootNext[unitIn[c]] = c

  // Phrases ending exactly at each state, and the mask of their languages.
  const ownStart = new Int32Array(stateCount + 1)
  const ownMask = new Int32Array(stateCount)
  for (let p = 0; p < phrases.length; p++) {
    const state = number[trie.endState[p]]
    ownStart[state + 1]++
    ownMask[state] |= masks[p]
  }
  for (let s = 0; s < stateCount; s++) ownStart[s + 1] += ownStart[s]
  const ownList = new Int32Array(phrases.length)
  const fill = ownStart.slice(0, stateCount)
  for (let p = 0; p < phrases.length; p++) ownList[fill[number[trie.endState[p]]]++] = p

  const child = (state: number, unit: number): number => {
    for (let c = first[state]; c < first[state + 1]; c++) if (unitIn[c] === unit) return c
    return -1
  }

  // Breadth-first: a state's failure link is the longest proper suffix that is also a prefix;
  // its dictionary link the nearest state on its failure chain where a phrase ends, and
  // `chainMask` the languages of every phrase ending on that chain, so a scan can skip a state
  // whose phrases all belong to languages not running.
  const fail = new Int32Array(stateCount)
  const dictionary = new Int32Array(stateCount)
  const chainMask = new Int32Array(stateCount)
  for (let s = 1; s < stateCount; s++) {
    const unit = unitIn[s]
    let link = 0
    if (parent[s] !== 0) {
      let f = fail[parent[s]]
      for (;;) {
        const target = f === 0 ? rootNext[unit] : child(f, unit)
        if (target > 0) {
          link = target
          break
        }
        if (f === 0) break
        f = fail[f]
      }
    }
    fail[s] = link
    dictionary[s] = ownStart[link + 1] > ownStart[link] ? link : dictionary[link]
    chainMask[s] = ownMask[s] | chainMask[link]
  }

  const tables: Tables = { first, unitIn, rootNext, fail, dictionary, ownStart, ownList, ownMask, chainMask, masks }
  return { scan: (text, length, active, buffers) => scan(tables, text, length, active, buffers) }
}

interface Tables {
  first: Int32Array
  unitIn: Uint16Array
  rootNext: Int32Array
  fail: Int32Array
  dictionary: Int32Array
  ownStart: Int32Array
  ownList: Int32Array
  ownMask: Int32Array
  chainMask: Int32Array
  masks: Int32Array
}

// The tables are read into locals first: the loop then runs on registers, not object loads.
function scan(tables: Tables, text: Uint16Array, length: number, active: number, buffers: ScanBuffers): number {
  const { first, unitIn, rootNext, fail, dictionary, ownStart, ownList, ownMask, chainMask, masks } = tables
  let phrases = buffers.phrases
  let ends = buffers.ends
  let count = 0
  let state = 0
  for (let i = 0; i < length; i++) {
    const unit = text[i]
    let next = 0
    for (;;) {
      if (state === 0) {
        next = rootNext[unit]
        break
      }
      let lo = first[state]
      let hi = first[state + 1] - 1
      next = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        const found = unitIn[mid]
        if (found === unit) {
          next = mid
          break
        }
        if (found < unit) lo = mid + 1
        else hi = mid - 1
      }
      if (next > 0) break
      state = fail[state]
    }
    state = next
    for (let s = state; s > 0 && (chainMask[s] & active) !== 0; s = dictionary[s]) {
      if ((ownMask[s] & active) === 0) continue
      const end = ownStart[s + 1]
      for (let k = ownStart[s]; k < end; k++) {
        const phrase = ownList[k]
        if ((masks[phrase] & active) === 0) continue
        if (count === phrases.length) {
          grow(buffers)
          phrases = buffers.phrases
          ends = buffers.ends
        }
        phrases[count] = phrase
        ends[count] = i + 1
        count++
      }
    }
  }
  return count
}

interface Trie {
  stateCount: number
  unitIn: Uint16Array
  /** Children of each state (trie numbering), sorted by unit. */
  childStart: Int32Array
  childState: Int32Array
  /** The state where each phrase ends. */
  endState: Int32Array
}

// The trie: every state but the root has one incoming edge (parent, unit). One map of
// `state * 0x10000 + unit` finds children while building; typed arrays hold the rest.
function buildTrie(phrases: readonly string[]): Trie {
  let capacity = 1024
  let parent = new Int32Array(capacity)
  let unitIn = new Uint16Array(capacity)
  let stateCount = 1
  const edges = new Map<number, number>()
  const endState = new Int32Array(phrases.length)
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
          const parents = new Int32Array(capacity)
          parents.set(parent)
          parent = parents
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
    endState[p] = state
  }
  // A counting sort by parent, then a sort of each (small) run by unit.
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
  return { stateCount, unitIn, childStart, childState, endState }
}

function grow(buffers: ScanBuffers): void {
  const phrases = new Int32Array(buffers.phrases.length * 2)
  const ends = new Int32Array(buffers.ends.length * 2)
  phrases.set(buffers.phrases)
  ends.set(buffers.ends)
  buffers.phrases = phrases
  buffers.ends = ends
}
