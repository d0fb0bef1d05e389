// The conversation stage: per order or conversation, how the buyer chased, what waits for an
// answer and for how long, how fast the seller first answered, and what arrived after hours.
import type { Group, GroupStage, Message } from '../types.js'

export interface BusinessHours {
  /** IANA time zone, e.g. Europe/Berlin. */
  zone: string
  /** ISO weekdays that are working days, 1 = Monday. */
  days: number[]
  /** Opening and closing time, `HH:MM`, local. */
  start: string
  end: string
}

export interface ConversationOptions {
  /** Intents that count as chasing the shipment. */
  chaserIntents?: string[]
  /** Intents that count as a return-policy question. */
  policyIntents?: string[]
  businessHours?: {
    default: BusinessHours
    /** Zone or hours per marketplace or region value (`amazon.de`, `TH`, …), matched case-insensitively. */
    marketplaces?: Record<string, Partial<BusinessHours>>
  }
}

export interface ConversationFacts {
  buyerMessages: number
  sellerMessages: number
  chasers: number
  /** Hours between the first and the last chaser. */
  chaserSpanHours: number
  policyQuestions: number
  /** Hours the last buyer message waited at `now`, when no seller answer followed it. */
  hoursUnanswered: number | null
  /** Hours from the first buyer message to the first seller answer. */
  firstResponseHours: number | null
  lastBuyerMessage?: Message
  lastBuyerMessageAt: string
  outsideHours: number
  /** Buyer sentiment: lowest, first and last scored. */
  minSentiment: number | null
  firstSentiment: number | null
  lastSentiment: number | null
  /** The buyer thanked or was pleased after a seller answer, and said nothing worse since. */
  thankedAfterAnswer: boolean
  /** How many buyer messages carry each intent. */
  intentCounts: Record<string, number>
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { zone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }

const HOUR = 3_600_000
const DAY = 24 * HOUR

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':')
  return Number(h) * 60 + Number(m ?? 0)
}

/** Decides "outside business hours" in a marketplace's own zone; one formatter per zone. */
export function createHoursClock(options: ConversationOptions['businessHours']) {
  const base = options?.default ?? DEFAULT_BUSINESS_HOURS
  const perMarketplace = new Map<string, BusinessHours>()
  for (const [key, value] of Object.entries(options?.marketplaces ?? {})) {
    perMarketplace.set(key.toLowerCase(), { ...base, ...value })
  }
  const formatters = new Map<string, Intl.DateTimeFormat>()
  /** Minutes a zone is ahead of UTC at an instant, from one Intl call. */
  function offsetAt(zone: string, time: number): number {
    let format = formatters.get(zone)
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23'
      })
      formatters.set(zone, format)
    }
    const at: Record<string, number> = {}
    for (const part of format.formatToParts(new Date(time))) if (part.type !== 'literal') at[part.type] = Number(part.value)
    const local = Date.UTC(at.year!, at.month! - 1, at.day!, at.hour!, at.minute!)
    return Math.round((local - (time - (time % 60_000))) / 60_000)
  }
  // A zone's offset per UTC day: one Intl call at its first and last minute, and one per hour only on
  // a day whose ends differ (a daylight-saving switch) — not one per message.
  const dayCache = new Map<string, Map<number, number | Map<number, number>>>()
  function zoneOffset(zone: string, time: number): number {
    let days = dayCache.get(zone)
    if (!days) {
      days = new Map()
      dayCache.set(zone, days)
    }
    const dayStart = time - (time % DAY)
    let day = days.get(dayStart)
    if (day === undefined) {
      const first = offsetAt(zone, dayStart)
      day = first === offsetAt(zone, dayStart + DAY - 60_000) ? first : new Map<number, number>()
      if (days.size > 10_000) days.clear()
      days.set(dayStart, day)
    }
    if (typeof day === 'number') return day
    const hourStart = time - (time % HOUR)
    let offset = day.get(hourStart)
    if (offset === undefined) {
      offset = offsetAt(zone, hourStart)
      day.set(hourStart, offset)
    }
    return offset
  }
  return {
    hoursFor(marketplace: string): BusinessHours {
      return perMarketplace.get(marketplace.toLowerCase()) ?? base
    },
    /**
     * The marketplace's configured zone decides; without one, the offset the export wrote beside
     * the time (Shopify writes the shop's own), else the default zone.
     */
    isOutside(iso: string, marketplace: string, localOffset?: number): boolean {
      const configured = perMarketplace.get(marketplace.toLowerCase())
      const hours = configured ?? base
      const time = Date.parse(iso)
      const offset = !configured && localOffset !== undefined ? localOffset : zoneOffset(hours.zone, time)
      const local = new Date(time + offset * 60_000)
      const weekday = local.getUTCDay() || 7
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes()
      if (!hours.days.includes(weekday)) return true
      return minute < minutes(hours.start) || minute >= minutes(hours.end)
    }
  }
}

function isBuyerText(message: Message): boolean {
  return message.sender_role === 'buyer'
}

/** Short acknowledgements without a question ("ok", "Mache ich") close a turn rather than open one. */
const ACKNOWLEDGEMENT_CHARS = 24

