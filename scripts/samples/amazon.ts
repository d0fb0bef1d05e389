// samples/amazon.csv, amazon-orders.txt and amazon-returns.txt: the message export as help desks
// dump it (relay markers, HTML, quoted replies, Amazon's notices) plus the two Seller Central reports.
import { stringify } from 'csv-stringify/sync'
import { rngFor } from './ids.js'
import type { Scenario, ScenarioFile } from './model.js'
import { buyerLanguage, type ExpectedEntry, dateOnly, expectedEntry, fillOrder, isoSeconds, messageTimes, money, orderTimes, type PlatformOutput, stepTime } from './common.js'

const MESSAGE_COLUMNS = ['Message ID', 'Thread ID', 'Order ID', 'Marketplace', 'Sender Role', 'Sender Name', 'Subject', 'Body', 'Date']
const ORDER_COLUMNS = [
  'amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel',
  'order-channel', 'ship-service-level', 'product-name', 'sku', 'asin', 'item-status', 'quantity', 'currency', 'item-price', 'item-tax',
  'shipping-price', 'shipping-tax', 'ship-city', 'ship-state', 'ship-postal-code', 'ship-country', 'is-business-order', 'delivery-date'
]
const RETURN_COLUMNS = [
  'Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Return Reason', 'A-to-Z Claim', 'Resolution',
  'Merchant RMA ID', 'Label type', 'Currency code', 'Return carrier', 'Tracking ID', 'Is prime', 'ASIN', 'Merchant SKU', 'Item Name',
  'Return quantity', 'In policy', 'Return type', 'Order Amount', 'Order quantity'
]

interface Market {
  prefixes: string[]
  channel: string
  currency: string
  country: string
  vat: number
  cities: Array<[city: string, state: string, postal: string]>
}

const MARKETS: Record<string, Market> = {
  'amazon.com': { prefixes: ['111', '112', '113', '114'], channel: 'Amazon.com', currency: 'USD', country: 'US', vat: 0.07, cities: [['Austin', 'TX', '78704'], ['Portland', 'OR', '97214'], ['Columbus', 'OH', '43215'], ['Raleigh', 'NC', '27601']] },
  'amazon.de': { prefixes: ['302', '303', '304', '305', '028'], channel: 'Amazon.de', currency: 'EUR', country: 'DE', vat: 0.19, cities: [['München', 'Bayern', '80331'], ['Köln', 'NRW', '50667'], ['Leipzig', 'Sachsen', '04109']] },
  'amazon.fr': { prefixes: ['402', '403', '404', '405'], channel: 'Amazon.fr', currency: 'EUR', country: 'FR', vat: 0.2, cities: [['Lyon', 'Rhône', '69002'], ['Nantes', 'Loire-Atlantique', '44000'], ['Lille', 'Nord', '59000']] },
  'amazon.es': { prefixes: ['402', '403', '404', '171'], channel: 'Amazon.es', currency: 'EUR', country: 'ES', vat: 0.21, cities: [['Valencia', 'Valencia', '46001'], ['Sevilla', 'Sevilla', '41001'], ['Madrid', 'Madrid', '28004']] },
  'amazon.it': { prefixes: ['402', '403', '404', '171'], channel: 'Amazon.it', currency: 'EUR', country: 'IT', vat: 0.22, cities: [['Milano', 'MI', '20121'], ['Bologna', 'BO', '40121'], ['Torino', 'TO', '10121']] },
  'amazon.co.jp': { prefixes: ['249', '250', '503'], channel: 'Amazon.co.jp', currency: 'JPY', country: 'JP', vat: 0.1, cities: [['世田谷区', '東京都', '154-0001'], ['横浜市', '神奈川県', '220-0012'], ['大阪市', '大阪府', '530-0001']] }
}

