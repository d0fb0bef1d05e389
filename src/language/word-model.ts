// The word model of the lexical layer: per listed word, its log-likelihood ratio in every
// allowed Latin-script language, from the word's frequency rank, plus its marker flags.
import type { LanguageData } from './data.js'

/**
 * A language's words follow Zipf's law: the word of rank r has probability proportional to
 * 1 / (r + ZIPF_OFFSET), Mandelbrot's offset flattening the head.
 */
const ZIPF_OFFSET = 2.7
/**
 * A word missing from a language's list (its 10,000 most frequent words, stopwords and our
 * own words) is read as a word of this rank there: a language has hundreds of thousands of
 * word forms, and one outside the head is a typical one of its long tail.
 */
const UNLISTED_RANK = 100_000

/**
 * A text typed without accents is read through the accented words, at the cost of log 2 per
 * language (about half of the writers drop them): a word spelled exactly so in another
 * language is likelier there ("consideration" stays English rather than French
 * "considération"). Writers drop accents for a whole message, not word by word, so the cost
 * is paid once per message ("cam on" stays Vietnamese, "cảm ơn").
 */
export const FOLDED_COST = Math.LN2

/** Flag of a word typed in every language ("ok", "haha"): no evidence of any. */
export const NEUTRAL = 1 << 29
/**
 * Flag of a marker that only tells close languages apart and that English also lists
 * ("film", "hospital", "malaysia"): it counts for its language, but does not turn a message
 * English leads into a mixed one.
 */
export const SHARED_WITH_ENGLISH = 1 << 28
/** Flag of a word that the word model scores (some allowed language lists it, or it is neutral): its trigrams do not count. */
export const LISTED = 1 << 30

export interface WordModel {
  /** Word → its row in `scores` and `flags`. */
  rows: Map<string, number>
  /**
   * Row-major, one column per language: log P(word | language) − log P(unlisted word), scaled;
   * 0 where the language does not list the word.
   */
  scores: Float32Array
  /** Per row: bit l set when the word marks language l, plus NEUTRAL and LISTED. */
  flags: Int32Array
  /** Per row: bit l set when language l lists the word only with accents it lacks ("khong"). */
  folded: Int32Array
}

/**
 * Builds the word model of `languages` (the allowed Latin-script ones, in score order).
 * A word listed without a rank (a stopword, a word of our rules) is known only to be in a
 * list of n words; the mean of log(1 / rank) over ranks 1…n is that of rank n/e, so it gets
 * that rank. Accent-less spellings ("khong", "nao") share the scores of the accented word,
 * flagged in `folded`.
 */
export function buildWordModel(languages: readonly string[], data: LanguageData, scale: number): WordModel {
  const n = languages.length
  const rows = new Map<string, number>()
  // Grown row by row, then packed: the number of spellings is known only at the end.
  const grown: number[] = []
  const rowOf = (word: string): number => {
    let row = rows.get(word)
    if (row === undefined) {
      row = rows.size
      rows.set(word, row)
      for (let l = 0; l < n; l++) grown.push(0)
    }
    return row
  }
  const floor = Math.log(UNLISTED_RANK + ZIPF_OFFSET)
  // Words as spelled, per row a bit mask of the languages that list them so.
  const exact: number[] = []
  // Accent-less spellings, set once every list is in: word, language, value.
  const folds: Array<[string, number, number]> = []
  const score = (word: string, l: number, rank: number): void => {
    const value = scale * (floor - Math.log(rank + ZIPF_OFFSET))
    const row = rowOf(word)
    if (value > grown[row * n + l]) grown[row * n + l] = value
    exact[row] |= 1 << l
    // Buyers drop accents; one-letter folds ("à" → "a") would only add noise.
    const folded = fold(word)
    if (folded !== word && folded.length > 1) folds.push([folded, l, value])
  }
  const english = data.vocabulary.get('en')
  const englishRanks = new Map<string, number>()
  english?.ranked.forEach((word, i) => englishRanks.set(word, i + 1))
  for (let l = 0; l < n; l++) {
    const list = data.vocabulary.get(languages[l])
    if (!list) continue
    list.ranked.forEach((word, i) => score(word, l, i + 1))
    const unrankedRank = Math.max(1, (list.ranked.length + list.unranked.length) / Math.E)
    // Our lists of other languages hold English loans ("refund", "order" in Taglish rules): a
    // borrowed word is not more frequent in the language that borrows it than in English.
    const borrowing = list !== english
    for (const word of list.unranked) score(word, l, Math.max(unrankedRank, (borrowing && englishRanks.get(word)) || 0))
  }
  const foldedOnly: number[] = []
  for (const [word, l, value] of folds) {
    const row = rowOf(word)
    if (value > grown[row * n + l]) grown[row * n + l] = value
    if (!(exact[row] & (1 << l))) foldedOnly[row] |= 1 << l
  }
  for (const word of data.markers.keys()) rowOf(word)
  for (const word of data.neutral) rowOf(word)

  const scores = Float32Array.from(grown)
  const flags = new Int32Array(rows.size)
  const folded = new Int32Array(rows.size)
  foldedOnly.forEach((mask, row) => (folded[row] = mask))
  for (let row = 0; row < rows.size; row++) {
    for (let l = 0; l < n; l++) {
      if (scores[row * n + l] > 0) {
        flags[row] = LISTED
        break
      }
    }
  }
  const englishColumn = languages.indexOf('en')
  for (const [word, langs] of data.markers) {
    const row = rows.get(word)!
    if (englishColumn >= 0 && !data.chatMarkers.has(word) && scores[row * n + englishColumn] > 0) flags[row] |= SHARED_WITH_ENGLISH
    for (const lang of langs) {
      const l = languages.indexOf(lang)
      if (l >= 0) flags[row] |= 1 << l
    }
  }
  // A neutral word is no evidence at all: neither its listings, nor its letters, nor a
  // language's claim on it as a marker ("shop" in Vietnamese chat) count.
  for (const word of data.neutral) {
    const row = rows.get(word)!
    scores.fill(0, row * n, row * n + n)
    flags[row] = NEUTRAL | LISTED
    folded[row] = 0
  }
  return { rows, scores, flags, folded }
}

const ASCII = /^[\x00-\x7f]*$/
const COMBINING_MARKS = /[\u0300-\u036f]/g
/** Letters whose diacritic is not a combining mark. */
const BARRED: Readonly<Record<string, string>> = { đ: 'd', ı: 'i', ł: 'l' }
const BARRED_LETTERS = /[đıł]/g

/** A word without Latin diacritics: buyers often type "khong", "nao", "llego". */
export function fold(word: string): string {
  if (ASCII.test(word)) return word
  return word.normalize('NFD').replace(COMBINING_MARKS, '').replace(BARRED_LETTERS, (letter) => BARRED[letter])
}
