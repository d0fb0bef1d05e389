// samples/shopify.csv and shopify-orders.csv: Shopify Inbox conversations (customers, staff, the
// automated greeting, the AI agent) and the admin orders export, one row per line item.
import { stringify } from 'csv-stringify/sync'
import { rngFor } from './ids.js'
import type { Scenario, ScenarioFile } from './model.js'
import { buyerLanguage, type ExpectedEntry, expectedEntry, fillOrder, messageTimes, money, orderTimes, type PlatformOutput, zonedTime } from './common.js'

const MESSAGE_COLUMNS = ['Conversation ID', 'Message ID', 'Created At', 'Sender', 'Sender Name', 'Customer Email', 'Order', 'Channel', 'Message']
const ORDER_COLUMNS = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing', 'Currency', 'Subtotal', 'Shipping', 'Taxes',
  'Total', 'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku',
  'Lineitem fulfillment status', 'Shipping Name', 'Shipping City', 'Shipping Zip', 'Shipping Country', 'Cancelled at', 'Payment Method', 'Refunded Amount',
  'Id', 'Source', 'Fulfillment: Shipment Status'
]
// Order columns left blank on a line item's continuation row (Shopify repeats only Name and Email).
const LINE_ITEM_COLUMNS = new Set(['Name', 'Email', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku', 'Lineitem fulfillment status'])

const SENDER: Record<string, string> = { buyer: 'Customer', staff: 'Staff', bot: 'Shopify Inbox', ai: 'AI agent' }

interface Locale {
  mail: string
  country: string
  vat: number
  cities: Array<[city: string, zip: string]>
}

const LOCALES: Record<string, Locale> = {
  en: { mail: 'gmail.com', country: 'GB', vat: 0.2, cities: [['London', 'SE15 4QL'], ['Bristol', 'BS1 5TR'], ['Leeds', 'LS6 1AN']] },
  de: { mail: 'web.de', country: 'DE', vat: 0.19, cities: [['Hamburg', '20357'], ['Berlin', '10437'], ['Freiburg', '79098']] },
  fr: { mail: 'orange.fr', country: 'FR', vat: 0.2, cities: [['Bordeaux', '33000'], ['Rennes', '35000'], ['Paris', '75011']] },
  es: { mail: 'hotmail.es', country: 'ES', vat: 0.21, cities: [['Barcelona', '08012'], ['Bilbao', '48001'], ['Málaga', '29001']] },
  nl: { mail: 'ziggo.nl', country: 'NL', vat: 0.21, cities: [['Utrecht', '3511 AB'], ['Rotterdam', '3011 AD'], ['Groningen', '9711 LM']] },
  it: { mail: 'libero.it', country: 'IT', vat: 0.22, cities: [['Firenze', '50122'], ['Roma', '00184'], ['Napoli', '80134']] }
}

const SHIPMENT: Record<string, { financial: string; fulfillment: string; shipment: string }> = {
  unshipped: { financial: 'paid', fulfillment: 'unfulfilled', shipment: '' },
  shipped: { financial: 'paid', fulfillment: 'fulfilled', shipment: 'confirmed' },
  in_transit: { financial: 'paid', fulfillment: 'fulfilled', shipment: 'in_transit' },
  delivered: { financial: 'paid', fulfillment: 'fulfilled', shipment: 'delivered' },
  cancelled: { financial: 'refunded', fulfillment: 'unfulfilled', shipment: '' }
}

function email(name: string, locale: Locale): string {
  const local = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.')
  return `${local}@${locale.mail}`
}

/** Order names grow with the purchase time, as a store's numbering does. */
function orderNames(scenarios: Scenario[]): Map<string, string> {
  const ordered = scenarios.filter((scenario) => scenario.order).sort((a, b) => b.order!.purchased - a.order!.purchased || a.id.localeCompare(b.id))
  const names = new Map<string, string>()
  let number = 1038
  for (const scenario of ordered) {
    number += rngFor(`${scenario.id}/number`).int(1, 6)
    names.set(scenario.id, `#${number}`)
  }
  return names
}

export function buildShopify(file: ScenarioFile, scenarios: Scenario[]): PlatformOutput {
  const store = file.sellers.shopify
  const names = orderNames(scenarios)
  const messages: string[][] = []
  const orders: string[][] = []
  const expected: ExpectedEntry[] = []
  const languages = new Set<string>()
  let textRows = 0
  for (const scenario of scenarios) {
    const locale = LOCALES[scenario.lang]
    if (!locale) throw new Error(`scenario ${scenario.id}: no Shopify locale for language ${scenario.lang}; add it to LOCALES in scripts/samples/shopify.ts`)
    const rng = rngFor(scenario.id)
    const order = names.get(scenario.id) ?? ''
    const conversation = rng.digits(10)
    const customerEmail = email(scenario.buyer, locale)
    const times = messageTimes(file, scenario, rng)
    const entry = expectedEntry('shopify', scenario, order, conversation)
    scenario.messages.forEach((message, index) => {
      const id = rng.digits(12)
      const sender = SENDER[message.role]!
      const name = message.role === 'buyer' ? scenario.buyer : message.role === 'staff' ? `${message.by ?? 'Team'} (${store.store})` : message.role === 'ai' ? store.ai : store.bot
      if (message.role === 'buyer') {
        const lang = buyerLanguage(scenario, index)
        entry.buyer_messages.push({ message_id: id, lang })
        languages.add(lang)
      }
      if (message.role === 'buyer' || message.role === 'staff') textRows++
      messages.push([
        conversation, id, zonedTime(times[index]!, store.zone), sender, name, customerEmail, scenario.orderInText ? '' : order, scenario.market,
        fillOrder(scenario, index, order)
      ])
    })
    expected.push(entry)
    if (scenario.order) addOrderRows(file, scenario, order, customerEmail, locale, orders)
  }
  return {
    files: [
      { name: 'shopify.csv', content: stringify(messages, { header: true, columns: MESSAGE_COLUMNS }) },
      { name: 'shopify-orders.csv', content: stringify(orders, { header: true, columns: ORDER_COLUMNS }) }
    ],
    expected,
    rows: messages.length,
    textRows,
    languages
  }
}

function addOrderRows(file: ScenarioFile, scenario: Scenario, order: string, customerEmail: string, locale: Locale, orders: string[][]): void {
  const info = scenario.order!
  const zone = file.sellers.shopify.zone
  const rng = rngFor(`${scenario.id}/report`)
  const times = orderTimes(file, scenario)
  const created = zonedTime(times.purchased, zone)
  const fulfilled = times.shipped === undefined ? '' : zonedTime(times.shipped, zone)
  const cancelled = times.cancelled === undefined ? '' : zonedTime(times.cancelled, zone)
  const state = SHIPMENT[info.state]!
  const subtotal = info.items.reduce((sum, item) => sum + item.price * item.qty, 0)
  const shipping = subtotal >= 75 ? 0 : 5.95
  const [city, zip] = rng.pick(locale.cities)
  const refunded = info.state === 'cancelled' ? subtotal + shipping : 0
  info.items.forEach((item, index) => {
    const cells: Record<string, string> = {
      Name: order,
      Email: customerEmail,
      'Financial Status': state.financial,
      'Paid at': created,
      'Fulfillment Status': state.fulfillment,
      'Fulfilled at': fulfilled,
      'Accepts Marketing': rng.pick(['yes', 'no']),
      Currency: file.sellers.shopify.currency,
      Subtotal: money(subtotal),
      Shipping: money(shipping),
      Taxes: money((subtotal * locale.vat) / (1 + locale.vat)),
      Total: money(subtotal + shipping),
      'Discount Code': '',
      'Discount Amount': money(0),
      'Shipping Method': shipping === 0 ? 'Free shipping' : 'Standard',
      'Created at': created,
      'Lineitem quantity': String(item.qty),
      'Lineitem name': item.name,
      'Lineitem price': money(item.price),
      'Lineitem sku': `FW-${rngFor(item.name).alnum(6)}`,
      'Lineitem fulfillment status': state.fulfillment === 'fulfilled' ? 'fulfilled' : 'pending',
      'Shipping Name': scenario.buyer,
      'Shipping City': city,
      'Shipping Zip': zip,
      'Shipping Country': locale.country,
      'Cancelled at': cancelled,
      'Payment Method': info.payment ?? rng.pick(['Shopify Payments', 'Klarna']),
      'Refunded Amount': money(refunded),
      Id: rng.digits(13),
      Source: 'web',
      'Fulfillment: Shipment Status': state.shipment
    }
    orders.push(ORDER_COLUMNS.map((column) => (index === 0 || LINE_ITEM_COLUMNS.has(column) ? cells[column]! : '')))
  })
}
