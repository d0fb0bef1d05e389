// Regression floor on the labelled buyer-message files: macro-F1 per language. The files were
// written before the lexicons were tuned and are never edited to make this pass.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { analyzeSentiment, loadLexicons, type Lexicons } from '../../src/sentiment/index.js'

const DIR = join(process.cwd(), 'test/fixtures/sentiment')
const LABELS = ['positive', 'neutral', 'negative'] as const
const FLOOR = 0.8

function macroF1(gold: string[], predicted: string[]): number {
  let sum = 0
  for (const label of LABELS) {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++
      else if (predicted[i] === label) fp++
      else if (gold[i] === label) fn++
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
  }
  return sum / LABELS.length
}

let lexicons: Lexicons
beforeAll(async () => {
  lexicons = await loadLexicons()
})

const files = readdirSync(DIR).filter((f) => f.endsWith('.csv'))

test('there is a labelled file of at least 60 rows for each language with a lexicon', () => {
  expect(files.map((f) => f.slice(0, -4)).sort()).toEqual(['de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ms', 'nl', 'pt', 'th', 'vi', 'zh'])
  for (const file of files) {
    const rows = parse(readFileSync(join(DIR, file)), { columns: true }) as Array<{ label: string }>
    expect(rows.length).toBeGreaterThanOrEqual(60)
    expect(new Set(rows.map((r) => r.label))).toEqual(new Set(LABELS))
  }
})

test.each(files)(`%s: macro-F1 ≥ ${FLOOR}`, (file) => {
  const lang = file.slice(0, -4)
  const rows = parse(readFileSync(join(DIR, file)), { columns: true }) as Array<{ text: string; label: string }>
  const predicted = rows.map((r) => analyzeSentiment(lexicons, r.text, lang).label)
  expect(macroF1(rows.map((r) => r.label), predicted)).toBeGreaterThanOrEqual(FLOOR)
})
