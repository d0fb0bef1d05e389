// The prefilter of a rule regex: literals of which every match contains one, so a message
// holding none of them never runs the regex. Read from the pattern's syntax tree the way RE2's
// prefilter is: finite sets of exact strings grow through concatenation, alternation, small
// classes and bounded repetition, and the most selective set found stands for the regex.
import { foldPhrase, isStretchable } from './fold.js'

/** What a message must hold for a regex to match: from every group, one literal or character. */
export type RegexPrefilter = PrefilterGroup[]

export interface PrefilterGroup {
  /** Folded literals, looked for in the folded text (by the phrase automaton). */
  literals: string[]
  /** ASCII digits and punctuation looked for as characters (`?` of `\?`): they fold to nothing. */
  chars: string
}

type Node =
  // A character or a class (null: too large to list); `spaces`: any white space, listed as ' '.
  | { kind: 'strings'; strings: string[] | null; spaces?: true }
  | { kind: 'empty' } // anchors, word boundaries, lookaround: match no text
  | { kind: 'concat' | 'alternate'; items: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number }

interface Info {
  /** Every string the node matches, when few (normalised, see `normalise`); null otherwise. */
  exact: string[] | null
  /** Sets of strings of which every match contains one from each, the most selective first. */
  all: string[][]
}

// A set of exact strings stops growing here (RE2 stops at 16; ours holds `\d{2}`).
const MAX_EXACT = 128
// A class of more members (`[a-z]`) stands for any character.
const MAX_CLASS = 12
const MAX_LITERALS = 256
// Sets kept per node: `a .{0,30} b` runs only on messages holding both an `a` and a `b`.
const MAX_GROUPS = 3
const MIN_EXTRA_STRENGTH = 4
const MAX_EXTRA_STRINGS = 16
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']

/** The prefilter of a JavaScript pattern (already known to compile), or null when it has none. */
export function regexPrefilter(pattern: string): RegexPrefilter | null {
  let tree: Node
  try {
    tree = new PatternParser(pattern).parse()
  } catch {
    return null
  }
  const info = analyse(tree)
  const sets = info.exact !== null ? strongest([info.exact]) : info.all
  if (sets.length === 0) return null
  // A further group pays only if it is rare: every literal of it is looked for in every message.
  return sets.filter((set, k) => k === 0 || (score(set) >= MIN_EXTRA_STRENGTH && set.length <= MAX_EXTRA_STRINGS)).map(toGroup)
}

/**
 * The alternatives of a pattern that is only a list of ASCII sequences (`\?`, `versand|zahlung`,
 * `\d|satu|dua`), each as the characters allowed at each of its positions; else null. Such a
 * regex needs no engine: its leftmost-first match is the first listed alternative found at the
 * leftmost position any of them is found. (The text is NFKC-lowered, where ASCII letters have no
 * case partners left: `K` and `ſ` have become `k` and `s`.)
 */
export function asciiAlternatives(pattern: string): string[][] | null {
  let tree: Node
  try {
    tree = new PatternParser(pattern).parse()
  } catch {
    return null
  }
  const alternatives: string[][] = []
  for (const item of tree.kind === 'alternate' ? tree.items : [tree]) {
    const positions = asciiSequence(item)
    if (positions === null || positions.length === 0) return null
    alternatives.push(positions)
  }
  return alternatives
}

function asciiSequence(node: Node): string[] | null {
  if (node.kind === 'strings') {
    if (node.strings === null || node.spaces === true) return null
    let allowed = ''
    for (const member of node.strings) {
      if (member.length !== 1 || member.charCodeAt(0) >= 0x80) return null
      allowed += member
    }
    return [allowed]
  }
  if (node.kind !== 'concat') return null
  const positions: string[] = []
  for (const item of node.items) {
    const part = asciiSequence(item)
    if (part === null) return null
    positions.push(...part)
  }
  return positions
}

