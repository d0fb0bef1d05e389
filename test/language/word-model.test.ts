import type { LanguageData } from '../../src/language/data.js'
import { buildWordModel, fold, LISTED, NEUTRAL, SHARED_WITH_ENGLISH } from '../../src/language/word-model.js'

const languages = ['en', 'es', 'tl']
const data: LanguageData = {
  vocabulary: new Map([
    ['en', { ranked: ['the', 'order', 'refund', 'más'], unranked: [] }],
    ['es', { ranked: ['que', 'más', 'pedido'], unranked: ['reembolso'] }],
    ['tl', { ranked: ['ang'], unranked: ['refund', 'po', 'ok'] }]
  ]),
  neutral: new Set(['ok']),
  markers: new Map([
    ['po', ['tl']],
    ['ok', ['tl']],
    ['ang', ['tl']],
    ['order', ['es']]
  ]),
  chatMarkers: new Set(['po', 'ok']),
  clauseFinal: new Map(),
  address: [],
  letters: new Map(),
  han: { simplified: '', traditional: '', japanese: '' },
  markets: { domains: new Map(), regions: new Map() }
}
const model = buildWordModel(languages, data, 1)

function scores(word: string): number[] {
  const row = model.rows.get(word)
  if (row === undefined) throw new Error(`${word} has no row`)
  return languages.map((_, l) => model.scores[row * languages.length + l])
}

describe('word model', () => {
  test.each([
    { what: 'a more frequent word weighs more', higher: ['the', 'en'], lower: ['order', 'en'] },
    { what: 'a listed word weighs more than an unlisted one', higher: ['pedido', 'es'], lower: ['pedido', 'en'] },
    { what: 'a word ranked higher in one language leans to it', higher: ['más', 'es'], lower: ['más', 'en'] }
  ])('$what', ({ higher, lower }) => {
    const score = ([word, lang]: string[]): number => scores(word)[languages.indexOf(lang)]
    expect(score(higher)).toBeGreaterThan(score(lower))
  })

  test('an English loan in another list is no more frequent there than in English', () => {
    // An unranked word of a short list would rank near its top, but "refund" in our Taglish
    // rules is English: it does not outweigh English.
    expect(scores('refund')[languages.indexOf('tl')]).toBe(scores('refund')[languages.indexOf('en')])
    expect(scores('po')[languages.indexOf('tl')]).toBeGreaterThan(scores('refund')[languages.indexOf('tl')])
  })

  test.each([
    { word: 'pedido', expected: { en: 0, tl: 0 } },
    // A neutral word is no evidence, even where a list holds it or marks it.
    { word: 'ok', expected: { en: 0, es: 0, tl: 0 } }
  ])('$word scores 0 where it says nothing', ({ word, expected }) => {
    for (const [lang, value] of Object.entries(expected)) expect(scores(word)[languages.indexOf(lang)]).toBe(value)
  })

  test.each([
    { word: 'the', flags: LISTED },
    // A chat marker marks its language even where English lists it too.
    { word: 'po', flags: LISTED | (1 << languages.indexOf('tl')) },
    { word: 'ang', flags: LISTED | (1 << languages.indexOf('tl')) },
    // A marker that only tells close languages apart, and that English lists, is flagged.
    { word: 'order', flags: LISTED | (1 << languages.indexOf('es')) | SHARED_WITH_ENGLISH },
    { word: 'ok', flags: LISTED | NEUTRAL }
  ])('$word has flags $flags', ({ word, flags }) => {
    expect(model.flags[model.rows.get(word)!]).toBe(flags)
  })

  test('an accent-less spelling shares the scores of the accented word, flagged as folded', () => {
    expect(scores('mas')).toEqual(scores('más'))
    const folded = (word: string): number => model.folded[model.rows.get(word)!]
    expect(folded('mas')).toBe((1 << languages.indexOf('en')) | (1 << languages.indexOf('es')))
    expect(folded('más')).toBe(0)
    expect(folded('pedido')).toBe(0)
  })
})

test.each([
  { word: 'không', expected: 'khong' },
  { word: 'đơn', expected: 'don' },
  { word: 'dziękuję', expected: 'dziekuje' },
  { word: 'łódź', expected: 'lodz' },
  { word: 'ışık', expected: 'isik' },
  { word: 'order', expected: 'order' }
])('fold($word) = $expected', ({ word, expected }) => {
  expect(fold(word)).toBe(expected)
})
