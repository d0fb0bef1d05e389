// Sentiment benchmark: macro-F1 and accuracy of our analyser against the off-the-shelf JavaScript
// analysers a user would pick instead, on the shared dev sets and our own buyer-message files,
// plus our throughput. Run: npm run bench:sentiment [-- --no-speed | --speed-only] [--no-blind]
// --no-blind leaves the blind set unread, for whoever tunes lexicons while it must stay unseen.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { analyzeSentiment, loadLexicons, type Lexicons } from '../src/sentiment/index.js'
import { scoreLabels, type LabelScores } from '../src/sentiment/evaluate.js'

type Label = 'positive' | 'neutral' | 'negative'

interface Row {
  text: string
  label: Label
}

interface DataSet {
  name: string
  lang: string
  rows: Row[]
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const devDir = join(root, '..', 'shared', 'data', 'dev')
const fixtureDir = join(root, 'test', 'fixtures', 'sentiment')
// Written by another engineer who never saw the lexicons (test/fixtures/holdout/sentiment/README.md).
const holdoutDir = join(root, 'test', 'fixtures', 'holdout', 'sentiment')
const require = createRequire(import.meta.url)

function readSet(file: string, name: string, lang: string): DataSet {
  const records = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
  return { name, lang, rows: records.map((r) => ({ text: r.text!, label: r.label as Label })) }
}

function dataSets(): DataSet[] {
  const sets: DataSet[] = []
  const dev: Array<[string, string]> = [
    ['sentiment_en_vader_dev.csv', 'en'],
    ['sentiment_th_wisesight_dev.csv', 'th'],
    ['sentiment_id_smsa_dev.csv', 'id']
  ]
  for (const [file, lang] of dev) {
    const path = join(devDir, file)
    if (existsSync(path)) sets.push(readSet(path, `dev: ${file}`, lang))
    else console.error(`skipped ${path}: not found`)
  }
  for (const [dir, label] of [
    [fixtureDir, 'buyer messages: test/fixtures/sentiment'],
    [holdoutDir, 'blind buyer messages: test/fixtures/holdout/sentiment']
  ] as const) {
    if (!existsSync(dir) || (dir === holdoutDir && process.argv.includes('--no-blind'))) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
      sets.push(readSet(join(dir, file), `${label}/${file}`, basename(file, '.csv')))
    }
  }
  return sets
}

/** A competitor: returns a label, or null when it does not handle the language. */
interface Analyser {
  name: string
  thresholds: string
  classify(text: string, lang: string): Label | null
}

function bySign(score: number): Label {
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral'
}

const UNSPACED = new Set(['zh', 'ja', 'th'])
const segmenters = new Map<string, Intl.Segmenter>()

function words(text: string, lang: string): string[] {
  let segmenter = segmenters.get(lang)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' })
    segmenters.set(lang, segmenter)
  }
  const out: string[] = []
  for (const part of segmenter.segment(text)) if (part.isWordLike) out.push(part.segment)
  return out
}

function competitors(): Analyser[] {
  const vader = (require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } })
    .SentimentIntensityAnalyzer
  const Sentiment = require('sentiment') as new () => { analyze(t: string): { score: number } }
  const afinn = new Sentiment()
  const wink = require('wink-sentiment') as (t: string) => { normalizedScore: number }
  const multilang = require('multilang-sentiment') as (t: string, lang: string, inject?: { tokens: string[] }) => { score: number }
  const multilangLanguages = new Set(
    (JSON.parse(readFileSync(require.resolve('multilang-sentiment/build/languages/list.json'), 'utf8')) as Array<{ code?: string } | string>).map(
      (l) => (typeof l === 'string' ? l : (l.code ?? ''))
    )
  )
  return [
    {
      name: 'vader-sentiment',
      thresholds: 'compound ≥ 0.05 positive, ≤ -0.05 negative (its README)',
      classify: (text, lang) => {
        if (lang !== 'en') return null
        const c = vader.polarity_scores(text).compound
        return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral'
      }
    },
    {
      name: 'sentiment (AFINN)',
      thresholds: 'score > 0 positive, < 0 negative',
      classify: (text, lang) => (lang === 'en' ? bySign(afinn.analyze(text).score) : null)
    },
    {
      name: 'wink-sentiment',
      thresholds: 'normalizedScore > 0 positive, < 0 negative',
      classify: (text, lang) => (lang === 'en' ? bySign(wink(text).normalizedScore) : null)
    },
    {
      name: 'multilang-sentiment',
      thresholds: 'score > 0 positive, < 0 negative; zh/ja/th tokens from Intl.Segmenter, as its README advises',
      classify: (text, lang) => {
        if (!multilangLanguages.has(lang) && multilangLanguages.size > 0) return null
        const inject = UNSPACED.has(lang) ? { tokens: words(text, lang) } : undefined
        return bySign(multilang(text, lang, inject).score)
      }
    }
  ]
}