/**
 * Whether a pattern counts a wide class over a window (`.{0,24}`, `[^,]{1,40}`): a DFA for it
 * needs a new state for nearly every position of every message (which of the window's copies
 * are live), and building those costs far more than a backtracking search of a short text.
 */
export function countsWindow(pattern: string): boolean {
  try {
    return hasWindow(new PatternParser(pattern).parse())
  } catch {
    return false
  }
}

// Windows shorter than this keep the DFA small.
const MIN_WINDOW = 5

function hasWindow(node: Node): boolean {
  switch (node.kind) {
    case 'repeat':
      if (node.max !== Infinity && node.max - node.min >= MIN_WINDOW && node.item.kind === 'strings' && node.item.strings === null) return true
      return hasWindow(node.item)
    case 'concat':
    case 'alternate':
      return node.items.some(hasWindow)
    default:
      return false
  }
}

// A digit or a `?` occurs in more messages than a two-letter literal, fewer than one letter.
const CHAR_STRENGTH = 1.5

// A literal's selectivity: its length, any character beyond ASCII (a Han character, a Thai
// letter) worth three, so `退款` counts where `of` does not.
function strength(literal: string): number {
  let score = 0
  for (let i = 0; i < literal.length; i++) score += literal.charCodeAt(i) < 0x80 ? 1 : 3
  return score
}

type Trigger = { literal: string } | { char: string }

// What to look for so as to find `raw` in a message: its folded form, or the strongest piece
// of it that folding cannot break apart, or one of its ASCII characters when it folds to nothing.
function trigger(raw: string): Trigger | null {
  const folded = foldPhrase(raw)
  let best = ''
  let from = 0
  for (let i = 0; i <= folded.length; i++) {
    if (i < folded.length && !breaksAt(folded, i)) continue
    const piece = folded.slice(from, i).trim()
    if (strength(piece) > strength(best)) best = piece
    from = i === folded.length || folded[i] !== '2' ? i : i + 1
  }
  const char = asciiChar(raw)
  if (char !== null && strength(best) < CHAR_STRENGTH) return { char }
  return best.length > 0 ? { literal: best } : null
}

// Whether folded text may hold the characters of `folded` around index `i` differently:
// a `2` that a longer word before it turns into reduplication (`masuk2` = `masuk`), and a
// doubled Thai letter that a third one stretches into one.
function breaksAt(folded: string, i: number): boolean {
  const code = folded.charCodeAt(i)
  if (code === 0x32) {
    const before = i === 0 ? -1 : folded.charCodeAt(i - 1)
    const after = i + 1 < folded.length ? folded.charCodeAt(i + 1) : -1
    const letterBefore = before === -1 || (before >= 0x61 && before <= 0x7a)
    const wordAfter = (after >= 0x61 && after <= 0x7a) || (after >= 0x30 && after <= 0x39)
    return letterBefore && !wordAfter
  }
  return i > 0 && code === folded.charCodeAt(i - 1) && isStretchable(code)
}

function asciiChar(raw: string): string | null {
  const normal = raw.normalize('NFKC')
  for (let i = 0; i < normal.length; i++) {
    const code = normal.charCodeAt(i)
    if (code < 0x80 && !(code >= 0x61 && code <= 0x7a) && !(code >= 0x41 && code <= 0x5a) && code !== 0x20) return normal[i]
  }
  return null
}

function toGroup(strings: string[]): PrefilterGroup {
  const literals = new Set<string>()
  let chars = ''
  for (const raw of strings) {
    const found = cachedTrigger(raw)!
    if ('char' in found) {
      if (!chars.includes(found.char)) chars += found.char
    } else {
      literals.add(found.literal)
    }
  }
  // A literal holding another of the set adds nothing: whenever it occurs, so does the other.
  const kept = [...literals].filter((literal) => ![...literals].some((other) => other !== literal && literal.includes(other)))
  return { literals: kept, chars }
}

// Triggers of the strings read so far: each is scored many times within a pattern, and the
// patterns of a pack share many. Bounded, for a process that compiles pack after pack.
const triggers = new Map<string, Trigger | null>()
const MAX_TRIGGERS = 20_000

