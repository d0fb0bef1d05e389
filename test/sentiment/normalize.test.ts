import { foldText, foldTerm } from '../../src/sentiment/normalize.js'

describe('foldTerm', () => {
  test.each([
    { input: 'Don’t', foldDiacritics: true, expected: 'dont' },
    { input: "haven't", foldDiacritics: true, expected: 'havent' },
    { input: "I'll", foldDiacritics: true, expected: 'i ll' },
    { input: "l'écran", foldDiacritics: true, expected: 'l ecran' },
    { input: "n'ta", foldDiacritics: true, expected: 'n ta' },
    { input: 'NO LLEGÓ!!', foldDiacritics: true, expected: 'no llego' },
    { input: 'Straße', foldDiacritics: true, expected: 'strasse' },
    { input: 'ＳＣＡＭ！', foldDiacritics: true, expected: 'scam' },
    { input: 'lừa đảo', foldDiacritics: false, expected: 'lừa đảo' },
    { input: 'lừa đảo', foldDiacritics: true, expected: 'lua dao' },
    { input: 'ยังไม่ได้ของ', foldDiacritics: true, expected: 'ยังไม่ได้ของ' },
    { input: '  a-to-z   claim ', foldDiacritics: true, expected: 'a to z claim' }
  ])('$input → $expected', ({ input, foldDiacritics, expected }) => {
    expect(foldTerm(input, { foldDiacritics })).toBe(expected)
  })
})

describe('foldText', () => {
  test('maps every folded unit back to the original text', () => {
    const text = 'Ça ne marche PAS'
    const folded = foldText(text, { foldDiacritics: true })
    expect(folded.text).toBe('ca ne marche pas')
    expect(text.slice(folded.source[13]!, folded.source[15]! + 1)).toBe('PAS')
    expect(folded.mixedCase).toBe(true)
  })

  test('counts punctuation and its longest run, with where it starts', () => {
    const folded = foldText('where?! hello??? ok!', { foldDiacritics: true })
    expect([folded.bangs, folded.questions, folded.longestRun, folded.longestRunText, folded.longestRunStart]).toEqual([2, 4, 3, '???', 13])
  })

  test.each([
    { text: 'hang dep lam', nonAscii: false },
    { text: 'hàng đẹp lắm', nonAscii: true },
    { text: 'ok 👍 ดีมาก', nonAscii: false },
    { text: 'ça va', nonAscii: true }
  ])('notes a spaced-script letter outside ASCII: $text → $nonAscii', ({ text, nonAscii }) => {
    expect(foldText(text, { foldDiacritics: false }).nonAscii).toBe(nonAscii)
  })

  test('a full stop ends a clause, a decimal point does not', () => {
    const folded = foldText('costs 3.5 now. then', { foldDiacritics: true })
    const clauseOf = (word: string): number => folded.clause[folded.text.indexOf(word)]!
    expect(clauseOf('costs')).toBe(clauseOf('now'))
    expect(clauseOf('then')).toBeGreaterThan(clauseOf('now'))
  })
})
