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
  /** Intents that thank or praise the seller. */
  thanksIntents?: string[]
  /**
   * Words that close a turn: `acknowledgements` confirm ("ok", "siap", "erledigt", "了解"),
   * `thanks` thank ("merci", "ขอบคุณ"). A buyer reply to the seller, no longer than `maxChars`,
   * without a question or a complaint, that opens with one of them, or holds one and raises no new
   * request, does not wait for an answer; a thanks word after an answer calms a dispute as a
   * thanks intent does. Whole words; Thai, Chinese and Japanese acknowledgements only at the start.
   */
  closings?: { acknowledgements?: string[]; thanks?: string[]; maxChars?: number }
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
  /** The buyer thanked the seller (a thanks intent or word) after an answer, and raised nothing new since. */
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

/** Without closing words, a short message without a question ("ok", "Mache ich") closes a turn. */
const ACKNOWLEDGEMENT_CHARS = 24
/** The longest reply that still counts as a closing ("Remboursement bien reçu, merci beaucoup !"). */
const CLOSING_MAX_CHARS = 120
const QUESTION = /[?？¿]/
const APOSTROPHES = /[’‘`´]/g
const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g
const LETTER = '\\p{L}\\p{M}\\p{N}'
const DEFAULT_THANKS = ['feedback/positive']

/** The closing words, compiled once per run; each regex runs on `foldForClosing` text. */
export interface Closings {
  /** The reply opens with an acknowledgement or thanks. */
  opening?: RegExp
  /** The reply holds one anywhere (Thai, Chinese, Japanese acknowledgements excepted). */
  anywhere?: RegExp
  /** The reply thanks. */
  thanks?: RegExp
  maxChars: number
}

function foldForClosing(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'")
}

function sources(words: readonly string[] | undefined): { spaced: string[]; unspaced: string[] } {
  const spaced: string[] = []
  const unspaced: string[] = []
  for (const word of words ?? []) {
    const folded = foldForClosing(word.trim())
    if (!folded) continue
    const source = folded.replace(REGEX_SPECIAL, '\\$&').replace(/\s+/g, '\\s+')
    ;(UNSPACED.test(folded) ? unspaced : spaced).push(source)
  }
  return { spaced, unspaced }
}

function alternatives(parts: Array<string | false>): RegExp | undefined {
  const kept = parts.filter((part): part is string => Boolean(part))
  return kept.length > 0 ? new RegExp(kept.join('|'), 'u') : undefined
}

const bounded = (list: string[]): string | false => list.length > 0 && `(?:^|[^${LETTER}])(?:${list.join('|')})(?![${LETTER}])`
const anyOf = (list: string[]): string | false => list.length > 0 && `(?:${list.join('|')})`

/**
 * Whole words in spaced scripts; Thai, Chinese and Japanese acknowledgements only at the start,
 * as inside a sentence ได้ค่ะ ('ok') is also the end of ยังไม่ได้ค่ะ ('not yet').
 */
export function compileClosings(options: ConversationOptions['closings']): Closings | undefined {
  const ack = sources(options?.acknowledgements)
  const thanks = sources(options?.thanks)
  const spaced = [...ack.spaced, ...thanks.spaced]
  const unspaced = [...ack.unspaced, ...thanks.unspaced]
  if (spaced.length === 0 && unspaced.length === 0) return undefined
  const start = `^[^${LETTER}]*`
  return {
    opening: alternatives([spaced.length > 0 && `${start}(?:${spaced.join('|')})(?![${LETTER}])`, unspaced.length > 0 && `${start}(?:${unspaced.join('|')})`]),
    anywhere: alternatives([bounded(spaced), anyOf(thanks.unspaced)]),
    thanks: alternatives([bounded(thanks.spaced), anyOf(thanks.unspaced)]),
    maxChars: options?.maxChars ?? CLOSING_MAX_CHARS
  }
}

/** What a buyer message is read against to decide whether it waits for an answer. */
export interface AnswerContext {
  /** Intents that only thank. */
  thanks: ReadonlySet<string>
  closings?: Closings
  /** The seller has already written in this conversation, so the message may be a reply. */
  reply: boolean
  /** Intents the buyer named earlier in the conversation: repeating one is nothing new. */
  named: ReadonlySet<string>
}

const NO_CONTEXT: AnswerContext = { thanks: new Set(DEFAULT_THANKS), reply: false, named: new Set() }

/**
 * Whether a buyer message waits for an answer: a photo does; thanks and acknowledgements do not, so a
 * conversation that ends with "thank you!" or "siap kak, besok saya kirim" is not counted as
 * unanswered. A closing is a reply to the seller, short, without a question or a complaint, that
 * opens with a closing word ("Sige po, pa-exchange na lang") or holds one and raises no intent the
 * buyer had not named before ("Erledigt, Adresse bestätigt"; "ok, I'll send it back").
 */
export function needsAnswer(message: Message, context: AnswerContext = NO_CONTEXT): boolean {
  // A photo is evidence the seller asked for or has to look at; a sticker or an order card asks nothing.
  if (message.content_type === 'image') return true
  if (message.content_type !== 'text') return false
  const intents = message.intents ?? []
  let fresh = false
  let thanksOnly = intents.length > 0
  for (const hit of intents) {
    if (context.thanks.has(hit.intent)) continue
    thanksOnly = false
    if (!context.named.has(hit.intent)) fresh = true
  }
  if (thanksOnly) return false
  const text = message.text.trim()
  const question = QUESTION.test(text)
  const closings = context.closings
  if (closings && context.reply && !question && text.length <= closings.maxChars && message.sentiment?.label !== 'negative') {
    const folded = foldForClosing(text)
    if (closings.opening?.test(folded) || (!fresh && closings.anywhere?.test(folded))) return false
  }
  if (intents.length > 0) return true
  return text.length > ACKNOWLEDGEMENT_CHARS || question
}

/** The message thanks: a thanks intent or a thanks word. */
function thanksSeller(message: Message, intents: ReadonlySet<string>, closings: Closings | undefined): boolean {
  for (const hit of message.intents ?? []) if (intents.has(hit.intent)) return true
  return closings?.thanks?.test(foldForClosing(message.text)) ?? false
}

function answers(message: Message): boolean {
  return message.sender_role === 'seller'
}

/** The stage's options made ready once, for every group. */
interface Prepared {
  chaserIntents: ReadonlySet<string>
  policyIntents: ReadonlySet<string>
  thanksIntents: ReadonlySet<string>
  clock: ReturnType<typeof createHoursClock>
  closings: Closings | undefined
}

function prepare(options: ConversationOptions): Prepared {
  return {
    chaserIntents: new Set(options.chaserIntents ?? ['order/status', 'order/expedite', 'order/not-received']),
    policyIntents: new Set(options.policyIntents ?? ['return/policy']),
    thanksIntents: new Set(options.thanksIntents ?? DEFAULT_THANKS),
    clock: createHoursClock(options.businessHours),
    closings: compileClosings(options.closings)
  }
}

function conversationFacts(group: Group, { chaserIntents, policyIntents, thanksIntents, clock, closings }: Prepared): ConversationFacts {
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
  const sellerWrote = new Set<string>()
  const named = new Map<string, Set<string>>()
  const context: AnswerContext = { thanks: thanksIntents, closings, reply: false, named: NO_CONTEXT.named }
  let sellerSeen = false
  for (const message of group.messages) {
    const time = message.created_at ? Date.parse(message.created_at) : Number.NaN
    if (answers(message)) {
      facts.sellerMessages++
      sellerSeen = true
      sellerWrote.add(message.conversation_id)
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
    let before = named.get(message.conversation_id)
    if (!before) {
      before = new Set()
      named.set(message.conversation_id, before)
    }
    if (!Number.isNaN(time)) {
      if (!firstBuyer.has(message.conversation_id)) firstBuyer.set(message.conversation_id, time)
      context.reply = sellerWrote.has(message.conversation_id)
      context.named = before
      if (!lastBuyerUnanswered.has(message.conversation_id) && needsAnswer(message, context)) {
        lastBuyerUnanswered.set(message.conversation_id, time)
      }
      if (clock.isOutside(message.created_at, message.marketplace, message.local_offset)) {
        facts.outsideHours++
        message.conversation = { ...message.conversation, outside_hours: true }
      }
    }
    const intents = message.intents ?? []
    let chaser = false
    let policy = false
    let problem = false
    // Several rules can hit the same intent in one message: messages are counted, not hits.
    for (let h = 0; h < intents.length; h++) {
      const intent = intents[h]!.intent
      let seen = false
      for (let e = 0; e < h && !seen; e++) seen = intents[e]!.intent === intent
      if (!seen) facts.intentCounts[intent] = (facts.intentCounts[intent] ?? 0) + 1
      before.add(intent)
      if (chaserIntents.has(intent)) chaser = true
      if (policyIntents.has(intent)) policy = true
      if (!thanksIntents.has(intent)) problem = true
    }
    if (policy) facts.policyQuestions++
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
    }
    // Only explicit thanks calms: a positive score alone is no thanks ("ทำไงดี", 'what should I do',
    // holds ดี 'good'). A new request or a negative message undoes it; a neutral "ok" leaves it.
    if (problem || message.sentiment?.label === 'negative') facts.thankedAfterAnswer = false
    else if (sellerSeen && thanksSeller(message, thanksIntents, closings)) facts.thankedAfterAnswer = true
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
      thanksIntents: { type: 'array', items: { type: 'string' } },
      closings: {
        type: 'object',
        additionalProperties: false,
        properties: {
          acknowledgements: { type: 'array', items: { type: 'string', minLength: 1 } },
          thanks: { type: 'array', items: { type: 'string', minLength: 1 } },
          maxChars: { type: 'integer', minimum: 1 }
        }
      },
      businessHours: { type: 'object' }
    }
  },
  create(options) {
    const prepared = prepare(options)
    return (group: Group) => {
      group.facts.conversation = conversationFacts(group, prepared)
    }
  }
}
