// A seeded, realistic synthetic Amazon-shaped export for benchmarks: many languages, lengths
// from a word to a paragraph, conversations of 1–12 messages with seller replies, and fields
// holding commas, quotes and newlines.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const BUYER: Record<string, string[]> = {
  en: ['where is my order', 'hi, any update on the tracking?', 'it says delivered but i never got it', 'the box arrived damaged and the lid is cracked', 'can i return it, it is too small', 'thank you so much!', 'I want a refund, this is the second time I ask', 'do you have this in blue, size M?', 'will it ship before friday? need it for a birthday', 'if I do not hear back I will open an A-to-z claim'],
  de: ['Wo bleibt meine Bestellung?', 'Das Paket ist leider beschädigt angekommen.', 'Ich möchte den Artikel zurücksenden, bitte um Rücksendeetikett.', 'Vielen Dank, alles angekommen!', 'Können Sie mir eine Rechnung mit MwSt schicken?', 'Leider funktioniert das Gerät nicht mehr.'],
  fr: ["Bonjour, je n'ai toujours pas reçu mon colis.", 'Je voudrais être remboursé svp', "L'article ne correspond pas à la description.", 'Merci beaucoup, très satisfait !', 'Est-ce disponible en noir ?'],
  es: ['Hola, mi pedido no ha llegado todavía', 'quiero devolver el producto, no me queda', 'Gracias, todo perfecto', '¿Tienen factura?', 'llegó roto, quiero mi reembolso'],
  it: ['Il pacco non è ancora arrivato', 'Vorrei fare il reso', 'Grazie mille!', 'Mi serve la fattura per favore'],
  pt: ['cadê meu pedido??', 'o produto veio com defeito', 'quero o reembolso', 'obrigado, chegou certinho'],
  zh: ['亲，我的快递到哪了？', '收到的东西坏了，要退货退款', '谢谢，质量很好', '请问有没有红色的？', '再不处理我就给差评'],
  ja: ['注文した商品がまだ届きません。', '商品が破損していました。返品したいです。', 'ありがとうございました！', '領収書を発行してください。'],
  th: ['ยังไม่ได้รับของเลยค่ะ', 'ของแตกมาค่ะ ขอคืนเงิน', 'ขอบคุณมากครับ', 'มีไซส์ L ไหมคะ', 'ส่งของยังคะ'],
  vi: ['shop ơi khi nào giao hàng vậy', 'hàng bị lỗi, mình muốn đổi trả', 'cảm ơn shop nhiều', 'chưa nhận được hàng'],
  id: ['kak barang saya belum sampai', 'barangnya rusak, mau retur', 'makasih kak, udah sampai', 'kapan dikirim min?'],
  ms: ['brg x sampai lagi', 'nak return boleh?', 'tq seller, dah terima', 'bila nak pos?'],
  tl: ['wala pa po yung order ko', 'sira po yung item, pa-refund po', 'salamat po!', 'kelan po darating?'],
  ko: ['주문한 상품이 아직 안 왔어요', '감사합니다'],
  nl: ['Mijn bestelling is nog niet aangekomen', 'Bedankt!'],
  pl: ['Moja paczka jeszcze nie dotarła', 'Dziękuję!'],
  tr: ['Siparişim hâlâ gelmedi', 'Teşekkürler'],
  ar: ['لم يصل طلبي بعد', 'شكرا جزيلا']
}

const SELLER = [
  'Thank you for your message. Your parcel is on its way, tracking: 1Z999AA10123456784.',
  'We are sorry to hear that. Could you send us a photo of the item and the packaging, please?',
  'Hello, we have issued a full refund. It should reach your account within 3–5 business days.',
  'Danke für Ihre Nachricht, wir kümmern uns darum.',
  'ได้เลยค่ะ ทางร้านจะจัดส่งให้วันนี้นะคะ',
  '亲，已经为您安排补发了，请注意查收。',
  'Claro, te enviamos la etiqueta de devolución por correo.'
]

const MARKETS = ['amazon.com', 'amazon.de', 'amazon.fr', 'amazon.es', 'amazon.it', 'amazon.co.jp', 'amazon.com.br', 'amazon.sg']
const LANGS = Object.keys(BUYER)
const HEADER = 'Message ID,Thread ID,Order ID,Marketplace,Sender Role,Sender Name,Subject,Body,Date\n'

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function digits(rand: () => number, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += Math.floor(rand() * 10)
  return out
}

/** Writes `rows` messages to `file`; returns the byte count. */
export async function writeSyntheticExport(file: string, rows: number, seed = 20261124): Promise<number> {
  const rand = random(seed)
  const out = createWriteStream(file)
  let bytes = 0
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text)
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(HEADER)
  let written = 0
  let thread = 0
  let time = Date.UTC(2026, 9, 1)
  // A month of messages, whatever the size: the span of a real monthly export.
  const meanStep = (30 * 24 * 3_600_000) / rows
  while (written < rows) {
    thread++
    const lang = LANGS[Math.floor(rand() * rand() * LANGS.length)]!
    const phrases = BUYER[lang]!
    const length = 1 + Math.floor(rand() * rand() * 12)
    const order = `${digits(rand, 3)}-${digits(rand, 7)}-${digits(rand, 7)}`
    const market = MARKETS[Math.floor(rand() * MARKETS.length)]!
    const buyerName = `Buyer ${thread % 9973}`
    // Thread ids as long as an Amazon order number (19 characters), not a few digits: an id of 13
    // characters or more is a slice of the chunk it was read from, which stays in memory as long
    // as anything holds the id, so short ids hid what long ones cost.
    const threadId = `7${String(thread * 7919).padStart(18, '0')}`
    for (let i = 0; i < length && written < rows; i++) {
      const fromBuyer = i % 2 === 0 || rand() < 0.3
      let body: string
      if (fromBuyer) {
        const parts = 1 + Math.floor(rand() * rand() * 4)
        const chosen: string[] = []
        for (let p = 0; p < parts; p++) chosen.push(phrases[Math.floor(rand() * phrases.length)]!)
        body = chosen.join(rand() < 0.3 ? '\n' : ' ')
        if (rand() < 0.2) body += ` (order ${order})`
        if (rand() < 0.1) body = `"${body}", she said, again.`
      } else {
        body = SELLER[Math.floor(rand() * SELLER.length)]!
      }
      time += Math.floor(rand() * 2 * meanStep)
      const subject = `${i === 0 ? '' : 'RE: '}Order inquiry from Amazon customer ${buyerName} (Order: ${order})`
      const row = [
        `${threadId}-${i}`,
        threadId,
        order,
        market,
        fromBuyer ? 'Buyer' : 'Seller',
        fromBuyer ? buyerName : 'Shop',
        subject,
        body,
        new Date(time).toISOString()
      ]
      await write(`${row.map(csvCell).join(',')}\n`)
      written++
    }
  }
  out.end()
  await once(out, 'finish')
  return bytes
}
