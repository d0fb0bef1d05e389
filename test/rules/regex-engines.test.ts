// A regex runs on V8's engine when recheck proved it safe, on re2js otherwise. The two must give
// the same hits, the built-in patterns' verdicts must be shipped, and a team's pattern is judged
// when it loads.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { compileIntentPack } from '../../src/rules/compile.js'
import { loadIntentPack, matchIntents, type IntentPack } from '../../src/rules/index.js'
import { loadIntentSources } from '../../src/rules/load.js'
import { compileRegex, SHIPPED_VERDICTS_FILE, type ShippedVerdicts } from '../../src/rules/regex.js'

let native: IntentPack
let re2Only: IntentPack

beforeAll(async () => {
  const { sources } = await loadIntentSources([])
  native = (await compileIntentPack(sources)).pack
  re2Only = (await compileIntentPack(sources, { nativeRegexes: false })).pack
})

test('every built-in regex has a shipped verdict (else run `npm run regex-verdicts`)', () => {
  const shipped = JSON.parse(readFileSync(SHIPPED_VERDICTS_FILE, 'utf8')) as ShippedVerdicts
  const known = new Set([...shipped.safe, ...shipped.undecided])
  const safe = new Set(shipped.safe)
  const sources = native.regexPatterns.map((pattern) => {
    const compiled = compileRegex(pattern)
    return compiled.ok ? compiled.nativeSource : ''
  })
  expect(native.regexPatterns.filter((_, id) => !known.has(sources[id]))).toEqual([])
  // Those proved safe run on V8's engine, the rest on re2js; most are proved safe.
  expect(native.natives.map((regex, id) => (regex !== null) === safe.has(sources[id])).every(Boolean)).toBe(true)
  expect(native.natives.filter((regex) => regex !== null).length).toBeGreaterThan(native.regexPatterns.length / 2)
  expect(re2Only.natives.every((regex) => regex === null)).toBe(true)
})

test('both engines give the same hits and spans on every example and fixture text (and with line breaks and odd spaces), with every language running', () => {
  const texts: string[] = []
  for (const rule of native.rules) for (const example of [...rule.examples.match, ...rule.examples.noMatch]) texts.push(example.text)
  const fixtures = join(process.cwd(), 'test/fixtures/intents')
  for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.csv'))) {
    const rows = parse(readFileSync(join(fixtures, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ text: string }>
    for (const row of rows) {
      texts.push(row.text, row.text.toUpperCase())
      // Line and space characters that the engines' `.` and `\s` read differently.
      for (const unit of ['\r\n', '\r', '\u2028', '\ufeff', '\v']) texts.push(row.text.replace(/ /g, (space, at: number) => (at % 2 ? unit : space)))
    }
    expect(basename(file, '.csv')).toMatch(/^[a-z]{2}$/)
  }
  const differ = texts.filter((text) => JSON.stringify(matchIntents(native, text, 'und')) !== JSON.stringify(matchIntents(re2Only, text, 'und')))
  expect(differ).toEqual([])
  expect(texts.length).toBeGreaterThan(10_000)
})

describe("a team's regex is judged when it loads", () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'regex-engines-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const cases = [
    { pattern: 'when (will|does) (it|my order) ship', engine: 'V8', why: 'proved safe' },
    { pattern: 'refund\\s*-?\\s*now', engine: 're2js', why: 'polynomial backtracking (a warning): kept on the linear engine' }
  ]
  test.each(cases)('$pattern → $engine ($why)', async ({ pattern, engine }) => {
    const file = join(dir, `${engine}.yaml`)
    writeFileSync(file, `language: en\nrules:\n  - id: team.x\n    intent: order/status\n    match: { regex: '${pattern}' }\n    examples: { match: [x], no_match: [y] }\n`)
    const loaded = await loadIntentPack([file], { builtin: false })
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems))
    const id = loaded.pack.regexPatterns.indexOf(pattern)
    expect(loaded.pack.natives[id] === null ? 're2js' : 'V8').toBe(engine)
  })
})
