// Matching one message against a compiled pack: fold once, one automaton pass over phrases and
// regex literals, run only the regexes whose literals are present, then evaluate only the rules
// whose leaves were hit.
import type { IntentHit } from '../types.js'
import { foldBuffers, foldCodes, isUnspacedUnit, regexText, sameDiacritics, type FoldBuffers, type RegexText } from './fold.js'
import type { IntentPack, MatchNode, MatchScratch } from './pack.js'

const SPACE = 0x20

// Span of the last successful node evaluation, in original-text offsets (-1: no span, e.g. a
// lone `not`). Module state instead of returned objects keeps the hot path allocation-free;
// matching is synchronous, so no two evaluations interleave.
let spanStart = -1
let spanEnd = -1

/** Every rule hit of `text` in language `lang` (and its fallbacks), primary first. */
export function matchIntents(pack: IntentPack, text: string, lang: string): IntentHit[] {
  const active = pack.runMasks.get(lang) ?? pack.runMasks.get('und')!
  if (active === 0 || text.length === 0) return []
  const scratch = pack.scratch
  const generation = nextGeneration(scratch)
  const candidates = scratch.candidates
  candidates.length = 0

  const length = foldCodes(text)
  const folded = foldBuffers()
  const found = pack.automaton.scan(folded.codes, length, active, scratch.scan)
  const { phrases: foundPhrases, ends: foundEnds } = scratch.scan
  const phraseCount = pack.phrases.length
  for (let k = 0; k < found; k++) {
    const id = foundPhrases[k]
    if (id >= phraseCount) {
      // A regex literal: the prefilter groups holding it are present.
      const { start, list } = pack.literalGroups
      for (let j = start[id - phraseCount]; j < start[id - phraseCount + 1]; j++) groupPresent(pack, list[j], active, generation)
      continue
    }
    if (scratch.phraseStamp[id] === generation) continue
    const end = foundEnds[k]
    const start = end - pack.phraseLength[id]
    if (!bounded(folded, length, start, end, pack.phraseFree[id])) continue
    const marks = pack.phraseMarks[id]
    if (marks !== null && !sameDiacritics(text, folded.start[start], folded.end[end - 1], marks)) continue
    scratch.phraseStamp[id] = generation // the first bounded occurrence is the phrase's span
    markLeaves(scratch, pack.phraseLeaves.start, pack.phraseLeaves.list, id, folded.start[start], folded.end[end - 1], generation)
    addCandidates(pack, pack.phraseRules.start, pack.phraseRules.list, id, active, generation)
  }
  const seen = folded.seen
  const chars = pack.triggerChars
  for (let c = 0; c < chars.length; c++) {
    const code = chars[c]
    if ((seen[code >> 5] & (1 << (code & 31))) === 0) continue
    const { start, list } = pack.charGroups
    for (let j = start[c]; j < start[c + 1]; j++) groupPresent(pack, list[j], active, generation)
  }
  const woken = scratch.regexQueue
  for (let j = 0; j < pack.unfiltered.length; j++) {
    const id = pack.unfiltered[j]
    if ((pack.regexMask[id] & active) !== 0) woken.push(id)
  }
  if (woken.length > 0) {
    // In pack order: of two regexes of one leaf matching at the same offset, the first gives the span.
    if (woken.length > 1) sortSmall(woken)
    const forRegex = regexText(text)
    for (let j = 0; j < woken.length; j++) runRegex(pack, woken[j], forRegex, text.length, active, generation)
    woken.length = 0
  }

  const hits = scratch.hits
  hits.length = 0
  for (let c = 0; c < candidates.length; c++) {
    const index = candidates[c]
    if (evaluate(pack.rules[index].root, scratch, generation) && spanStart >= 0) hits.push(index, spanStart, spanEnd)
  }
  const own = pack.languageBits.get(lang)
  if (own !== undefined && active !== 1 << own) dropFallbackHits(pack, hits, 1 << own, generation)
  return toHits(pack, text, hits)
}

// A fallback language's rule (English words in a Malay message) yields to the message's own
// rules in the same intent category: "refund tak masuk" is the Malay refund/status, not the
// English refund/request its bare "refund" would give.
function dropFallbackHits(pack: IntentPack, hits: number[], own: number, generation: number): void {
  const stamp = pack.scratch.categoryStamp
  let fallback = false
  for (let k = 0; k < hits.length; k += 3) {
    const rule = hits[k]
    if ((pack.ruleMask[rule] & own) !== 0) stamp[pack.ruleCategory[rule]] = generation
    else fallback = true
  }
  if (!fallback) return
  let kept = 0
  for (let k = 0; k < hits.length; k += 3) {
    const rule = hits[k]
    if ((pack.ruleMask[rule] & own) === 0 && stamp[pack.ruleCategory[rule]] === generation) continue
    hits[kept] = rule
    hits[kept + 1] = hits[k + 1]
    hits[kept + 2] = hits[k + 2]
    kept += 3
  }
  hits.length = kept
}

