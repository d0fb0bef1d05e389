// samples/shopee.csv and shopee-orders.csv: seller-chat rows shaped like the chat API (cards,
// images and stickers carry no words) and the Seller Centre "My Orders" export.
import { stringify } from 'csv-stringify/sync'
import { rngFor } from './ids.js'
import type { Scenario, ScenarioFile } from './model.js'
import { buyerLanguage, type ExpectedEntry, expectedEntry, fillOrder, messageTimes, minuteTime, money, orderTimes, type PlatformOutput } from './common.js'

const MESSAGE_COLUMNS = ['conversation_id', 'message_id', 'shop_id', 'region', 'order_sn', 'from_id', 'from_name', 'to_id', 'to_name', 'message_type', 'content', 'created_timestamp']
const ORDER_COLUMNS = [
  'Order ID', 'Order Status', 'Return / Refund Status', 'Tracking Number*', 'Order Complete Time', 'Shipping Option', 'Ship Time', 'Order Creation Date',
  'Order Paid Time', 'Product Name', 'Variation Name', 'Original Price', 'Deal Price', 'Quantity', 'Product Subtotal', 'Total Amount', 'Buyer Username',
  'Receiver Name', 'Province', 'Country', 'Remark from buyer'
]

interface Region {
  zone: string
  cdn: string
  shipping: string
  country: string
  decimals: number
  provinces: string[]
}

const REGIONS: Record<string, Region> = {
  TH: { zone: '+0700', cdn: 'cf.shopee.co.th', shipping: 'Flash Express', country: 'TH', decimals: 2, provinces: ['กรุงเทพมหานคร', 'นนทบุรี', 'เชียงใหม่'] },
  VN: { zone: '+0700', cdn: 'cf.shopee.vn', shipping: 'SPX Express', country: 'VN', decimals: 0, provinces: ['TP. Hồ Chí Minh', 'Hà Nội', 'Đà Nẵng'] },
  ID: { zone: '+0700', cdn: 'cf.shopee.co.id', shipping: 'SPX Standard', country: 'ID', decimals: 0, provinces: ['DKI Jakarta', 'Jawa Barat', 'Jawa Timur'] },
  MY: { zone: '+0800', cdn: 'cf.shopee.com.my', shipping: 'SPX Express', country: 'MY', decimals: 2, provinces: ['Selangor', 'Johor', 'Pulau Pinang'] },
  PH: { zone: '+0800', cdn: 'cf.shopee.ph', shipping: 'SPX Express', country: 'PH', decimals: 2, provinces: ['Metro Manila', 'Cebu', 'Laguna'] },
  TW: { zone: '+0800', cdn: 'cf.shopee.tw', shipping: '蝦皮店到店', country: 'TW', decimals: 0, provinces: ['臺北市', '新北市', '臺中市'] },
  BR: { zone: '-0300', cdn: 'cf.shopee.com.br', shipping: 'Shopee Xpress', country: 'BR', decimals: 2, provinces: ['São Paulo', 'Minas Gerais', 'Paraná'] }
}

const STATUS: Record<string, string> = {
  unshipped: 'To ship',
  shipped: 'Shipping',
  in_transit: 'Shipping',
  delivered: 'Completed',
  cancelled: 'Cancelled'
}

function orderSn(file: ScenarioFile, scenario: Scenario, region: Region): string {
  const rng = rngFor(`${scenario.id}/order`)
  const day = minuteTime(orderTimes(file, scenario).purchased, region.zone)
  return `${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}${rng.alnum(8)}`
}

