import type { LanguageData } from '../../src/language/data.js'
import { LetterModel } from '../../src/language/letter-model.js'

const languages = ['es', 'de']
const data: LanguageData = {
  vocabulary: new Map([
    ['es', { ranked: ['hablaban', 'cantaban', 'estaban', 'miraban'], unranked: ['canción'] }],
    ['de', { ranked: ['machen', 'sagen', 'gehen', 'schreiben'], unranked: ['straße'] }]
  ]),
  neutral: new Set(),
  markers: new Map(),
  chatMarkers: new Set(),
  clauseFinal: new Map(),
  address: [],
  letters: new Map(),
  han: { simplified: '', traditional: '', japanese: '' },
  markets: { domains: new Map(), regions: new Map() }
}
const model = new LetterModel(languages, data)

/** The letter-model log-probabilities of a word in es and de. */
function spell(word: string): number[] {
  const scores = new Float64Array(languages.length)
  model.scoreWord(word, 0, word.length, scores)
  return [...scores]
}

describe('letter model', () => {
  test.each([
    // Words no list holds, told apart by the endings and clusters of the listed ones.
    { word: 'bailaban', lang: 'es' },
    { word: 'lachen', lang: 'de' },
    { word: 'schaben', lang: 'de' },
    { word: 'emoción', lang: 'es' },
    // Elongations are cut: a third repeat adds nothing.
    { word: 'machennnn', lang: 'de' }
  ])('$word reads as $lang', ({ word, lang }) => {
    const scores = spell(word)
    const other = languages.indexOf(lang) === 0 ? 1 : 0
    expect(scores[languages.indexOf(lang)]).toBeGreaterThan(scores[other])
  })

  test.each([
    { word: 'hablaban', expected: spell('hablaban') },
    { word: 'hablabannnnn', expected: spell('hablabann') }
  ])('a letter repeated past two adds nothing: $word', ({ word, expected }) => {
    expect(spell(word)).toEqual(expected)
  })

  test.each([
    // Letters no list spells with, and single letters, say nothing of either language.
    { word: 'ЖЖ', expected: [0, 0] },
    { word: 'y', expected: [0, 0] }
  ])('$word adds nothing', ({ word, expected }) => {
    expect(spell(word)).toEqual(expected)
  })

  test('scores are log-probabilities: a word seen in training is likelier than one that is not', () => {
    const [seenEs] = spell('hablaban')
    const [unseenEs] = spell('hablabxn')
    expect(seenEs).toBeLessThan(0)
    expect(seenEs).toBeGreaterThan(unseenEs)
  })
})

describe('letter model cache', () => {
  test('a model read back from the cache scores every word as the one just built', () => {
    // The first model above wrote the cache for these lists; this one reads it back.
    const again = new LetterModel(languages, data)
    for (const word of ['bailaban', 'lachen', 'qxvbw', 'straße', 'canción']) {
      const scores = new Float64Array(languages.length)
      again.scoreWord(word, 0, word.length, scores)
      expect([...scores]).toEqual(spell(word))
    }
    expect(again.randomSymbol).toBe(model.randomSymbol)
  })
})
