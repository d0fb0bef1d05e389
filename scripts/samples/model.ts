// Loads scripts/samples/scenarios.yaml and checks it, so a typo fails the generator with the
// scenario id and field instead of producing a sample that quietly means something else.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

export type Platform = 'amazon' | 'shopee' | 'shopify'
export type Level = 'none' | 'low' | 'medium' | 'high'
export type OrderState = 'unshipped' | 'shipped' | 'in_transit' | 'delivered' | 'cancelled'
export type Role = 'buyer' | 'seller' | 'staff' | 'marketplace' | 'bot' | 'ai'
export type ContentType = 'text' | 'image' | 'sticker' | 'order' | 'item'

export interface Item {
  name: string
  price: number
  qty: number
}

export interface ReturnInfo {
  /** Hours before the reference time. */
  requested: number
  status: string
  reason: string
  claim: boolean
  resolution: string
}

export interface Order {
  state: OrderState
  /** Hours before the reference time; undefined when the step has not happened. */
  purchased: number
  shipped?: number
  delivered?: number
  cancelled?: number
  items: Item[]
  /** Shopify's payment method, when the story depends on it (a PayPal dispute needs PayPal). */
  payment?: string
  return?: ReturnInfo
}

export interface ScenarioMessage {
  role: Role
  /** Hours before the reference time. */
  at: number
  type: ContentType
  text: string
  lang?: string
  /** The staff member who wrote it (Shopify). */
  by?: string
  /** A subject of its own (Amazon's notices to the seller); otherwise the thread's. */
  subject?: string
}

export interface Scenario {
  id: string
  platform: Platform
  market: string
  lang: string
  buyer: string
  topic: string
  story: string
  calm: boolean
  orderInText: boolean
  order?: Order
  expected: { dispute: Level; return: Level; signals: string[] }
  messages: ScenarioMessage[]
}

export interface ShopeeShop {
  shop_id: number
  name: string
  currency: string
}

export interface Sellers {
  amazon: { name: string }
  shopee: Record<string, ShopeeShop>
  shopify: { store: string; zone: string; currency: string; bot: string; ai: string }
}

export interface ScenarioFile {
  referenceTime: number
  sellers: Sellers
  scenarios: Scenario[]
}

const PLATFORMS = new Set<Platform>(['amazon', 'shopee', 'shopify'])
const LEVELS = new Set<Level>(['none', 'low', 'medium', 'high'])
const STATES = new Set<OrderState>(['unshipped', 'shipped', 'in_transit', 'delivered', 'cancelled'])
const ROLES: Record<Platform, Set<Role>> = {
  amazon: new Set(['buyer', 'seller', 'marketplace']),
  shopee: new Set(['buyer', 'seller']),
  shopify: new Set(['buyer', 'staff', 'bot', 'ai'])
}
const TYPES = new Set<ContentType>(['text', 'image', 'sticker', 'order', 'item'])
const RELATIVE = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/

/** "5d3h" / "40h" / "30m" → hours before the reference time. */
export function parseRelative(value: unknown, where: string): number {
  const text = String(value ?? '').trim()
  const match = RELATIVE.exec(text)
  if (!text || !match) throw new Error(`${where}: "${text}" is not a relative time; write it like 5d3h, 40h or 30m (before the reference time)`)
  return Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0) + Number(match[3] ?? 0) / 60
}

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`)
}

function text(value: unknown, where: string, field: string): string {
  if (typeof value !== 'string' || !value.trim()) fail(where, `\`${field}\` must be a non-empty string`)
  return value
}

function oneOf<T extends string>(value: unknown, allowed: Set<T>, where: string, field: string): T {
  if (typeof value !== 'string' || !allowed.has(value as T)) fail(where, `\`${field}\` is ${JSON.stringify(value)}; use one of ${[...allowed].join(', ')}`)
  return value as T
}

function readOrder(raw: Record<string, unknown>, where: string): Order {
  const state = oneOf(raw.state, STATES, where, 'order.state')
  const at = (field: string): number | undefined => (raw[field] === undefined ? undefined : parseRelative(raw[field], `${where} order.${field}`))
  const items = raw.items
  if (!Array.isArray(items) || items.length === 0) fail(where, '`order.items` needs at least one { name, price }')
  const order: Order = {
    state,
    purchased: at('purchased') ?? fail(where, '`order.purchased` is required'),
    shipped: at('shipped'),
    delivered: at('delivered'),
    cancelled: at('cancelled'),
    items: items.map((item: Record<string, unknown>, index) => ({
      name: text(item.name, where, `order.items[${index}].name`),
      price: typeof item.price === 'number' ? item.price : fail(where, `\`order.items[${index}].price\` must be a number`),
      qty: typeof item.qty === 'number' ? item.qty : 1
    })),
    payment: typeof raw.payment === 'string' ? raw.payment : undefined
  }
  const needs: Record<OrderState, Array<'shipped' | 'delivered'>> = {
    unshipped: [],
    cancelled: [],
    shipped: ['shipped'],
    in_transit: ['shipped'],
    delivered: ['shipped', 'delivered']
  }
  for (const step of needs[state]) if (order[step] === undefined) fail(where, `an order in state ${state} needs \`order.${step}\``)
  if (order.shipped !== undefined && order.shipped > order.purchased) fail(where, '`order.shipped` is before `order.purchased`')
  if (order.delivered !== undefined && order.shipped !== undefined && order.delivered > order.shipped) fail(where, '`order.delivered` is before `order.shipped`')
  const ret = raw.return as Record<string, unknown> | undefined
  if (ret) {
    order.return = {
      requested: parseRelative(ret.requested, `${where} order.return.requested`),
      status: text(ret.status, where, 'order.return.status'),
      reason: typeof ret.reason === 'string' ? ret.reason : '',
      claim: ret.claim === true,
      resolution: typeof ret.resolution === 'string' ? ret.resolution : ''
    }
  }
  return order
}