export function buildShopee(file: ScenarioFile, scenarios: Scenario[]): PlatformOutput {
  const messages: string[][] = []
  const orders: string[][] = []
  const expected: ExpectedEntry[] = []
  const languages = new Set<string>()
  let images = 0
  let textRows = 0
  for (const scenario of scenarios) {
    const region = REGIONS[scenario.market]
    if (!region) throw new Error(`scenario ${scenario.id}: unknown Shopee region ${scenario.market}; use one of ${Object.keys(REGIONS).join(', ')}`)
    const shop = file.sellers.shopee[scenario.market]!
    const rng = rngFor(scenario.id)
    const order = scenario.order ? orderSn(file, scenario, region) : ''
    const conversation = `${rng.digits(18)}`
    const buyerId = rng.digits(9)
    const times = messageTimes(file, scenario, rng)
    const entry = expectedEntry('shopee', scenario, order, conversation)
    const itemId = rngFor(`${scenario.id}/item`).digits(11)
    scenario.messages.forEach((message, index) => {
      if (message.type === 'order' && !order) throw new Error(`scenario ${scenario.id}: message #${index + 1} is an order card but the scenario has no order`)
      const id = rng.digits(19)
      const fromSeller = message.role === 'seller'
      let content: string
      switch (message.type) {
        case 'text':
          content = fillOrder(scenario, index, order)
          textRows++
          break
        case 'image':
          // Some exports keep the image URL, others leave the cell empty.
          content = images++ % 2 === 0 ? `https://${region.cdn}/file/${rng.alnum(32).toLowerCase()}` : ''
          break
        case 'sticker':
          content = JSON.stringify({ sticker_id: String(rng.int(1, 60)), sticker_package_id: String(rng.int(1001, 1012)) })
          break
        case 'order':
          content = JSON.stringify({ order_sn: order, shop_id: shop.shop_id })
          break
        default:
          content = JSON.stringify({ item_id: Number(itemId), shop_id: shop.shop_id })
      }
      if (message.role === 'buyer' && message.type === 'text') {
        const lang = buyerLanguage(scenario, index)
        entry.buyer_messages.push({ message_id: id, lang })
        languages.add(lang)
      }
      messages.push([
        conversation, id, String(shop.shop_id), scenario.market, order,
        fromSeller ? String(shop.shop_id) : buyerId, fromSeller ? shop.name : scenario.buyer,
        fromSeller ? buyerId : String(shop.shop_id), fromSeller ? scenario.buyer : shop.name,
        message.type, content, String(Math.floor(times[index]! / 1000))
      ])
    })
    expected.push(entry)
    if (scenario.order) addOrderRows(file, scenario, order, region, orders)
  }
  return {
    files: [
      { name: 'shopee.csv', content: stringify(messages, { header: true, columns: MESSAGE_COLUMNS }) },
      { name: 'shopee-orders.csv', content: stringify(orders, { header: true, columns: ORDER_COLUMNS }) }
    ],
    expected,
    rows: messages.length,
    textRows,
    languages
  }
}

/** Seller Centre masks the receiver's name: first and last character kept. */
function masked(name: string): string {
  const chars = [...name]
  return chars.length <= 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

function addOrderRows(file: ScenarioFile, scenario: Scenario, order: string, region: Region, orders: string[][]): void {
  const info = scenario.order!
  const rng = rngFor(`${scenario.id}/report`)
  const times = orderTimes(file, scenario)
  const purchased = times.purchased
  const shipped = times.shipped === undefined ? '' : minuteTime(times.shipped, region.zone)
  const completed = info.state === 'delivered' ? minuteTime(times.delivered!, region.zone) : ''
  const tracking = info.shipped === undefined ? '' : `SPX${region.country}0${rng.digits(11)}`
  const total = info.items.reduce((sum, item) => sum + item.price * item.qty, 0)
  const province = rng.pick(region.provinces)
  for (const item of info.items) {
    const original = item.price * 1.25
    orders.push([
      order, STATUS[info.state]!, info.return?.status ?? '', tracking, completed, region.shipping, shipped, minuteTime(purchased, region.zone),
      minuteTime(purchased + 90_000, region.zone), item.name, '', money(original, region.decimals), money(item.price, region.decimals),
      String(item.qty), money(item.price * item.qty, region.decimals), money(total, region.decimals), scenario.buyer, masked(scenario.buyer), province,
      region.country, ''
    ])
  }
}