const SUBJECTS: Record<string, (buyer: string, order: string) => string> = {
  delivery: (buyer, order) => `Order delivery inquiry from Amazon customer ${buyer} (Order: ${order})`,
  return: (buyer, order) => `Return request inquiry from Amazon customer ${buyer} (Order: ${order})`,
  product: (buyer, order) => (order ? `Product details inquiry from Amazon customer ${buyer} (Order: ${order})` : `Product details inquiry from Amazon customer ${buyer}`),
  other: (buyer, order) => (order ? `Additional information from Amazon customer ${buyer} (Order: ${order})` : `Inquiry from Amazon customer ${buyer}`)
}

const NOTICE =
  'For Your Information: To help arbitrate disputes and preserve trust and safety, we retain all messages buyers and sellers send through Amazon for two years. ' +
  'This includes your response to the message below. Amazon uses filtering technology to protect buyers and sellers from possible fraud. ' +
  'Messages that fail this filtering will not be transmitted.'
const NO_RESPONSE = 'To mark this message as no response needed, click here: https://sellercentral.amazon.com/messaging/inbox'

const STATUS: Record<string, { order: string; item: string }> = {
  unshipped: { order: 'Pending', item: 'Unshipped' },
  shipped: { order: 'Shipped', item: 'Shipped' },
  in_transit: { order: 'Shipped', item: 'Shipped' },
  delivered: { order: 'Shipped - Delivered to Buyer', item: 'Shipped' },
  cancelled: { order: 'Canceled', item: 'Cancelled' }
}

function fillSubject(subject: string | undefined, order: string): string | undefined {
  return subject?.replaceAll('{order}', order)
}

function orderId(scenario: Scenario): string {
  const rng = rngFor(`${scenario.id}/order`)
  return `${rng.pick(MARKETS[scenario.market]!.prefixes)}-${rng.digits(7)}-${rng.digits(7)}`
}

/** The buyer's body the way the export carries it; the styles rotate so each shows up often. */
function buyerBody(text: string, style: number, token: string, quoted: string | undefined, buyer: string): string {
  switch (style % 4) {
    case 0:
      return `------------- Begin message -------------\n\n${text}\n\n------------- End message -------------\n\n${NOTICE}\n\n${NO_RESPONSE}\n\n[commMgrTok:${token}]`
    case 1:
      return `${text}<br /><br />${buyer}<br /><br />[commMgrTok:${token}]`
    case 2:
      return quoted ? `${text}\n\n--- Original message ---\n${quoted}` : text
    default:
      return text
  }
}