function readScenario(raw: Record<string, unknown>, index: number, file: string, signals: ReadonlySet<string>): Scenario {
  const id = text(raw.id, `${file}: scenario #${index + 1}`, 'id')
  const where = `${file}: scenario ${id}`
  const platform = oneOf(raw.platform, PLATFORMS, where, 'platform')
  const expectedRaw = (raw.expected ?? fail(where, '`expected` is required')) as Record<string, unknown>
  const expectedSignals = Array.isArray(expectedRaw.signals) ? expectedRaw.signals.map(String) : fail(where, '`expected.signals` must be a list (may be empty)')
  for (const signal of expectedSignals) if (!signals.has(signal)) fail(where, `signal "${signal}" is not in rules/risk.yaml`)
  const rawMessages = raw.messages
  if (!Array.isArray(rawMessages) || rawMessages.length === 0) fail(where, '`messages` needs at least one message')
  const messages: ScenarioMessage[] = []
  let previous = Infinity
  for (let i = 0; i < rawMessages.length; i++) {
    const m = rawMessages[i] as Record<string, unknown>
    const at = `${where} message #${i + 1}`
    const type = m.type === undefined ? 'text' : oneOf(m.type, TYPES, at, 'type')
    const message: ScenarioMessage = {
      role: oneOf(m.role, ROLES[platform], at, 'role'),
      at: parseRelative(m.at, at),
      type,
      text: type === 'text' ? text(m.text, at, 'text') : '',
      lang: typeof m.lang === 'string' ? m.lang : undefined,
      by: typeof m.by === 'string' ? m.by : undefined,
      subject: typeof m.subject === 'string' ? m.subject : undefined
    }
    if (message.at > previous) fail(at, 'is earlier than the message before it; keep messages in time order')
    previous = message.at
    messages.push(message)
  }
  const order = raw.order ? readOrder(raw.order as Record<string, unknown>, where) : undefined
  // A presale question belongs to a scenario without an order.
  if (order && messages[0]!.at > order.purchased) fail(where, 'the first message is older than the purchase')
  const calm = raw.calm === true
  if (calm && (expectedRaw.dispute !== 'none' || expectedRaw.return !== 'none' || expectedSignals.length > 0)) {
    fail(where, 'a calm scenario is a hard negative: its expected levels are none and it has no signals')
  }
  return {
    id,
    platform,
    market: text(raw.market, where, 'market'),
    lang: text(raw.lang, where, 'lang'),
    buyer: text(raw.buyer, where, 'buyer'),
    topic: typeof raw.topic === 'string' ? raw.topic : 'other',
    story: text(raw.story, where, 'story'),
    calm,
    orderInText: raw.order_in_text === true,
    order,
    expected: {
      dispute: oneOf(expectedRaw.dispute, LEVELS, where, 'expected.dispute'),
      return: oneOf(expectedRaw.return, LEVELS, where, 'expected.return'),
      signals: expectedSignals
    },
    messages
  }
}

/** Reads and checks the scenario file; `signals` are the signal ids of the risk model. */
export function loadScenarios(file: string, signals: ReadonlySet<string>): ScenarioFile {
  const raw = parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const referenceTime = Date.parse(String(raw.reference_time))
  if (Number.isNaN(referenceTime)) fail(file, '`reference_time` must be an ISO 8601 time')
  if (!Array.isArray(raw.scenarios)) fail(file, '`scenarios` must be a list')
  const seen = new Set<string>()
  const scenarios = raw.scenarios.map((scenario: Record<string, unknown>, index) => {
    const parsed = readScenario(scenario, index, file, signals)
    if (seen.has(parsed.id)) fail(file, `scenario id ${parsed.id} is used twice`)
    seen.add(parsed.id)
    return parsed
  })
  const sellers = raw.sellers as Sellers
  for (const scenario of scenarios) {
    if (scenario.platform === 'shopee' && !sellers.shopee[scenario.market]) {
      fail(`${file}: scenario ${scenario.id}`, `no shop for region ${scenario.market} under sellers.shopee`)
    }
  }
  return { referenceTime, sellers, scenarios }
}

/** The scenario message's time in epoch milliseconds. */
export function timeOf(file: ScenarioFile, hoursBefore: number): number {
  return file.referenceTime - Math.round(hoursBefore * 3_600_000)
}
