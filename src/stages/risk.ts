// The risk stage: turns a group's intents, sentiment, order state and conversation facts into
// dispute and return scores, levels, reasons, a priority and the next action.
import { join } from 'node:path'
import { levelOf, loadRiskModel, RISK_KINDS, type RiskKind, type RiskModel, type RiskSignal, type When } from '../risk/model.js'
import type { Group, GroupStage, Message, OrderRisk, Priority, RiskLevel, RiskReason } from '../types.js'
import type { ConversationFacts } from './conversation.js'

export { levelOf, loadRiskModel, type RiskModel, type RiskSignal } from '../risk/model.js'

export interface RiskOptions {
  /** A risk model file replacing the built-in `rules/risk.yaml`. */
  model?: string
  /** Primary intent → suggested next action; filled from the intent pack by the pipeline. */
  actions?: Record<string, string>
  /** Intent priority (higher first) used to order `top_intents`. */
  intentPriority?: Record<string, number>
}

/** The `signal` of the reason that holds amplifiers alone below medium. */
export const HELD_SIGNAL = 'amplifiers-alone'

const LEVEL_RANK: Record<RiskLevel, number> = { none: 0, low: 1, medium: 2, high: 3 }
const PLACEHOLDER = /\{(\w+)\}/g
const TRAILING_SPACE = /\s+$/
const NO_CLAIM = new Set(['', 'no', 'none', 'false', 'n', '-', '0', 'closed - no claim'])

/**
 * Return statuses of a settled return: the goods came back and the money went out, so there is
 * nothing left to prevent (a thankful "got my refund" is no return risk). Matched as words
 * inside the order file's free text ("Refunded", "Return/Refund Completed", "Closed").
 */
const SETTLED_RETURN = /\b(refunded|completed|closed|rejected|cancell?ed)\b/i

/** "3 days", "5 hours", "40 minutes". */
export function formatDuration(hours: number): string {
  if (hours >= 36) return `${Math.round(hours / 24)} days`
  if (hours >= 1.5) return `${Math.round(hours)} hours`
  if (hours >= 1) return '1 hour'
  return `${Math.max(1, Math.round(hours * 60))} minutes`
}

interface OrderFacts {
  conversation: ConversationFacts
  messages: Message[]
  hasOrder: boolean
  intents: Set<string>
  delivery: string
  deliveredAt: string
  claim: string
  returnStatus: string
  /** The return status says the return is settled (refunded, closed…). */
  returnSettled: boolean
  threat: string
}

function orderFacts(group: Group): OrderFacts {
  const conversation = group.facts.conversation as ConversationFacts
  const intents = new Set<string>()
  let delivery = ''
  let deliveredAt = ''
  let claim = ''
  let returnStatus = ''
  let threat = ''
  for (const message of group.messages) {
    delivery ||= message.delivery_status ?? ''
    deliveredAt ||= message.delivered_at ?? ''
    returnStatus ||= message.return_status ?? ''
    const claimValue = message.claim_status ?? ''
    if (claimValue && !NO_CLAIM.has(claimValue.trim().toLowerCase())) claim ||= claimValue
    if (message.sender_role !== 'buyer') continue
    for (const hit of message.intents ?? []) {
      intents.add(hit.intent)
      if (hit.intent === 'feedback/dispute-threat' && !threat) threat = `"${hit.span.text}"`
    }
  }
  const hasOrder = Boolean(group.order_id || delivery || returnStatus || claim)
  const returnSettled = SETTLED_RETURN.test(returnStatus)
  return { conversation, messages: group.messages, hasOrder, intents, delivery, deliveredAt, claim, returnStatus, returnSettled, threat }
}

/** A buyer message names one of `intents` after a seller answer that followed an earlier one. */
function againAfterAnswer(intents: readonly string[], messages: readonly Message[]): boolean {
  let named = false
  let answered = false
  for (const message of messages) {
    if (message.sender_role === 'seller') {
      answered ||= named
      continue
    }
    if (message.sender_role !== 'buyer' || !message.intents) continue
    for (const hit of message.intents) {
      if (!intents.includes(hit.intent)) continue
      if (answered) return true
      named = true
    }
  }
  return false
}

