// Compile schema-valid intent files into one pack, gathering every semantic problem on the way:
// duplicate ids, unknown intents and languages, empty or unreachable matchers, bad regexes.
import type { RE2JS } from 're2js'
import type { FileLocation } from '../types.js'
import { buildAutomaton, createScanBuffers } from './ahoCorasick.js'
import { foldPhrase, isUnspacedUnit, wordDiacritics } from './fold.js'
import { EVERY_LANGUAGE, type RawIntentFile, type RawMatcher } from './format.js'
import type { CompiledRule, IntentInfo, IntentPack, LeafRules, MatchNode, Phrase } from './pack.js'
import type { RuleProblem } from './problems.js'
import { asciiAlternatives, countsWindow, regexPrefilter, type RegexPrefilter } from './prefilter.js'
import { checkRegexSafety, compileRegex, nativeRegex, saveRegexSafetyCache } from './regex.js'
import { locate, type YamlPath, type YamlSource } from './yamlSource.js'

export interface IntentSource {
  source: YamlSource
  data: RawIntentFile
  /** Built-in files are checked by CI; their regexes skip the (slow) backtracking analysis at load. */
  trusted: boolean
}

export interface CompileOptions {
  /** Run recheck on regexes of trusted files too (`rules check` does). */
  checkTrustedRegexes?: boolean
  /** Run regexes proved safe on V8's engine (default); false: every regex on re2js. */
  nativeRegexes?: boolean
  /**
   * Keep each rule's examples and the file positions of rules and intents (default true), for
   * `rules test` and `rules check`. Triage reads neither; without them the pack keeps no rule
   * file's text or parsed data (a position is resolved from them when first read), about 9 MB
   * less in every thread that loads it. Positions not kept are line 0, column 0.
   */
  details?: boolean
}

/** The position of a rule or intent in a pack compiled without details. */
function unkeptLocation(source: YamlSource): FileLocation {
  return { file: source.file, line: 0, column: 0 }
}

export interface CompileResult {
  pack: IntentPack
  problems: RuleProblem[]
}

interface Leaf {
  kind: 'phrase' | 'regex'
  id: number
  /** Where it is, located only when a problem is reported. */
  source: YamlSource
  at: YamlPath
}

interface RuleLeaves {
  /** Leaves that match the rule on their own: the ones a duplicate would make redundant. */
  decisive: Leaf[]
}

