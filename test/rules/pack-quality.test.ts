// The built-in pack against issue #4's targets on the labelled sets under test/fixtures: macro-F1
// of at least 0.85 in English and 0.75 in every other language, and few rows whose gold is
// `other` given an intent, in the labelled sets and in the out-of-scope controls. Rows are read
// the way `eval` reads them: cleaned, their language detected. A rule change that loses a language's footing on any set fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { createLanguageDetector } from '../../src/language/index.js'
import { evaluate, parseLabels, type EvalReport, type EvalRow } from '../../src/rules/eval.js'
import { loadIntentPack, matchIntents, type IntentPack } from '../../src/rules/index.js'
import { cleanText } from '../../src/stages/clean.js'

const fixtures = join(process.cwd(), 'test/fixtures')
const SETS = ['intents', 'holdout/intents', 'holdout/intents2', 'holdout/intents3', 'holdout/intents4']
/**
 * Messages that are not commerce at all: requests to a voice assistant (weather, alarms, recipes,
 * "cancel my alarm"); work, family and school chats, tenants and patients, some of whose messages
 * read exactly like a buyer's ("the heater has not worked since yesterday"); hobby forums, games,
 * sports and news; small talk, food, health and festival wishes. Each but the first has traps:
 * shop words in another sense ("my money back" for a bad film, a school refunding a trip).
 */
const OUT_OF_SCOPE = ['holdout/out-of-scope', 'holdout/out-of-scope2', 'holdout/out-of-scope3', 'holdout/out-of-scope4']
/** Issue #4: English customer-service messages, then every other language. */
const FLOOR: Record<string, number> = { en: 0.85 }
const DEFAULT_FLOOR = 0.75
/**
 * Issue #4 allows 5 % of out-of-scope messages an intent: over each control, and over each set's
 * gold-`other` rows (which include greetings too).
 */
const MAX_OTHER_HIT_SHARE = 0.05
/** A control's language may miss the 5 % on its own only by a row or two. */
const MAX_OTHER_HIT_SHARE_PER_LANGUAGE = 0.1

let pack: IntentPack
const detector = createLanguageDetector()

beforeAll(async () => {
  const loaded = await loadIntentPack([])
  if (!loaded.ok) throw new Error('the built-in pack does not load; run `inbox-triage rules check`')
  pack = loaded.pack
})

const scored = new Map<string, EvalReport>()

function score(file: string): EvalReport {
  const known = scored.get(file)
  if (known) return known
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
  const rows: EvalRow[] = records.map((record, i) => {
    const text = cleanText(record.text ?? '')
    const predicted: string[] = []
    for (const hit of matchIntents(pack, text, detector.detect(text).lang)) if (!predicted.includes(hit.intent)) predicted.push(hit.intent)
    return { row: i + 2, text, gold: parseLabels(record.intents ?? record.intent ?? ''), predicted }
  })
  const report = evaluate(rows, { top: 5 })
  scored.set(file, report)
  return report
}

const cases = [...SETS, ...OUT_OF_SCOPE].flatMap((set) =>
  readdirSync(join(fixtures, set))
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => ({ set, lang: basename(name, '.csv'), file: join(fixtures, set, name) }))
)

describe.each(SETS)('%s', (set) => {
  const files = cases.filter((entry) => entry.set === set)

  test.each(files)('$lang reaches its macro-F1 floor', ({ lang, file }) => {
    const report = score(file)
    const floor = FLOOR[lang] ?? DEFAULT_FLOOR
    // The misses name what to look at when a floor is not reached.
    expect({ lang, macroF1: Number(report.macroF1.toFixed(3)), reached: report.macroF1 >= floor, misses: report.macroF1 >= floor ? [] : report.misses }).toEqual({
      lang,
      macroF1: Number(report.macroF1.toFixed(3)),
      reached: true,
      misses: []
    })
  })

  test('rows whose gold is `other` mostly stay `other`', () => {
    const reports = files.map(({ file }) => score(file))
    const other = reports.reduce((sum, report) => sum + report.goldOther, 0)
    const hit = reports.reduce((sum, report) => sum + report.goldOtherHit, 0)
    expect(other).toBeGreaterThan(0)
    expect(hit / other).toBeLessThanOrEqual(MAX_OTHER_HIT_SHARE)
  })
})

describe.each(OUT_OF_SCOPE)('%s', (set) => {
  const files = cases.filter((entry) => entry.set === set)

  test('every row is out of scope: gold `other`', () => {
    for (const { file } of files) expect(score(file).goldOther).toBe(score(file).rows)
  })

  test(`at most ${MAX_OTHER_HIT_SHARE * 100} % of them get an intent, over every language`, () => {
    const reports = files.map(({ file }) => score(file))
    const rows = reports.reduce((sum, report) => sum + report.rows, 0)
    const hit = reports.reduce((sum, report) => sum + report.goldOtherHit, 0)
    expect(rows).toBeGreaterThan(500)
    expect(hit / rows).toBeLessThanOrEqual(MAX_OTHER_HIT_SHARE)
  })

  test.each(files)(`$lang: at most ${MAX_OTHER_HIT_SHARE_PER_LANGUAGE * 100} % get an intent`, ({ file }) => {
    const report = score(file)
    // The misses name the messages that got an intent when the share is too high.
    const share = report.goldOtherHit / report.rows
    expect({ share: Number(share.toFixed(3)), misses: share <= MAX_OTHER_HIT_SHARE_PER_LANGUAGE ? [] : report.misses }).toEqual({
      share: Number(share.toFixed(3)),
      misses: []
    })
  })
})
