// Loads the data of the lexical, letter, Han and marketplace layers from rules/language/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { InputError } from '../errors.js'
import { SUPPORTED_LANGUAGES } from './languages.js'

/** The lower-case words of one language. */
export interface Vocabulary {
  /** Most frequent first: a word's rank is its position, from 1. */
  ranked: string[]
  /** Listed without a frequency: stopwords, the words of our rules and hand-written lists. */
  unranked: string[]
}

export interface LanguageData {
  /** Language → its vocabulary (frequency lists, stopwords, customer-service words). */
  vocabulary: Map<string, Vocabulary>
  /** Words buyers type in every language ("ok", "haha"): no evidence of any. */
  neutral: Set<string>
  /** Lower-case word → the languages it marks (in a message mixed with English, or within the Indonesian–Malay pair). */
  markers: Map<string, string[]>
  /**
   * The markers of customer-service.yaml: chat words written to show the language of a
   * message mixed with English ("po", "lah"). The others (vocabulary.yaml) tell close languages
   * apart, and one English also uses ("film", "hospital") says nothing against English.
   */
  chatMarkers: Set<string>
  /** Language → words that mark it where they close a clause ("ke" in Malay). */
  clauseFinal: Map<string, string[]>
  /** Forms of address that may follow a clause-final word ("ada lagi ke sis?"). */
  address: string[]
  /** Lower-case letter → the languages whose spelling uses it. */
  letters: Map<string, string[]>
  han: { simplified: string; traditional: string; japanese: string }
  markets: { domains: Map<string, string[]>; regions: Map<string, string[]> }
}

/** The hand-written list whose markers are chat words: they show the language of a message mixed with English. */
const CHAT_WORDS = 'customer-service.yaml'
/** Hand-written word lists, in the format of customer-service.yaml. */
const WORD_FILES = [CHAT_WORDS, 'vocabulary.yaml']

const cache = new Map<string, LanguageData>()

/** The language data in `dir` (normally rules/language), read once per process. */
export function loadLanguageData(dir: string): LanguageData {
  let data = cache.get(dir)
  if (!data) {
    data = readLanguageData(dir)
    cache.set(dir, data)
  }
  return data
}

class DataFile {
  constructor(readonly path: string, readonly content: unknown) {}

  static read(dir: string, name: string): DataFile {
    const path = join(dir, name)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      throw new InputError(`Cannot read language data ${path}: ${(error as Error).message}. Reinstall inbox-triage or restore the file.`)
    }
    try {
      return new DataFile(path, name.endsWith('.json') ? JSON.parse(text) : parse(text))
    } catch (error) {
      throw new InputError(`Language data ${path} is not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`)
    }
  }

  fail(where: string, problem: string): never {
    throw new InputError(`Language data ${this.path}, at ${where}: ${problem}.`)
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) this.fail(where, 'expected a mapping')
    return value as Record<string, unknown>
  }

  strings(value: unknown, where: string): string[] {
    if (value === undefined) return []
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
      this.fail(where, 'expected a list of words')
    }
    return (value as unknown[]).map((v) => String(v).normalize('NFC').toLowerCase())
  }

  language(value: string, where: string): string {
    if (!SUPPORTED_LANGUAGES.includes(value)) {
      this.fail(where, `unknown language "${value}"; use one of ${SUPPORTED_LANGUAGES.join(', ')}`)
    }
    return value
  }

  languages(value: unknown, where: string): string[] {
    return this.strings(value, where).map((lang, i) => this.language(lang, `${where}[${i}]`))
  }
}

function addAll(map: Map<string, string[]>, words: string[], lang: string): void {
  for (const word of words) {
    const langs = map.get(word)
    if (!langs) map.set(word, [lang])
    else if (!langs.includes(lang)) langs.push(lang)
  }
}

