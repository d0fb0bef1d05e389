// Sentiment and urgency of buyer messages: per-language lexicons with VADER-style heuristics.
import type { SentimentResult } from '../types.js'
import { analyzeWith, DEFAULT_THRESHOLDS, type ScoringTables, type Thresholds } from './analyze.js'
import type { Lexicons } from './load.js'

export { labelFor, type Thresholds } from './analyze.js'
export { builtinLexiconDir, loadLexicons, type Lexicons } from './load.js'

/** The tables for a language: its own, English for `und`, otherwise emoji and punctuation only. */
function tablesFor(lexicons: Lexicons, lang: string): ScoringTables {
  const own = lexicons.languages.get(lang)
  if (own) return own
  if (lang === 'und') return lexicons.languages.get('en') ?? lexicons.symbolsOnly
  const dash = lang.indexOf('-')
  if (dash > 0) return tablesFor(lexicons, lang.slice(0, dash))
  return lexicons.symbolsOnly
}

/** The label cut-offs `lang` is scored with: its lexicon's own, else the defaults. */
export function thresholdsFor(lexicons: Lexicons, lang: string): Thresholds {
  return tablesFor(lexicons, lang).language.thresholds ?? DEFAULT_THRESHOLDS
}

/** Scores one message's text in `lang` (a BCP 47 tag; `und` reads it as English). */
export function analyzeSentiment(lexicons: Lexicons, text: string, lang: string): SentimentResult {
  return analyzeWith(tablesFor(lexicons, lang), text)
}
