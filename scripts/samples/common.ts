// What every platform writer shares: row timing, time formats and the expected-results entry.
import { type Rng, rngFor } from './ids.js'
import type { Scenario, ScenarioFile } from './model.js'
import { timeOf } from './model.js'

export interface ExpectedMessage {
  message_id: string
  lang: string
}

export interface ExpectedEntry {
  source: 'amazon' | 'shopee' | 'shopify'
  scenario: string
  /** Empty for an orderless conversation. */
  order_id: string
  conversation_ids: string[]
  marketplace: string
  story: string
  calm: boolean
  dispute_risk: string
  return_risk: string
  signals: string[]
  buyer_messages: ExpectedMessage[]
}

export interface PlatformOutput {
  files: Array<{ name: string; content: string }>
  expected: ExpectedEntry[]
  /** Rows of the message export, and how many are buyer or seller messages with words. */
  rows: number
  textRows: number
  languages: Set<string>
}

/** Message times with a few seconds of jitter, strictly increasing within the conversation. */
export function messageTimes(file: ScenarioFile, scenario: Scenario, rng: Rng): number[] {
  const times: number[] = []
  let last = -Infinity
  for (const message of scenario.messages) {
    let time = timeOf(file, message.at) + rng.int(0, 45) * 1000
    if (time <= last) time = last + rng.int(5, 25) * 1000
    times.push(time)
    last = time
  }
  return times
}

/** An order step's time, jittered up to `maxHours` earlier so orders do not share round hours. */
export function stepTime(file: ScenarioFile, hoursBefore: number, rng: Rng, maxHours = 1): number {
  return timeOf(file, hoursBefore) - rng.int(0, maxHours * 3600) * 1000
}

export interface OrderTimes {
  purchased: number
  shipped?: number
  delivered?: number
  cancelled?: number
}

/**
 * The order's steps in epoch ms. Jitter only moves a step earlier, so every step stays before
 * the messages that mention it, and each step is kept at least half an hour after the one before.
 */
export function orderTimes(file: ScenarioFile, scenario: Scenario): OrderTimes {
  const order = scenario.order!
  const rng = rngFor(`${scenario.id}/order-times`)
  const purchased = stepTime(file, order.purchased, rng, 9)
  const after = (hours: number | undefined, previous: number): number | undefined =>
    hours === undefined ? undefined : Math.max(previous + 30 * 60_000, stepTime(file, hours, rng, 6))
  const shipped = after(order.shipped, purchased)
  const delivered = after(order.delivered, shipped ?? purchased)
  const cancelled = after(order.cancelled, purchased)
  return { purchased, shipped, delivered, cancelled }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** `2026-11-17T05:57:03Z` */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Wall-clock parts of `ms` in a fixed `+hhmm` / `-hhmm` zone. */
function wallClock(ms: number, zone: string): Date {
  const sign = zone.startsWith('-') ? -1 : 1
  const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)))
  return new Date(ms + minutes * 60_000)
}

/** `2026-11-20 10:00:00 +0100`, as Shopify exports write times. */
export function zonedTime(ms: number, zone: string): string {
  const d = wallClock(ms, zone)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`
}

/** `2026-11-20 10:00`, in the zone given (Shopee Seller Centre exports local time without a zone). */
export function minuteTime(ms: number, zone: string): string {
  return zonedTime(ms, zone).slice(0, 16)
}

export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function money(value: number, decimals = 2): string {
  return value.toFixed(decimals)
}

/** The buyer's text rows with their language: the scenario's unless a message says otherwise. */
export function buyerLanguage(scenario: Scenario, index: number): string {
  return scenario.messages[index]!.lang ?? scenario.lang
}

/** The message text with `{order}` filled in; a placeholder in an orderless scenario is a mistake. */
export function fillOrder(scenario: Scenario, index: number, order: string): string {
  const text = scenario.messages[index]!.text
  if (!order && text.includes('{order}')) throw new Error(`scenario ${scenario.id}: message #${index + 1} uses {order} but the scenario has no order`)
  return text.replaceAll('{order}', order)
}

/** The scenario's entry in expected.json; buyer messages are added as rows are written. */
export function expectedEntry(source: ExpectedEntry['source'], scenario: Scenario, order: string, conversation: string): ExpectedEntry {
  return {
    source,
    scenario: scenario.id,
    order_id: order,
    conversation_ids: [conversation],
    marketplace: scenario.market,
    story: scenario.story,
    calm: scenario.calm,
    dispute_risk: scenario.expected.dispute,
    return_risk: scenario.expected.return,
    signals: scenario.expected.signals,
    buyer_messages: []
  }
}