/** Rules with errors are left out of the pack, so the rest can still run their examples. */
export async function compileIntentPack(sources: readonly IntentSource[], options: CompileOptions = {}): Promise<CompileResult> {
  const problems: RuleProblem[] = []
  const details = options.details !== false
  const intents = collectIntents(sources, details)
  const knownLanguages = new Set<string>()
  for (const { data } of sources) for (const lang of data.languages ?? []) knownLanguages.add(lang)
  const toneExact = new Set<string>()
  for (const { source, data } of sources) {
    const langs = data.tone_exact ?? []
    for (let i = 0; i < langs.length; i++) {
      toneExact.add(langs[i]!)
      if (!knownLanguages.has(langs[i]!)) problems.push(unknownLanguage(locate(source, ['tone_exact', i]), langs[i]!))
    }
  }
  const fallbacks = new Map<string, string[]>()
  for (const { source, data } of sources) {
    for (const [lang, targets] of Object.entries(data.fallbacks ?? {})) {
      fallbacks.set(lang, targets)
      for (let i = 0; i < targets.length; i++) {
        const target = targets[i]
        if (target !== EVERY_LANGUAGE && !knownLanguages.has(target)) {
          problems.push(unknownLanguage(locate(source, ['fallbacks', lang, i]), target))
        }
      }
      if (!knownLanguages.has(lang)) problems.push(unknownLanguage(locate(source, ['fallbacks', lang], true), lang))
    }
  }

  const phrases: Phrase[] = []
  const phraseIndex = new Map<string, number>()
  const regexSources: string[] = []
  const regexPatterns: string[] = []
  const regexPrefilters: Array<RegexPrefilter | null> = []
  const regexes: RE2JS[] = []
  const natives: Array<RegExp | null> = []
  const regexIndex = new Map<string, number>()
  const rules: CompiledRule[] = []
  const leavesOf: RuleLeaves[] = []
  const firstRule = new Map<string, FileLocation>()
  // Each rule's position for the problems found below, whether or not the pack keeps it.
  const ruleLocations: FileLocation[] = []
  const pendingSafety: Array<Promise<void>> = []

  for (const { source, data, trusted } of sources) {
    const rawRules = data.rules ?? []
    for (let r = 0; r < rawRules.length; r++) {
      const raw = rawRules[r]
      const path: YamlPath = ['rules', r]
      const location = locate(source, path)
      const ruleProblems: RuleProblem[] = []
      const report = (at: YamlPath, check: string, message: string, hint?: string): void => {
        ruleProblems.push({ location: locate(source, at), ruleId: check, severity: 'error', message, hint, intentRule: raw.id })
      }

      const previous = firstRule.get(raw.id)
      if (previous !== undefined) {
        const where = previous.file === source.file ? `line ${previous.line}` : `${previous.file}:${previous.line}:${previous.column}`
        report([...path, 'id'], 'duplicate-id', `rule id \`${raw.id}\` is already used at ${where}`, 'Rule ids must be unique across all files (the built-in ones included): rename one.')
      } else {
        firstRule.set(raw.id, location)
      }
      if (!intents.has(raw.intent)) {
        report([...path, 'intent'], 'unknown-intent', `unknown intent \`${raw.intent}\``, `Use a taxonomy id (e.g. ${nearestIntent(raw.intent, intents)}) or declare it under \`intents:\` in your pack.`)
      }
      const languages = raw.languages ?? (data.language !== undefined ? [data.language] : [])
      if (languages.length === 0) {
        report(path, 'missing-language', `rule \`${raw.id}\` has no language`, 'Set `language:` at the top of the file or `languages:` on the rule.')
      }
      for (let l = 0; l < languages.length; l++) {
        if (!knownLanguages.has(languages[l])) {
          const at = raw.languages !== undefined ? [...path, 'languages', l] : ['language']
          report(at, 'unknown-language', `unknown language code \`${languages[l]}\``, 'Use a BCP 47 primary subtag such as `en`, `zh`, `ja`, or declare it under `languages:` in the pack.')
        }
      }

      const leaves: RuleLeaves = { decisive: [] }
      const compileLeaf = (kind: 'phrase' | 'regex', text: string, at: YamlPath, decisive: boolean): number => {
        if (kind === 'phrase') {
          const folded = foldPhrase(text)
          if (folded.length === 0) {
            report(at, 'empty-matcher', `phrase \`${text}\` is empty once folded`, 'Phrases match letters and digits; punctuation and emoji fold to spaces.')
            return -1
          }
          const words = languages.some((lang) => toneExact.has(lang)) ? wordDiacritics(text) : []
          const marks = words.some((word) => word.length > 0) ? words : null
          const key = marks === null ? folded : `${folded}\u0000${marks.join('\u0000')}`
          let id = phraseIndex.get(key)
          if (id === undefined) {
            id = phrases.length
            phraseIndex.set(key, id)
            phrases.push({
              folded,
              marks,
              freeStart: isUnspacedUnit(folded.charCodeAt(0)),
              freeEnd: isUnspacedUnit(folded.charCodeAt(folded.length - 1))
            })
          }
          if (decisive) leaves.decisive.push({ kind, id, source, at })
          return id
        }
        let id = regexIndex.get(text)
        if (id === undefined) {
          const compiled = compileRegex(text)
          if (!compiled.ok) {
            report(at, compiled.check, compiled.message, compiled.hint)
            return -1
          }
          id = regexes.length
          regexIndex.set(text, id)
          regexes.push(compiled.re2)
          natives.push(null)
          if (options.nativeRegexes !== false) {
            const at = id
            pendingSafety.push(
              nativeRegex(compiled.nativeSource, !trusted || options.checkTrustedRegexes === true).then((native) => {
                natives[at] = native
              })
            )
          }
          regexSources.push(compiled.source)
          regexPatterns.push(text)
          const prefilter = regexPrefilter(text)
          regexPrefilters.push(prefilter)
          const where = locate(source, at)
          if (prefilter === null) {
            problems.push({
              location: where,
              ruleId: 'regex-without-literal',
              severity: 'warning',
              message: 'regex has no word or character that every match contains, so it runs on every message of its languages',
              hint: 'Make it require one: spell out short alternatives (`(xs|s|m|l) size`, not `\\w{1,2} size`), prefer `\\d+ ?kg` to `\\d+\\s?\\S+`, and give every `|` branch a word of its own rather than only classes (`\\w+`, `.`) or nothing; or use phrases.',
              intentRule: raw.id
            })
          }
          if (!trusted || options.checkTrustedRegexes) {
            pendingSafety.push(
              checkRegexSafety(text).then((verdict) => {
                if (verdict.safe !== false) return
                // re2js runs every regex in linear time, so nothing here can hang a run; an
                // exponential pattern is still an error (it is a bug, and unsafe wherever else the
                // rule is reused), a polynomial one a warning.
                problems.push({
                  location: where,
                  ruleId: 'unsafe-regex',
                  severity: verdict.complexity === 'polynomial' ? 'warning' : 'error',
                  message: `regex can backtrack catastrophically (${verdict.complexity} time)${verdict.attack ? ` on input like ${verdict.attack}` : ''}`,
                  hint: 'Remove nested or overlapping repetition such as `(a+)+` or `(\\w+\\s?)*`; prefer phrases.',
                  intentRule: raw.id
                })
              })
            )
          }
        }
        if (decisive) leaves.decisive.push({ kind, id, source, at })
        return id
      }

      const root = compileMatcher(raw.match, [...path, 'match'], true, 'root', compileLeaf, report)
      problems.push(...ruleProblems)
      if (ruleProblems.length > 0 || root === null) continue
      if (!raw.examples?.match?.length) {
        problems.push({ location, ruleId: 'missing-examples', severity: 'warning', message: `rule \`${raw.id}\` has no \`examples.match\``, hint: 'Add a few messages it must match, and some it must not.', intentRule: raw.id })
      }
      rules.push({
        index: rules.length,
        id: raw.id,
        intent: raw.intent,
        weight: raw.weight ?? 1,
        priority: intents.get(raw.intent)?.priority ?? 0,
        languages,
        root,
        location: details ? location : unkeptLocation(source),
        examples: details
          ? {
              match: (raw.examples?.match ?? []).map((text, i) => ({ text, location: locate(source, [...path, 'examples', 'match', i]) })),
              noMatch: (raw.examples?.no_match ?? []).map((text, i) => ({ text, location: locate(source, [...path, 'examples', 'no_match', i]) }))
            }
          : { match: [], noMatch: [] }
      })
      leavesOf.push(leaves)
      ruleLocations.push(location)
    }
  }
  await Promise.all(pendingSafety)
  await saveRegexSafetyCache()
  problems.push(...duplicatePatterns(rules, leavesOf, phrases, regexSources))

  const languageBits = new Map<string, number>()
  // The rule that brings in one language too many is where the problem is: a user pack adding
  // languages, not the built-in file read first.
  let overflow: CompiledRule | undefined
  for (const rule of rules) {
    for (const lang of rule.languages) {
      if (languageBits.has(lang)) continue
      if (languageBits.size === MAX_LANGUAGES) overflow ??= rule
      languageBits.set(lang, languageBits.size)
    }
  }
  if (overflow) {
    problems.push({
      location: ruleLocations[overflow.index]!,
      ruleId: 'too-many-languages',
      severity: 'error',
      message: `rules use ${languageBits.size} languages; a pack holds at most ${MAX_LANGUAGES}`,
      hint: 'Split the rules into packs by marketplace.'
    })
    languageBits.clear()
  }
  return { pack: assemblePack(intents, knownLanguages, rules, phrases, regexes, natives, regexSources, regexPatterns, regexPrefilters, languageBits, fallbacks), problems }
}