// Record a prefilter group as present; a regex whose groups are all present is queued to run.
function groupPresent(pack: IntentPack, group: number, active: number, generation: number): void {
  const scratch = pack.scratch
  if (scratch.groupStamp[group] === generation) return
  scratch.groupStamp[group] = generation
  const id = pack.groupRegex[group]
  if ((pack.regexMask[id] & active) === 0) return
  if (scratch.regexWoken[id] !== generation) {
    scratch.regexWoken[id] = generation
    scratch.regexNeeds[id] = pack.regexGroups[id]
  }
  if (--scratch.regexNeeds[id] === 0) scratch.regexQueue.push(id)
}

// Insertion sort: a message wakes a handful of regexes.
function sortSmall(list: number[]): void {
  for (let i = 1; i < list.length; i++) {
    const value = list[i]
    let j = i - 1
    while (j >= 0 && list[j] > value) {
      list[j + 1] = list[j]
      j--
    }
    list[j + 1] = value
  }
}

// Find the first match of a woken regex, and record it.
function runRegex(pack: IntentPack, id: number, forRegex: RegexText, textLength: number, active: number, generation: number): void {
  const scratch = pack.scratch
  let start: number
  let end: number
  const alternatives = pack.regexAscii[id]
  const native = pack.natives[id]
  if (alternatives !== null) {
    start = findAscii(forRegex.text, alternatives)
    if (start < 0) return
    end = start + matchedLength
  } else if (native !== null) {
    const found = native.exec(forRegex.text)
    if (found === null) return
    start = found.index
    end = start + found[0].length
  } else {
    // A DFA pass tells whether it matches, and only a match pays for the backtracking search of
    // its span. But the DFA builds its states as texts need them, which costs more than a search
    // until the regex has run often; and a counted window (`.{0,30}`) needs new states for nearly
    // every text. Those regexes are searched directly.
    const regex = pack.regexes[id]!
    const warm = scratch.regexRuns[id] >= DFA_AFTER_RUNS
    if (!warm) scratch.regexRuns[id]++
    if (warm && pack.regexWindow[id] === 0 && !regex.test(forRegex.text)) return
    const at = regex.re2Input.findIndex(forRegex.text) as [number, number] | null
    if (at === null) return
    start = at[0]
    end = at[1]
  }
  const from = originalStart(forRegex, start, textLength)
  markLeaves(scratch, pack.regexLeaves.start, pack.regexLeaves.list, id, from, end > start ? originalEnd(forRegex, end) : from, generation)
  addCandidates(pack, pack.regexRules.start, pack.regexRules.list, id, active, generation)
}

// Runs of a regex before its DFA is used (see runRegex).
const DFA_AFTER_RUNS = 64

// Length of the last match `findAscii` found.
let matchedLength = 0

// The leftmost-first match of a list of ASCII sequences: at the leftmost position where any
// matches, the first listed. Returns its start, or -1.
function findAscii(text: string, alternatives: string[][]): number {
  for (let p = 0; p < text.length; p++) {
    for (let a = 0; a < alternatives.length; a++) {
      const positions = alternatives[a]
      if (p + positions.length > text.length) continue
      let k = 0
      while (k < positions.length && allows(positions[k], text.charCodeAt(p + k))) k++
      if (k === positions.length) {
        matchedLength = k
        return p
      }
    }
  }
  return -1
}

function allows(allowed: string, code: number): boolean {
  for (let i = 0; i < allowed.length; i++) if (allowed.charCodeAt(i) === code) return true
  return false
}

function originalStart(forRegex: RegexText, start: number, length: number): number {
  if (forRegex.start === null) return start
  return start < forRegex.start.length ? forRegex.start[start] : length
}

function originalEnd(forRegex: RegexText, end: number): number {
  return forRegex.end === null ? end : forRegex.end[end - 1]
}

/** The primary intent of sorted hits, or `other`. */
export function primaryIntent(hits: readonly IntentHit[]): string {
  return hits.length > 0 ? hits[0].intent : 'other'
}

function nextGeneration(scratch: MatchScratch): number {
  if (scratch.generation >= 0x3fffffff) {
    scratch.generation = 0
    scratch.phraseStamp.fill(0)
    scratch.groupStamp.fill(0)
    scratch.ruleStamp.fill(0)
    scratch.leafStamp.fill(0)
    scratch.regexWoken.fill(0)
    scratch.categoryStamp.fill(0)
  }
  return ++scratch.generation
}

