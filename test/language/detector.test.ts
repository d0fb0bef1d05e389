import { createLanguageDetector, describeLanguageDecision, type DetectHints } from '../../src/language/index.js'
import { UsageError } from '../../src/errors.js'

const detector = createLanguageDetector()

interface Case {
  text: string
  hints?: DetectHints
  lang: string
  method?: string
  script?: string
}

function check(cases: Case[], languages?: string[]): void {
  const d = languages ? createLanguageDetector({ languages }) : detector
  test.each(cases)('$text → $lang', ({ text, hints, lang, method, script }) => {
    const decision = d.detect(text, hints)
    expect(decision.lang).toBe(lang)
    if (method) expect(decision.method).toBe(method)
    if (script) expect(decision.script).toBe(script)
    expect(decision.confidence).toBeGreaterThanOrEqual(0)
    expect(decision.confidence).toBeLessThanOrEqual(1)
  })
}

describe('Unicode script decides non-Latin scripts', () => {
  check([
    { text: 'มีไซส์ L ไหม', lang: 'th', method: 'script', script: 'Thai' },
    { text: 'ยังไม่ได้รับของเลยค่ะ', lang: 'th', method: 'script' },
    { text: '这个多少钱', lang: 'zh', method: 'script', script: 'Hans' },
    { text: '這個多少錢', lang: 'zh', method: 'script', script: 'Hant' },
    { text: '我的订单什么时候发货', lang: 'zh', script: 'Hans' },
    { text: '注文した商品がまだ届きません', lang: 'ja', method: 'script', script: 'Jpan' },
    { text: 'サイズ', lang: 'ja', script: 'Jpan' },
    // Kanji only, but with Japanese-only forms (駅, 売): Japanese, not Chinese.
    { text: '駅前売店', lang: 'ja', script: 'Jpan' },
    { text: '배송 언제 되나요?', lang: 'ko', method: 'script', script: 'Kore' },
    { text: 'وين طلبي؟', lang: 'ar', method: 'script', script: 'Arab' },
    { text: 'iPhone 15 ของแท้ไหมคะ', lang: 'th' },
    // A script none of the languages uses: undetermined, and the script says why.
    { text: 'Где мой заказ?', lang: 'und', method: 'script', script: 'Cyrl' }
  ])
})

describe('short Latin-script buyer messages', () => {
  check([
    { text: 'where is my order', lang: 'en' },
    { text: 'gracias', lang: 'es' },
    { text: 'no llego mi pedido', lang: 'es' },
    { text: 'wo ist meine Bestellung', lang: 'de' },
    { text: 'bonjour, toujours pas reçu le colis', lang: 'fr' },
    { text: 'grazie mille', lang: 'it' },
    { text: 'ainda não chegou', lang: 'pt' },
    { text: 'khong nhan duoc hang', lang: 'vi' },
    { text: 'chưa nhận được hàng ạ', lang: 'vi' },
    { text: 'pesanan saya belum sampai kak', lang: 'id' },
    { text: 'barang tak sampai lagi', lang: 'ms' },
    { text: 'warna hitam size M ada lagi ke sis', lang: 'ms' },
    { text: 'boleh pos hari ni ke?', lang: 'ms' },
    { text: 'tolong kirim ke alamat baru ya kak', lang: 'id' },
    { text: 'bedankt voor de snelle levering', lang: 'nl' },
    { text: 'dziękuję, paczka doszła', lang: 'pl' },
    { text: 'siparişim hala gelmedi', lang: 'tr' },
    { text: 'salamat po', lang: 'tl' },
    { text: 'WHERE IS MY ORDERRRR???', lang: 'en' },
    // Elongations are read as the word they stretch.
    { text: 'thanksss', lang: 'en', method: 'lexicon' },
    { text: 'graciasss', lang: 'es' },
    { text: 'Order #112-7366207-0755439 🙏🙏 gracias', lang: 'es' },
    // Accents dropped still read as the accented word…
    { text: 'nao chegou', lang: 'pt' },
    { text: 'commande annulee', lang: 'fr' },
    // …but a word spelled exactly so in one language is likelier there (French "considération"),
    { text: 'consideration', lang: 'en' },
    // and accents are dropped for a whole message, paid for once ("cảm ơn", English "on").
    { text: 'cam on', lang: 'vi' }
  ])
})

