import type { LanguageData } from '../../src/language/data.js'
import { EDGE, LetterModel, nextKey } from '../../src/language/letter-model.js'

const languages = ['es', 'de']
const data: LanguageData = {
  vocabulary: new Map([
    ['es', { ranked: ['hablaban', 'cantaban', 'estaban', 'miraban'], unranked: ['canción'] }],
    ['de', { ranked: ['machen', 'sagen', 'gehen', 'schreiben'], unranked: ['straße'] }]
  ]),
  neutral: new Set(),
  markers: new Map(),
  letters: new Map(),
  han: { simplified: '', traditional: '', japanese: '' },
  markets: { domains: new Map(), regions: new Map() }
}
const model = new LetterModel(languages, data)

/** The letter-model scores of a word, read as the detector reads it. */
function spell(word: string): number[] {
  const scores = new Float64Array(languages.length)
  let gram = EDGE
  for (let i = 0; i < word.length; i++) {
    gram = nextKey(gram, model.symbolOf(word.charCodeAt(i)))
    if (i >= 2) model.score(gram, scores)
  }
  if (word.length >= 2) model.score(nextKey(gram, EDGE), scores)
  return [...scores]
}

describe('letter model', () => {
  test.each([
    // Words no list holds, told apart by the endings and clusters of the listed ones.
    { word: 'bailaban', lang: 'es' },
    { word: 'lachen', lang: 'de' },
    { word: 'schaben', lang: 'de' },
    { word: 'emoción', lang: 'es' }
  ])('$word reads as $lang', ({ word, lang }) => {
    const scores = spell(word)
    const other = languages.indexOf(lang) === 0 ? 1 : 0
    expect(scores[languages.indexOf(lang)]).toBeGreaterThan(scores[other])
  })

  test('a gram no word has adds nothing', () => {
    expect(spell('xqzw')).toEqual([0, 0])
  })
})