function holds(when: When, facts: OrderFacts): boolean {
  const c = facts.conversation
  if (when.intent && !when.intent.some((intent) => facts.intents.has(intent))) return false
  if (when.and_intent && !when.and_intent.some((intent) => facts.intents.has(intent))) return false
  if (when.intent_not && when.intent_not.some((intent) => facts.intents.has(intent))) return false
  if (when.delivery && !when.delivery.includes(facts.delivery)) return false
  if (when.delivery_not && when.delivery_not.includes(facts.delivery)) return false
  if (when.claim !== undefined && Boolean(facts.claim) !== when.claim) return false
  if (when.return_open !== undefined && (Boolean(facts.returnStatus) && !facts.returnSettled) !== when.return_open) return false
  if (when.return_settled !== undefined && facts.returnSettled !== when.return_settled) return false
  if (when.chasers !== undefined && c.chasers < when.chasers) return false
  if (when.policy_questions !== undefined && c.policyQuestions < when.policy_questions) return false
  if (when.unanswered_hours !== undefined && (c.hoursUnanswered ?? -1) < when.unanswered_hours) return false
  if (when.sentiment_below !== undefined && (c.minSentiment ?? 0) >= when.sentiment_below) return false
  if (when.sentiment_drop !== undefined) {
    if (c.firstSentiment === null || c.lastSentiment === null) return false
    if (c.firstSentiment - c.lastSentiment < when.sentiment_drop) return false
  }
  if (when.thanked_after_answer !== undefined && c.thankedAfterAnswer !== when.thanked_after_answer) return false
  if (when.has_order !== undefined && facts.hasOrder !== when.has_order) return false
  if (when.again_after_answer && !againAfterAnswer(when.again_after_answer, facts.messages)) return false
  if (when.unless && holds(when.unless, facts)) return false
  return true
}

function factValue(fact: NonNullable<RiskSignal['per']>['fact'], facts: OrderFacts): number {
  const c = facts.conversation
  switch (fact) {
    case 'chasers':
      return c.chasers
    case 'policy_questions':
      return c.policyQuestions
    case 'buyer_messages':
      return c.buyerMessages
    case 'unanswered_days':
      return (c.hoursUnanswered ?? 0) / 24
  }
}

function fillReason(template: string, facts: OrderFacts, now: string): string {
  const c = facts.conversation
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'delivered_ago': {
        if (!facts.deliveredAt) return ''
        const hours = (Date.parse(now) - Date.parse(facts.deliveredAt)) / 3_600_000
        return Number.isNaN(hours) || hours < 0 ? '' : `${formatDuration(hours)} ago`
      }
      case 'chasers':
        return String(c.chasers)
      case 'chaser_span':
        return c.chaserSpanHours < 1 ? 'under an hour' : formatDuration(c.chaserSpanHours)
      case 'wait':
        return formatDuration(c.hoursUnanswered ?? 0)
      case 'policy_questions':
        return String(c.policyQuestions)
      case 'min_sentiment':
        return (c.minSentiment ?? 0).toFixed(2)
      case 'threat':
        return facts.threat || 'a dispute'
      case 'claim':
        return facts.claim
      case 'return_status':
        return facts.returnStatus
      default:
        return whole
    }
  }).replace(TRAILING_SPACE, '')
}

