import { describe, expect, test } from '@jest/globals'
import { quantile, SummaryBuilder } from '../../src/summary/model.js'
import type { Group, OrderRisk, RiskLevel } from '../../src/types.js'
import type { ConversationFacts } from '../../src/stages/conversation.js'
import { buyer, message } from '../helpers/messages.js'

function risk(id: string, dispute: [number, RiskLevel], ret: [number, RiskLevel] = [0, 'none'], wait: number | null = null): OrderRisk {
  return {
    key: `order:${id}`,
    order_id: id,
    conversation_ids: [`c-${id}`],
    source: 'amazon',
    marketplace: 'amazon.de',
    buyer_messages: 1,
    last_buyer_message_at: '',
    hours_unanswered: wait,
    first_response_hours: null,
    dispute_score: dispute[0],
    dispute_risk: dispute[1],
    return_score: ret[0],
    return_risk: ret[1],
    priority: dispute[1] === 'high' ? 'P1' : 'P4',
    top_intents: [],
    reasons: dispute[0] ? [{ signal: 's', kind: 'dispute', points: dispute[0], text: 'why' }] : [],
    suggested_action: 'act',
    last_buyer_message: 'hello'
  }
}

function group(r: OrderRisk | undefined, facts: Partial<ConversationFacts> = {}, source = 'amazon', marketplace = 'amazon.de'): Group {
  return {
    key: r?.key ?? 'conversation:x',
    order_id: r?.order_id ?? '',
    conversation_ids: r?.conversation_ids ?? ['x'],
    messages: [message({ source, marketplace })],
    now: '2026-11-23T09:00:00.000Z',
    facts: { conversation: { buyerMessages: 0, outsideHours: 0, firstResponseHours: null, ...facts } },
    risk: r
  }
}

describe('quantile', () => {
  test.each([
    { values: [], q: 0.5, expected: null },
    { values: [4], q: 0.9, expected: 4 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], q: 0.9, expected: 9.1 },
    { values: [0.04, 0.06], q: 0.5, expected: 0.1 }
  ])('q$q of $values is $expected', ({ values, q, expected }) => {
    expect(quantile(values, q)).toBe(expected)
  })
})

describe('SummaryBuilder messages', () => {
  test.each([
    {
      name: 'buyer text is classified by intent, sentiment, day and marketplace',
      messages: [buyer('2026-11-20T10:00:00.000Z', ['order/status'], -0.6, { marketplace: 'TH' }), buyer('2026-11-20T23:00:00.000Z', [], 0.5, { marketplace: 'TH' })],
      expected: { buyer: 2, classified: 2, intents: { 'order/status': 1, other: 1 }, sentiment_by_day: { '2026-11-20': { negative: 1, neutral: 0, positive: 1 } }, marketplaces: { TH: 2 } }
    },
    {
      name: 'seller replies and images count but are not classified',
      messages: [message({ sender_role: 'seller', text: 'ok' }), message({ content_type: 'image', text: '' })],
      expected: { buyer: 1, classified: 0, intents: {}, sentiment_by_day: {}, marketplaces: { '': 1 } }
    }
  ])('$name', ({ messages, expected }) => {
    const builder = new SummaryBuilder()
    for (const m of messages) builder.addMessage(m)
    const s = builder.result()
    expect({ buyer: s.messages.buyer, classified: s.messages.classified, intents: s.intents, sentiment_by_day: s.sentiment_by_day, marketplaces: s.marketplaces }).toEqual(expected)
    expect(s.sources).toEqual({ test: messages.length })
  })
})

describe('SummaryBuilder groups', () => {
  test('top lists are ordered by score, then wait, then id, and cut at N', () => {
    const builder = new SummaryBuilder(2)
    builder.addGroup(group(risk('B', [60, 'medium'], [0, 'none'], 10)))
    builder.addGroup(group(risk('A', [90, 'high'], [50, 'medium'], 5)))
    builder.addGroup(group(risk('C', [60, 'medium'], [0, 'none'], 30)))
    builder.addGroup(group(risk('D', [0, 'none'])))
    const s = builder.result()
    expect(s.top_dispute.map((l) => l.order_id)).toEqual(['A', 'C'])
    expect(s.top_return.map((l) => l.order_id)).toEqual(['A'])
    expect(s.top_dispute[0]!.reasons).toEqual(['dispute +90: why'])
    expect(s.orders.dispute).toEqual({ high: 1, medium: 2, low: 0, none: 1 })
    expect(s.unanswered).toMatchObject({ total: 3, by_wait: { 'under 4h': 0, '4-24h': 2, '1-3 days': 1, 'over 3 days': 0 } })
    expect(s.unanswered.longest.map((l) => l.order_id)).toEqual(['C', 'B'])
  })

  test('first response is exact per source and marketplace, and bucketed', () => {
    const builder = new SummaryBuilder()
    const cases: Array<[number | null, string, string]> = [
      [0.5, 'amazon', 'amazon.de'],
      [3, 'amazon', 'amazon.de'],
      [20, 'shopee', 'TH'],
      [null, 'shopee', 'TH']
    ]
    for (const [hours, source, marketplace] of cases) {
      builder.addGroup(group(undefined, { firstResponseHours: hours, buyerMessages: 2, outsideHours: 1 }, source, marketplace))
    }
    const s = builder.result()
    expect(s.first_response).toMatchObject({ conversations: 3, median_hours: 3, p90_hours: 16.6 })
    expect(s.first_response.by_source).toEqual({
      amazon: { conversations: 2, median_hours: 1.8, p90_hours: 2.8 },
      shopee: { conversations: 1, median_hours: 20, p90_hours: 20 }
    })
    expect(Object.keys(s.first_response.by_marketplace)).toEqual(['TH', 'amazon.de'])
    expect(s.first_response.distribution).toMatchObject({ 'under 1h': 1, '1-4h': 1, '12-24h': 1 })
    expect(s.outside_hours).toEqual({ buyer_messages: 8, outside: 4, share: 0.5 })
  })
})
