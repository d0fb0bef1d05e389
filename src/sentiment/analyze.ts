// The VADER-style scorer: lexicon hits, then negation, intensifiers, "but" clauses, capitals,
// elongation, emoji and punctuation, over one folded pass of the text; and the urgency signals.
import type { SentimentResult } from '../types.js'
import type { CompiledLanguage } from './lexicon.js'
import { foldText, type FoldedText, type SymbolMatcher } from './normalize.js'
import { gap, originalSpan, scan, type Match } from './scan.js'
import { urgency } from './urgency.js'

/** Scores at or above `positive` are positive, at or below `negative` negative (compound score). */
export interface Thresholds {
  positive: number
  negative: number
}

// Chosen on the dev sets (docs/SENTIMENT.md): one clear negative word is enough to make a message
// negative (a missed complaint costs more than a false alarm); praise needs a little more.
export const DEFAULT_THRESHOLDS: Thresholds = { positive: 0.1, negative: -0.05 }

// VADER's constants (Hutto & Gilbert 2014).
const NEGATION_SCALAR = -0.74
const CAPS_BOOST = 0.733
const ELONGATION_BOOST = 0.293
const BEFORE_BUT = 0.5
const AFTER_BUT = 1.5
const BANG_BOOST = 0.292
const MAX_BANGS = 4
const QUESTION_BOOST = 0.18
const MANY_QUESTIONS_BOOST = 0.96
const NORMALIZATION_ALPHA = 15
// ! and ? amplify a sum of at least one plain word's worth (see the emphasis step below).
const EMPHASIS_FLOOR = 1
// A run of three or more ? and ! in a question that holds no other cue ("is anyone reading
// these???") is exasperation, not a neutral query: it counts as one mildly negative word.
const EXASPERATED_RUN = 3
const EXASPERATED_VALENCE = -1
// A sentiment word shortly after "if" (si, falls, 如果, ถ้า, kalau) is supposed, not reported:
// "if it arrives broken, can I return it?" asks about a policy. It counts for nothing; the hit
// stays listed, with why, for explain.
const CONDITIONAL_SCALAR = 0
// How far a condition reaches, in negation scopes: a few words, or a run of characters where
// words are not spaced (ถ้าของแตกเสียหาย).
const CONDITIONAL_REACH_WORDS = 2
const CONDITIONAL_REACH_CHARS = 4

/** Everything the scorer needs for one language: its lexicon and the shared emoji matcher. */
export interface ScoringTables {
  language: CompiledLanguage
  matchSymbol: SymbolMatcher
}

export function labelFor(score: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): SentimentResult['label'] {
  if (score >= thresholds.positive) return 'positive'
  if (score <= thresholds.negative) return 'negative'
  return 'neutral'
}

function allCaps(folded: FoldedText, match: Match): boolean {
  if (!folded.mixedCase) return false
  let letters = 0
  for (let k = match.start; k < match.end; k++) {
    const code = folded.text.charCodeAt(k)
    if (code === 0x20 || (code >= 0x30 && code <= 0x39)) continue
    if (folded.upper[k] !== 1) return false
    letters++
  }
  return letters >= 2
}

function isSentiment(match: Match): boolean {
  return (match.entry.valence !== undefined || match.entry.expected !== undefined) && !match.boosting && !match.entry.negator && !match.entry.negatorAfter
}