export function scoreGroup(group: Group, model: RiskModel, options: RiskOptions = {}): OrderRisk {
  const facts = orderFacts(group)
  const c = facts.conversation
  const totals: Record<RiskKind, number> = { dispute: 0, return: 0 }
  // Whether a signal that is no amplifier added points: waiting and tone alone do not alarm.
  const evidence: Record<RiskKind, boolean> = { dispute: false, return: false }
  const reasons: RiskReason[] = []
  const scales: RiskSignal[] = []
  for (const signal of model.signals) {
    if (!holds(signal.when, facts)) continue
    if (signal.scale !== undefined) {
      scales.push(signal)
      continue
    }
    let points = signal.points ?? 0
    if (signal.per) points += Math.max(0, Math.floor(factValue(signal.per.fact, facts) - signal.per.over)) * signal.per.points
    if (signal.cap !== undefined) points = Math.min(points, signal.cap)
    // De-escalation only lowers a risk that something raised.
    if (points < 0 && totals[signal.kind] <= 0) continue
    totals[signal.kind] += points
    if (points > 0 && !signal.amplifier) evidence[signal.kind] = true
    reasons.push({ signal: signal.id, kind: signal.kind, points, text: fillReason(signal.reason, facts, group.now) })
  }
  for (const kind of RISK_KINDS) {
    // Held one point below medium, and said so, so that the reasons still add up to the score.
    const ceiling = Math.ceil(model.levels[kind].medium) - 1
    if (evidence[kind] || !model.held || Math.round(totals[kind]) <= ceiling) continue
    reasons.push({ signal: HELD_SIGNAL, kind, points: ceiling - totals[kind], text: model.held.reason })
    totals[kind] = ceiling
  }
  for (const signal of scales) {
    const before = Math.min(100, totals[signal.kind])
    if (before <= 0) continue
    const after = before * signal.scale!
    totals[signal.kind] = after
    reasons.push({ signal: signal.id, kind: signal.kind, points: Math.round(after - before), text: fillReason(signal.reason, facts, group.now) })
  }
  const dispute = Math.max(0, Math.min(100, Math.round(totals.dispute)))
  const ret = Math.max(0, Math.min(100, Math.round(totals.return)))
  const disputeRisk = levelOf(dispute, model.levels.dispute)
  const returnRisk = levelOf(ret, model.levels.return)
  let priority: Priority = 'P4'
  for (const row of model.priority) {
    if (row.dispute && LEVEL_RANK[disputeRisk] < LEVEL_RANK[row.dispute]) continue
    if (row.return && LEVEL_RANK[returnRisk] < LEVEL_RANK[row.return]) continue
    if (row.unanswered_hours !== undefined && (c.hoursUnanswered ?? -1) < row.unanswered_hours) continue
    priority = row.priority
    break
  }
  const rank = options.intentPriority ?? {}
  const topIntents = Object.entries(c.intentCounts)
    .sort((a, b) => (rank[b[0]] ?? 0) - (rank[a[0]] ?? 0) || b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([intent]) => intent)
  const last: Message | undefined = c.lastBuyerMessage
  const actionIntent = topIntents[0] ?? 'other'
  const conversationIds = group.conversation_ids
  return {
    key: group.key,
    order_id: group.order_id,
    conversation_ids: conversationIds,
    source: group.messages[0]?.source ?? '',
    marketplace: group.messages.find((m) => m.marketplace)?.marketplace ?? '',
    buyer_messages: c.buyerMessages,
    last_buyer_message_at: c.lastBuyerMessageAt,
    hours_unanswered: c.hoursUnanswered === null ? null : Math.round(c.hoursUnanswered * 10) / 10,
    first_response_hours: c.firstResponseHours === null ? null : Math.round(c.firstResponseHours * 10) / 10,
    dispute_score: dispute,
    dispute_risk: disputeRisk,
    return_score: ret,
    return_risk: returnRisk,
    priority,
    top_intents: topIntents,
    reasons,
    suggested_action: options.actions?.[actionIntent] ?? '',
    last_buyer_message: last?.text ?? ''
  }
}

export const riskStage: GroupStage<RiskOptions> = {
  name: 'risk',
  scope: 'group',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      model: { type: 'string' },
      actions: { type: 'object', additionalProperties: { type: 'string' } },
      intentPriority: { type: 'object', additionalProperties: { type: 'number' } }
    }
  },
  create(options, context) {
    const model = loadRiskModel(options.model ?? join(context.rulesDir, 'risk.yaml'))
    // The intent pack, loaded before the stages, knows each intent's action and priority.
    const pack = context.resources.intents as { actions: Record<string, string>; priorities: Record<string, number> } | undefined
    const scoring: RiskOptions = {
      actions: { ...pack?.actions, ...options.actions },
      intentPriority: { ...pack?.priorities, ...options.intentPriority }
    }
    return (group: Group) => {
      if (!group.facts.conversation) {
        throw new Error('the risk stage needs the conversation stage before it in the pipeline')
      }
      group.risk = scoreGroup(group, model, scoring)
    }
  }
}
