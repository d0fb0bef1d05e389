// The summary model: one JSON document built while the run streams, the source of every format.
import type { Group, Message, OrderRisk, RiskLevel } from '../types.js'
import { formatReason } from '../output/annotate.js'
import type { ConversationFacts } from '../stages/conversation.js'

export interface OrderLine {
  order_id: string
  conversation_ids: string[]
  source: string
  marketplace: string
  score: number
  level: RiskLevel
  priority: string
  reasons: string[]
  suggested_action: string
  last_buyer_message: string
  hours_unanswered: number | null
}

/** First-response time of a set of orders or conversations, in hours. */
export interface ResponseStats {
  conversations: number
  median_hours: number | null
  p90_hours: number | null
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive'

export interface Summary {
  version: 1
  /** `delimiter` is its name (`comma`, `semicolon`, `tab`, `pipe`); NDJSON inputs have none. */
  inputs: Array<{ file: string; source: string; encoding: string; delimiter?: string; rows: number }>
  rows: { read: number; written: number; rejected: number }
  messages: { total: number; buyer: number; classified: number; seller: number; other: number }
  /** Messages per source profile (`amazon`, `shopee`, …). */
  sources: Record<string, number>
  /** Buyer messages per marketplace or region value (`amazon.de`, `TH`, `Online Store`); `''` when the export has none. */
  marketplaces: Record<string, number>
  intents: Record<string, number>
  languages: Record<string, number>
  sentiment: Record<string, number>
  /** Classified buyer messages per UTC day (`YYYY-MM-DD`) and sentiment label. */
  sentiment_by_day: Record<string, Record<SentimentLabel, number>>
  urgent: number
  orders: {
    total: number
    dispute: Record<RiskLevel, number>
    return: Record<RiskLevel, number>
    priority: Record<string, number>
  }
  top_dispute: OrderLine[]
  top_return: OrderLine[]
  unanswered: { total: number; by_wait: Record<string, number>; longest: OrderLine[] }
  first_response: ResponseStats & {
    by_source: Record<string, ResponseStats>
    by_marketplace: Record<string, ResponseStats>
    /** Orders or conversations per first-response bucket (`RESPONSE_BUCKETS`). */
    distribution: Record<string, number>
  }
  outside_hours: { buyer_messages: number; outside: number; share: number | null }
  warnings: string[]
}

export const WAIT_BUCKETS: Array<[string, number]> = [
  ['under 4h', 4],
  ['4-24h', 24],
  ['1-3 days', 72],
  ['over 3 days', Number.POSITIVE_INFINITY]
]

export const RESPONSE_BUCKETS: Array<[string, number]> = [
  ['under 1h', 1],
  ['1-4h', 4],
  ['4-12h', 12],
  ['12-24h', 24],
  ['1-2 days', 48],
  ['over 2 days', Number.POSITIVE_INFINITY]
]

export const SENTIMENT_LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive']

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

function levels(): Record<RiskLevel, number> {
  return { high: 0, medium: 0, low: 0, none: 0 }
}

function bucketOf(buckets: Array<[string, number]>, value: number): string {
  for (const [name, limit] of buckets) if (value < limit) return name
  return buckets[buckets.length - 1]![0]
}

/** Linear interpolation between the closest ranks, rounded to 0.1; null for no values. */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  const high = Math.ceil(at)
  const value = sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low)
  return Math.round(value * 10) / 10
}

function stats(values: number[]): ResponseStats {
  const sorted = [...values].sort((a, b) => a - b)
  return { conversations: sorted.length, median_hours: quantile(sorted, 0.5), p90_hours: quantile(sorted, 0.9) }
}

/** Keys sorted, so that the same data always gives the same document whatever the input order. */
function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {}
  for (const key of Object.keys(record).sort()) out[key] = record[key]!
  return out
}

function line(risk: OrderRisk, kind: 'dispute' | 'return'): OrderLine {
  return {
    order_id: risk.order_id,
    conversation_ids: risk.conversation_ids,
    source: risk.source,
    marketplace: risk.marketplace,
    score: kind === 'dispute' ? risk.dispute_score : risk.return_score,
    level: kind === 'dispute' ? risk.dispute_risk : risk.return_risk,
    priority: risk.priority,
    reasons: risk.reasons.filter((reason) => reason.kind === kind).map(formatReason),
    suggested_action: risk.suggested_action,
    last_buyer_message: risk.last_buyer_message,
    hours_unanswered: risk.hours_unanswered
  }
}

/** Keeps the N best lines by a comparator without holding every order. */
class TopN {
  readonly items: OrderLine[] = []
  constructor(
    private readonly size: number,
    private readonly better: (a: OrderLine, b: OrderLine) => number
  ) {}
  offer(item: OrderLine): void {
    if (this.size <= 0) return
    if (this.items.length === this.size && this.better(item, this.items[this.items.length - 1]!) >= 0) return
    let at = this.items.length
    while (at > 0 && this.better(item, this.items[at - 1]!) < 0) at--
    this.items.splice(at, 0, item)
    if (this.items.length > this.size) this.items.pop()
  }
}

/** The id a person looks up: the order, else the first conversation. */
export function lineId(line: OrderLine): string {
  return line.order_id || line.conversation_ids[0] || ''
}

// Total orders: ties fall back to the id, so that the top N does not depend on input order.
const byScore = (a: OrderLine, b: OrderLine): number =>
  b.score - a.score || (b.hours_unanswered ?? 0) - (a.hours_unanswered ?? 0) || lineId(a).localeCompare(lineId(b))
const byWait = (a: OrderLine, b: OrderLine): number =>
  (b.hours_unanswered ?? 0) - (a.hours_unanswered ?? 0) || lineId(a).localeCompare(lineId(b))

