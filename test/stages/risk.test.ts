import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { conversationStage } from '../../src/stages/conversation.js'
import { loadRiskModel, scoreGroup, type RiskModel } from '../../src/stages/risk.js'
import type { Message, RiskLevel } from '../../src/types.js'
import { buyer, group, seller } from '../helpers/messages.js'

const model = loadRiskModel(join(rulesDir, 'risk.yaml'))
const NOW = '2026-05-10T12:00:00.000Z'
const delivered = { delivery_status: 'delivered', delivered_at: '2026-05-07T12:00:00.000Z' }

interface Case {
  name: string
  messages: Message[]
  dispute: RiskLevel
  return: RiskLevel
  reasons?: RegExp[]
  /** Reasons that must not appear. */
  absent?: RegExp[]
  /** The group's order id; '' for a conversation without an order. */
  order?: string
}

const cases: Case[] = [
  {
    name: 'a single polite "where is my order" is not a risk',
    messages: [buyer('2026-05-10T09:00:00Z', ['order/status'], 0.1)],
    dispute: 'none',
    return: 'none'
  },
  {
    name: 'a return-policy question before buying is not a return risk',
    messages: [buyer('2026-05-09T09:00:00Z', ['return/policy', 'presale/availability'], 0), seller('2026-05-09T10:00:00Z')],
    dispute: 'none',
    return: 'none'
  },
  {
    name: 'not received while tracking says delivered, chased three times',
    messages: [
      buyer('2026-05-08T09:00:00Z', ['order/not-received'], -0.2, delivered),
      buyer('2026-05-09T09:00:00Z', ['order/not-received', 'order/status'], -0.4, delivered),
      buyer('2026-05-10T08:00:00Z', ['order/status'], -0.6, delivered)
    ],
    dispute: 'high',
    return: 'none',
    reasons: [/says not received; tracking shows delivered 3 days ago/, /3 shipping chasers in 2 days/, /waiting/]
  },
  {
    name: 'a chargeback threat',
    messages: [buyer('2026-05-10T10:00:00Z', ['feedback/dispute-threat'], -0.7)],
    dispute: 'high',
    return: 'none',
    reasons: [/threatens/]
  },
  {
    name: 'an angry buyer whose problem was solved',
    messages: [
      buyer('2026-05-08T09:00:00Z', ['order/not-received', 'feedback/complaint'], -0.7),
      seller('2026-05-08T10:00:00Z'),
      buyer('2026-05-09T09:00:00Z', ['feedback/positive'], 0.8)
    ],
    dispute: 'low',
    return: 'none',
    reasons: [/thanked the seller/]
  },
  {
    name: 'damaged on arrival and wants the money back',
    messages: [buyer('2026-05-09T09:00:00Z', ['order/damaged', 'refund/request'], -0.5, delivered), seller('2026-05-09T11:00:00Z')],
    dispute: 'none',
    return: 'high',
    reasons: [/arrived damaged/, /asks for a refund/]
  },
  {
    name: 'asks about the return window twice after delivery',
    messages: [
      buyer('2026-05-08T09:00:00Z', ['return/policy'], 0, delivered),
      seller('2026-05-08T10:00:00Z'),
      buyer('2026-05-09T09:00:00Z', ['return/policy'], 0, delivered)
    ],
    dispute: 'none',
    return: 'medium',
    reasons: [/asked about the return policy 2 times/]
  },
  {
    name: 'wants another size: an exchange is a return risk',
    messages: [buyer('2026-05-09T09:00:00Z', ['exchange/request'], 0), seller('2026-05-09T10:00:00Z')],
    dispute: 'none',
    return: 'medium'
  },
  {
    name: 'an A-to-z claim already filed',
    messages: [buyer('2026-05-09T09:00:00Z', ['order/status'], 0, { claim_status: 'Yes' })],
    dispute: 'high',
    return: 'none',
    reasons: [/claim is already open \(Yes\)/]
  },
  {
    name: 'a long wait and a strongly negative tone alone are held below medium, and say so',
    messages: [buyer('2026-05-05T12:00:00Z', ['presale/product-question'], -0.8)],
    dispute: 'low',
    return: 'none',
    reasons: [/waiting 5 days/, /strongly negative tone/, /held below medium/]
  },
  {
    name: 'the same wait and tone on top of a not-received claim are not held',
    messages: [buyer('2026-05-05T12:00:00Z', ['order/not-received'], -0.8, { delivery_status: 'in_transit' })],
    dispute: 'medium',
    return: 'none'
  },
  {
    name: 'a complaint beside no order problem is only tone',
    messages: [buyer('2026-05-05T12:00:00Z', ['feedback/complaint', 'presale/product-question'], -0.8)],
    dispute: 'low',
    return: 'none',
    reasons: [/held below medium/]
  },
  {
    name: 'money back for a parcel that never came is a return risk too',
    messages: [buyer('2026-05-09T09:00:00Z', ['order/not-received', 'refund/request'], -0.3, delivered), seller('2026-05-09T10:00:00Z')],
    dispute: 'medium',
    return: 'medium',
    reasons: [/asks for a refund/]
  },
  {
    name: 'a refund the buyer still waits for, three days unanswered, is a dispute to work',
    messages: [buyer('2026-05-07T09:00:00Z', ['refund/status'], -0.3)],
    dispute: 'medium',
    return: 'medium',
    reasons: [/chases a refund/, /waits for a refund/]
  },
  {
    name: 'a product problem unanswered for two days, when a marketplace lets the buyer claim, is a dispute to work too',
    messages: [buyer('2026-05-08T09:00:00Z', ['order/damaged'], -0.3, delivered)],
    dispute: 'medium',
    return: 'medium',
    reasons: [/names a problem with the item/, /a problem with the item waits 2 days for an answer/, /waiting 2 days for an answer/]
  },
  {
    name: 'the same problem unanswered for a day is a return; as a dispute it is held low',
    messages: [buyer('2026-05-09T09:00:00Z', ['order/damaged'], -0.3, delivered)],
    dispute: 'low',
    return: 'medium',
    reasons: [/names a problem with the item/, /waiting 27 hours for an answer/],
    absent: [/a problem with the item waits/]
  },
  {
    name: 'a settled return thanked for is no risk, whatever the conversation said about it',
    messages: [buyer('2026-05-08T09:00:00Z', ['return/status', 'feedback/positive'], 0.6, { ...delivered, return_status: 'refunded' })],
    dispute: 'low',
    return: 'none'
  },
  {
    name: 'the same problem answered the same day is a return, not a dispute',
    messages: [buyer('2026-05-08T09:00:00Z', ['order/damaged'], -0.3, delivered), seller('2026-05-08T12:00:00Z')],
    dispute: 'none',
    return: 'medium'
  },
  {
    name: 'a problem named again after the seller answered, a day without an answer and cross: a return, held below a dispute',
    messages: [
      buyer('2026-05-08T09:00:00Z', ['product/defective'], -0.2, delivered),
      seller('2026-05-08T15:00:00Z'),
      buyer('2026-05-09T10:00:00Z', ['product/defective'], -0.6, delivered)
    ],
    dispute: 'low',
    return: 'medium',
    reasons: [/names the problem again after the seller's answer/]
  },
  {
    name: 'a problem solved and thanked for stays low',
    messages: [
      buyer('2026-05-07T09:00:00Z', ['product/not-as-described'], -0.6, delivered),
      seller('2026-05-07T15:00:00Z'),
      buyer('2026-05-08T10:00:00Z', ['product/not-as-described'], -0.4, delivered),
      seller('2026-05-08T11:00:00Z'),
      buyer('2026-05-08T12:00:00Z', ['feedback/positive'], 0.7, delivered)
    ],
    dispute: 'none',
    return: 'none',
    reasons: [/thanked the seller/]
  },
  {
    name: 'before buying, with no order, another shop\'s broken item is no return',
    messages: [buyer('2026-05-10T09:00:00Z', ['product/defective', 'presale/product-question'], -0.4)],
    order: '',
    dispute: 'none',
    return: 'none'
  },
  {
    name: 'a problem in a conversation without an order and without presale questions still counts',
    messages: [buyer('2026-05-10T09:00:00Z', ['order/damaged'], -0.4)],
    order: '',
    dispute: 'none',
    return: 'medium'
  },
  {
    name: 'the refund of an order the seller cancelled is no return',
    messages: [seller('2026-05-08T09:00:00Z', { delivery_status: 'cancelled' }), buyer('2026-05-10T09:00:00Z', ['refund/status'], 0, { delivery_status: 'cancelled' })],
    dispute: 'low',
    return: 'none',
    absent: [/waits for a refund/]
  },
  {
    name: 'goods sent back are a return, and thanks do not end it',
    messages: [buyer('2026-05-09T09:00:00Z', ['return/status'], 0, delivered), seller('2026-05-09T10:00:00Z'), buyer('2026-05-09T11:00:00Z', ['feedback/positive'], 0.6, delivered)],
    dispute: 'none',
    return: 'medium',
    reasons: [/has sent it back or started a return/]
  },
  {
    name: '"No" in the claim column is no claim',
    messages: [buyer('2026-05-09T09:00:00Z', ['order/status'], 0, { claim_status: 'No' }), seller('2026-05-09T09:30:00Z')],
    dispute: 'none',
    return: 'none'
  }
]

describe('risk', () => {
  const transform = conversationStage.create({}, { rulesDir, languages: [], warn() {}, resources: {} }) as (g: ReturnType<typeof group>) => void
  it.each(cases)('$name', (c) => {
    const g = group(c.messages, NOW, c.order ?? 'o1')
    transform(g)
    const risk = scoreGroup(g, model)
    expect({ dispute: risk.dispute_risk, return: risk.return_risk }).toEqual({ dispute: c.dispute, return: c.return })
    const reasons = risk.reasons.map((r) => r.text).join(' | ')
    for (const pattern of c.reasons ?? []) expect(reasons).toMatch(pattern)
    for (const pattern of c.absent ?? []) expect(reasons).not.toMatch(pattern)
    expect(risk.dispute_score).toBeGreaterThanOrEqual(0)
    expect(risk.dispute_score).toBeLessThanOrEqual(100)
    // `summarize` rebuilds the scores from the reasons: held and scaled points included.
    const rebuilt = (kind: string): number => Math.max(0, Math.min(100, Math.round(risk.reasons.filter((r) => r.kind === kind).reduce((total, r) => total + r.points, 0))))
    expect([rebuilt('dispute'), rebuilt('return')]).toEqual([risk.dispute_score, risk.return_score])
  })

  it('reads each kind against its own thresholds', () => {
    const strict: RiskModel = { ...model, levels: { dispute: { low: 15, medium: 25, high: 80 }, return: { low: 15, medium: 30, high: 40 } } }
    const g = group([buyer('2026-05-09T09:00:00Z', ['order/missing-item', 'exchange/request'], 0), seller('2026-05-09T10:00:00Z')], NOW, 'o1')
    transform(g)
    const shared = scoreGroup(g, model)
    const own = scoreGroup(g, strict)
    expect([shared.dispute_score, shared.return_score]).toEqual([own.dispute_score, own.return_score])
    expect({ shared: [shared.dispute_risk, shared.return_risk], own: [own.dispute_risk, own.return_risk] }).toEqual({
      shared: ['low', 'medium'],
      own: ['medium', 'high']
    })
  })

  it('ranks the priority from the levels', () => {
    const g = group([buyer('2026-05-10T10:00:00Z', ['feedback/dispute-threat'], -0.7)], NOW, 'o1')
    transform(g)
    expect(scoreGroup(g, model).priority).toBe('P1')
    const calm = group([buyer('2026-05-10T10:00:00Z', ['presale/availability'], 0.2), seller('2026-05-10T10:30:00Z')], NOW, 'o2')
    transform(calm)
    expect(scoreGroup(calm, model).priority).toBe('P4')
  })
})