function cachedTrigger(raw: string): Trigger | null {
  let found = triggers.get(raw)
  if (found === undefined) {
    found = trigger(raw)
    if (triggers.size >= MAX_TRIGGERS) triggers.clear()
    triggers.set(raw, found)
  }
  return found
}

// How selective a set is: its weakest trigger's strength; 0 when it cannot be looked for.
function score(strings: string[]): number {
  if (strings.length === 0 || strings.length > MAX_LITERALS) return 0
  let weakest = Infinity
  for (const raw of strings) {
    const found = cachedTrigger(raw)
    if (found === null) return 0
    weakest = Math.min(weakest, 'char' in found ? CHAR_STRENGTH : strength(found.literal))
  }
  return weakest
}

// The few most selective usable sets, strongest first (fewer strings break a tie).
function strongest(sets: string[][]): string[][] {
  const scored: Array<{ set: string[]; score: number; key: string }> = []
  for (const set of sets) {
    const value = score(set)
    const key = [...set].sort().join('\u0000')
    if (value > 0 && !scored.some((other) => other.key === key)) scored.push({ set, score: value, key })
  }
  scored.sort((a, b) => b.score - a.score || a.set.length - b.set.length)
  return scored.slice(0, MAX_GROUPS).map((entry) => entry.set)
}

function analyse(node: Node): Info {
  switch (node.kind) {
    case 'strings':
      return { exact: node.strings, all: [] }
    case 'empty':
      return { exact: [''], all: [] }
    case 'alternate': {
      const infos = node.items.map(analyse)
      let exact: string[] | null = []
      for (const info of infos) exact = exact !== null && info.exact !== null ? union(exact, info.exact) : null
      if (exact !== null && exact.length <= MAX_EXACT) return { exact, all: [] }
      // Every branch requires its k-th set, so a match holds one string of their union.
      const lists = infos.map((info) => (info.exact !== null ? strongest([info.exact]) : info.all))
      const depth = Math.min(...lists.map((list) => list.length))
      const all: string[][] = []
      for (let k = 0; k < depth; k++) all.push(lists.reduce((joined, list) => union(joined, list[k]), [] as string[]))
      return { exact: null, all: strongest(all) }
    }
    case 'concat':
    case 'repeat':
      return analyseSequence(sequence(node, []))
  }
}

// Copies of a repeated item listed, beyond which a repeat is read as `x{n}` then a gap.
const MAX_COPIES = 8

// The items of a sequence, with nested sequences and repeats spelled out: `x{2,}` is `x x`, a
// gap, and `x x` again (a match begins and ends with two copies); `x{1,3}` is `x x? x?`; `x*`
// is a gap. A gap (null) separates strings that need not be adjacent.
function sequence(node: Node, items: Array<Node | null>): Array<Node | null> {
  if (node.kind === 'concat') {
    for (const item of node.items) sequence(item, items)
  } else if (node.kind === 'repeat') {
    const copies = Math.min(node.min, MAX_COPIES)
    for (let k = 0; k < copies; k++) sequence(node.item, items)
    if (node.max - node.min <= MAX_COPIES && node.min <= MAX_COPIES) {
      for (let k = node.min; k < node.max; k++) items.push({ kind: 'alternate', items: [node.item, { kind: 'empty' }] })
    } else {
      items.push(null)
      for (let k = 0; k < copies; k++) sequence(node.item, items)
    }
  } else {
    items.push(node)
  }
  return items
}

function analyseSequence(items: Array<Node | null>): Info {
  let run: string[] = ['']
  const sets: string[][] = []
  let broken = false
  for (const item of items) {
    const info = item === null ? null : analyse(item)
    if (info === null || info.exact === null) {
      sets.push(run)
      if (info !== null) sets.push(...info.all)
      run = ['']
      broken = true
      continue
    }
    const joined = product(run, info.exact)
    if (joined === null) {
      // Too many strings (`\d{2}` is a hundred): the run followed by their first characters
      // still must occur.
      sets.push(product(run, firstCharacters(info.exact)) ?? run)
      run = info.exact
      broken = true
    } else {
      run = joined
    }
  }
  if (!broken) return { exact: run, all: [] }
  sets.push(run)
  return { exact: null, all: strongest(sets) }
}