export class SummaryBuilder {
  private readonly summary: Summary
  private readonly topDispute: TopN
  private readonly topReturn: TopN
  private readonly longest: TopN
  // Every value is kept (one number per order), so percentiles are exact, also after `summarize`.
  private readonly responseHours: number[] = []
  private readonly responseBySource = new Map<string, number[]>()
  private readonly responseByMarketplace = new Map<string, number[]>()

  constructor(top = 10) {
    this.topDispute = new TopN(top, byScore)
    this.topReturn = new TopN(top, byScore)
    this.longest = new TopN(top, byWait)
    this.summary = {
      version: 1,
      inputs: [],
      rows: { read: 0, written: 0, rejected: 0 },
      messages: { total: 0, buyer: 0, classified: 0, seller: 0, other: 0 },
      sources: {},
      marketplaces: {},
      intents: {},
      languages: {},
      sentiment: {},
      sentiment_by_day: {},
      urgent: 0,
      orders: { total: 0, dispute: levels(), return: levels(), priority: {} },
      top_dispute: [],
      top_return: [],
      unanswered: { total: 0, by_wait: Object.fromEntries(WAIT_BUCKETS.map(([name]) => [name, 0])), longest: [] },
      first_response: {
        conversations: 0,
        median_hours: null,
        p90_hours: null,
        by_source: {},
        by_marketplace: {},
        distribution: Object.fromEntries(RESPONSE_BUCKETS.map(([name]) => [name, 0]))
      },
      outside_hours: { buyer_messages: 0, outside: 0, share: null },
      warnings: []
    }
  }

  addInput(input: Summary['inputs'][number]): void {
    this.summary.inputs.push(input)
  }

  addRows(read: number, written: number, rejected: number): void {
    this.summary.rows.read += read
    this.summary.rows.written += written
    this.summary.rows.rejected += rejected
  }

  addWarning(warning: string): void {
    if (!this.summary.warnings.includes(warning)) this.summary.warnings.push(warning)
  }

  addMessage(message: Message): void {
    const s = this.summary
    s.messages.total++
    bump(s.sources, message.source)
    if (message.language?.lang) bump(s.languages, message.language.lang)
    if (message.sender_role === 'seller') {
      s.messages.seller++
      return
    }
    if (message.sender_role !== 'buyer') {
      s.messages.other++
      return
    }
    s.messages.buyer++
    bump(s.marketplaces, message.marketplace)
    if (message.content_type !== 'text' || !message.text) return
    s.messages.classified++
    bump(s.intents, message.intent ?? 'other')
    const sentiment = message.sentiment
    if (!sentiment) return
    bump(s.sentiment, sentiment.label)
    if (sentiment.urgent) s.urgent++
    if (message.created_at) {
      const day = message.created_at.slice(0, 10)
      const counts = (s.sentiment_by_day[day] ??= { negative: 0, neutral: 0, positive: 0 })
      counts[sentiment.label]++
    }
  }

  addGroup(group: Group): void {
    const risk = group.risk
    const facts = group.facts.conversation as ConversationFacts | undefined
    if (facts) {
      this.summary.outside_hours.buyer_messages += facts.buyerMessages
      this.summary.outside_hours.outside += facts.outsideHours
      if (facts.firstResponseHours !== null) {
        const hours = facts.firstResponseHours
        const first = group.messages[0]
        const marketplace = group.messages.find((m) => m.marketplace)?.marketplace ?? ''
        this.responseHours.push(hours)
        push(this.responseBySource, first?.source ?? '', hours)
        push(this.responseByMarketplace, marketplace, hours)
        this.summary.first_response.distribution[bucketOf(RESPONSE_BUCKETS, hours)]!++
      }
    }
    if (!risk) return
    const orders = this.summary.orders
    orders.total++
    orders.dispute[risk.dispute_risk]++
    orders.return[risk.return_risk]++
    bump(orders.priority, risk.priority)
    if (risk.dispute_risk !== 'none') this.topDispute.offer(line(risk, 'dispute'))
    if (risk.return_risk !== 'none') this.topReturn.offer(line(risk, 'return'))
    if (risk.hours_unanswered !== null) {
      this.summary.unanswered.total++
      this.summary.unanswered.by_wait[bucketOf(WAIT_BUCKETS, risk.hours_unanswered)]!++
      this.longest.offer({ ...line(risk, 'dispute'), reasons: [] })
    }
  }

  result(): Summary {
    const s = this.summary
    s.top_dispute = this.topDispute.items
    s.top_return = this.topReturn.items
    s.unanswered.longest = this.longest.items
    s.sources = sortedRecord(s.sources)
    s.marketplaces = sortedRecord(s.marketplaces)
    s.intents = sortedRecord(s.intents)
    s.languages = sortedRecord(s.languages)
    s.sentiment = sortedRecord(s.sentiment)
    s.sentiment_by_day = sortedRecord(s.sentiment_by_day)
    s.orders.priority = sortedRecord(s.orders.priority)
    const bySource: Record<string, ResponseStats> = {}
    for (const [key, values] of this.responseBySource) bySource[key] = stats(values)
    const byMarketplace: Record<string, ResponseStats> = {}
    for (const [key, values] of this.responseByMarketplace) byMarketplace[key] = stats(values)
    s.first_response = {
      ...stats(this.responseHours),
      by_source: sortedRecord(bySource),
      by_marketplace: sortedRecord(byMarketplace),
      distribution: s.first_response.distribution
    }
    const buyer = s.outside_hours.buyer_messages
    s.outside_hours.share = buyer ? Math.round((s.outside_hours.outside / buyer) * 1000) / 1000 : null
    return s
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const values = map.get(key)
  if (values) values.push(value)
  else map.set(key, [value])
}
