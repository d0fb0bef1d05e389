// Rule regexes: written in JavaScript syntax. Each runs on one of two engines:
// - V8's own (irregexp), several times faster on short messages, when recheck has proved that the
//   pattern cannot backtrack catastrophically (a verdict shipped for the built-in patterns in
//   rules/intents/regex-verdicts.json, or found for a team's pattern at load and cached);
// - re2js otherwise: an RE2 port whose matching time is linear in the text for every pattern, so
//   a pattern nobody could prove safe still cannot hang a run.
// recheck (pure-JS backend, no JVM or native binary needed) also refuses, at load, patterns that
// would backtrack catastrophically, because such a pattern is a mistake that would hang other
// tools too.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RE2JS } from 're2js'
import type { Diagnostics } from 'recheck'
import { CACHE_DIR, writeCacheFile } from '../data/disk-cache.js'
import { builtinIntentsDir } from './paths.js'

export type RegexCompileResult =
  | {
      ok: true
      re2: RE2JS
      /** The pattern in RE2 syntax, as re2js runs it. */
      source: string
      /** The pattern as V8 would run it (JavaScript syntax, the same Unicode word edges). */
      nativeSource: string
    }
  | { ok: false; check: 'regex-syntax' | 'regex-unsupported'; message: string; hint: string }

/** Translate the JavaScript escapes RE2 spells differently; everything else is shared syntax. */
export function toRe2Syntax(pattern: string): string {
  return unicodeBoundaries(pattern)
    .replace(/\\u\{([0-9a-fA-F]+)\}/g, '\\x{$1}')
    .replace(/\\u([0-9a-fA-F]{4})/g, '\\x{$1}')
    .replace(/\\([pP])\{(?:Script|sc|Script_Extensions|scx)=([A-Za-z_]+)\}/g, '\\$1{$2}')
}

// `\b` is ASCII-only in RE2 (and in JavaScript without `v`): after `ký` or before `đổi` it sees
// no word edge, so `\d ?ký\b` missed "2 ký nhé". RE2 has no lookaround, so such a boundary
// becomes a consumed separator or the text's edge; where the pattern already puts a space or
// `\s` on that side, the boundary is implied and dropped. A boundary between ASCII letters
// keeps its zero-width `\b`. The separators are spelled out (ASCII non-word characters, Latin-1,
// general and CJK punctuation) rather than `[^\p{L}\p{N}]`: a class that large multiplies the
// states of a regex's DFA.
const SEPARATOR = '[\\x{0}-/:-@\\[-^`{-\\x{bf}\\x{2000}-\\x{206f}\\x{3000}-\\x{303f}]'
const NATIVE_SEPARATOR = SEPARATOR.replace(/\\x\{/g, '\\u{')
const NON_ASCII = /[^\x00-\x7f]/u
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u

/**
 * Make every `\b` next to a non-ASCII letter of the pattern see Unicode letters; `separator` is
 * the class of separators in the target engine's syntax (RE2's by default).
 */
export function unicodeBoundaries(pattern: string, separator = SEPARATOR): string {
  if (!pattern.includes('\\b') || !NON_ASCII.test(pattern)) return pattern
  const wordEnd = `(?:${separator}|$)`
  const wordStart = `(?:^|${separator})`
  let out = ''
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i]
    if (ch === '[') {
      const end = skipClass(pattern, i)
      out += pattern.slice(i, end)
      i = end
      continue
    }
    if (ch !== '\\') {
      out += ch
      i++
      continue
    }
    if (pattern[i + 1] !== 'b') {
      out += pattern.slice(i, i + 2)
      i += 2
      continue
    }
    const after = pattern.slice(i + 2)
    if (mayEndInNonAscii(pattern.slice(0, i))) out += startsWithSeparator(after) ? '' : wordEnd
    else if (mayStartWithNonAscii(after)) out += endsWithSeparator(out) ? '' : wordStart
    else out += '\\b'
    i += 2
  }
  return out
}

// Whether the last atom of `head` may match a non-ASCII letter (a literal, a class holding one,
// or a group with an alternative ending in one); quantifiers are looked through.
function mayEndInNonAscii(head: string): boolean {
  let end = head.length
  while (end > 0 && '?*+'.includes(head[end - 1])) end--
  if (end > 0 && head[end - 1] === '}') end = head.lastIndexOf('{', end)
  if (end <= 0) return false
  const last = head[end - 1]
  if (last === ']') {
    const from = head.lastIndexOf('[', end - 1)
    return holdsNonAsciiLetter(head.slice(from, end))
  }
  if (last === ')') {
    let depth = 0
    let from = end - 1
    for (; from >= 0; from--) {
      if (head[from] === ')' && head[from - 1] !== '\\') depth++
      else if (head[from] === '(' && head[from - 1] !== '\\' && --depth === 0) break
    }
    return splitAlternatives(groupBody(head.slice(from, end))).some(mayEndInNonAscii)
  }
  return end < 2 || head[end - 2] !== '\\' ? isNonAsciiLetter(last) : false
}