function firstCharacters(strings: string[]): string[] {
  const firsts = new Set<string>()
  for (const s of strings) firsts.add(s.length > 0 ? String.fromCodePoint(s.codePointAt(0)!) : '')
  return [...firsts]
}

function union(a: string[], b: string[]): string[] {
  const all = new Set(a)
  for (const s of b) all.add(s)
  return [...all]
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_EXACT * 4) return null
  const all = new Set<string>()
  for (const x of a) for (const y of b) all.add(normalise(x + y))
  return all.size > MAX_EXACT ? null : [...all]
}

// Folding makes any run of punctuation and spaces one space, so `a - z` and `a z` are one
// string for the prefilter: keeping only a run's first character keeps `[\s-]{0,3}` a set of
// three, not fifteen, and still a character of the match (`!!` is looked for as `!`).
function normalise(s: string): string {
  let out = ''
  let inRun = false
  for (const ch of s) {
    const separator = isSeparator(ch)
    if (!separator || !inRun) out += ch
    inRun = separator
  }
  return out
}

const separatorMemo = new Map<string, boolean>()

function isSeparator(ch: string): boolean {
  let separator = separatorMemo.get(ch)
  if (separator === undefined) {
    separator = foldPhrase(`a${ch}b`) === 'a b'
    separatorMemo.set(ch, separator)
  }
  return separator
}

// A parser for the JavaScript pattern syntax (flags `iu`), enough to read literals: everything it
// cannot list (`\w`, `[^…]`, `\p{…}`) becomes "some character".
class PatternParser {
  private at = 0
  constructor(private readonly pattern: string) {}

  parse(): Node {
    const node = this.alternation()
    if (this.at < this.pattern.length) throw new Error(`unexpected ${this.pattern[this.at]}`)
    return node
  }

  private alternation(): Node {
    const items = [this.sequence()]
    while (this.pattern[this.at] === '|') {
      this.at++
      items.push(this.sequence())
    }
    return items.length === 1 ? items[0] : { kind: 'alternate', items }
  }

  private sequence(): Node {
    const items: Node[] = []
    while (this.at < this.pattern.length && this.pattern[this.at] !== '|' && this.pattern[this.at] !== ')') {
      let item = this.atom()
      for (;;) {
        const bounds = this.quantifier()
        if (bounds === null) break
        item = { kind: 'repeat', item, min: bounds[0], max: bounds[1] }
      }
      items.push(item)
    }
    return items.length === 1 ? items[0] : { kind: 'concat', items }
  }

