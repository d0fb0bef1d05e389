import { describe, expect, test } from '@jest/globals'
import { annotationFromCells, annotationFromRecord, scoreFromReasons, triageColumnsStart, unneutralizeCell } from '../../src/summary/annotated.js'

const TRIAGE = ['lang', 'intent', 'intents', 'sentiment', 'sentiment_score', 'urgency', 'dispute_risk', 'return_risk', 'priority', 'reasons']

describe('triageColumnsStart', () => {
  test.each([
    { header: ['Body', ...TRIAGE], expected: 1 },
    { header: ['lang', 'Body', ...TRIAGE.map((n) => (n === 'lang' ? 'triage_lang' : n))], expected: 2 },
    { header: ['Body', 'Date'], expected: -1 },
    { header: ['Body', ...TRIAGE.slice(0, 9)], expected: -1 }
  ])('$header → $expected', ({ header, expected }) => {
    expect(triageColumnsStart(header)).toBe(expected)
  })
})

describe('unneutralizeCell', () => {
  test.each([
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'-------- Begin message", '-------- Begin message'],
    ["'@home", '@home'],
    ["'quoted", "'quoted"],
    ["'", "'"],
    ['-0.42', '-0.42'],
    ['plain', 'plain']
  ])('%p → %p', (cell, expected) => {
    expect(unneutralizeCell(cell)).toBe(expected)
  })
})

describe('annotation of a row', () => {
  test.each([
    {
      name: 'scores are the clamped sums of the reasons of their kind',
      reasons: 'dispute +55: threatens "A-to-z"; dispute +45: says not received; return +40: asks for a refund; dispute +20: waiting; x',
      expected: { dispute: 100, ret: 40, count: 4 }
    },
    { name: 'de-escalation lowers the score', reasons: 'return +30: wants to return; return -12.5: thanked after the answer', expected: { dispute: 0, ret: 18, count: 2 } },
    { name: 'a reason text holding "; " stays one reason', reasons: 'dispute +20: says "no; never"; return +10: asks', expected: { dispute: 20, ret: 10, count: 2 } },
    { name: 'no reasons', reasons: '', expected: { dispute: 0, ret: 0, count: 0 } }
  ])('$name', ({ reasons, expected }) => {
    const a = annotationFromCells(['en', 'order/status', 'order/status; other', 'negative', '-0.5', 'yes', 'high', 'low', 'P1', reasons])
    expect({ dispute: a.dispute_score, ret: a.return_score, count: a.reasons.length }).toEqual(expected)
    expect(a.parsedReasons).toHaveLength(expected.count)
    expect(a).toMatchObject({ lang: 'en', intents: ['order/status', 'other'], sentiment_score: -0.5, urgency: true, dispute_risk: 'high', return_risk: 'low' })
  })

  test('NDJSON scores are taken as written; missing ones are rebuilt', () => {
    expect(annotationFromRecord({ dispute_score: 77, reasons: ['dispute +10: x'] }).dispute_score).toBe(77)
    expect(annotationFromRecord({ reasons: ['dispute +10: x'], dispute_risk: 'weird' })).toMatchObject({ dispute_score: 10, dispute_risk: '' })
    expect(scoreFromReasons([{ kind: 'return', points: 150, text: 'x' }], 'return')).toBe(100)
  })
})
