// Language-ID benchmark: accuracy by length class (single word, word pair, sentence) and per
// language on a labelled CSV (text,lang,kind), and messages per second on sentences, for our
// detector side by side with franc and the other JavaScript detectors (dev dependencies).
// Run: npm run bench:lang [-- --file PATH --seconds N --ours-only]
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parse } from 'csv-parse/sync'
import { packageRoot } from '../src/data/paths.js'
import type { Message, Transform } from '../src/types.js'

interface Row {
  text: string
  lang: string
  kind: string
}

interface Contender {
  name: string
  /** Why it could not run, instead of `detect`. */
  unavailable?: string
  detect?: (text: string) => string | Promise<string>
}

const KINDS = ['single_word', 'word_pair', 'sentence']
const LANGS = ['en', 'es', 'de', 'fr', 'it', 'pt', 'zh', 'ja', 'th', 'vi', 'id', 'ms', 'nl', 'pl', 'tr', 'ar', 'ko', 'tl']
const ISO3: Record<string, string> = {
  eng: 'en', spa: 'es', deu: 'de', fra: 'fr', ita: 'it', por: 'pt', cmn: 'zh', jpn: 'ja', tha: 'th', vie: 'vi',
  ind: 'id', zlm: 'ms', nld: 'nl', pol: 'pl', tur: 'tr', arb: 'ar', kor: 'ko', tgl: 'tl'
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback
}

/** Any detector's answer as a primary subtag, `fil` read as `tl`; '' for no answer. */
function primary(code: string | undefined): string {
  if (!code || code === 'und' || code === 'un') return ''
  const lang = code.toLowerCase().split(/[-_]/)[0]
  return ISO3[lang] ?? ({ fil: 'tl', zsm: 'ms', msa: 'ms', in: 'id', zho: 'zh' } as Record<string, string>)[lang] ?? lang
}

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/**
 * CPU seconds the process used since `since`: rates per CPU-second are messages per second
 * per core, and stay meaningful when other jobs share the machine.
 */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1e6
}

/**
 * Heap and external memory still in use after full collections, in MB. One collection can
 * leave large typed arrays that died in it counted as external memory; collecting until the
 * figure stops falling counts only what is still reachable.
 */
function retainedMB(): number {
  let last = Infinity
  for (let round = 0; round < 5; round++) {
    collectGarbage()
    const { heapUsed, external } = process.memoryUsage()
    const now = (heapUsed + external) / 1024 / 1024
    if (now > last - 0.1) return Math.min(now, last)
    last = now
  }
  return last
}

/** Our detector, then the others unless `oursOnly`. */
async function contenders(oursOnly: boolean): Promise<Contender[]> {
  const require = createRequire(import.meta.url)
  const list: Contender[] = []
  const before = retainedMB()
  const { createLanguageDetector } = await import('../src/language/index.js')
  const ours = createLanguageDetector()
  ours.detect('warm up the tables')
  console.log(`inbox-triage detector: ${(retainedMB() - before).toFixed(1)} MB of heap and external memory retained after loading it and its data`)
  list.push({ name: 'inbox-triage', detect: (text) => ours.detect(text).lang })
  if (oursOnly) return list

  const { franc } = await import('franc')
  const only = Object.keys(ISO3)
  list.push({ name: 'franc (defaults)', detect: (text) => primary(franc(text)) })
  list.push({ name: 'franc (only 18, minLength 1)', detect: (text) => primary(franc(text, { only, minLength: 1 })) })

  try {
    const { eld } = (await import('eld/large' as string)) as { eld: Eld }
    list.push({ name: 'eld large', detect: (text) => primary(eld.detect(text).language) })
    // A separate preloaded instance, so the subset does not change the first one.
    const subset = eld.newInstance()
    subset.setLanguageSubset(LANGS)
    list.push({ name: 'eld large (subset 18)', detect: (text) => primary(subset.detect(text).language) })
  } catch (error) {
    list.push({ name: 'eld', unavailable: (error as Error).message })
  }

  try {
    const tinyld = (await import('tinyld/heavy' as string)) as { detect(text: string, options?: { only?: string[] }): string }
    list.push({ name: 'tinyld heavy', detect: (text) => primary(tinyld.detect(text)) })
    list.push({ name: 'tinyld heavy (only 18)', detect: (text) => primary(tinyld.detect(text, { only: LANGS })) })
  } catch (error) {
    list.push({ name: 'tinyld', unavailable: (error as Error).message })
  }

  try {
    const cld = require('cld') as { detect(text: string, options: object): Promise<{ languages: Array<{ code: string }> }> }
    list.push({
      name: 'cld (bestEffort)',
      detect: async (text) => {
        try {
          return primary((await cld.detect(text, { bestEffort: true })).languages[0]?.code)
        } catch {
          return ''
        }
      }
    })
  } catch (error) {
    list.push({ name: 'cld', unavailable: `${(error as Error).message.split('\n')[0]} (native addon; run \`npm rebuild cld\`)` })
  }
  return list
}

interface Eld {
  detect(text: string): { language: string }
  newInstance(): Eld
  setLanguageSubset(languages: string[]): unknown
}

function percent(hits: number, total: number): string {
  return total === 0 ? '-' : ((100 * hits) / total).toFixed(1)
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length)
}

