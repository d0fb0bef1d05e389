// The compiled intent pack: one phrase automaton, the regexes with their prefilters, and the rule
// trees that combine their hits.
import type { RE2JS } from 're2js'
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
  /**
   * For a phrase of a tone-exact language written with diacritics, those of each word (see
   * `wordDiacritics`): a word of the message carrying other diacritics no longer matches it, one
   * typed without any still does. Null otherwise.
   */
  marks: string[] | null
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
  /** re2js's program of each regex matched by re2js; null for those matched otherwise (below). */
  regexes: Array<RE2JS | null>
  /** V8's engine for each regex recheck proved safe (faster on short texts); null: re2js runs it. */
  natives: Array<RegExp | null>
  regexSources: string[]
  /** Each regex as written in its rule file. */
  regexPatterns: string[]
  /**
   * Per regex that is only a list of ASCII sequences, its alternatives as the characters allowed
   * at each position (matched without RE2); null for the others.
   */
  regexAscii: Array<string[][] | null>
  /** 1 for a regex that counts a wide class over a window (`.{0,30}`): searched without a DFA. */
  regexWindow: Uint8Array
  /** Languages that have rules, each with a bit in the masks below. */
  languageBits: Map<string, number>
  /** Message language → mask of the languages whose rules run (its own and its fallbacks). */
  runMasks: Map<string, number>
  /** One automaton over every phrase of every language (and the regex literals): one pass per message. */
  automaton: PhraseAutomaton
  /**
   * The regexes' prefilters (see prefilter.ts): groups of triggers, each regex runs only when
   * every one of its groups has a trigger in the message. Literals sit in the phrase automaton
   * after the phrases (automaton id `phrases.length + k` is literal `k`); `literalGroups` lists
   * the groups each completes, `charGroups` those of each of `triggerChars` (ASCII characters).
   * `unfiltered` lists the regexes without a prefilter, which always run.
   */
  literalGroups: LeafRules
  triggerChars: Int32Array
  charGroups: LeafRules
  /** The regex of each group, and how many groups each regex has. */
  groupRegex: Int32Array
  regexGroups: Int32Array
  unfiltered: Int32Array
  /** Per phrase, for the hot loop: folded length, and bit 1 / 2 = no boundary needed before / after. */
  phraseLength: Int32Array
  phraseFree: Uint8Array
  /** Per phrase, its `marks` (see Phrase). */
  phraseMarks: Array<string[] | null>
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
  /** Per leaf node: hit in this message (stamp) and its earliest span. */
  leafStamp: Int32Array
  leafStart: Int32Array
  leafEnd: Int32Array
  ruleStamp: Int32Array
  /** Prefilter groups present in this message (stamp). */
  groupStamp: Int32Array
  /** Per regex touched in this message (stamp), how many of its groups are still missing. */
  regexWoken: Int32Array
  regexNeeds: Int32Array
  /** Regexes whose groups are all present: to run. */
  regexQueue: number[]
  /** How often each regex has run (it uses its DFA once it has run often). */
  regexRuns: Int32Array
  /** Intent categories hit by the message's own-language rules. */
  categoryStamp: Int32Array
  candidates: number[]
  hits: number[]
  scan: ScanBuffers
}