function mayStartWithNonAscii(tail: string): boolean {
  const first = tail[0]
  if (first === undefined) return false
  if (first === '[') return holdsNonAsciiLetter(tail.slice(0, skipClass(tail, 0)))
  if (first === '(') return splitAlternatives(groupBody(tail.slice(0, skipGroup(tail, 0)))).some(mayStartWithNonAscii)
  return isNonAsciiLetter(first)
}

/**
 * Whether a character class lists a non-ASCII letter. A negated class (`[^¿]{0,40}`, a filler
 * between two words) matches ASCII separators too: the `\b` beside it stays zero-width, since a
 * consumed separator there would take the only space of "si funciona" from the next boundary.
 */
function holdsNonAsciiLetter(klass: string): boolean {
  return !klass.startsWith('[^') && NON_ASCII.test(klass)
}

function isNonAsciiLetter(ch: string): boolean {
  return ch.charCodeAt(0) >= 0x80 && WORD_CHAR.test(ch)
}

function startsWithSeparator(tail: string): boolean {
  const length = tail.startsWith(' ') ? 1 : tail.startsWith('\\s') ? 2 : 0
  return length > 0 && !isQuantifier(tail, length)
}

function endsWithSeparator(head: string): boolean {
  return head.endsWith(' ') || (head.endsWith('\\s') && !head.endsWith('\\\\s'))
}

export function compileRegex(pattern: string): RegexCompileResult {
  try {
    new RegExp(pattern, 'iu')
  } catch (error) {
    return {
      ok: false,
      check: 'regex-syntax',
      message: `regex does not compile: ${(error as Error).message}`,
      hint: 'Fix the pattern; it is JavaScript syntax with flags `iu`. Escape `\\ . ( ) [ ] ? * + { } |` to match them literally.'
    }
  }
  const source = toRe2Syntax(pattern)
  try {
    return { ok: true, re2: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE), source, nativeSource: unicodeBoundaries(pattern, NATIVE_SEPARATOR) }
  } catch (error) {
    return {
      ok: false,
      check: 'regex-unsupported',
      message: `regex uses a construct without a linear-time match (${(error as Error).message.replace(/^error parsing regexp: /, '')})`,
      hint: 'Lookaround and backreferences are not supported: use `not:` beside the matcher, or several phrases.'
    }
  }
}

export type SafetyVerdict = { safe: true } | { safe: false; complexity: string; attack?: string } | { safe: 'unknown'; reason: string }

// The automaton checker decides nested and overlapping repetition in milliseconds; recheck's
// fuzzer needs seconds per long pattern in pure JS, too slow for every load. A pattern the
// automaton cannot decide in time (large bounded repeats) is not reported: it still runs in
// linear time under re2js. Verdicts persist across runs in node_modules/.cache, as eslint's do.
const CACHE_FILE = join(CACHE_DIR, 'recheck-4.json')
const RECHECK_PARAMS = { checker: 'automaton', timeout: 300 } as const

const verdicts = new Map<string, Promise<SafetyVerdict>>()
let stored: Promise<Map<string, SafetyVerdict>> | undefined
let dirty = false

function storedVerdicts(): Promise<Map<string, SafetyVerdict>> {
  stored ??= readFile(CACHE_FILE, 'utf8').then(
    (text) => new Map(Object.entries(JSON.parse(text) as Record<string, SafetyVerdict>)),
    () => new Map<string, SafetyVerdict>()
  )
  return stored
}

/** The verdicts shipped for the built-in patterns (`npm run regex-verdicts` writes them). */
export const SHIPPED_VERDICTS_FILE = join(builtinIntentsDir, 'regex-verdicts.json')

export interface ShippedVerdicts {
  /** recheck's version that gave them. */
  recheck: string
  /** Patterns (as V8 runs them) proved safe. */
  safe: string[]
  /** Patterns recheck could not decide in the generator's time: they run on re2js. */
  undecided: string[]
}

let shipped: Promise<Map<string, SafetyVerdict>> | undefined

function shippedVerdicts(): Promise<Map<string, SafetyVerdict>> {
  shipped ??= readFile(SHIPPED_VERDICTS_FILE, 'utf8').then(
    (text) => {
      const data = JSON.parse(text) as ShippedVerdicts
      const known = new Map<string, SafetyVerdict>()
      for (const pattern of data.undecided) known.set(pattern, { safe: 'unknown', reason: 'undecided when the package was built' })
      for (const pattern of data.safe) known.set(pattern, { safe: true })
      return known
    },
    () => new Map<string, SafetyVerdict>()
  )
  return shipped
}

/** A verdict already known (shipped with the package, or cached), without running recheck. */
async function knownVerdict(pattern: string): Promise<SafetyVerdict | undefined> {
  return (await shippedVerdicts()).get(pattern) ?? (await storedVerdicts()).get(pattern)
}