// Language sets are 32-bit masks: one bit per language that has rules.
const MAX_LANGUAGES = 32

type LeafCompiler = (kind: 'phrase' | 'regex', text: string, at: YamlPath, decisive: boolean) => number
type Reporter = (at: YamlPath, check: string, message: string, hint?: string) => void

// `context` says where a lone `not` would sit: only inside `all` does it narrow anything.
function compileMatcher(raw: RawMatcher, at: YamlPath, decisive: boolean, context: 'root' | 'any' | 'all', leaf: LeafCompiler, report: Reporter): MatchNode | null {
  const notList = raw.not === undefined ? null : Array.isArray(raw.not) ? raw.not : [raw.not]
  let not: MatchNode[] | null = null
  if (notList !== null) {
    not = []
    const notAt: YamlPath = [...at, 'not']
    for (let i = 0; i < notList.length; i++) {
      const child = compileMatcher(notList[i], Array.isArray(raw.not) ? [...notAt, i] : notAt, false, 'any', leaf, report)
      if (child !== null) not.push(child)
    }
  }
  let node: MatchNode | null
  if (raw.phrase !== undefined || raw.regex !== undefined) {
    const kind = raw.phrase !== undefined ? 'phrase' : 'regex'
    const values = raw[kind]!
    const list = Array.isArray(values) ? values : [values]
    const ids: number[] = []
    for (let i = 0; i < list.length; i++) {
      const id = leaf(kind, list[i], Array.isArray(values) ? [...at, kind, i] : [...at, kind], decisive)
      if (id >= 0 && !ids.includes(id)) ids.push(id)
    }
    node = ids.length > 0 ? { kind, ids, leaf: -1, not } : null
    if (node !== null && kind === 'phrase' && not !== null) checkReachable(list, notList!, at, report)
  } else if (raw.any !== undefined || raw.all !== undefined) {
    const kind = raw.any !== undefined ? 'any' : 'all'
    const children: MatchNode[] = []
    const list = raw[kind]!
    for (let i = 0; i < list.length; i++) {
      const child = compileMatcher(list[i], [...at, kind, i], decisive && kind === 'any', kind, leaf, report)
      if (child !== null) children.push(child)
    }
    if (kind === 'all' && children.length > 0 && children.every((child) => child.kind === 'none')) {
      report([...at, kind], 'empty-matcher', '`all` holds only `not` matchers, so it matches almost every message', 'Add a positive matcher (phrase or regex) beside the `not`.')
      return null
    }
    node = children.length > 0 ? { kind, children, not } : null
  } else {
    if (context !== 'all') {
      report(at, 'empty-matcher', 'a matcher with only `not` matches almost every message', 'Put it inside `all:` next to a positive matcher, or move it beside a phrase.')
      return null
    }
    node = not !== null && not.length > 0 ? { kind: 'none', not } : null
  }
  return node
}