export function analyzeWith(tables: ScoringTables, text: string): SentimentResult {
  const { language } = tables
  const folded = foldText(text, language.fold, tables.matchSymbol)
  const matches = scan(language, folded)
  const scope = language.scope

  // A scoring booster ("super", "ที่สุด") boosts when a sentiment word follows it closely.
  for (let k = 0; k + 1 < matches.length; k++) {
    const m = matches[k]!
    if (m.entry.boost === undefined || m.entry.valence === undefined) continue
    const next = matches[k + 1]!
    if (next.entry.valence !== undefined && folded.clause[next.start] === folded.clause[m.start] && gap(language, folded, m, next) <= 0) {
      m.boosting = true
    }
  }

  let butAt = -1
  for (const m of matches) if (m.entry.but && m.entry.valence === undefined) butAt = m.start

  const hits: SentimentResult['hits'] = []
  let sum = 0
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!
    if (!isSentiment(m)) continue
    const expected = m.entry.expected
    let value = expected ?? m.entry.valence!
    const modifiers: string[] = []
    let boost = 0
    let negator: Match | null = null
    const clause = folded.clause[m.start]
    for (let b = k - 1; b >= 0; b--) {
      const before = matches[b]!
      if (isSentiment(before) || before.entry.but || folded.clause[before.start] !== clause) break
      const distance = gap(language, folded, before, m)
      if (distance >= scope) break
      if (before.entry.negator) {
        if (!m.entry.negated && folded.phrase[before.start] === folded.phrase[m.start]) negator = negator ?? before
      } else if (before.entry.boost !== undefined) {
        boost += before.entry.boost * (language.spaced ? 1 - 0.05 * distance : 1)
        modifiers.push(`${before.entry.boost > 0 ? 'intensified' : 'dampened'} by "${before.entry.term}"`)
      }
    }
    // Without spaces, intensifiers also follow (ดีมาก, 好极了) and Japanese negates after (良くない).
    if (!language.spaced) {
      for (let a = k + 1; a < matches.length; a++) {
        const after = matches[a]!
        if (isSentiment(after) || after.entry.but || folded.clause[after.start] !== clause) break
        if (gap(language, folded, m, after) > scope) break
        if (after.entry.negatorAfter) negator = negator ?? after
        else if (after.entry.boost !== undefined && !after.entry.negator) {
          boost += after.entry.boost
          modifiers.push(`${after.entry.boost > 0 ? 'intensified' : 'dampened'} by "${after.entry.term}"`)
        }
      }
    }
    // Where words are spaced, a negator may also follow the verb it negates (funktioniert nicht,
    // ça marche pas), unless it stands before a sentiment word of its own (nicht schlecht).
    if (language.spaced && negator === null && !m.entry.negated) negator = negatorAfter(matches, k, folded, language)
    if (expected !== undefined) {
      // An expected event that happened is no news: only its absence is scored, at its own value
      // rather than flipped.
      if (negator === null) continue
      negator.negating = true
      modifiers.push(`expected, negated by "${negator.entry.term}"`)
      negator = null
    }
    const conditional = conditionBefore(matches, k, folded, language)
    const sign = value >= 0 ? 1 : -1
    if (boost !== 0) value = sign * Math.max(Math.abs(value) + boost, 0.1 * Math.abs(value))
    if (allCaps(folded, m)) {
      value += sign * CAPS_BOOST
      modifiers.push('capitals')
    }
    if (m.elongated) {
      value += sign * ELONGATION_BOOST
      modifiers.push('elongated')
    }
    if (negator) {
      negator.negating = true
      value *= NEGATION_SCALAR
      modifiers.push(`negated by "${negator.entry.term}"`)
    }
    if (conditional) {
      value *= CONDITIONAL_SCALAR
      modifiers.push(`supposed after "${conditional.entry.term}"`)
    }
    if (butAt >= 0) {
      if (m.start < butAt) {
        value *= BEFORE_BUT
        modifiers.push('before "but"')
      } else {
        value *= AFTER_BUT
        modifiers.push('after "but"')
      }
    }
    sum += value
    const hit: SentimentResult['hits'][number] = {
      term: m.entry.term,
      valence: round(value),
      span: originalSpan(text, folded, m.start, m.end)
    }
    if (modifiers.length > 0) hit.modifiers = modifiers
    hits.push(hit)
  }

  for (const m of matches) {
    if (m.entry.alone === undefined || m.negating) continue
    let value = m.entry.alone
    if (butAt >= 0) value *= m.start < butAt ? BEFORE_BUT : AFTER_BUT
    sum += value
    hits.push({ term: m.entry.term, valence: round(value), span: originalSpan(text, folded, m.start, m.end), modifiers: ['negates nothing'] })
  }

  for (const symbol of folded.symbols) {
    let value = symbol.value
    if (butAt >= 0) value *= symbol.at < butAt ? BEFORE_BUT : AFTER_BUT
    sum += value
    hits.push({ term: symbol.term, valence: round(value), span: { start: symbol.start, end: symbol.end, text: symbol.term } })
  }

  if (sum === 0 && folded.questions > 0 && folded.longestRun >= EXASPERATED_RUN) {
    sum = EXASPERATED_VALENCE
    const start = folded.longestRunStart
    const end = start + folded.longestRunText.length
    hits.push({ term: folded.longestRunText, valence: EXASPERATED_VALENCE, span: { start, end, text: folded.longestRunText }, modifiers: ['question with no other cue'] })
  }
  // Punctuation amplifies a stance, it does not make one: "Thanks!" after a question stays a
  // courtesy, so ! and ? push only a sum worth at least one plain sentiment word.
  if (Math.abs(sum) >= EMPHASIS_FLOOR) {
    let emphasis = Math.min(folded.bangs, MAX_BANGS) * BANG_BOOST
    if (folded.questions > 1) emphasis += folded.questions <= 3 ? folded.questions * QUESTION_BOOST : MANY_QUESTIONS_BOOST
    sum += sum > 0 ? emphasis : -emphasis
  }
  const score = round(sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA))
  hits.sort((a, b) => a.span!.start - b.span!.start)

  const urgencyReasons = urgency(language, folded, matches, text)
  const result: SentimentResult = { score, label: labelFor(score, language.thresholds), urgent: urgencyReasons.length > 0, hits }
  if (urgencyReasons.length > 0) result.urgencyReasons = urgencyReasons
  return result
}