function readLanguageData(dir: string): LanguageData {
  const vocabulary = new Map<string, Vocabulary>()
  const vocabularyOf = (lang: string): Vocabulary => {
    let entry = vocabulary.get(lang)
    if (!entry) {
      entry = { ranked: [], unranked: [] }
      vocabulary.set(lang, entry)
    }
    return entry
  }
  const markers = new Map<string, string[]>()
  const chatMarkers = new Set<string>()

  const lexicon: DataFile = DataFile.read(dir, 'lexicon.json')
  const lexiconLanguages = lexicon.object(lexicon.object(lexicon.content, '(top level)').languages, 'languages')
  for (const [lang, lists] of Object.entries(lexiconLanguages)) {
    const where = `languages.${lang}`
    const entry = lexicon.object(lists, where)
    const words = vocabularyOf(lexicon.language(lang, where))
    words.ranked.push(...lexicon.strings(entry.ranked, `${where}.ranked`))
    words.unranked.push(...lexicon.strings(entry.unranked, `${where}.unranked`))
  }

  const neutral = new Set<string>()
  const clauseFinal = new Map<string, string[]>()
  const address: string[] = []
  for (const name of WORD_FILES) {
    const file: DataFile = DataFile.read(dir, name)
    const top = file.object(file.content, '(top level)')
    for (const word of file.strings(top.neutral, 'neutral')) neutral.add(word)
    address.push(...file.strings(top.address, 'address'))
    const sections = file.object(top.languages, 'languages')
    for (const [lang, entry] of Object.entries(sections)) {
      file.language(lang, `languages.${lang}`)
      const section = file.object(entry, `languages.${lang}`)
      const marks = file.strings(section.markers, `languages.${lang}.markers`)
      const words = vocabularyOf(lang)
      // A rank is a position in one list: a second list would start its ranks after the first's.
      if (section.ranked !== undefined && words.ranked.length > 0) {
        file.fail(`languages.${lang}.ranked`, 'a language has one ranked list (lexicon.json already ranks it); list the words under `words`')
      }
      words.ranked.push(...file.strings(section.ranked, `languages.${lang}.ranked`))
      words.unranked.push(...file.strings(section.words, `languages.${lang}.words`), ...marks)
      addAll(markers, marks, lang)
      if (name === CHAT_WORDS) for (const word of marks) chatMarkers.add(word)
      const finals = file.strings(section.clause_final, `languages.${lang}.clause_final`)
      if (finals.length > 0) clauseFinal.set(lang, [...(clauseFinal.get(lang) ?? []), ...finals])
    }
  }

  const letterFile: DataFile = DataFile.read(dir, 'letters.yaml')
  const letterList = letterFile.object(letterFile.content, '(top level)').letters
  if (!Array.isArray(letterList)) letterFile.fail('letters', 'expected a list of { chars, languages }')
  const letters = new Map<string, string[]>()
  letterList.forEach((item, i) => {
    const entry = letterFile.object(item, `letters[${i}]`)
    if (typeof entry.chars !== 'string') letterFile.fail(`letters[${i}].chars`, 'expected a string of letters')
    const langs = letterFile.languages(entry.languages, `letters[${i}].languages`)
    for (const ch of entry.chars.normalize('NFC').toLowerCase()) {
      for (const lang of langs) addAll(letters, [ch], lang)
    }
  })

  const hanFile: DataFile = DataFile.read(dir, 'han.yaml')
  const hanTop = hanFile.object(hanFile.content, '(top level)')
  const hanString = (key: string): string => {
    const value = hanTop[key]
    if (typeof value !== 'string') hanFile.fail(key, 'expected a string of Han characters')
    return value.replace(/\s+/g, '')
  }
  const han = { simplified: hanString('simplified'), traditional: hanString('traditional'), japanese: hanString('japanese') }

  const marketFile: DataFile = DataFile.read(dir, 'markets.yaml')
  const marketTop = marketFile.object(marketFile.content, '(top level)')
  const table = (key: string): Map<string, string[]> => {
    const map = new Map<string, string[]>()
    for (const [name, langs] of Object.entries(marketFile.object(marketTop[key], key))) {
      map.set(name.toLowerCase(), marketFile.languages(langs, `${key}.${name}`))
    }
    return map
  }
  return { vocabulary, neutral, markers, chatMarkers, clauseFinal, address, letters, han, markets: { domains: table('domains'), regions: table('regions') } }
}