// `phrase: not received` with `not: {phrase: received}` can never match: every text holding
// the phrase also holds its exclusion.
function checkReachable(phrases: string[], notList: RawMatcher[], at: YamlPath, report: Reporter): void {
  const excluded: string[] = []
  for (const matcher of notList) {
    if (matcher.phrase === undefined || matcher.not !== undefined) continue
    for (const phrase of Array.isArray(matcher.phrase) ? matcher.phrase : [matcher.phrase]) excluded.push(` ${foldPhrase(phrase)} `)
  }
  if (excluded.length === 0) return
  for (const phrase of phrases) {
    const padded = ` ${foldPhrase(phrase)} `
    if (!excluded.some((exclusion) => padded.includes(exclusion))) return
  }
  report(at, 'unreachable-matcher', 'every phrase here contains one of its own `not` phrases, so it can never match', 'Narrow the `not` phrases or move them to a sibling rule.')
}

function collectIntents(sources: readonly IntentSource[], details: boolean): Map<string, IntentInfo> {
  const intents = new Map<string, IntentInfo>()
  for (const { source, data } of sources) {
    const list = data.intents ?? []
    for (let i = 0; i < list.length; i++) {
      const raw = list[i]
      const previous = intents.get(raw.id)
      // Later files refine earlier ones: a team pack may change a built-in intent's action.
      intents.set(raw.id, {
        id: raw.id,
        description: raw.description ?? previous?.description ?? '',
        priority: raw.priority ?? previous?.priority ?? 0,
        action: raw.action ?? previous?.action ?? '',
        location: previous?.location ?? (details ? locate(source, ['intents', i]) : unkeptLocation(source))
      })
    }
  }
  return intents
}