export function buildAmazon(file: ScenarioFile, scenarios: Scenario[]): PlatformOutput {
  const seller = file.sellers.amazon.name
  const messages: string[][] = []
  const orders: string[][] = []
  const returns: string[][] = []
  const expected: ExpectedEntry[] = []
  const languages = new Set<string>()
  let buyerTexts = 0
  let textRows = 0
  for (const scenario of scenarios) {
    const market = MARKETS[scenario.market]
    if (!market) throw new Error(`scenario ${scenario.id}: unknown Amazon marketplace ${scenario.market}; use one of ${Object.keys(MARKETS).join(', ')}`)
    const rng = rngFor(scenario.id)
    const order = scenario.order ? orderId(scenario) : ''
    const thread = `${rng.alnum(4)}${rng.digits(10)}`
    const subjectOf = SUBJECTS[scenario.topic]
    if (!subjectOf) throw new Error(`scenario ${scenario.id}: unknown Amazon topic ${scenario.topic}; use one of ${Object.keys(SUBJECTS).join(', ')}`)
    const subject = subjectOf(scenario.buyer, order)
    const times = messageTimes(file, scenario, rng)
    const entry = expectedEntry('amazon', scenario, order, thread)
    // The last message of each side, for the quoted replies under `--- Original message ---`.
    let lastBuyer: string | undefined
    let lastSeller: string | undefined
    scenario.messages.forEach((message, index) => {
      const text = fillOrder(scenario, index, order)
      const id = `${rng.alnum(2)}${rng.digits(12)}`
      const time = times[index]!
      let role: string
      let name: string
      let body: string
      const rowSubject = fillSubject(message.subject, order) ?? (index === 0 ? subject : `RE: ${subject}`)
      if (message.role === 'buyer') {
        role = 'Buyer'
        name = scenario.buyer
        body = buyerBody(text, buyerTexts++, rng.alnum(24), lastSeller, scenario.buyer)
        const lang = buyerLanguage(scenario, index)
        entry.buyer_messages.push({ message_id: id, lang })
        languages.add(lang)
      } else if (message.role === 'seller') {
        role = 'Seller'
        name = seller
        // Seller Central quotes the buyer's message under every other reply.
        body = index % 2 === 1 && lastBuyer ? `${text}\n\n--- Original message ---\n${lastBuyer}` : text
      } else {
        role = 'Amazon'
        name = 'Amazon'
        body = text
      }
      if (message.role !== 'marketplace') textRows++
      messages.push([id, thread, order, scenario.market, role, name, rowSubject, body, isoSeconds(time)])
      const quote = `From: ${name}\nSent: ${isoSeconds(time)}\n\n${text}`
      if (message.role === 'buyer') lastBuyer = quote
      else lastSeller = quote
    })
    expected.push(entry)
    if (scenario.order) addOrderRows(file, scenario, order, market, orders, returns)
  }
  return {
    files: [
      { name: 'amazon.csv', content: stringify(messages, { header: true, columns: MESSAGE_COLUMNS }) },
      { name: 'amazon-orders.txt', content: stringify(orders, { header: true, columns: ORDER_COLUMNS, delimiter: '\t' }) },
      { name: 'amazon-returns.txt', content: stringify(returns, { header: true, columns: RETURN_COLUMNS, delimiter: '\t' }) }
    ],
    expected,
    rows: messages.length,
    textRows,
    languages
  }
}

function addOrderRows(file: ScenarioFile, scenario: Scenario, order: string, market: Market, orders: string[][], returns: string[][]): void {
  const info = scenario.order!
  const rng = rngFor(`${scenario.id}/report`)
  const times = orderTimes(file, scenario)
  const purchased = times.purchased
  // The report's last update is the latest step, never before the purchase itself.
  const updated = times.delivered ?? times.shipped ?? times.cancelled ?? purchased + rng.int(1, 30) * 60_000
  const delivered = times.delivered === undefined ? '' : isoSeconds(times.delivered).replace('Z', '+00:00')
  const status = STATUS[info.state]!
  const [city, state, postal] = rng.pick(market.cities)
  const merchantOrder = `NH-${rng.digits(6)}`
  const decimals = market.currency === 'JPY' ? 0 : 2
  for (const item of info.items) {
    const itemRng = rngFor(item.name)
    const sku = `NH-${itemRng.alnum(5)}`
    const asin = `B0${itemRng.alnum(8)}`
    const price = item.price * item.qty
    orders.push([
      order, merchantOrder, isoSeconds(purchased).replace('Z', '+00:00'), isoSeconds(updated).replace('Z', '+00:00'), status.order, 'Merchant',
      market.channel, '', 'Standard', item.name, sku, asin, status.item, String(item.qty), market.currency, money(price, decimals),
      money(price * market.vat, decimals), money(0, decimals), money(0, decimals), city, state, postal, market.country, 'false', delivered
    ])
    const ret = info.return
    if (!ret) continue
    returns.push([
      order, dateOnly(purchased), dateOnly(stepTime(file, ret.requested, rng)), ret.status, `D${rng.alnum(9)}`, ret.reason, ret.claim ? 'Yes' : 'No',
      ret.resolution, '', 'AmazonUnPaidLabel', market.currency, 'UPS', `1Z${rng.alnum(16)}`, 'N', asin, sku, item.name, String(item.qty),
      'Y', 'C-Returns', money(price, decimals), String(item.qty)
    ])
  }
}