/**
 * V8's engine for a pattern recheck proved safe, or null: the pattern then runs on re2js.
 * `analyse`: run recheck when no verdict is known (a team's pattern, checked at load anyway);
 * otherwise only look a verdict up (the built-in patterns, whose verdicts ship with the package).
 */
export async function nativeRegex(nativeSource: string, analyse: boolean): Promise<RegExp | null> {
  const verdict = analyse ? await checkRegexSafety(nativeSource) : await knownVerdict(nativeSource)
  return verdict?.safe === true ? new RegExp(nativeSource, 'iu') : null
}

/** recheck's verdict on a pattern, cached per pattern in memory and on disk. */
export function checkRegexSafety(pattern: string): Promise<SafetyVerdict> {
  let verdict = verdicts.get(pattern)
  if (verdict === undefined) {
    verdict = storedVerdicts().then(async (cache) => {
      const known = (await shippedVerdicts()).get(pattern) ?? cache.get(pattern)
      if (known !== undefined) return known
      const fresh = await runRecheck(pattern)
      cache.set(pattern, fresh)
      dirty = true
      return fresh
    })
    verdicts.set(pattern, verdict)
  }
  return verdict
}

/** Persist new verdicts; a read-only install simply checks again next time. */
export async function saveRegexSafetyCache(): Promise<void> {
  if (!dirty || stored === undefined) return
  dirty = false
  writeCacheFile(CACHE_FILE, JSON.stringify(Object.fromEntries(await stored)))
}

// recheck is loaded on first use: its compiled checker costs each thread that imports it about
// 30 MB of memory, and a run whose patterns all have shipped or cached verdicts never calls it.
let recheck: Promise<typeof import('recheck')> | undefined

async function pureCheck(pattern: string, params: { checker: 'automaton'; timeout: number }): Promise<Diagnostics> {
  const { check } = await (recheck ??= import('recheck'))
  // recheck picks its backend from RECHECK_BACKEND when `check` is called (synchronously, before
  // its first await); the pure-JS one needs no JVM, native binary or worker. Restore at once.
  const previous = process.env.RECHECK_BACKEND
  process.env.RECHECK_BACKEND = 'pure'
  try {
    return check(pattern, 'iu', params)
  } finally {
    if (previous === undefined) delete process.env.RECHECK_BACKEND
    else process.env.RECHECK_BACKEND = previous
  }
}

// The automaton checker's first run in a process spends 200–300 ms compiling its own code, which
// the per-pattern timeout would count: on a busy machine `(a+)+$` then came back "timeout" and
// went unreported. One small vulnerable pattern, with time to spare, runs it in first.
const WARM_UP_PARAMS = { checker: 'automaton', timeout: 10_000 } as const
let warmedUp: Promise<unknown> | undefined

/** recheck's automaton checker on one pattern, within the time limit of a check at load. */
export async function runRecheck(pattern: string): Promise<SafetyVerdict> {
  warmedUp ??= pureCheck('^(b+)+$', WARM_UP_PARAMS).catch(() => undefined)
  await warmedUp
  return pureCheck(pattern, RECHECK_PARAMS).then(
    (result): SafetyVerdict => {
      if (result.status === 'safe') return { safe: true }
      if (result.status === 'vulnerable') {
        return { safe: false, complexity: result.complexity.type, attack: result.attack.pattern }
      }
      return { safe: 'unknown', reason: result.error.kind }
    },
    (error: unknown): SafetyVerdict => ({ safe: 'unknown', reason: String(error) })
  )
}

function groupBody(group: string): string {
  const inner = group.slice(1, -1)
  const named = /^\?(?::|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(inner)
  return named !== null ? inner.slice(named[0].length) : inner
}

function splitAlternatives(pattern: string): string[] {
  const parts: string[] = []
  let depth = 0
  let from = 0
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i]
    if (ch === '\\') {
      i += 2
      continue
    }
    if (ch === '[') {
      i = skipClass(pattern, i)
      continue
    }
    if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === '|' && depth === 0) {
      parts.push(pattern.slice(from, i))
      from = i + 1
    }
    i++
  }
  parts.push(pattern.slice(from))
  return parts
}

function isQuantifier(pattern: string, at: number): boolean {
  const ch = pattern[at]
  return ch === '?' || ch === '*' || ch === '+' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(at)))
}

function skipClass(pattern: string, at: number): number {
  let i = at + 1
  if (pattern[i] === '^') i++
  if (pattern[i] === ']') i++
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1
  return i + 1
}

function skipGroup(pattern: string, at: number): number {
  let depth = 0
  let i = at
  while (i < pattern.length) {
    const ch = pattern[i]
    if (ch === '\\') i += 2
    else if (ch === '[') i = skipClass(pattern, i)
    else {
      if (ch === '(') depth++
      else if (ch === ')' && --depth === 0) return i + 1
      i++
    }
  }
  return i
}