function duplicatePatterns(rules: CompiledRule[], leavesOf: RuleLeaves[], phrases: Phrase[], regexSources: string[]): RuleProblem[] {
  const problems: RuleProblem[] = []
  const owner = new Map<string, CompiledRule>()
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]
    const seenInRule = new Set<string>()
    for (const leaf of leavesOf[r].decisive) {
      for (const lang of rule.languages) {
        const key = `${lang}\u0000${leaf.kind}\u0000${leaf.id}`
        if (seenInRule.has(key)) continue
        seenInRule.add(key)
        const first = owner.get(key)
        if (first === undefined) {
          owner.set(key, rule)
          continue
        }
        const pattern = leaf.kind === 'phrase' ? phrases[leaf.id].folded : regexSources[leaf.id]
        problems.push({
          location: locate(leaf.source, leaf.at),
          ruleId: 'duplicate-pattern',
          severity: 'warning',
          message: `${leaf.kind} \`${pattern}\` is also used by rule \`${first.id}\` (${first.intent})`,
          hint: first.intent === rule.intent ? 'Keep it in one rule.' : 'A message holding it gets both intents: keep it where it belongs, or narrow one with `not`.',
          intentRule: rule.id
        })
      }
    }
  }
  return problems
}

// Every leaf, including those under `not`: a `not` phrase must be scanned to be excluded.
function leafIds(node: MatchNode, found: Array<{ kind: 'phrase' | 'regex'; id: number }>): void {
  if (node.kind === 'phrase' || node.kind === 'regex') for (const id of node.ids) found.push({ kind: node.kind, id })
  if (node.kind === 'any' || node.kind === 'all') for (const child of node.children) leafIds(child, found)
  if (node.not !== null) for (const child of node.not) leafIds(child, found)
}

type Trigger = { kind: 'phrase' | 'regex'; id: number }

/**
 * The leaves whose hit makes a rule worth evaluating: a rule cannot match unless one of them
 * did. For `all`, one child suffices — the one with the rarest leaves (longest shortest phrase) —
 * so common words (`order`, `item`) that only qualify a rule do not wake it up.
 */
function triggerLeaves(node: MatchNode, phrases: Phrase[]): Trigger[] {
  switch (node.kind) {
    case 'phrase':
    case 'regex':
      return node.ids.map((id) => ({ kind: node.kind, id }))
    case 'any':
      return node.children.flatMap((child) => triggerLeaves(child, phrases))
    case 'all': {
      let best: Trigger[] | null = null
      let bestScore = -1
      for (const child of node.children) {
        if (child.kind === 'none') continue
        const triggers = triggerLeaves(child, phrases)
        let score = Infinity
        for (const trigger of triggers) score = Math.min(score, trigger.kind === 'regex' ? 4 : phrases[trigger.id].folded.length)
        if (score > bestScore) {
          best = triggers
          bestScore = score
        }
      }
      return best ?? []
    }
    case 'none':
      return []
  }
}

function leafRules(users: number[][]): LeafRules {
  const start = new Int32Array(users.length + 1)
  let total = 0
  for (let id = 0; id < users.length; id++) {
    start[id] = total
    total += users[id].length
  }
  start[users.length] = total
  const list = new Int32Array(total)
  for (let id = 0; id < users.length; id++) list.set(users[id], start[id])
  return { start, list }
}