// Record a phrase or regex hit on every leaf node holding it, keeping each node's earliest span.
function markLeaves(scratch: MatchScratch, start: Int32Array, list: Int32Array, id: number, from: number, to: number, generation: number): void {
  for (let k = start[id]; k < start[id + 1]; k++) {
    const leaf = list[k]
    if (scratch.leafStamp[leaf] === generation && scratch.leafStart[leaf] <= from) continue
    scratch.leafStamp[leaf] = generation
    scratch.leafStart[leaf] = from
    scratch.leafEnd[leaf] = to
  }
}

function addCandidates(pack: IntentPack, start: Int32Array, list: Int32Array, id: number, active: number, generation: number): void {
  const scratch = pack.scratch
  for (let r = start[id]; r < start[id + 1]; r++) {
    const index = list[r]
    if (scratch.ruleStamp[index] === generation || (pack.ruleMask[index] & active) === 0) continue
    scratch.ruleStamp[index] = generation
    scratch.candidates.push(index)
  }
}

// A phrase in a spaced script must start and end on a word boundary: a space, the text's
// edge, a dropped apostrophe, or a neighbour in an unspaced script.
function bounded(folded: FoldBuffers, length: number, start: number, end: number, free: number): boolean {
  const codes = folded.codes
  if ((free & 1) === 0 && start > 0 && folded.soft[start] === 0) {
    const before = codes[start - 1]
    if (before !== SPACE && !isUnspacedUnit(before)) return false
  }
  if ((free & 2) === 0 && end < length && folded.soft[end] === 0) {
    const after = codes[end]
    if (after !== SPACE && !isUnspacedUnit(after)) return false
  }
  return true
}

function evaluate(node: MatchNode, scratch: MatchScratch, generation: number): boolean {
  let matched: boolean
  let start = -1
  let end = -1
  switch (node.kind) {
    case 'phrase':
    case 'regex':
      matched = scratch.leafStamp[node.leaf] === generation
      if (matched) {
        start = scratch.leafStart[node.leaf]
        end = scratch.leafEnd[node.leaf]
      }
      break
    case 'any':
      matched = false
      for (let i = 0; i < node.children.length; i++) {
        if (evaluate(node.children[i], scratch, generation)) {
          matched = true
          start = spanStart
          end = spanEnd
          break
        }
      }
      break
    case 'all':
      matched = true
      for (let i = 0; i < node.children.length; i++) {
        if (!evaluate(node.children[i], scratch, generation)) {
          matched = false
          break
        }
        if (spanStart >= 0) {
          if (start < 0 || spanStart < start) start = spanStart
          if (spanEnd > end) end = spanEnd
        }
      }
      break
    case 'none':
      matched = true
      break
  }
  if (matched && node.not !== null) {
    for (let i = 0; i < node.not.length; i++) {
      if (evaluate(node.not[i], scratch, generation)) {
        matched = false
        break
      }
    }
  }
  spanStart = matched ? start : -1
  spanEnd = matched ? end : -1
  return matched
}

// `hitRules` holds triples (rule index, span start, span end); sort by the documented priority:
// intent priority, then rule weight, then the earlier span, then file order. An insertion sort of
// the triples in place: a message has a handful of hits, and no comparator closure is allocated.
function toHits(pack: IntentPack, text: string, hitRules: number[]): IntentHit[] {
  const count = hitRules.length / 3
  for (let i = 1; i < count; i++) {
    const rule = hitRules[i * 3]
    const start = hitRules[i * 3 + 1]
    const end = hitRules[i * 3 + 2]
    let j = i - 1
    while (j >= 0 && after(pack, hitRules[j * 3], hitRules[j * 3 + 1], rule, start)) {
      hitRules[(j + 1) * 3] = hitRules[j * 3]
      hitRules[(j + 1) * 3 + 1] = hitRules[j * 3 + 1]
      hitRules[(j + 1) * 3 + 2] = hitRules[j * 3 + 2]
      j--
    }
    hitRules[(j + 1) * 3] = rule
    hitRules[(j + 1) * 3 + 1] = start
    hitRules[(j + 1) * 3 + 2] = end
  }
  const hits: IntentHit[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const rule = pack.rules[hitRules[i * 3]]
    const start = hitRules[i * 3 + 1]
    const end = hitRules[i * 3 + 2]
    hits[i] = { intent: rule.intent, rule: rule.id, weight: rule.weight, span: { start, end, text: text.slice(start, end) } }
  }
  return hits
}

// Whether hit (a, aStart) sorts after hit (b, bStart).
function after(pack: IntentPack, a: number, aStart: number, b: number, bStart: number): boolean {
  const ra = pack.rules[a]
  const rb = pack.rules[b]
  if (ra.priority !== rb.priority) return ra.priority < rb.priority
  if (ra.weight !== rb.weight) return ra.weight < rb.weight
  if (aStart !== bStart) return aStart > bStart
  return ra.index > rb.index
}
