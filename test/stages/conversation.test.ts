import { rulesDir } from '../../src/data/paths.js'
import { conversationStage, createHoursClock, type ConversationFacts } from '../../src/stages/conversation.js'
import { buyer, group, seller } from '../helpers/messages.js'

const context = { rulesDir, languages: [], warn() {}, resources: {} }

function facts(messages: Parameters<typeof group>[0], now: string): ConversationFacts {
  const g = group(messages, now)
  ;(conversationStage.create({}, context) as (x: typeof g) => void)(g)
  return g.facts.conversation as ConversationFacts
}

describe('conversation facts', () => {
  it('counts chasers and their span, and the unanswered wait from the first unanswered buyer message', () => {
    const f = facts(
      [
        buyer('2026-05-01T09:00:00Z', ['order/status']),
        seller('2026-05-01T12:00:00Z'),
        buyer('2026-05-02T09:00:00Z', ['order/status']),
        buyer('2026-05-03T09:00:00Z', ['order/expedite'])
      ],
      '2026-05-03T21:00:00Z'
    )
    expect(f).toMatchObject({ buyerMessages: 3, sellerMessages: 1, chasers: 3, chaserSpanHours: 48, firstResponseHours: 3, hoursUnanswered: 36 })
  })

  it('has no wait when the seller answered last', () => {
    const f = facts([buyer('2026-05-01T09:00:00Z', ['return/policy']), seller('2026-05-01T10:30:00Z')], '2026-05-03T00:00:00Z')
    expect(f.hoursUnanswered).toBeNull()
    expect(f.policyQuestions).toBe(1)
    expect(f.firstResponseHours).toBe(1.5)
  })

  it('does not count a closing thanks or acknowledgement as waiting for an answer', () => {
    const ack = buyer('2026-05-01T11:00:00Z', [])
    ack.text = 'ok, danke'
    expect(facts([buyer('2026-05-01T09:00:00Z', ['order/status']), seller('2026-05-01T10:00:00Z'), buyer('2026-05-01T10:30:00Z', ['feedback/positive'])], '2026-05-03T00:00:00Z').hoursUnanswered).toBeNull()
    expect(facts([buyer('2026-05-01T09:00:00Z', ['order/status']), seller('2026-05-01T10:00:00Z'), ack], '2026-05-03T00:00:00Z').hoursUnanswered).toBeNull()
    const question = buyer('2026-05-01T11:00:00Z', [])
    question.text = 'and the invoice?'
    expect(facts([seller('2026-05-01T10:00:00Z'), question], '2026-05-01T15:00:00Z').hoursUnanswered).toBe(4)
  })

  it('sees thanks after a seller answer as de-escalation, and a new problem as none', () => {
    expect(facts([buyer('2026-05-01T09:00:00Z', ['order/damaged'], -0.6), seller('2026-05-01T10:00:00Z'), buyer('2026-05-01T11:00:00Z', ['feedback/positive'], 0.7)], '2026-05-02T00:00:00Z').thankedAfterAnswer).toBe(true)
    expect(facts([buyer('2026-05-01T09:00:00Z', ['feedback/positive'], 0.7)], '2026-05-02T00:00:00Z').thankedAfterAnswer).toBe(false)
    expect(facts([seller('2026-05-01T08:00:00Z'), buyer('2026-05-01T09:00:00Z', ['feedback/positive', 'order/damaged'], 0.2)], '2026-05-02T00:00:00Z').thankedAfterAnswer).toBe(false)
  })
})

describe('business hours', () => {
  const clock = createHoursClock({
    default: { zone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
    marketplaces: { 'amazon.de': { zone: 'Europe/Berlin' }, TH: { zone: 'Asia/Bangkok' } }
  })
  const cases = [
    { at: '2026-05-04T10:00:00Z', marketplace: '', outside: false },
    { at: '2026-05-04T18:30:00Z', marketplace: '', outside: true },
    { at: '2026-05-02T10:00:00Z', marketplace: '', outside: true },
    { at: '2026-05-04T16:30:00Z', marketplace: 'amazon.de', outside: true },
    { at: '2026-05-04T07:30:00Z', marketplace: 'amazon.de', outside: false },
    { at: '2026-05-04T03:00:00Z', marketplace: 'th', outside: false },
    { at: '2026-05-04T13:00:00Z', marketplace: 'TH', outside: true }
  ]
  it.each(cases)('$at on $marketplace outside=$outside', ({ at, marketplace, outside }) => {
    expect(clock.isOutside(at, marketplace)).toBe(outside)
  })

  it('uses the offset the export wrote when the marketplace has no zone (Shopify)', () => {
    // 17:30 UTC is 19:30 at +02:00: after hours there, inside them in UTC.
    expect(clock.isOutside('2026-05-04T17:30:00Z', 'Online Store', 120)).toBe(true)
    expect(clock.isOutside('2026-05-04T17:30:00Z', 'Online Store')).toBe(false)
    // A configured marketplace keeps its zone whatever the export wrote.
    expect(clock.isOutside('2026-05-04T06:30:00Z', 'TH', -300)).toBe(false)
  })
})
