import { evaluate, parseLabels, type EvalRow } from '../../src/rules/eval.js'

describe('parseLabels', () => {
  const cases = [
    { cell: 'order/status', expected: ['order/status'] },
    { cell: 'order/status; refund/request', expected: ['order/status', 'refund/request'] },
    { cell: 'other', expected: [] },
    { cell: '', expected: [] },
    { cell: 'track_order', map: { track_order: 'order/status' }, expected: ['order/status'] },
    { cell: 'review', map: { review: 'other' }, expected: [] }
  ]
  test.each(cases)('$cell', ({ cell, map, expected }) => {
    expect(parseLabels(cell, map ? new Map(Object.entries(map)) : undefined)).toEqual(expected)
  })
})

const row = (gold: string[], predicted: string[], text = 'x', line = 2): EvalRow => ({ row: line, text, gold, predicted })

describe('evaluate', () => {
  const cases: Array<{
    why: string
    rows: EvalRow[]
    expected: { macroF1: number; microF1: number; primaryAccuracy: number; falsePositiveRate: number; perIntent?: Record<string, [number, number, number]> }
  }> = [
    {
      why: 'perfect predictions',
      rows: [row(['a'], ['a']), row([], []), row(['b'], ['b'])],
      expected: { macroF1: 1, microF1: 1, primaryAccuracy: 1, falsePositiveRate: 0 }
    },
    {
      why: 'a miss and a false positive on a gold-other row',
      rows: [row(['a'], ['a']), row(['a'], []), row([], ['a']), row([], [])],
      // a: tp 1, fn 1, fp 1 → p 0.5, r 0.5, f1 0.5
      expected: { macroF1: 0.5, microF1: 0.5, primaryAccuracy: 0.5, falsePositiveRate: 0.5, perIntent: { a: [0.5, 0.5, 2] } }
    },
    {
      why: 'multi-label: the primary counts when it is any gold label',
      rows: [row(['a', 'b'], ['b', 'c'])],
      // a: fn → f1 0; b: tp → 1; c: fp, absent from gold → not in macro, counts in micro
      expected: { macroF1: 0.5, microF1: 0.5, primaryAccuracy: 1, falsePositiveRate: 0, perIntent: { a: [0, 0, 1], b: [1, 1, 1], c: [0, 0, 0] } }
    }
  ]
  test.each(cases)('$why', ({ rows, expected }) => {
    const report = evaluate(rows)
    expect(report.macroF1).toBeCloseTo(expected.macroF1)
    expect(report.micro.f1).toBeCloseTo(expected.microF1)
    expect(report.primaryAccuracy).toBeCloseTo(expected.primaryAccuracy)
    expect(report.falsePositiveRate).toBeCloseTo(expected.falsePositiveRate)
    for (const [intent, [precision, recall, support]] of Object.entries(expected.perIntent ?? {})) {
      const score = report.intents.find((candidate) => candidate.intent === intent)!
      expect([score.precision, score.recall, score.support]).toEqual([precision, recall, support])
    }
  })

  test('lists confusions by frequency and the worst misses first', () => {
    const report = evaluate([
      row(['a'], ['b'], 'one', 2),
      row(['a'], ['b'], 'two', 3),
      row(['a', 'c'], ['b'], 'three', 4),
      row([], ['c'], 'four', 5)
    ])
    expect(report.confusions).toEqual([
      { gold: 'a', predicted: 'b', count: 3 },
      { gold: 'c', predicted: 'b', count: 1 },
      { gold: 'other', predicted: 'c', count: 1 }
    ])
    expect(report.misses.map((miss) => miss.text)).toEqual(['three', 'one', 'two', 'four'])
  })
})