  private quantifier(): [number, number] | null {
    const ch = this.pattern[this.at]
    let bounds: [number, number]
    if (ch === '?') bounds = [0, 1]
    else if (ch === '*') bounds = [0, Infinity]
    else if (ch === '+') bounds = [1, Infinity]
    else if (ch === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.at))
      if (match === null) return null
      const min = Number(match[1])
      bounds = [min, match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])]
      this.at += match[0].length - 1
    } else return null
    this.at++
    if (this.pattern[this.at] === '?') this.at++ // lazy: same strings
    return bounds
  }

  private atom(): Node {
    const ch = this.pattern[this.at]
    if (ch === '(') return this.group()
    if (ch === '[') return this.characterClass()
    if (ch === '.') {
      this.at++
      return ANY_CHARACTER
    }
    if (ch === '^' || ch === '$') {
      this.at++
      return { kind: 'empty' }
    }
    if (ch === '\\') return this.escape(false)
    const code = this.pattern.codePointAt(this.at)!
    const character = String.fromCodePoint(code)
    this.at += character.length
    return { kind: 'strings', strings: [character.toLowerCase()] }
  }

  private group(): Node {
    const rest = this.pattern.slice(this.at)
    const prefix = /^\((\?:|\?<[A-Za-z_$][\w$]*>|\?<?[=!])?/.exec(rest)![0]
    this.at += prefix.length
    const body = this.alternation()
    if (this.pattern[this.at] !== ')') throw new Error('unclosed group')
    this.at++
    // Lookaround matches no text of its own.
    return /[=!]$/.test(prefix) ? { kind: 'empty' } : body
  }

  private characterClass(): Node {
    this.at++
    const negated = this.pattern[this.at] === '^'
    if (negated) this.at++
    const members = new Set<string>()
    let listable = !negated
    let spaces = false
    while (this.at < this.pattern.length && this.pattern[this.at] !== ']') {
      if (this.pattern[this.at] === '\\' && 'snrtfv'.includes(this.pattern[this.at + 1])) spaces = true
      const low = this.classAtom()
      if (this.pattern[this.at] === '-' && this.pattern[this.at + 1] !== ']' && this.at + 1 < this.pattern.length) {
        this.at++
        const high = this.classAtom()
        const from = low?.length === 1 ? low[0].codePointAt(0)! : -1
        const to = high?.length === 1 ? high[0].codePointAt(0)! : -1
        if (from < 0 || to < 0 || to - from >= MAX_CLASS) listable = false
        else for (let code = from; code <= to; code++) members.add(String.fromCodePoint(code).toLowerCase())
        continue
      }
      if (low === null) listable = false
      else for (const member of low) members.add(member)
    }
    this.at++
    const strings = listable && members.size <= MAX_CLASS ? [...members] : null
    return spaces ? { kind: 'strings', strings, spaces } : { kind: 'strings', strings }
  }

  // One class member: its characters, or null for a large class (`\w`, `\p{L}`).
  private classAtom(): string[] | null {
    if (this.pattern[this.at] !== '\\') {
      const character = String.fromCodePoint(this.pattern.codePointAt(this.at)!)
      this.at += character.length
      return [character.toLowerCase()]
    }
    const node = this.escape(true)
    return node.kind === 'strings' ? node.strings : []
  }

  private escape(inClass: boolean): Node {
    const ch = this.pattern[this.at + 1] ?? ''
    this.at += 2
    switch (ch) {
      case 'b':
        return inClass ? { kind: 'strings', strings: ['\b'] } : { kind: 'empty' }
      case 'B':
        return { kind: 'empty' }
      case 'd':
        return { kind: 'strings', strings: DIGITS }
      case 's':
      case 'n':
      case 'r':
      case 't':
      case 'f':
      case 'v':
        return { kind: 'strings', strings: [' '], spaces: true }
      case 'u':
      case 'x': {
        const match = ch === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.pattern.slice(this.at)) : /^(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(this.pattern.slice(this.at))
        if (match === null) return { kind: 'strings', strings: [ch] }
        this.at += match[0].length
        return { kind: 'strings', strings: [String.fromCodePoint(parseInt(match[0].replace(/[{}]/g, ''), 16)).toLowerCase()] }
      }
      case 'p':
      case 'P':
        if (this.pattern[this.at] === '{') this.at = this.pattern.indexOf('}', this.at) + 1
        return ANY_CHARACTER
      case 'k':
        if (this.pattern[this.at] === '<') this.at = this.pattern.indexOf('>', this.at) + 1
        return ANY_CHARACTER
      case 'c':
        this.at++
        return ANY_CHARACTER
      default:
        // `\D`, `\W`, `\S`, `\w`, back-references: some character; escaped punctuation: itself.
        return /[A-Za-z1-9]/.test(ch) ? ANY_CHARACTER : { kind: 'strings', strings: [ch === '0' ? '\0' : ch] }
    }
  }
}

const ANY_CHARACTER: Node = { kind: 'strings', strings: null }
