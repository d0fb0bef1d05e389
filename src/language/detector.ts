// Language identification made for short buyer messages: Unicode script first, then, for
// Latin-script text, a word model from frequency ranks (with chat markers and distinctive
// letters), backed off to franc's trigrams and a letter model for words no list holds; the
// marketplace and the conversation are priors that break ties.
import type { LanguageDecision } from '../types.js'
import type { LanguageData } from './data.js'
import { LATIN_LANGUAGES } from './languages.js'
import { marketLanguages } from './market.js'
import { SCRIPT_CODES, SCRIPT_COUNT, Script, scriptOf } from './script.js'
import { BOUNDARY, buildTrigramModel, type TrigramModel } from './trigrams.js'
import { LetterModel } from './letter-model.js'
import { buildWordModel, FOLDED_COST, LISTED, NEUTRAL, SHARED_WITH_ENGLISH } from './word-model.js'
import { EMPTY_HASH, hashStep, WordTable } from './word-table.js'

export interface DetectHints {
  /** Marketplace or region of the message: 'amazon.de', 'TH', 'Shopee MY'… */
  marketplace?: string
  /** The conversation's language so far (BCP 47), the fallback for texts too short to judge. */
  conversationLang?: string
}

/**
 * Weights of the layers, in natural-log units. `word` and `letterModel` scale log-likelihood
 * ratios and log-probabilities; a chat marker and a distinctive letter are fixed bonuses added
 * on top; the priors only tip a near tie, the conversation more than the marketplace.
 */
export interface LayerWeights {
  /** Scale of a listed word's log-likelihood ratio: 1 reads it as the probability it is. */
  word: number
  /**
   * Scale of the letter model's log-probability of an unlisted word. It counts each letter
   * once, and franc's trigrams read the same letters: the two models share the weight.
   */
  letterModel: number
  marker: number
  letter: number
  marketPrior: number
  conversationPrior: number
  /**
   * Lead of Indonesian over Malay when the markers of neither outnumber the other's: the
   * larger written language takes the text that could be either. Below the marketplace
   * prior, so Shopee MY still tips such a text to Malay.
   */
  indonesianLead: number
  /** Log-weight of a trigram outside a language's list, relative to its top trigram (0). */
  absentTrigram: number
  /**
   * Each letter sits in three overlapping trigrams, so their log-weights are not independent
   * evidence: scaled down, they leave room for the words.
   */
  trigramScale: number
}

export const DEFAULT_WEIGHTS: Readonly<LayerWeights> = {
  word: 1,
  letterModel: 0.5,
  marker: 3,
  letter: 2,
  marketPrior: 2,
  conversationPrior: 3,
  indonesianLead: 1,
  absentTrigram: -4.9,
  trigramScale: 0.5
}
/** Below this confidence a Latin-script guess yields to a non-Latin conversation language. */
const WEAK = 0.6
/** A CJK character carries about a word; other letters count singly. */
const CJK_WEIGHT = 3
const SCRIPT_CONFIDENCE = 0.99
const FALLBACK_CONFIDENCE = 0.5
const PRIOR_ONLY_CONFIDENCE = 0.3
const MAX_CANDIDATES = 3

const HAN_SIMPLIFIED = 1
const HAN_TRADITIONAL = 2
const HAN_JAPANESE = 4

/** Characters of a message that are read at most. */
const MAX_SCAN = 2048
/**
 * The letter model reads texts of at most this many words, where each word weighs
 * ("celebraban", "hablaran mucho"): the words no list holds, and the listed ones for the
 * languages that do not list them. A longer text has its listed words and franc's trigrams,
 * and skipping it keeps the cost of a sentence down.
 */
const LETTER_MODEL_WORDS = 3

/** Letters of each part of a compound at least ("tanz|musik"; shorter parts split words by accident). */
const COMPOUND_PART = 3
/** Longer words are not split: the cost of trying every cut grows with the square of the length. */
const MAX_COMPOUND = 40
/** German and Dutch join some compounds with an s ("arbeit|s|platz", "veiligheid|s|glas"). */
const LINKING_S = 0x73

