import { buildAutomaton, createScanBuffers } from '../../src/rules/ahoCorasick.js'

describe('buildAutomaton', () => {
  const cases: Array<{ phrases: string[]; text: string; expected: Array<[number, number]> }> = [
    { phrases: ['he', 'she', 'his', 'hers'], text: 'ushers', expected: [[1, 4], [0, 4], [3, 6]] },
    { phrases: ['where is', 'is my', 'order'], text: 'where is my order', expected: [[0, 8], [1, 11], [2, 17]] },
    { phrases: ['快递', '到哪'], text: '我的快递到哪了', expected: [[0, 4], [1, 6]] },
    { phrases: ['aa'], text: 'aaaa', expected: [[0, 2], [0, 3], [0, 4]] },
    { phrases: ['x'], text: 'abc', expected: [] }
  ]
  test.each(cases)('finds every occurrence of $phrases in $text', ({ phrases, text, expected }) => {
    // Buffers of one slot force them to grow.
    const buffers = createScanBuffers(1)
    const units = Uint16Array.from(text, (ch) => ch.charCodeAt(0))
    const count = buildAutomaton(phrases).scan(units, units.length, buffers)
    const found = Array.from({ length: count }, (_, k) => [buffers.phrases[k], buffers.ends[k]])
    expect(found).toEqual(expected)
  })
})