describe('words no list holds are read by their letters', () => {
  check([
    { text: 'trabajaríamos', lang: 'es', method: 'franc' },
    { text: 'Lieferbedingungen', lang: 'de' },
    { text: 'uitverkochte', lang: 'nl' },
    { text: 'rimborsabile', lang: 'it' },
    { text: 'zamówieniami', lang: 'pl' },
    { text: 'kargolanmamış', lang: 'tr' },
    // A rare word of rare letters is still a word ("rojizo" lists nowhere, its letters are Spanish).
    { text: 'vestido rojizo', lang: 'es' }
  ])
})

describe('an unlisted word made of two listed words counts for their language', () => {
  check([
    // Letters alone lean Italian or Dutch; the parts are German words.
    { text: 'musikvideo', lang: 'de' },
    { text: 'paketdienst', lang: 'de' },
    { text: 'sommerkleid', lang: 'de' },
    { text: 'schoenmaat', lang: 'nl' }
  ])
})

describe('Indonesian unless Malay spelling or words say otherwise', () => {
  check([
    // Nothing tells the two apart: Indonesian, the larger written language…
    { text: 'Mereka sudah menunggu di depan rumah sejak pagi', lang: 'id' },
    { text: 'barang belum sampai', lang: 'id' },
    // …unless the marketplace is Malaysian.
    { text: 'barang belum sampai', hints: { marketplace: 'Shopee MY' }, lang: 'ms' },
    // Standard spellings and words that differ.
    { text: 'Dia tidak mahu pergi kerana hujan', lang: 'ms' },
    { text: 'Dia tidak mau pergi karena hujan', lang: 'id' },
    { text: 'Penyelidikan ini mendapati perbezaan yang ketara', lang: 'ms' },
    { text: 'Penelitian ini menemukan perbedaan yang signifikan', lang: 'id' },
    { text: 'Kerajaan akan mengumumkan keputusan itu selepas mesyuarat', lang: 'ms' },
    // Loanwords and everyday words the two took differently (ms akaun / id akun, bateri / baterai,
    // pesakit / pasien, kemalangan / kecelakaan, sokongan / dukungan).
    { text: 'duit refund belum masuk akaun saya', lang: 'ms' },
    { text: 'dana refund belum masuk akun saya', lang: 'id' },
    { text: 'bateri cepat habis', lang: 'ms' },
    { text: 'baterai cepat habis', lang: 'id' },
    { text: 'pesakit itu dibawa ke hospital selepas kemalangan', lang: 'ms' },
    { text: 'pasien itu dibawa ke rumah sakit setelah kecelakaan', lang: 'id' },
    { text: 'terima kasih atas sokongan anda', lang: 'ms' },
    { text: 'terima kasih atas dukungan anda', lang: 'id' },
    // A marker of the other side in a common Indonesian word does not flip it.
    { text: 'Pasukan itu tidak memberikan perlawanan', lang: 'id' },
    // Everyday words outside the shop: units, school, health, the home.
    { text: 'tetapkan pemasa 10 minit', lang: 'ms' },
    { text: 'pasang timer 10 menit', lang: 'id' },
    { text: 'tekak sakit dan selsema, patut buat apa', lang: 'ms' },
    { text: 'tenggorokan sakit dan pilek, harus bagaimana', lang: 'id' },
    { text: 'tolong jawab soalan matematik darjah 5', lang: 'ms' },
    { text: 'tolong jawab pertanyaan matematika kelas 5', lang: 'id' }
  ])
})

describe('mixed with English, the markers of the other language decide', () => {
  check([
    { text: 'pls po', lang: 'tl', method: 'lexicon' },
    { text: 'ok po', lang: 'tl' },
    { text: 'can i cancel my order po', lang: 'tl' },
    { text: 'brg x sampai lagi', lang: 'ms' },
    { text: 'order dah sampai ke belum', lang: 'ms' },
    { text: 'kak order aku gak nyampe', lang: 'id' },
    // A marker that is also an ordinary English word does not make English text Tagalog.
    { text: 'my dog ate my homework', lang: 'en' },
    // Words every language types are no evidence, whatever list claims them.
    { text: 'do you have a physical shop in Manila?', lang: 'en' },
    // Words that tell Indonesian from Malay, but that English uses too, do not make English
    // text Indonesian or Malay; "com" and "hang" are no chat markers of Portuguese or Vietnamese.
    { text: 'the film on the screen protector is scratched', lang: 'en' },
    { text: 'I was in hospital so could not reply, where is my parcel', lang: 'en' },
    { text: 'my mac arrived broken', lang: 'en' },
    { text: 'do you ship to malaysia?', lang: 'en' },
    { text: 'ordered on amazon.com but not received', lang: 'en' },
    { text: 'please hang on, I will pay tomorrow', lang: 'en' },
    // Those that English does not use still do.
    { text: 'can send today boleh?', lang: 'ms' },
    { text: 'dah sampai, tq', lang: 'ms' }
  ])
})

