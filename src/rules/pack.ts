// The compiled intent pack: per language, one phrase automaton and one regex set, and the rule
// trees that combine their hits.
import type { RE2JS, RE2Set } from 're2js'
import type { FileLocation } from '../types.js'
import type { PhraseAutomaton, ScanBuffers } from './ahoCorasick.js'

export interface IntentInfo {
  id: string
  description: string
  /** Higher wins the primary intent. */
  priority: number
  action: string
  location?: FileLocation
}

/** A compiled matcher node; leaf ids index the pack's phrase and regex tables. */
export type MatchNode =
  /** `leaf` numbers the node in the pack's leaf tables: its hit is found in O(1). */
  | { kind: 'phrase'; ids: number[]; leaf: number; not: MatchNode[] | null }
  | { kind: 'regex'; ids: number[]; leaf: number; not: MatchNode[] | null }
  | { kind: 'any' | 'all'; children: MatchNode[]; not: MatchNode[] | null }
  /** A node with only `not`: true when none of them match (meaningful inside `all`). */
  | { kind: 'none'; not: MatchNode[] }

export interface ExampleText {
  text: string
  location: FileLocation
}

export interface CompiledRule {
  index: number
  id: string
  intent: string
  weight: number
  priority: number
  languages: string[]
  root: MatchNode
  location: FileLocation
  examples: { match: ExampleText[]; noMatch: ExampleText[] }
}

export interface Phrase {
  folded: string
  /** No word boundary needed before / after: the phrase starts / ends in an unspaced script. */
  freeStart: boolean
  freeEnd: boolean
}

/** A one-to-many table: `list[start[id]] … list[start[id + 1] - 1]` belong to `id`. */
export interface LeafRules {
  start: Int32Array
  list: Int32Array
}

export interface IntentPack {
  intents: Map<string, IntentInfo>
  /** Language codes the pack declares (`languages:`), whether or not they have rules. */
  knownLanguages: Set<string>
  rules: CompiledRule[]
  phrases: Phrase[]
  regexes: RE2JS[]
  regexSources: string[]
  /** Languages that have rules, each with a bit in the masks below. */
  languageBits: Map<string, number>
  /** Message language → mask of the languages whose rules run (its own and its fallbacks). */
  runMasks: Map<string, number>
  /** One automaton over every phrase of every language (and the regex literals): one pass per message. */
  automaton: PhraseAutomaton
  /**
   * Per language, RE2 sets over its regexes: one linear-time pass each. The set of regexes with
   * required literals is skipped when the text holds none of them (`literals`); the set of the
   * others (`literals` null) always runs. (One set over every language's regexes would be a
   * single pass too, but its DFA outgrows re2js's state cache.)
   */
  regexSets: Array<{ mask: number; set: RE2Set; ids: Int32Array; literals: string[] | null }>
  /**
   * The required literals, folded, sit in the phrase automaton after the phrases (automaton id
   * `phrases.length + k` is literal `k`); `literalSets` lists the regex sets each one opens.
   */
  literalSets: LeafRules
  /** Per phrase, for the hot loop: folded length, and bit 1 / 2 = no boundary needed before / after. */
  phraseLength: Int32Array
  phraseFree: Uint8Array
  /** Languages whose rules use each phrase / regex / rule. */
  phraseMask: Int32Array
  regexMask: Int32Array
  ruleMask: Int32Array
  /** Per rule, a number for its intent's category (the part before `/`: refund, order…). */
  ruleCategory: Int32Array
  phraseRules: LeafRules
  regexRules: LeafRules
  /** Leaf nodes holding each phrase / regex. */
  phraseLeaves: LeafRules
  regexLeaves: LeafRules
  /** Per-message scratch, stamped with `generation` instead of cleared. */
  scratch: MatchScratch
}

export interface MatchScratch {
  generation: number
  phraseStamp: Int32Array
  regexStamp: Int32Array
  /** Per leaf node: hit in this message (stamp) and its earliest span. */
  leafStamp: Int32Array
  leafStart: Int32Array
  leafEnd: Int32Array
  ruleStamp: Int32Array
  /** Regex sets whose literals occur in this message. */
  setStamp: Int32Array
  /** Intent categories hit by the message's own-language rules. */
  categoryStamp: Int32Array
  candidates: number[]
  hits: number[]
  scan: ScanBuffers
}
