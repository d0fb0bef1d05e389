import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { conversationStage } from '../../src/stages/conversation.js'
import { loadRiskModel, scoreGroup } from '../../src/stages/risk.js'
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
    name: '"No" in the claim column is no claim',
    messages: [buyer('2026-05-09T09:00:00Z', ['order/status'], 0, { claim_status: 'No' }), seller('2026-05-09T09:30:00Z')],
    dispute: 'none',
    return: 'none'
  }
]

describe('risk', () => {
  const transform = conversationStage.create({}, { rulesDir, languages: [], warn() {}, resources: {} }) as (g: ReturnType<typeof group>) => void
  it.each(cases)('$name', (c) => {
    const g = group(c.messages, NOW, 'o1')
    transform(g)
    const risk = scoreGroup(g, model)
    expect({ dispute: risk.dispute_risk, return: risk.return_risk }).toEqual({ dispute: c.dispute, return: c.return })
    const reasons = risk.reasons.map((r) => r.text).join(' | ')
    for (const pattern of c.reasons ?? []) expect(reasons).toMatch(pattern)
    expect(risk.dispute_score).toBeGreaterThanOrEqual(0)
    expect(risk.dispute_score).toBeLessThanOrEqual(100)
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