/** The language stage itself (detector, marketplace prior, conversation memory) on sentences: best of 3 rounds. */
async function stageSpeed(sentences: string[], seconds: number): Promise<void> {
  const { languageStage } = await import('../src/stages/language.js')
  const { rulesDir } = await import('../src/data/paths.js')
  const transform = (await languageStage.create({}, { rulesDir, languages: [], warn: () => undefined, resources: {} })) as Transform
  const batch: Message[] = sentences.map((text, i) => ({
    seq: i, source: 'bench', source_file: 'bench', source_row: i + 2, conversation_id: `c${i % 97}`, message_id: `m${i}`,
    order_id: '', marketplace: i % 2 ? 'amazon.de' : 'MY', sender_role: 'buyer', created_at: '', subject: '', raw_text: text,
    text, content_type: 'text'
  }))
  let best = 0
  for (let round = 0; round < 3; round++) {
    let count = 0
    const start = performance.now()
    const cpu = process.cpuUsage()
    while (performance.now() - start < seconds * 1000) {
      await transform(batch)
      count += batch.length
    }
    best = Math.max(best, count / cpuSeconds(cpu))
  }
  const chars = sentences.reduce((sum, text) => sum + text.length, 0) / sentences.length
  console.log(`\nlanguage stage on ${sentences.length} sentences (mean ${chars.toFixed(0)} chars), ${Math.round(best)} msgs per CPU-second (best of 3 rounds of ${seconds} s)`)
}

async function main(): Promise<void> {
  const file = argument('file', join(packageRoot, '..', 'shared', 'data', 'dev', 'langid_lingua_dev.csv'))
  const seconds = Number(argument('seconds', '1'))
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Row[]
  const sentences = rows.filter((row) => row.kind === 'sentence').map((row) => row.text)
  console.log(`${file}: ${rows.length} rows, ${LANGS.length} languages; Indonesian/Malay confusions count as errors.\n`)

  const list = await contenders(process.argv.includes('--ours-only'))
  console.log(`\n${pad('detector', 30)} ${KINDS.map((k) => pad(k, 12)).join('')}${pad('und %', 8)}msgs per CPU-second (sentences, best of 3 rounds of ${seconds} s)`)
  let oursPerLanguage: Map<string, number[]> | undefined
  let oursBySplit: Map<string, number[]> | undefined
  for (const contender of list) {
    if (!contender.detect) {
      console.log(`${pad(contender.name, 30)} unavailable: ${contender.unavailable}`)
      continue
    }
    const detect = contender.detect
    const byKind = new Map<string, number[]>()
    const byLanguage = new Map<string, number[]>()
    // Even rows (0-based) are the half to tune on, odd rows the half that checks it.
    const bySplit = new Map<string, number[]>()
    let und = 0
    for (const [index, row] of rows.entries()) {
      const got = await detect(row.text)
      if (!got) und++
      const ok = got === row.lang ? 1 : 0
      const kind = byKind.get(row.kind) ?? [0, 0]
      kind[0] += ok
      kind[1]++
      byKind.set(row.kind, kind)
      const key = `${row.lang} ${row.kind}`
      const lang = byLanguage.get(key) ?? [0, 0]
      lang[0] += ok
      lang[1]++
      byLanguage.set(key, lang)
      for (const split of [index % 2 === 0 ? 'even' : 'odd', row.lang === 'ms' ? '' : 'without ms']) {
        if (!split) continue
        const cell = bySplit.get(`${split} ${row.kind}`) ?? [0, 0]
        cell[0] += ok
        cell[1]++
        bySplit.set(`${split} ${row.kind}`, cell)
      }
    }
    let rate = 0
    for (let round = 0; round < 3; round++) {
      let count = 0
      const start = performance.now()
      const cpu = process.cpuUsage()
      while (performance.now() - start < seconds * 1000) {
        for (const text of sentences) await detect(text)
        count += sentences.length
      }
      rate = Math.max(rate, Math.round(count / cpuSeconds(cpu)))
    }
    const cells = KINDS.map((k) => pad(percent(byKind.get(k)?.[0] ?? 0, byKind.get(k)?.[1] ?? 0), 12)).join('')
    console.log(`${pad(contender.name, 30)} ${cells}${pad(percent(und, rows.length), 8)}${rate}`)
    if (!oursPerLanguage) {
      oursPerLanguage = byLanguage
      oursBySplit = bySplit
    }
  }

  await stageSpeed(sentences, seconds)

  if (oursBySplit) {
    console.log(`\ninbox-triage by rows (accuracy %):\n${pad('rows', 12)}${KINDS.map((k) => pad(k, 12)).join('')}`)
    for (const split of ['even', 'odd', 'without ms']) {
      const cells = KINDS.map((k) => {
        const [hits, total] = oursBySplit!.get(`${split} ${k}`) ?? [0, 0]
        return pad(percent(hits, total), 12)
      })
      console.log(`${pad(split, 12)}${cells.join('')}`)
    }
  }

  if (oursPerLanguage) {
    console.log(`\ninbox-triage per language (accuracy %):\n${pad('lang', 6)}${KINDS.map((k) => pad(k, 12)).join('')}`)
    for (const lang of LANGS) {
      const cells = KINDS.map((k) => {
        const [hits, total] = oursPerLanguage!.get(`${lang} ${k}`) ?? [0, 0]
        return pad(percent(hits, total), 12)
      })
      console.log(`${pad(lang, 6)}${cells.join('')}`)
    }
  }
}

await main()
