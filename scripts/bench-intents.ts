// Intent-matching benchmark: messages per second with the whole built-in pack on varied
// multilingual text (the labelled fixtures of every language, plus each text under the `und`
// language, which runs every language's rules), beside language detection (our detector, and
// franc alone) on the same texts.
// Run: npm run bench:intents [-- --seconds N]
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { franc } from 'franc'
import { packageRoot } from '../src/data/paths.js'
import { createLanguageDetector } from '../src/language/index.js'
import { loadIntentPack, matchIntents } from '../src/rules/index.js'

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback
}

const seconds = Number(argument('seconds', '5'))
const fixtures = join(packageRoot, 'test', 'fixtures', 'intents')
const samples: Array<{ text: string; lang: string }> = []
for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.csv')).sort()) {
  const lang = basename(file, '.csv')
  const rows = parse(readFileSync(join(fixtures, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ text: string }>
  for (const row of rows) samples.push({ text: row.text, lang })
}
if (samples.length === 0) throw new Error(`no texts in ${fixtures}`)

const loadStart = performance.now()
const loaded = await loadIntentPack([])
const loadMs = performance.now() - loadStart
if (!loaded.ok) throw new Error(`the built-in pack does not load: ${loaded.problems.length} problems; run rules check`)
const pack = loaded.pack

type Contender = (text: string, lang: string) => unknown

/**
 * Microseconds per message of each contender: rounds over all texts, alternating contenders so
 * load from other processes hits them alike, keeping each one's best round. A round is timed in
 * this process's CPU time, not wall time, so that waiting for a busy machine's cores is not counted.
 */
function microsPerMessage(contenders: Contender[]): number[] {
  const best = contenders.map(() => Infinity)
  const until = performance.now() + seconds * 1000
  do {
    for (let c = 0; c < contenders.length; c++) {
      const fn = contenders[c]
      const start = process.cpuUsage()
      for (const sample of samples) fn(sample.text, sample.lang)
      const used = process.cpuUsage(start)
      best[c] = Math.min(best[c], (used.user + used.system) / samples.length)
    }
  } while (performance.now() < until)
  return best
}

// The first pass meets every text for the first time, as a run does: regex DFAs still build
// their states then, so it is reported apart from the best (warm) rounds.
let hits = 0
const firstStart = process.cpuUsage()
for (const sample of samples) hits += matchIntents(pack, sample.text, sample.lang).length > 0 ? 1 : 0
const firstUsed = process.cpuUsage(firstStart)
const first = (firstUsed.user + firstUsed.system) / samples.length
const detector = createLanguageDetector()
const [own, every, detect, trigrams] = microsPerMessage([
  (text, lang) => matchIntents(pack, text, lang),
  (text) => matchIntents(pack, text, 'und'),
  (text) => detector.detect(text),
  (text) => franc(text)
])

const languages = [...pack.languageBits.keys()].sort()
const format = (micros: number): string => `${Math.round(1e6 / micros).toLocaleString('en-US').padStart(9)} msg/s ${micros.toFixed(1).padStart(6)} µs/msg`
console.log(`pack: ${pack.rules.length} rules, ${pack.phrases.length} phrases, ${pack.regexes.length} regexes, ${languages.length} languages (${languages.join(' ')}); loaded in ${loadMs.toFixed(0)} ms`)
console.log(`texts: ${samples.length} (${hits} with at least one hit), mean ${Math.round(samples.reduce((sum, s) => sum + s.text.length, 0) / samples.length)} chars`)
console.log(`${format(first)}  intents, the message's language, first pass (cold)`)
console.log(`${format(own)}  intents, the message's language (+ fallbacks)`)
console.log(`${format(every)}  intents, und (every language's rules)`)
console.log(`${format(detect)}  language detection (src/language), same texts`)
console.log(`${format(trigrams)}  franc alone (trigram scoring), same texts`)
console.log(`best of alternating rounds over ${seconds} s, CPU time`)