function assemblePack(
  intents: Map<string, IntentInfo>,
  knownLanguages: Set<string>,
  rules: CompiledRule[],
  phrases: Phrase[],
  regexes: RE2JS[],
  natives: Array<RegExp | null>,
  regexSources: string[],
  regexPatterns: string[],
  regexPrefilters: Array<RegexPrefilter | null>,
  languageBits: Map<string, number>,
  fallbacks: Map<string, string[]>
): IntentPack {
  // Number the leaf nodes; each phrase and regex lists the leaves it feeds.
  const phraseNodes: number[][] = phrases.map(() => [])
  const regexNodes: number[][] = regexes.map(() => [])
  let leafCount = 0
  const numberLeaves = (node: MatchNode): void => {
    if (node.kind === 'phrase' || node.kind === 'regex') {
      node.leaf = leafCount++
      for (const id of node.ids) (node.kind === 'phrase' ? phraseNodes : regexNodes)[id].push(node.leaf)
    }
    if (node.kind === 'any' || node.kind === 'all') node.children.forEach(numberLeaves)
    node.not?.forEach(numberLeaves)
  }
  for (const rule of rules) numberLeaves(rule.root)
  const ruleMask = new Int32Array(rules.length)
  const categories = new Map<string, number>()
  const ruleCategory = Int32Array.from(rules, (rule) => {
    const category = rule.intent.split('/')[0]
    if (!categories.has(category)) categories.set(category, categories.size)
    return categories.get(category)!
  })
  const phraseMask = new Int32Array(phrases.length)
  const regexMask = new Int32Array(regexes.length)
  const phraseUsers: number[][] = phrases.map(() => [])
  const regexUsers: number[][] = regexes.map(() => [])
  for (const rule of rules) {
    let mask = 0
    for (const lang of rule.languages) mask |= 1 << (languageBits.get(lang) ?? 0)
    ruleMask[rule.index] = mask
    const leaves: Trigger[] = []
    leafIds(rule.root, leaves)
    for (const leaf of leaves) {
      if (leaf.kind === 'phrase') phraseMask[leaf.id] |= mask
      else regexMask[leaf.id] |= mask
    }
    for (const leaf of triggerLeaves(rule.root, phrases)) {
      const users = leaf.kind === 'phrase' ? phraseUsers[leaf.id] : regexUsers[leaf.id]
      if (!users.includes(rule.index)) users.push(rule.index)
    }
  }

  let every = 0
  for (const bit of languageBits.values()) every |= 1 << bit
  const runMasks = new Map<string, number>()
  for (const lang of new Set([...languageBits.keys(), ...fallbacks.keys()])) {
    let mask = languageBits.has(lang) ? 1 << languageBits.get(lang)! : 0
    for (const target of fallbacks.get(lang) ?? []) {
      if (target === EVERY_LANGUAGE) mask |= every
      else if (languageBits.has(target)) mask |= 1 << languageBits.get(target)!
    }
    runMasks.set(lang, mask)
  }
  // A language the pack knows nothing about runs every language's rules, like `und`.
  if (!runMasks.has('und')) runMasks.set('und', every)

  // Each regex runs only when its own triggers are in the message: one of every group's.
  const literalIndex = new Map<string, number>()
  const literalUsers: number[][] = []
  const charUsers = new Map<number, number[]>()
  const unfiltered: number[] = []
  const groupRegex: number[] = []
  const regexGroups = new Int32Array(regexes.length)
  for (let id = 0; id < regexes.length; id++) {
    const prefilter = regexPrefilters[id]
    if (prefilter === null) {
      unfiltered.push(id)
      continue
    }
    regexGroups[id] = prefilter.length
    for (const group of prefilter) {
      const groupId = groupRegex.length
      groupRegex.push(id)
      for (const literal of group.literals) {
        let index = literalIndex.get(literal)
        if (index === undefined) {
          index = literalUsers.length
          literalIndex.set(literal, index)
          literalUsers.push([])
        }
        literalUsers[index].push(groupId)
      }
      for (let i = 0; i < group.chars.length; i++) {
        const code = group.chars.charCodeAt(i)
        const users = charUsers.get(code) ?? []
        users.push(groupId)
        charUsers.set(code, users)
      }
    }
  }
  const triggerChars = Int32Array.from(charUsers.keys())
  const regexAscii = regexPatterns.map(asciiAlternatives)
  return {
    intents,
    knownLanguages,
    rules,
    phrases,
    // A regex matched without re2js (on V8's engine, or as ASCII sequences) does not keep its
    // re2js program, which was compiled only to check the pattern: several MB per thread.
    regexes: regexes.map((re2, id) => (natives[id] !== null || regexAscii[id] !== null ? null : re2)),
    natives,
    regexSources,
    regexPatterns,
    regexAscii,
    regexWindow: Uint8Array.from(regexPatterns, (pattern) => (countsWindow(pattern) ? 1 : 0)),
    languageBits,
    runMasks,
    automaton: buildAutomaton([...phrases.map((phrase) => phrase.folded), ...literalIndex.keys()], automatonMasks(phraseMask, literalUsers, groupRegex, regexMask)),
    phraseLength: Int32Array.from(phrases, (phrase) => phrase.folded.length),
    phraseFree: Uint8Array.from(phrases, (phrase) => (phrase.freeStart ? 1 : 0) | (phrase.freeEnd ? 2 : 0)),
    phraseMarks: phrases.map((phrase) => phrase.marks),
    literalGroups: leafRules(literalUsers),
    triggerChars,
    charGroups: leafRules([...charUsers.values()]),
    groupRegex: Int32Array.from(groupRegex),
    regexGroups,
    unfiltered: Int32Array.from(unfiltered),
    phraseMask,
    regexMask,
    ruleMask,
    ruleCategory,
    phraseRules: leafRules(phraseUsers),
    regexRules: leafRules(regexUsers),
    phraseLeaves: leafRules(phraseNodes),
    regexLeaves: leafRules(regexNodes),
    scratch: {
      generation: 0,
      phraseStamp: new Int32Array(phrases.length),
      leafStamp: new Int32Array(leafCount),
      leafStart: new Int32Array(leafCount),
      leafEnd: new Int32Array(leafCount),
      ruleStamp: new Int32Array(rules.length),
      groupStamp: new Int32Array(groupRegex.length),
      regexWoken: new Int32Array(regexes.length),
      regexNeeds: new Int32Array(regexes.length),
      regexQueue: [],
      regexRuns: new Int32Array(regexes.length),
      categoryStamp: new Int32Array(categories.size),
      candidates: [],
      hits: [],
      scan: createScanBuffers()
    }
  }
}

// The languages each automaton entry serves: a phrase's, or those of the regexes a literal wakes.
function automatonMasks(phraseMask: Int32Array, literalUsers: number[][], groupRegex: number[], regexMask: Int32Array): Int32Array {
  const masks = new Int32Array(phraseMask.length + literalUsers.length)
  masks.set(phraseMask)
  for (let k = 0; k < literalUsers.length; k++) {
    for (const group of literalUsers[k]) masks[phraseMask.length + k] |= regexMask[groupRegex[group]]
  }
  return masks
}

function unknownLanguage(location: FileLocation, lang: string): RuleProblem {
  return { location, ruleId: 'unknown-language', severity: 'error', message: `unknown language code \`${lang}\``, hint: 'Declare it under `languages:` in the pack or fix the code (e.g. `jp` → `ja`).' }
}

function nearestIntent(id: string, intents: Map<string, IntentInfo>): string {
  let best = 'order/status'
  let bestDistance = Infinity
  for (const known of intents.keys()) {
    const distance = editDistance(id, known)
    if (distance < bestDistance) {
      best = known
      bestDistance = distance
    }
  }
  return `\`${best}\``
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}