function cell(scores: LabelScores | null): string {
  return scores ? `${scores.macroF1.toFixed(3)} / ${scores.accuracy.toFixed(3)}` : 'n/a'
}

async function main(): Promise<void> {
  const lexicons = await loadLexicons()
  const sets = dataSets()
  if (!process.argv.includes('--speed-only')) table(lexicons, sets)
  if (!process.argv.includes('--no-speed')) throughput(lexicons, sets)
}

function table(lexicons: Lexicons, sets: DataSet[]): void {
  const others = competitors()
  console.log('# Sentiment benchmark: macro-F1 / accuracy (3 classes)\n')
  console.log(`| data set | lang | rows | inbox-triage | ${others.map((o) => o.name).join(' | ')} |`)
  console.log(`|---|---|---:|---|${others.map(() => '---').join('|')}|`)
  for (const set of sets) {
    const gold = set.rows.map((r) => r.label)
    const ours = scoreLabels(gold, set.rows.map((r) => analyzeSentiment(lexicons, r.text, set.lang).label))
    const theirs = others.map((o) => {
      const predicted: Label[] = []
      for (const row of set.rows) {
        const label = o.classify(row.text, set.lang)
        if (label === null) return null
        predicted.push(label)
      }
      return scoreLabels(gold, predicted)
    })
    console.log(`| ${set.name} | ${set.lang} | ${set.rows.length} | ${cell(ours)} | ${theirs.map(cell).join(' | ')} |`)
  }
  console.log('\nCompetitor thresholds:')
  for (const o of others) console.log(`- ${o.name}: ${o.thresholds}`)
}

/** Throughput on short messages: every buyer-message fixture, in its own language, round-robin. */
function throughput(lexicons: Lexicons, sets: DataSet[]): void {
  const messages = sets.filter((s) => s.name.startsWith('buyer')).flatMap((s) => s.rows.map((r) => [r.text, s.lang] as const))
  const total = 300_000
  for (let i = 0; i < 20_000; i++) analyzeSentiment(lexicons, messages[i % messages.length]![0], messages[i % messages.length]![1])
  // Wall time suffers when other jobs share the machine; CPU time is what one core costs.
  const started = process.hrtime.bigint()
  const cpuStarted = process.cpuUsage()
  let checksum = 0
  for (let i = 0; i < total; i++) {
    const [text, lang] = messages[i % messages.length]!
    checksum += analyzeSentiment(lexicons, text, lang).score
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const cpu = process.cpuUsage(cpuStarted)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const meanLength = messages.reduce((sum, [text]) => sum + text.length, 0) / messages.length
  const rate = (s: number): string => Math.round(total / s).toLocaleString('en')
  console.log(
    `\nThroughput: ${rate(cpuSeconds)} msgs per CPU-second (${rate(seconds)} msgs/s wall clock) over ${total.toLocaleString('en')} ` +
      `buyer messages (mean ${meanLength.toFixed(0)} characters, ${new Set(messages.map(([, lang]) => lang)).size} languages; checksum ${checksum.toFixed(1)}; ` +
      `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`
  )
}

await main()
