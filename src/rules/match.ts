// Matching one message against a compiled pack: fold once, one automaton pass and one regex-set
// pass per language, then evaluate only the rules whose leaves were hit.
import type { IntentHit } from '../types.js'
import { foldBuffers, foldCodes, isUnspacedUnit, regexText, type FoldBuffers, type RegexText } from './fold.js'
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
  const found = pack.automaton.scan(folded.codes, length, scratch.scan)
  const { phrases: foundPhrases, ends: foundEnds } = scratch.scan
  const phraseCount = pack.phrases.length
  for (let k = 0; k < found; k++) {
    const id = foundPhrases[k]
    if (id >= phraseCount) {
      // A regex literal: the sets it belongs to are worth running.
      const { start, list } = pack.literalSets
      for (let j = start[id - phraseCount]; j < start[id - phraseCount + 1]; j++) scratch.setStamp[list[j]] = generation
      continue
    }
    if ((pack.phraseMask[id] & active) === 0 || scratch.phraseStamp[id] === generation) continue
    const end = foundEnds[k]
    const start = end - pack.phraseLength[id]
    if (!bounded(folded, length, start, end, pack.phraseFree[id])) continue
    scratch.phraseStamp[id] = generation // the first bounded occurrence is the phrase's span
    markLeaves(scratch, pack.phraseLeaves.start, pack.phraseLeaves.list, id, folded.start[start], folded.end[end - 1], generation)
    addCandidates(pack, pack.phraseRules.start, pack.phraseRules.list, id, active, generation)
  }

  let forRegex: RegexText | null = null
  for (let r = 0; r < pack.regexSets.length; r++) {
    const { mask, set, ids, literals } = pack.regexSets[r]
    if ((mask & active) === 0 || (literals !== null && scratch.setStamp[r] !== generation)) continue
    forRegex ??= regexText(text)
    const matched = set.match(forRegex.text)
    for (let k = 0; k < matched.length; k++) {
      const id = ids[matched[k]]
      if (scratch.regexStamp[id] !== generation) runRegex(pack, id, forRegex, text.length, active, generation)
    }
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

// Find the first match of a regex the set reported, and record it.
function runRegex(pack: IntentPack, id: number, forRegex: RegexText, textLength: number, active: number, generation: number): void {
  const scratch = pack.scratch
  const m = pack.regexes[id].matcher(forRegex.text)
  if (!m.find()) return
  const start = m.start()
  const end = m.end()
  scratch.regexStamp[id] = generation
  const from = originalStart(forRegex, start, textLength)
  markLeaves(scratch, pack.regexLeaves.start, pack.regexLeaves.list, id, from, end > start ? originalEnd(forRegex, end) : from, generation)
  addCandidates(pack, pack.regexRules.start, pack.regexRules.list, id, active, generation)
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
    scratch.regexStamp.fill(0)
    scratch.ruleStamp.fill(0)
    scratch.leafStamp.fill(0)
    scratch.setStamp.fill(0)
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
// intent priority, then rule weight, then the earlier span, then file order.
function toHits(pack: IntentPack, text: string, hitRules: number[]): IntentHit[] {
  const count = hitRules.length / 3
  const order: number[] = new Array(count)
  for (let i = 0; i < count; i++) order[i] = i
  if (count > 1) {
    order.sort((a, b) => {
      const ra = pack.rules[hitRules[a * 3]]
      const rb = pack.rules[hitRules[b * 3]]
      return (
        rb.priority - ra.priority ||
        rb.weight - ra.weight ||
        hitRules[a * 3 + 1] - hitRules[b * 3 + 1] ||
        ra.index - rb.index
      )
    })
  }
  const hits: IntentHit[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const k = order[i] * 3
    const rule = pack.rules[hitRules[k]]
    const start = hitRules[k + 1]
    const end = hitRules[k + 2]
    hits[i] = { intent: rule.intent, rule: rule.id, weight: rule.weight, span: { start, end, text: text.slice(start, end) } }
  }
  return hits
}