/** The negator that follows `matches[k]` closely in its phrase, when it negates nothing after it. */
function negatorAfter(matches: Match[], k: number, folded: FoldedText, language: ScoringTables['language']): Match | null {
  const m = matches[k]!
  const phrase = folded.phrase[m.start]
  for (let a = k + 1; a < matches.length; a++) {
    const after = matches[a]!
    if (isSentiment(after) || after.entry.but || folded.phrase[after.start] !== phrase) return null
    if (gap(language, folded, m, after) >= language.scope) return null
    if (!after.entry.negatorAfter) continue
    return negatesLater(matches, a, folded, language) ? null : after
  }
  return null
}

/**
 * Whether the negator `matches[n]` reaches a sentiment word after it, past intensifiers, as the
 * look back from that word does ("reagiert nicht sehr schnell": `nicht` is taken by `schnell`).
 */
function negatesLater(matches: Match[], n: number, folded: FoldedText, language: ScoringTables['language']): boolean {
  const negator = matches[n]!
  const phrase = folded.phrase[negator.start]
  for (let a = n + 1; a < matches.length; a++) {
    const next = matches[a]!
    if (next.entry.but || folded.phrase[next.start] !== phrase || gap(language, folded, negator, next) >= language.scope) return false
    if (isSentiment(next)) return true
  }
  return false
}

/** The condition word ("if") that the sentiment word `matches[k]` closely follows in its clause, if any. */
function conditionBefore(matches: Match[], k: number, folded: FoldedText, language: ScoringTables['language']): Match | null {
  const m = matches[k]!
  const clause = folded.clause[m.start]
  for (let b = k - 1; b >= 0; b--) {
    const before = matches[b]!
    if (before.entry.but || folded.clause[before.start] !== clause) return null
    const reach = language.scope * (language.spaced ? CONDITIONAL_REACH_WORDS : CONDITIONAL_REACH_CHARS)
    if (gap(language, folded, before, m) > reach) return null
    if (before.entry.conditional) return before
  }
  return null
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
