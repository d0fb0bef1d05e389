import fc from 'fast-check'
import { compileLanguage, Trie, type Entry } from '../../src/sentiment/lexicon.js'

/** The entry a key leads to in a compiled trie, by walking it one code unit at a time. */
function lookup(trie: Trie, key: string): Entry | null {
  let state = Trie.ROOT
  for (let i = 0; i < key.length; i++) {
    state = trie.child(state, key.charCodeAt(i))
    if (state < 0) return null
  }
  return trie.entry(state)
}

// A node with more children than are searched one by one ("b" + 26 letters), one with a single
// child, code units far apart (Latin, Thai, Han, an emoji's surrogates) and a key inside another.
const valence: Record<string, number> = { b: 1, bien: 2, 'não gostei': -2, ดีมาก: 3, 不满意: -3, '好🙂': 1 }
for (let c = 0x61; c <= 0x7a; c++) valence[`b${String.fromCharCode(c)}`] = c - 0x60

describe('the compiled lexicon trie', () => {
  const language = compileLanguage('xx', { language: 'xx', fold_diacritics: false, valence })

  test.each(Object.entries(valence))('finds %s', (term, score) => {
    expect(lookup(language.trie, term)).toMatchObject({ term, valence: score })
  })

  test.each(['bienn', 'bie', 'c', 'ดี', '不满', 'não', ''])('finds nothing for %p', (key) => {
    expect(lookup(language.trie, key)).toBeNull()
  })

  test('finds every key of any lexicon, and nothing else', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'ก', '好', 'z'), minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), word, (words, probe) => {
        const scores = Object.fromEntries(words.map((w, i) => [w, i + 1]))
        const { trie } = compileLanguage('xx', { language: 'xx', fold_diacritics: false, valence: scores })
        for (const w of words) expect(lookup(trie, w)?.valence).toBe(scores[w])
        expect(lookup(trie, probe)?.valence).toBe(scores[probe])
      })
    )
  })
})
