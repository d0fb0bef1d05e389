// The triage columns appended to every input row, and the NDJSON record, from a message and its group.
import type { Group, Message, RiskReason } from '../types.js'

export const TRIAGE_COLUMNS = [
  'lang',
  'intent',
  'intents',
  'sentiment',
  'sentiment_score',
  'urgency',
  'dispute_risk',
  'return_risk',
  'priority',
  'reasons'
] as const

export type TriageColumn = (typeof TRIAGE_COLUMNS)[number]

/** Appended names; one the input already has is prefixed `triage_`. */
export function triageHeader(inputHeader: string[]): string[] {
  const taken = new Set(inputHeader.map((name) => name.trim().toLowerCase()))
  return TRIAGE_COLUMNS.map((name) => (taken.has(name) ? `triage_${name}` : name))
}

/** `dispute +45: says not received, …` — points kept so that scores can be rebuilt from a row. */
export function formatReason(reason: RiskReason): string {
  const sign = reason.points >= 0 ? '+' : '-'
  return `${reason.kind} ${sign}${Math.abs(reason.points)}: ${reason.text}`
}

const REASON = /^(dispute|return) ([+-])(\d+(?:\.\d+)?): (.*)$/

export function parseReason(text: string): Omit<RiskReason, 'signal'> | undefined {
  const match = REASON.exec(text.trim())
  if (!match) return undefined
  const points = Number(match[3]) * (match[2] === '-' ? -1 : 1)
  return { kind: match[1] as RiskReason['kind'], points, text: match[4]! }
}

export interface Annotation {
  lang: string
  intent: string
  intents: string[]
  sentiment: string
  sentiment_score: number | null
  urgency: boolean | null
  dispute_risk: string
  dispute_score: number
  return_risk: string
  return_score: number
  priority: string
  reasons: string[]
}

type MessagePart = Pick<Annotation, 'lang' | 'intent' | 'intents' | 'sentiment' | 'sentiment_score' | 'urgency'>
type GroupPart = Pick<Annotation, 'dispute_risk' | 'dispute_score' | 'return_risk' | 'return_score' | 'priority' | 'reasons'>

/** Only buyer text is classified; other rows carry their language and their order's risk. */
function classified(message: Message): boolean {
  return message.sender_role === 'buyer' && message.content_type === 'text' && message.text !== ''
}

/** What a message's own analysis gives. */
function messagePart(message: Message): MessagePart {
  const isBuyerText = classified(message)
  const hits = isBuyerText ? (message.intents ?? []) : []
  const intents: string[] = []
  for (const hit of hits) if (!intents.includes(hit.intent)) intents.push(hit.intent)
  return {
    lang: message.language?.lang ?? '',
    intent: isBuyerText ? (message.intent ?? intents[0] ?? 'other') : '',
    intents,
    sentiment: isBuyerText ? (message.sentiment?.label ?? '') : '',
    sentiment_score: isBuyerText && message.sentiment ? Math.round(message.sentiment.score * 1000) / 1000 : null,
    urgency: isBuyerText && message.sentiment ? message.sentiment.urgent : null
  }
}

/** What its order's risk gives every message of a group. */
function groupPart(group: Group): GroupPart {
  const risk = group.risk
  return {
    dispute_risk: risk?.dispute_risk ?? '',
    dispute_score: risk?.dispute_score ?? 0,
    return_risk: risk?.return_risk ?? '',
    return_score: risk?.return_score ?? 0,
    priority: risk?.priority ?? '',
    reasons: (risk?.reasons ?? []).map(formatReason)
  }
}

export function annotation(message: Message, group: Group): Annotation {
  return { ...messagePart(message), ...groupPart(group) }
}

/** The triage cells from `lang` to `urgency`, in `TRIAGE_COLUMNS` order. */
export function messageCells(message: Message): string[] {
  const value = messagePart(message)
  return [
    value.lang,
    value.intent,
    value.intents.join('; '),
    value.sentiment,
    value.sentiment_score === null ? '' : String(value.sentiment_score),
    value.urgency === null ? '' : value.urgency ? 'yes' : 'no'
  ]
}

/** The triage cells from `dispute_risk` to `reasons`, the same for every message of the group. */
export function groupCells(group: Group): string[] {
  const value = groupPart(group)
  return [value.dispute_risk, value.return_risk, value.priority, value.reasons.join('; ')]
}
