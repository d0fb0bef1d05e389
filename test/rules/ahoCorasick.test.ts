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
    const count = buildAutomaton(phrases, new Int32Array(phrases.length).fill(1)).scan(units, units.length, 1, buffers)
    const found = Array.from({ length: count }, (_, k) => [buffers.phrases[k], buffers.ends[k]])
    expect(found).toEqual(expected)
  })

  // Each phrase carries a language mask; a scan reports only the languages running.
  const masked: Array<{ active: number; expected: number[] }> = [
    { active: 0b01, expected: [0, 2] },
    { active: 0b10, expected: [1, 2] },
    { active: 0b11, expected: [0, 1, 2] },
    { active: 0b100, expected: [] }
  ]
  test.each(masked)('reports only phrases whose mask meets $active', ({ active, expected }) => {
    const buffers = createScanBuffers()
    const units = Uint16Array.from('where is my order', (ch) => ch.charCodeAt(0))
    const count = buildAutomaton(['where', 'my order', 'order'], Int32Array.from([0b01, 0b10, 0b11])).scan(units, units.length, active, buffers)
    expect(Array.from(buffers.phrases.subarray(0, count))).toEqual(expected)
  })
})