/**
 * Whether a buyer message waits for an answer: thanks and plain acknowledgements do not, so a
 * conversation that ends with "thank you!" is not counted as unanswered.
 */
export function needsAnswer(message: Message): boolean {
  if (message.content_type !== 'text') return false
  const intents = message.intents ?? []
  if (intents.length > 0) return intents.some((hit) => hit.intent !== 'feedback/positive')
  const text = message.text.trim()
  return text.length > ACKNOWLEDGEMENT_CHARS || /[?？¿]/.test(text)
}

function answers(message: Message): boolean {
  return message.sender_role === 'seller'
}

export function conversationFacts(group: Group, options: ConversationOptions, clock: ReturnType<typeof createHoursClock>): ConversationFacts {
  const chaserIntents = new Set(options.chaserIntents ?? ['order/status', 'order/expedite', 'order/not-received'])
  const policyIntents = new Set(options.policyIntents ?? ['return/policy'])
  const now = Date.parse(group.now)
  const facts: ConversationFacts = {
    buyerMessages: 0,
    sellerMessages: 0,
    chasers: 0,
    chaserSpanHours: 0,
    policyQuestions: 0,
    hoursUnanswered: null,
    firstResponseHours: null,
    lastBuyerMessageAt: '',
    outsideHours: 0,
    minSentiment: null,
    firstSentiment: null,
    lastSentiment: null,
    thankedAfterAnswer: false,
    intentCounts: {}
  }
  let firstChaser = Number.NaN
  let lastChaser = Number.NaN
  // Waiting and first response are per conversation; an order takes its longest wait. The wait
  // starts at the earliest buyer message that needs an answer and has none yet.
  const firstBuyer = new Map<string, number>()
  const lastBuyerUnanswered = new Map<string, number>()
  const answered = new Set<string>()
  let sellerSeen = false
  for (const message of group.messages) {
    const time = message.created_at ? Date.parse(message.created_at) : Number.NaN
    if (answers(message)) {
      facts.sellerMessages++
      sellerSeen = true
      lastBuyerUnanswered.delete(message.conversation_id)
      const first = firstBuyer.get(message.conversation_id)
      if (first !== undefined && !answered.has(message.conversation_id) && !Number.isNaN(time)) {
        answered.add(message.conversation_id)
        const hours = (time - first) / HOUR
        if (hours >= 0 && (facts.firstResponseHours === null || hours < facts.firstResponseHours)) facts.firstResponseHours = hours
      }
      continue
    }
    if (!isBuyerText(message)) continue
    facts.buyerMessages++
    facts.lastBuyerMessage = message
    facts.lastBuyerMessageAt = message.created_at
    if (!Number.isNaN(time)) {
      if (!firstBuyer.has(message.conversation_id)) firstBuyer.set(message.conversation_id, time)
      if (!lastBuyerUnanswered.has(message.conversation_id) && needsAnswer(message)) lastBuyerUnanswered.set(message.conversation_id, time)
      if (clock.isOutside(message.created_at, message.marketplace, message.local_offset)) {
        facts.outsideHours++
        message.conversation = { ...message.conversation, outside_hours: true }
      }
    }
    const intents = message.intents ?? []
    let chaser = false
    let pleased = false
    for (const hit of intents) {
      facts.intentCounts[hit.intent] = (facts.intentCounts[hit.intent] ?? 0) + 1
      if (chaserIntents.has(hit.intent)) chaser = true
      if (policyIntents.has(hit.intent)) facts.policyQuestions++
      if (hit.intent === 'feedback/positive') pleased = true
    }
    if (chaser) {
      facts.chasers++
      if (!Number.isNaN(time)) {
        if (Number.isNaN(firstChaser)) firstChaser = time
        lastChaser = time
      }
    }
    const score = message.sentiment?.score
    if (score !== undefined) {
      if (facts.firstSentiment === null) facts.firstSentiment = score
      facts.lastSentiment = score
      if (facts.minSentiment === null || score < facts.minSentiment) facts.minSentiment = score
      if (message.sentiment?.label === 'positive') pleased = true
      if (message.sentiment?.label === 'negative') pleased = false
    }
    const problem = intents.some((hit) => hit.intent !== 'feedback/positive')
    facts.thankedAfterAnswer = sellerSeen && pleased && !problem
  }
  if (!Number.isNaN(firstChaser)) facts.chaserSpanHours = (lastChaser - firstChaser) / HOUR
  if (!Number.isNaN(now)) {
    for (const time of lastBuyerUnanswered.values()) {
      const hours = Math.max(0, (now - time) / HOUR)
      if (facts.hoursUnanswered === null || hours > facts.hoursUnanswered) facts.hoursUnanswered = hours
    }
  }
  return facts
}

export const conversationStage: GroupStage<ConversationOptions> = {
  name: 'conversation',
  scope: 'group',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      chaserIntents: { type: 'array', items: { type: 'string' } },
      policyIntents: { type: 'array', items: { type: 'string' } },
      businessHours: { type: 'object' }
    }
  },
  create(options) {
    const clock = createHoursClock(options.businessHours)
    return (group: Group) => {
      group.facts.conversation = conversationFacts(group, options, clock)
    }
  }
}
