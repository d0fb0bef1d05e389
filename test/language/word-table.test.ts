import { EMPTY_HASH, hashStep, WordTable, wordHash } from '../../src/language/word-table.js'

/** Many entries, so that probing runs through occupied slots. */
const entries = new Map<string, number>([
  ['po', 1],
  ['gracias', 2],
  ['không', 4],
  ['khong', 4],
  ...Array.from({ length: 500 }, (_, i) => [`w${i}`, 8] as [string, number])
])
const table = new WordTable(entries)

describe('WordTable', () => {
  test.each([
    { text: 'ok po', start: 3, end: 5, expected: 1 },
    { text: 'muchas gracias!', start: 7, end: 14, expected: 2 },
    { text: 'chưa, không', start: 6, end: 11, expected: 4 },
    { text: 'w499', start: 0, end: 4, expected: 8 },
    // A prefix or a longer word is not the listed word.
    { text: 'pos', start: 0, end: 3, expected: -1 },
    { text: 'gracia', start: 0, end: 6, expected: -1 },
    { text: 'w500', start: 0, end: 4, expected: -1 }
  ])('$text[$start, $end) → $expected', ({ text, start, end, expected }) => {
    let hash = EMPTY_HASH
    for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i))
    expect(hash).toBe(wordHash(text.slice(start, end)))
    expect(table.find(text, start, end, hash)).toBe(expected)
  })

  test('every entry is found by get', () => {
    for (const [word, value] of entries) expect(table.get(word)).toBe(value)
  })
})