describe('priors break ties and never override evidence', () => {
  check([
    // Nothing to judge: the conversation decides.
    { text: '👍', hints: { conversationLang: 'de' }, lang: 'de', method: 'conversation' },
    { text: '12345', hints: { conversationLang: 'th' }, lang: 'th', method: 'conversation' },
    { text: 'ok', hints: { conversationLang: 'th' }, lang: 'th', method: 'conversation' },
    { text: '👍', lang: 'und', method: 'none' },
    // Words typed in every language tell nothing on their own.
    { text: 'ok', lang: 'und', method: 'none' },
    { text: 'haha ok 👍', hints: { conversationLang: 'vi' }, lang: 'vi', method: 'conversation' },
    { text: 'ok po', hints: { conversationLang: 'en' }, lang: 'tl' },
    { text: '', lang: 'und', method: 'none' },
    // Strong evidence wins over both priors.
    { text: 'where is my order, it has not arrived yet', hints: { marketplace: 'amazon.de', conversationLang: 'de' }, lang: 'en' },
    { text: 'terima kasih banyak', hints: { marketplace: 'MY' }, lang: 'ms' },
    { text: 'terima kasih banyak', hints: { marketplace: 'ID' }, lang: 'id' },
    { text: '주문', hints: { marketplace: 'amazon.de' }, lang: 'ko' },
    // Kanji shared by Chinese and Japanese: the marketplace or the conversation tips it.
    { text: '注文', lang: 'zh', method: 'script' },
    { text: '注文', hints: { marketplace: 'amazon.co.jp' }, lang: 'ja', method: 'prior' },
    { text: '注文', hints: { conversationLang: 'ja' }, lang: 'ja', method: 'conversation' },
    { text: '这个', hints: { marketplace: 'amazon.co.jp' }, lang: 'zh', method: 'script' },
    // Letters no layer knows: the marketplace is all there is.
    { text: 'qxvbw', hints: { marketplace: 'amazon.fr' }, lang: 'fr', method: 'prior' }
  ])
})

describe('the allow-list', () => {
  check(
    [
      { text: 'gracias', lang: 'es' },
      { text: 'obrigado pela ajuda', lang: 'es' },
      { text: 'ありがとう', lang: 'und', method: 'script' }
    ],
    ['en', 'es']
  )

  test.each([
    { languages: ['xx'], message: /Unknown language "xx"/ },
    { languages: [], message: /empty/ }
  ])('$languages is refused with a usage error', ({ languages, message }) => {
    expect(() => createLanguageDetector({ languages })).toThrow(UsageError)
    expect(() => createLanguageDetector({ languages })).toThrow(message)
  })

  test('fil is read as tl', () => {
    expect(createLanguageDetector({ languages: ['en', 'fil'] }).detect('salamat po').lang).toBe('tl')
  })
})

describe('messy input', () => {
  test('decomposed accents read the same as composed ones', () => {
    const composed = detector.detect('não chegou')
    const decomposed = detector.detect('não chegou'.normalize('NFD'))
    expect(decomposed.lang).toBe(composed.lang)
    expect(decomposed.confidence).toBe(composed.confidence)
  })

  test('an upper-case Turkish İ does not stop the reading', () => {
    expect(detector.detect('İADE İSTİYORUM, ÜRÜN BOZUK GELDİ').lang).toBe('tr')
  })

  test('a very long message is read from its start only, and still decided', () => {
    const decision = detector.detect('Hallo, wo ist meine Bestellung? '.repeat(2000))
    expect(decision.lang).toBe('de')
  })

  test('candidates are the runners-up, best first, without the winner', () => {
    const decision = detector.detect('terima kasih')
    const scores = (decision.candidates ?? []).map((c) => c.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect((decision.candidates ?? []).map((c) => c.lang)).not.toContain(decision.lang)
    expect(decision.candidates!.length).toBeLessThanOrEqual(3)
  })
})

test('describeLanguageDecision names the layer that decided', () => {
  expect(describeLanguageDecision({ lang: 'tl', method: 'lexicon', confidence: 0.71, candidates: [{ lang: 'en', score: 0.2 }] })).toBe(
    'tl by lexicon, confidence 0.71; then en 0.20'
  )
  expect(describeLanguageDecision({ lang: 'zh', method: 'script', confidence: 0.99, script: 'Hant' })).toBe(
    'zh by script, script Hant, confidence 0.99'
  )
})
