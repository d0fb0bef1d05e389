import { describe, expect, test } from '@jest/globals'
import { failures, parseFailOn } from '../../src/summary/fail-on.js'
import { SummaryBuilder, type Summary } from '../../src/summary/model.js'

function summary(dispute: Partial<Summary['orders']['dispute']>, priority: Record<string, number> = {}): Summary {
  const s = new SummaryBuilder().result()
  s.orders.dispute = { ...s.orders.dispute, ...dispute }
  s.orders.priority = priority
  return s
}

describe('--fail-on', () => {
  test.each<{ spec: string; counts: Record<string, number>; priority?: Record<string, number>; expected: Array<{ spec: string; orders: number }> }>([
    { spec: 'dispute:high', counts: { high: 2 }, expected: [{ spec: 'dispute:high', orders: 2 }] },
    { spec: 'dispute:high', counts: { medium: 3 }, expected: [] },
    { spec: 'dispute:medium', counts: { high: 1, medium: 3, low: 5 }, expected: [{ spec: 'dispute:medium', orders: 4 }] },
    { spec: 'return:low', counts: { high: 1 }, expected: [] },
    { spec: 'priority:P2', counts: {}, priority: { P1: 1, P2: 2, P3: 7 }, expected: [{ spec: 'priority:P2', orders: 3 }] },
    { spec: 'dispute:HIGH, priority:p1', counts: { high: 1 }, priority: { P1: 1 }, expected: [{ spec: 'dispute:HIGH', orders: 1 }, { spec: 'priority:p1', orders: 1 }] }
  ])('$spec with $counts', ({ spec, counts, priority, expected }) => {
    expect(failures(summary(counts, priority), parseFailOn(spec))).toEqual(expected)
  })

  test.each(['dispute', 'dispute:severe', 'refund:high', 'priority:P5', ''])('%p is refused with the accepted forms', (spec) => {
    expect(() => parseFailOn(spec)).toThrow(/--fail-on .*expected/)
  })
})