/** One of `words` closing a clause, maybe before a form of address ("ada lagi ke sis?"). */
function clauseFinalPattern(words: readonly string[], address: readonly string[]): RegExp {
  const alternatives = (list: readonly string[]): string => list.map((word) => word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|')
  const after = address.length > 0 ? `(?:\\s+(?:${alternatives(address)}))?` : ''
  return new RegExp(`(?:^|[\\s,])(?:${alternatives(words)})${after}\\s*(?:[?!.,]|$)`)
}

function holdsAny(text: string, words: readonly string[]): boolean {
  for (const word of words) if (text.includes(word)) return true
  return false
}

/** A letter repeated three times or more. */
const RUNS = /(\p{L})\1{2,}/gu

export class Detector {
  private readonly allowed: ReadonlySet<string>
  /** Allowed Latin-script languages, in score order. */
  private readonly latin: readonly string[]
  private readonly english: number
  private readonly model: TrigramModel | undefined
  private readonly letters: LetterModel | undefined
  /** Word → its row in `wordScores` and `wordFlags`. */
  private readonly lexicon: WordTable
  /** Per listed word, one log-likelihood ratio per allowed Latin language, scaled by the word weight. */
  private readonly wordScores: Float32Array
  /** Per listed word: bit mask of the languages it marks, NEUTRAL and LISTED. */
  private readonly wordFlags: Int32Array
  /** Per listed word: bit mask of the languages that list it only with accents. */
  private readonly wordFolded: Int32Array
  /** Lower-case letter code → bit mask of the languages that spell with it. */
  private readonly letterMask = new Uint16Array(0x2000)
  private readonly hanFlags = new Uint8Array(0x10000)
  private readonly marketCache = new Map<string, { languages: readonly string[]; mask: number }>()
  private readonly markets: LanguageData['markets']

  // Scratch state of the current call: detection is synchronous, and reusing these keeps
  // the per-message path free of allocation apart from its result.
  private readonly counts = new Int32Array(SCRIPT_COUNT)
  /** Evidence of the letters of unlisted words: franc's trigrams and the letter model. */
  private readonly spelling: Float64Array
  /** Evidence of the words: the word model, markers, distinctive letters. */
  private readonly lexical: Float64Array
  /** Letter-model scores of the current word, before scaling. */
  private readonly grams: Float64Array
  /** Best compound reading per language of the current word. */
  private readonly compound: Float64Array
  private readonly total: Float64Array
  private readonly markerHits: Int32Array
  /** Per language, the markers that show a message mixed with English: not those English also lists. */
  private readonly mixHits: Int32Array
  private readonly indonesian: number
  private readonly malay: number
  /** Per language with clause-final words: its index, the words, and the clause end they need. */
  private readonly clauseFinal: Array<{ lang: number; words: readonly string[]; pattern: RegExp }> = []
  /** Latin words that are not neutral. */
  private telling = 0
  /** Languages whose words the text spells without their accents. */
  private folded = 0
  /** Latin words so far. */
  private words = 0
  /** Start, end and lexicon row (-1: unlisted) of the first words that are not neutral, for the letter model. */
  private readonly letterWords = new Int32Array(3 * LETTER_MODEL_WORDS)
  private letterWordCount = 0
  private hanFlagsSeen = 0
  private hanSimplified = 0
  private hanTraditional = 0

  constructor(
    languages: readonly string[],
    data: LanguageData,
    private readonly weights: Readonly<LayerWeights> = DEFAULT_WEIGHTS
  ) {
    this.allowed = new Set(languages)
    this.latin = LATIN_LANGUAGES.filter((lang) => this.allowed.has(lang))
    this.english = this.latin.indexOf('en')
    this.indonesian = this.latin.indexOf('id')
    this.malay = this.latin.indexOf('ms')
    this.model = this.latin.length > 0 ? buildTrigramModel(this.latin, weights.absentTrigram, weights.trigramScale) : undefined
    this.markets = data.markets
    const n = this.latin.length
    this.spelling = new Float64Array(n)
    this.lexical = new Float64Array(n)
    this.grams = new Float64Array(n)
    this.compound = new Float64Array(n)
    this.total = new Float64Array(n)
    this.markerHits = new Int32Array(n)
    this.mixHits = new Int32Array(n)

    const words = buildWordModel(this.latin, data, weights.word)
    this.wordScores = words.scores
    this.wordFlags = words.flags
    this.wordFolded = words.folded
    this.lexicon = new WordTable(words.rows)
    this.letters = n > 0 ? new LetterModel(this.latin, data) : undefined
    for (const [letter, langs] of data.letters) {
      const code = letter.charCodeAt(0)
      if (letter.length === 1 && code < this.letterMask.length) this.letterMask[code] |= this.maskOf(langs)
    }
    for (const [lang, finals] of data.clauseFinal) {
      const l = this.latin.indexOf(lang)
      if (l >= 0) this.clauseFinal.push({ lang: l, words: finals, pattern: clauseFinalPattern(finals, data.address) })
    }
    this.flagHan(data.han.simplified, HAN_SIMPLIFIED)
    this.flagHan(data.han.traditional, HAN_TRADITIONAL)
    this.flagHan(data.han.japanese, HAN_JAPANESE)
  }

  detect(text: string, hints?: DetectHints): LanguageDecision {
    if (!text) return this.fallback(hints)
    // The start of a long message (a pasted email) says enough; the cap bounds the cost.
    let lower = (text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text).toLowerCase()
    if (!this.scan(lower, true)) {
      // Decomposed accents: compose them so that letters and words match, then scan again;
      // marks with no precomposed letter (the dot of Turkish "İ" lower-cased) are skipped.
      lower = lower.normalize('NFC')
      this.scan(lower, false)
    }
    const counts = this.counts
    let best: Script = Script.None
    let bestWeight = 0
    for (let s: number = Script.Han; s <= Script.Other; s++) {
      const weight = s === Script.Han || s === Script.Kana || s === Script.Hangul ? counts[s] * CJK_WEIGHT : counts[s]
      if (weight > bestWeight) {
        best = s as Script
        bestWeight = weight
      }
    }
    const latinLetters = counts[Script.Latin]
    if (latinLetters === 0 && bestWeight === 0) return this.fallback(hints)
    // A few Latin letters in Thai or CJK text are sizes, models and brands ("มีไซส์ L ไหม").
    if (bestWeight > 0 && bestWeight * 3 >= latinLetters) return this.byScript(best, hints)
    return this.byLatin(hints)
  }

  private maskOf(langs: readonly string[]): number {
    let mask = 0
    for (const lang of langs) {
      const index = this.latin.indexOf(lang)
      if (index >= 0) mask |= 1 << index
    }
    return mask
  }

  private flagHan(chars: string, flag: number): void {
    for (let i = 0; i < chars.length; i++) this.hanFlags[chars.charCodeAt(i)] |= flag
  }

  /**
   * One pass over the lower-cased text: script counts and Han variants, and for Latin words
   * the word model, markers and letter cues, or the letters of a word no list holds. False
   * when it meets a combining mark and `stopAtMark` is set.
   */
  private scan(lower: string, stopAtMark: boolean): boolean {
    const n = this.latin.length
    const counts = this.counts
    const lexical = this.lexical
    const markerHits = this.markerHits
    const mixHits = this.mixHits
    const letterMask = this.letterMask
    const wordScores = this.wordScores
    const wordFlags = this.wordFlags
    counts.fill(0)
    this.spelling.fill(0)
    lexical.fill(0)
    markerHits.fill(0)
    mixHits.fill(0)
    this.telling = 0
    this.folded = 0
    this.words = 0
    this.letterWordCount = 0
    this.hanFlagsSeen = 0
    this.hanSimplified = 0
    this.hanTraditional = 0
    let wordStart = -1
    let elongated = false
    let hash = EMPTY_HASH
    for (let i = 0; i <= lower.length; i++) {
      const code = i < lower.length ? lower.charCodeAt(i) : 32
      const script = scriptOf(code)
      if (script === Script.Latin) {
        counts[script]++
        if (wordStart < 0) {
          wordStart = i
          elongated = false
          hash = EMPTY_HASH
        }
        hash = hashStep(hash, code)
        // "pleaseee", "thanksss": a third repeat of a letter adds nothing but noise.
        if (i - 2 >= wordStart && code === lower.charCodeAt(i - 1) && code === lower.charCodeAt(i - 2)) {
          elongated = true
          continue
        }
        if (code >= 0x80 && code < 0x2000) {
          const mask = letterMask[code]
          if (mask !== 0) for (let l = 0; l < n; l++) if (mask & (1 << l)) lexical[l] += this.weights.letter
        }
        continue
      }
      if (script === Script.Mark) {
        if (stopAtMark) return false
        continue
      }
      counts[script]++
      if (script === Script.Han) {
        const flags = this.hanFlags[code]
        this.hanFlagsSeen |= flags
        if (flags & HAN_SIMPLIFIED) this.hanSimplified++
        if (flags & HAN_TRADITIONAL) this.hanTraditional++
      }
      if (wordStart < 0) continue
      const row = elongated ? this.lookupElongated(lower.slice(wordStart, i)) : this.lexicon.find(lower, wordStart, i, hash)
      const flags = row < 0 ? 0 : wordFlags[row]
      if ((flags & NEUTRAL) === 0) {
        this.telling++
        if (this.letterWordCount < LETTER_MODEL_WORDS) {
          const at = 3 * this.letterWordCount++
          this.letterWords[at] = wordStart
          this.letterWords[at + 1] = i
          this.letterWords[at + 2] = flags & LISTED ? row : -1
        }
      }
      if ((flags & LISTED) === 0) {
        // The word model says nothing of a word no list holds: its letters do.
        this.spell(lower, wordStart, i)
      } else {
        const base = row * n
        this.folded |= this.wordFolded[row]
        for (let l = 0; l < n; l++) {
          lexical[l] += wordScores[base + l]
          if (flags & (1 << l)) {
            lexical[l] += this.weights.marker
            markerHits[l]++
            if ((flags & SHARED_WITH_ENGLISH) === 0) mixHits[l]++
          }
        }
      }
      wordStart = -1
      this.words++
    }
    if (this.words <= LETTER_MODEL_WORDS) this.spellLetters(lower)
    if (this.folded !== 0) {
      for (let l = 0; l < n; l++) if (this.folded & (1 << l)) lexical[l] -= this.weights.word * FOLDED_COST
    }
    // A clause-final particle marks its language (Malay "boleh ke?"), where the same word inside
    // a clause may be the other language's (Indonesian "kirim ke Jakarta").
    if (this.words > 1) {
      for (const { lang, words, pattern } of this.clauseFinal) {
        if (!holdsAny(lower, words) || !pattern.test(lower)) continue
        lexical[lang] += this.weights.marker
        markerHits[lang]++
        mixHits[lang]++
      }
    }
    return true
  }

  /**
   * Adds franc's trigrams of the unlisted word `lower[start, end)` (padded with spaces, as
   * franc reads it; elongations cut) into `spelling`.
   */
  private spell(lower: string, start: number, end: number): void {
    const model = this.model
    if (model === undefined) return
    // The two previous symbols of the trigram stream; p2 is -1 until there are two.
    let p2 = -1
    let p1 = BOUNDARY
    for (let i = start; i < end; i++) {
      const code = lower.charCodeAt(i)
      if (i - 2 >= start && code === lower.charCodeAt(i - 1) && code === lower.charCodeAt(i - 2)) continue
      const symbol = model.symbolOf(code)
      if (p2 >= 0) model.score(p2, p1, symbol, this.spelling)
      p2 = p1
      p1 = symbol
    }
    model.score(p2, p1, BOUNDARY, this.spelling)
  }

  /**
   * The letter model on the kept words of a short text, scaled: an unlisted word's
   * log-probabilities go into `spelling`; a listed word's into `lexical`, for the languages
   * that do not list it, as how much less likely its letters are there than in the language
   * they fit best (a word's absence from a 10,000-word list says little, its spelling more:
   * "estado" is listed in Portuguese and Spanish, "peruano" in neither).
   */
  private spellLetters(lower: string): void {
    const letters = this.letters
    if (!letters) return
    const n = this.latin.length
    const grams = this.grams
    const scale = this.weights.letterModel
    for (let w = 0; w < this.letterWordCount; w++) {
      const row = this.letterWords[3 * w + 2]
      grams.fill(0)
      const symbols = letters.scoreWord(lower, this.letterWords[3 * w], this.letterWords[3 * w + 1], grams)
      if (symbols === 0) continue
      let best = -Infinity
      for (let l = 0; l < n; l++) if (grams[l] > best) best = grams[l]
      if (row >= 0) {
        const base = row * n
        for (let l = 0; l < n; l++) if (this.wordScores[base + l] === 0) this.lexical[l] += scale * (grams[l] - best)
        continue
      }
      this.readCompound(lower, this.letterWords[3 * w], this.letterWords[3 * w + 1])
      // A word no language spells likelier than random letters ("qxvbw", a code) tells nothing.
      if (best < symbols * letters.randomSymbol) continue
      for (let l = 0; l < n; l++) this.spelling[l] += scale * grams[l]
    }
  }

  /**
   * An unlisted word made of two listed words of one language ("wetter|information",
   * "tanz|musik", "intera|mente", with German's linking s: "arbeit|s|platz") counts for that
   * language as its rarer part: the best such split per language goes into `lexical`.
   */
  private readCompound(lower: string, start: number, end: number): void {
    if (end - start < 2 * COMPOUND_PART || end - start > MAX_COMPOUND) return
    const n = this.latin.length
    const scores = this.wordScores
    const best = this.compound
    best.fill(0)
    let headHash = EMPTY_HASH
    for (let i = start; i < start + COMPOUND_PART - 1; i++) headHash = hashStep(headHash, lower.charCodeAt(i))
    for (let cut = start + COMPOUND_PART; cut <= end - COMPOUND_PART; cut++) {
      headHash = hashStep(headHash, lower.charCodeAt(cut - 1))
      const head = this.lexicon.find(lower, start, cut, headHash)
      if (head < 0 || (this.wordFlags[head] & (LISTED | NEUTRAL)) !== LISTED) continue
      for (let from = cut; from <= cut + 1; from++) {
        if (from > cut && (lower.charCodeAt(cut) !== LINKING_S || end - from < COMPOUND_PART)) break
        let tailHash = EMPTY_HASH
        for (let i = from; i < end; i++) tailHash = hashStep(tailHash, lower.charCodeAt(i))
        const tail = this.lexicon.find(lower, from, end, tailHash)
        if (tail < 0 || (this.wordFlags[tail] & (LISTED | NEUTRAL)) !== LISTED) continue
        for (let l = 0; l < n; l++) {
          const part = Math.min(scores[head * n + l], scores[tail * n + l])
          if (part > best[l]) best[l] = part
        }
      }
    }
    for (let l = 0; l < n; l++) this.lexical[l] += best[l]
  }

  /** The lexicon row of an elongated word: as written, else with its runs cut to one letter, then two; -1 if none. */
  private lookupElongated(word: string): number {
    const row = this.lexicon.get(word)
    if (row >= 0) return row
    const once = this.lexicon.get(word.replace(RUNS, '$1'))
    return once >= 0 ? once : this.lexicon.get(word.replace(RUNS, '$1$1'))
  }

  private byLatin(hints: DetectHints | undefined): LanguageDecision {
    const n = this.latin.length
    if (n === 0) return { lang: 'und', confidence: 0, method: 'none', script: 'Latn' }
    const spelling = this.spelling
    const lexical = this.lexical
    const total = this.total
    const market = hints?.marketplace ? this.market(hints.marketplace).mask : 0
    const conversation = hints?.conversationLang ? this.latin.indexOf(hints.conversationLang) : -1

    if (this.indonesian >= 0 && this.malay >= 0) this.settleMalayPair()
    let spellingBest = 0
    let evidenceBest = 0
    let marketBest = 0
    let evidenceMin = Infinity
    let spellingMin = Infinity
    for (let l = 0; l < n; l++) {
      const evidence = spelling[l] + lexical[l]
      if (spelling[l] > spelling[spellingBest]) spellingBest = l
      if (spelling[l] < spellingMin) spellingMin = spelling[l]
      if (evidence > spelling[evidenceBest] + lexical[evidenceBest]) evidenceBest = l
      if (evidence < evidenceMin) evidenceMin = evidence
      total[l] = evidence + (market & (1 << l) ? this.weights.marketPrior : 0)
      if (total[l] > total[marketBest]) marketBest = l
    }
    if (this.telling === 0 || spelling[evidenceBest] + lexical[evidenceBest] === evidenceMin) return this.noEvidence(hints, market)
    if (conversation >= 0) total[conversation] += this.weights.conversationPrior
    let best = 0
    for (let l = 1; l < n; l++) if (total[l] > total[best]) best = l

    // Taglish, Manglish: English words around the markers of the buyer's own language.
    const marked = best === this.english ? this.markedLanguage() : -1
    let method: string
    if (marked >= 0) {
      best = marked
      method = 'lexicon'
    } else if (best !== marketBest) method = 'conversation'
    else if (best !== evidenceBest) method = 'prior'
    // Letters decide only if they lean at all: a text of listed words has none to read.
    else if (best !== spellingBest || spelling[spellingBest] === spellingMin) method = 'lexicon'
    else method = 'franc'

    const decision = this.withCandidates(best, method, marked >= 0 ? this.english : -1)
    const conversationLang = hints?.conversationLang
    if (decision.confidence < WEAK && conversationLang && conversation < 0 && this.allowed.has(conversationLang)) {
      return { lang: conversationLang, confidence: FALLBACK_CONFIDENCE, method: 'conversation', candidates: [{ lang: decision.lang, score: decision.confidence }] }
    }
    return decision
  }

  /**
   * Indonesian and Malay share most words (one word list serves both), and franc's trigram
   * tables for the two, built from formal prose, split them by accident more than by
   * spelling: they leaned Malay on chat ("cancel pesanan 3320 ya kak") and on Indonesian
   * novels. Within the pair the letters' gap is therefore cancelled and the markers decide
   * (words the two spell or say differently: karena/kerana, uang/wang, bisa/boleh, gak/tak…);
   * when neither's outnumber the other's, Indonesian, by far the larger written language,
   * leads by a little.
   */
  private settleMalayPair(): void {
    const id = this.indonesian
    const ms = this.malay
    // Both take the mean of their letters' evidence: the better of two noisy tables would
    // favour the pair over every other language.
    const gap = (this.spelling[id] - this.spelling[ms]) / 2
    this.lexical[id] -= gap
    this.lexical[ms] += gap
    if (this.markerHits[id] === this.markerHits[ms]) this.lexical[ms] -= this.weights.indonesianLead
  }

  /** The best-scoring language other than English with a marker of a mixed message in the text, or -1. */
  private markedLanguage(): number {
    let marked = -1
    for (let l = 0; l < this.latin.length; l++) {
      if (l !== this.english && this.mixHits[l] > 0 && (marked < 0 || this.total[l] > this.total[marked])) marked = l
    }
    return marked
  }

  /**
   * Softmax of the total scores: the winner's share is the confidence, the next ones are
   * candidates. A mixed message is as sure as its two languages together (`mixedWith`).
   */
  private withCandidates(best: number, method: string, mixedWith: number): LanguageDecision {
    const total = this.total
    const n = total.length
    let max = -Infinity
    for (let l = 0; l < n; l++) if (total[l] > max) max = total[l]
    let sum = 0
    for (let l = 0; l < n; l++) sum += Math.exp(total[l] - max)
    const candidates: Array<{ lang: string; score: number }> = []
    for (let l = 0; l < n; l++) {
      if (l === best) continue
      const score = Math.exp(total[l] - max) / sum
      if (score < 0.001) continue
      let at = candidates.length
      while (at > 0 && candidates[at - 1].score < score) at--
      if (at < MAX_CANDIDATES) candidates.splice(at, 0, { lang: this.latin[l], score: round(score) })
      if (candidates.length > MAX_CANDIDATES) candidates.pop()
    }
    let share = Math.exp(total[best] - max)
    if (mixedWith >= 0) share += Math.exp(total[mixedWith] - max)
    const confidence = round(share / sum)
    return { lang: this.latin[best], confidence, method, candidates, script: 'Latn' }
  }

  /** Latin text that tells nothing ("ok", "haha", "qxvbw"): the conversation, else a one-language marketplace. */
  private noEvidence(hints: DetectHints | undefined, market: number): LanguageDecision {
    if (hints?.conversationLang && this.allowed.has(hints.conversationLang)) return this.fallback(hints)
    if (market !== 0 && (market & (market - 1)) === 0) {
      return { lang: this.latin[31 - Math.clz32(market)], confidence: PRIOR_ONLY_CONFIDENCE, method: 'prior', script: 'Latn' }
    }
    return { lang: 'und', confidence: 0, method: 'none', script: 'Latn' }
  }

  private fallback(hints: DetectHints | undefined): LanguageDecision {
    const lang = hints?.conversationLang
    if (lang && this.allowed.has(lang)) return { lang, confidence: FALLBACK_CONFIDENCE, method: 'conversation' }
    return { lang: 'und', confidence: 0, method: 'none' }
  }

  /** The marketplace's languages, and the bit mask of those written in Latin script. */
  private market(marketplace: string): { languages: readonly string[]; mask: number } {
    let market = this.marketCache.get(marketplace)
    if (market === undefined) {
      const languages = marketLanguages(marketplace, this.markets)
      market = { languages, mask: this.maskOf(languages) }
      // Marketplace values repeat; the cap only guards against a column of free text.
      if (this.marketCache.size < 1000) this.marketCache.set(marketplace, market)
    }
    return market
  }

  private byScript(script: Script, hints: DetectHints | undefined): LanguageDecision {
    switch (script) {
      case Script.Kana:
        return this.scriptDecision('ja', 'Jpan')
      case Script.Han:
        return this.hanDecision(hints)
      case Script.Hangul:
        return this.scriptDecision('ko', 'Kore')
      case Script.Thai:
        return this.scriptDecision('th', 'Thai')
      case Script.Arabic:
        return this.scriptDecision('ar', 'Arab')
      default:
        return { lang: 'und', confidence: 0, method: 'script', script: SCRIPT_CODES[script] }
    }
  }

  private hanDecision(hints: DetectHints | undefined): LanguageDecision {
    const zh = this.allowed.has('zh')
    const ja = this.allowed.has('ja')
    // Any kana makes it Japanese; so do Japanese-only kanji forms without simplified ones.
    if (this.counts[Script.Kana] > 0) return this.scriptDecision('ja', 'Jpan')
    if (ja && (!zh || ((this.hanFlagsSeen & HAN_JAPANESE) !== 0 && this.hanSimplified === 0))) {
      return this.scriptDecision('ja', 'Jpan')
    }
    // Kanji-only text shared by both ("注文"): the conversation, then the marketplace, may say Japanese.
    if (ja && this.hanSimplified === 0 && this.hanTraditional === 0) {
      if (hints?.conversationLang === 'ja') return { lang: 'ja', confidence: FALLBACK_CONFIDENCE, method: 'conversation', script: 'Jpan' }
      const market = hints?.marketplace ? this.market(hints.marketplace).languages : []
      if (market.includes('ja') && !market.includes('zh')) return { lang: 'ja', confidence: FALLBACK_CONFIDENCE, method: 'prior', script: 'Jpan' }
    }
    return this.scriptDecision('zh', this.hanTraditional > this.hanSimplified ? 'Hant' : 'Hans')
  }

  private scriptDecision(lang: string, script: string): LanguageDecision {
    if (!this.allowed.has(lang)) return { lang: 'und', confidence: 0, method: 'script', script }
    return { lang, confidence: SCRIPT_CONFIDENCE, method: 'script', script }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
