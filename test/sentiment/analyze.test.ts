import fc from 'fast-check'
import { analyzeSentiment, loadLexicons, type Lexicons } from '../../src/sentiment/index.js'
import { tempDir } from '../helpers/folder.js'

let lexicons: Lexicons

beforeAll(async () => {
  lexicons = await loadLexicons()
})

function modifiersOf(text: string, lang: string, term: string, tables: Lexicons = lexicons): string[] {
  const hit = analyzeSentiment(tables, text, lang).hits.find((h) => h.term === term)
  if (!hit) throw new Error(`no hit for "${term}" in "${text}"`)
  return hit.modifiers ?? []
}

describe('labels of buyer messages', () => {
  const cases: Array<{ text: string; lang: string; label: 'positive' | 'neutral' | 'negative' }> = [
    { text: 'where is my order', lang: 'en', label: 'neutral' },
    { text: 'Please cancel my order, I ordered the wrong size.', lang: 'en', label: 'neutral' },
    { text: 'still not here after 3 weeks!!!', lang: 'en', label: 'negative' },
    { text: 'thanks so much, love it', lang: 'en', label: 'positive' },
    { text: 'it is not bad at all', lang: 'en', label: 'positive' },
    { text: 'dont like it', lang: 'en', label: 'negative' },
    { text: '¿dónde está mi pedido?', lang: 'es', label: 'neutral' },
    { text: 'es una estafa, nunca más', lang: 'es', label: 'negative' },
    { text: 'nicht zufrieden', lang: 'de', label: 'negative' },
    { text: "c'est une arnaque", lang: 'fr', label: 'negative' },
    { text: 'chegou rápido, amei', lang: 'pt', label: 'positive' },
    { text: '我不满意', lang: 'zh', label: 'negative' },
    { text: '不错，很喜欢', lang: 'zh', label: 'positive' },
    { text: '届かない', lang: 'ja', label: 'negative' },
    { text: '全然届かない', lang: 'ja', label: 'negative' },
    { text: 'まったく満足できません', lang: 'ja', label: 'negative' },
    { text: '质量不太好', lang: 'zh', label: 'negative' },
    { text: 'ร้านโกง', lang: 'th', label: 'negative' },
    { text: 'อยากได้สีแดงค่ะ', lang: 'th', label: 'neutral' },
    { text: 'shop lừa đảo', lang: 'vi', label: 'negative' },
    { text: 'shop lua dao', lang: 'vi', label: 'negative' },
    { text: 'barang tidak bagus', lang: 'id', label: 'negative' },
    { text: 'kurang bagus', lang: 'id', label: 'negative' },
    { text: 'barang rosak, kecewa', lang: 'ms', label: 'negative' },
    { text: '😡😡', lang: 'nl', label: 'negative' },
    { text: 'great thanks', lang: 'und', label: 'positive' },
    // Complaints stated as facts, and the questions and courtesies that share their words.
    { text: 'Das Ladegerät funktioniert seit gestern nicht mehr', lang: 'de', label: 'negative' },
    { text: 'Funktioniert das Ladegerät auch mit dem iPad?', lang: 'de', label: 'neutral' },
    { text: 'Falls es nicht funktioniert, kann ich es zurückschicken?', lang: 'de', label: 'neutral' },
    { text: 'Ich habe keine Rechnung erhalten', lang: 'de', label: 'neutral' },
    { text: 'hervorragende Qualität', lang: 'de', label: 'positive' },
    { text: 'ça marche pas', lang: 'fr', label: 'negative' },
    { text: 'Est-ce que ça marche avec un iPhone ?', lang: 'fr', label: 'neutral' },
    { text: "Je n'ai pas reçu la facture", lang: 'fr', label: 'neutral' },
    { text: 'très déçue', lang: 'fr', label: 'negative' },
    { text: 'E se non funziona?', lang: 'it', label: 'neutral' },
    { text: '物流五天没更新', lang: 'zh', label: 'negative' },
    { text: '是不是发货了？', lang: 'zh', label: 'neutral' },
    { text: 'sạc không vào điện', lang: 'vi', label: 'negative' },
    { text: 'chat belum dibalas', lang: 'id', label: 'negative' },
    { text: 'kalau barangnya rusak bisa retur?', lang: 'id', label: 'neutral' },
    { text: 'blender tak berfungsi', lang: 'ms', label: 'negative' }
  ]
  test.each(cases)('$lang: $text → $label', ({ text, lang, label }) => {
    expect(analyzeSentiment(lexicons, text, lang).label).toBe(label)
  })
})

describe('VADER heuristics', () => {
  test.each([
    { why: 'a negator flips a word within three words', text: 'it was not really good', lang: 'en', term: 'good', modifier: 'negated by "not"' },
    { why: 'a contraction negates', text: "I don't love it", lang: 'en', term: 'love it', modifier: `negated by "don't"` },
    { why: 'an intensifier strengthens', text: 'very good', lang: 'en', term: 'good', modifier: 'intensified by "very"' },
    { why: 'a dampener weakens', text: 'slightly disappointed', lang: 'en', term: 'disappointed', modifier: 'dampened by "slightly"' },
    { why: 'capitals in mixed-case text emphasise', text: 'the seller was RUDE to me', lang: 'en', term: 'rude', modifier: 'capitals' },
    { why: 'elongated letters emphasise', text: 'sooo gooood', lang: 'en', term: 'good', modifier: 'elongated' },
    { why: 'the clause after "but" weighs more', text: 'nice box but the strap is broken', lang: 'en', term: 'is broken', modifier: 'after "but"' },
    { why: 'the clause before "but" weighs less', text: 'nice box but the strap is broken', lang: 'en', term: 'nice', modifier: 'before "but"' },
    { why: 'Thai intensifier after the word, without spaces', text: 'สวยมากกก', lang: 'th', term: 'สวยมาก', modifier: 'elongated' },
    { why: 'Thai negation without spaces', text: 'ไม่สวย', lang: 'th', term: 'สวย', modifier: 'negated by "ไม่"' },
    { why: 'Thai intensifier following the word', text: 'ไม่ชอบมาก', lang: 'th', term: 'ไม่ชอบ', modifier: 'intensified by "มาก"' },
    { why: 'Chinese negator before the word', text: '并不满意', lang: 'zh', term: '满意', modifier: 'negated by "并不"' },
    { why: 'Japanese negator after the word', text: '満足ではない', lang: 'ja', term: '満足', modifier: 'negated by "ではない"' }
  ])('$why', ({ text, lang, term, modifier }) => {
    expect(modifiersOf(text, lang, term)).toContain(modifier)
  })

  test('negation does not cross a sentence end', () => {
    expect(modifiersOf('I did not order this. Great seller though', 'en', 'great seller')).toEqual([])
  })

  test('exclamation marks push the score further from zero', () => {
    const plain = analyzeSentiment(lexicons, 'this is a scam', 'en').score
    const shouted = analyzeSentiment(lexicons, 'this is a scam!!!', 'en').score
    expect(shouted).toBeLessThan(plain)
  })

  test('a word inside a longer word does not match', () => {
    expect(analyzeSentiment(lexicons, 'the scampi arrived', 'en').hits).toEqual([])
    // ครับ (polite particle) holds รับ; อยาก (want) holds ยาก (hard).
    expect(analyzeSentiment(lexicons, 'อยากได้ครับ', 'th').hits.map((h) => h.term)).not.toContain('ยาก')
  })

  test('scores stay in [-1, 1]', () => {
    const worst = analyzeSentiment(lexicons, 'SCAM SCAM SCAM worst seller ever, fraud, fake!!!!!! 😡😡😡😡', 'en').score
    expect(worst).toBeGreaterThanOrEqual(-1)
    expect(worst).toBeLessThan(-0.9)
  })
})

describe('expected events, stems, inflections and phrases', () => {
  // A small lexicon, so each case shows one mechanism and nothing else.
  let small: Lexicons
  beforeAll(async () => {
    const dir = tempDir({
      'xx.yaml': [
        'language: xx',
        'negators: [nicht, kein]',
        'negators_after: [nicht]',
        'intensifiers:',
        '  sehr: 0.293',
        'inflections: [e, en]',
        'service:',
        '  "beschädig*": -2',
        '  "rat*": -1',
        '  "*schaden": -2',
        '  ratgeber: 1',
        '  schlecht: -2',
        '  gut: 2',
        'expected:',
        '  funktioniert: -2.2',
        ''
      ].join('\n')
    })
    small = await loadLexicons(dir)
  })

  test.each([
    { why: 'an expected event that happens is no news', text: 'es funktioniert', hits: [] },
    { why: 'its absence scores, negator before', text: 'nicht funktioniert', hits: [['funktioniert', -2.2, 'expected, negated by "nicht"']] },
    { why: 'its absence scores, negator after', text: 'funktioniert seit gestern nicht', hits: [['funktioniert', -2.2, 'expected, negated by "nicht"']] },
    { why: 'a negator after negates the word that follows it first', text: 'funktioniert nicht schlecht', hits: [['schlecht', 1.48, 'negated by "nicht"']] },
    { why: 'and past an intensifier, once', text: 'funktioniert nicht sehr gut', hits: [['gut', -1.697, 'intensified by "sehr"', 'negated by "nicht"']] },
    { why: 'a comma ends a negator’s reach', text: 'nicht heute, schlecht', hits: [['schlecht', -2]] },
    { why: 'a stem matches longer words', text: 'kam beschädigte an', hits: [['beschädig*', -2]] },
    { why: 'a whole entry wins over a stem', text: 'ratgeber', hits: [['ratgeber', 1]] },
    { why: 'a listed ending inflects an entry', text: 'gute ware', hits: [['gut', 2]] },
    { why: 'an ending that is not listed does not', text: 'gutachten', hits: [] },
    { why: 'a compound head matches the end of a longer word', text: 'ein transportschaden', hits: [['*schaden', -2]] },
    { why: 'a head does not match the start of a word', text: 'schadenfreude', hits: [] },
    { why: 'every word counts in a negator’s reach by default', text: 'nicht a b c gut', hits: [['gut', 2]] }
  ])('$why: $text', ({ text, hits }) => {
    const result = analyzeSentiment(small, text, 'xx')
    expect(result.hits.map((h) => [h.term, h.valence, ...(h.modifiers ?? [])])).toEqual(hits)
  })

  test('uncounted words do not count in a negator’s reach', async () => {
    const dir = tempDir({ 'xx.yaml': ['language: xx', 'negators: [nicht]', 'uncounted: [a, b]', 'service:', '  gut: 2', ''].join('\n') })
    const skipping = await loadLexicons(dir)
    expect(modifiersOf('nicht a b c gut', 'xx', 'gut', skipping)).toEqual(['negated by "nicht"'])
    expect(modifiersOf('nicht c d e gut', 'xx', 'gut', skipping)).toEqual([])
  })

  test('a stem, an inflected entry or a compound head points at the whole word', () => {
    expect(analyzeSentiment(small, 'kam beschädigte an', 'xx').hits[0]!.span!.text).toBe('beschädigte')
    expect(analyzeSentiment(small, 'gute ware', 'xx').hits[0]!.span!.text).toBe('gute')
    expect(analyzeSentiment(small, 'ein Transportschaden', 'xx').hits[0]!.span!.text).toBe('Transportschaden')
  })
})

describe('hits point at the buyer’s words', () => {
  test.each([
    { text: 'Hi! The item ARRIVED BROKEN :(', lang: 'en', spans: ['ARRIVED BROKEN', ':('] },
    { text: 'Thanks 😍👍', lang: 'en', spans: ['Thanks', '😍', '👍'] },
    { text: 'l’écran est cassé', lang: 'fr', spans: ['cassé'] },
    { text: '包裹还没到，太失望了', lang: 'zh', spans: ['还没到', '太失望'] },
    { text: 'ﷺ㍿ scam', lang: 'en', spans: ['scam'] }
  ])('$text', ({ text, lang, spans }) => {
    const result = analyzeSentiment(lexicons, text, lang)
    expect(result.hits.map((h) => h.span?.text)).toEqual(spans)
    for (const hit of result.hits) expect(text.slice(hit.span!.start, hit.span!.end)).toBe(hit.span!.text)
  })
})

describe('urgency', () => {
  const cases: Array<{ text: string; lang: string; urgent: boolean; reason?: string }> = [
    { text: 'please send it asap', lang: 'en', urgent: true, reason: 'urgent: "asap"' },
    { text: 'I need it by Friday', lang: 'en', urgent: true, reason: 'urgent: "need it by"' },
    { text: 'can you deliver by Friday?', lang: 'en', urgent: true, reason: 'deadline: "by Friday"' },
    { text: 'can it arrive before the 25th?', lang: 'en', urgent: true, reason: 'deadline: "before the 25th"' },
    { text: 'where is my parcel???', lang: 'en', urgent: true, reason: 'repeated "???"' },
    { text: 'answer me!!!', lang: 'en', urgent: true, reason: 'repeated "!!!"' },
    { text: 'sent by DHL on Monday', lang: 'en', urgent: false },
    { text: 'where is my parcel?', lang: 'en', urgent: false },
    { text: 'lo necesito para el viernes', lang: 'es', urgent: true },
    { text: '周五前要到，急用', lang: 'zh', urgent: true, reason: 'deadline: "周五前"' },
    { text: '金曜日までに届けてください', lang: 'ja', urgent: true, reason: 'deadline: "金曜日までに"' },
    { text: 'ขอด่วนค่ะ', lang: 'th', urgent: true },
    { text: 'cần gấp shop ơi', lang: 'vi', urgent: true },
    { text: 'tolong kirim secepatnya', lang: 'id', urgent: true }
  ]
  test.each(cases)('$lang: $text', ({ text, lang, urgent, reason }) => {
    const result = analyzeSentiment(lexicons, text, lang)
    expect(result.urgent).toBe(urgent)
    if (reason) expect(result.urgencyReasons).toContain(reason)
    if (!urgent) expect(result.urgencyReasons).toBeUndefined()
  })
})

describe('any text', () => {
  const languages = ['en', 'es', 'de', 'fr', 'it', 'pt', 'zh', 'ja', 'th', 'vi', 'id', 'ms', 'und', 'ko']
  test('gives a score in [-1, 1] and spans that point into the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom(...languages), (text, lang) => {
        const result = analyzeSentiment(lexicons, text, lang)
        expect(result.score).toBeGreaterThanOrEqual(-1)
        expect(result.score).toBeLessThanOrEqual(1)
        for (const hit of result.hits) expect(text.slice(hit.span!.start, hit.span!.end)).toBe(hit.span!.text)
      }),
      { numRuns: 500 }
    )
  })

  test('an empty message is neutral and not urgent', () => {
    expect(analyzeSentiment(lexicons, '', 'en')).toEqual({ score: 0, label: 'neutral', urgent: false, hits: [] })
  })
})

describe('buyer complaints and courtesies (issue #5 patterns)', () => {
  const cases: Array<{ why: string; text: string; lang: string; label: 'positive' | 'neutral' | 'negative' }> = [
    { why: 'a charge after cancelling is a complaint', text: 'I cancelled last week and still got charged', lang: 'en', label: 'negative' },
    { why: 'a leak is a complaint', text: 'the bottle leaks everywhere', lang: 'en', label: 'negative' },
    { why: 'an opened parcel is a complaint', text: 'it arrived opened and the charger was missing', lang: 'en', label: 'negative' },
    { why: 'a copy-paste answer is a complaint', text: 'you sent me a copy-paste reply again', lang: 'en', label: 'negative' },
    { why: 'Spanish: charged anyway', text: 'cancelé y aun así me cobraron', lang: 'es', label: 'negative' },
    { why: 'German: does not close', text: 'Der Deckel schließt nicht', lang: 'de', label: 'negative' },
    { why: 'French: nobody answers', text: 'personne ne répond depuis une semaine', lang: 'fr', label: 'negative' },
    { why: 'Italian: missing pieces', text: 'mancavano due pezzi', lang: 'it', label: 'negative' },
    { why: 'Portuguese: still no refund', text: 'devolvi e até agora nada do reembolso', lang: 'pt', label: 'negative' },
    { why: 'Dutch: wrong size sent', text: 'verkeerde maat gestuurd', lang: 'nl', label: 'negative' },
    { why: 'Chinese: wrong item sent', text: '发错货了', lang: 'zh', label: 'negative' },
    { why: 'Japanese: leaked', text: '中身が漏れました', lang: 'ja', label: 'negative' },
    { why: 'Thai: still charged', text: 'ยกเลิกแล้วยังโดนตัดเงิน', lang: 'th', label: 'negative' },
    { why: 'Vietnamese: wrong colour delivered', text: 'shop giao sai màu', lang: 'vi', label: 'negative' },
    { why: 'Indonesian: leaking', text: 'botolnya bocor', lang: 'id', label: 'negative' },
    { why: 'Malay: no one replies', text: 'tiada siapa balas mesej', lang: 'ms', label: 'negative' },
    { why: 'a frustrated question', text: 'does customer service even exist here?', lang: 'en', label: 'negative' },
    { why: 'a ??? run in a question with no other cue', text: 'hello, where is my parcel???', lang: 'en', label: 'negative' },
    { why: 'a defect after "but" decides', text: 'cute but the left one has a huge scratch', lang: 'en', label: 'negative' },
    { why: 'a defect after pero decides', text: 'muy bonito pero tiene un rayón', lang: 'es', label: 'negative' },
    { why: 'a defect after แต่ decides', text: 'สวยนะ แต่มีรอยขีดข่วน', lang: 'th', label: 'negative' },
    { why: 'a defect after 就是 decides', text: '挺好看的，就是有划痕', lang: 'zh', label: 'negative' },
    { why: 'thanks for nothing', text: 'thanks for nothing', lang: 'en', label: 'negative' },
    { why: 'merci pour rien', text: 'merci pour rien', lang: 'fr', label: 'negative' },
    { why: 'thanks in advance on a request', text: 'hi, thanks in advance, when will it ship?', lang: 'en', label: 'neutral' },
    { why: 'a plain thanks on a request', text: 'Do you ship to Norway? Thanks!', lang: 'en', label: 'neutral' },
    { why: 'vielen Dank schon mal', text: 'vielen Dank schon mal, wann wird verschickt?', lang: 'de', label: 'neutral' },
    { why: 'merci par avance', text: 'merci par avance pour votre réponse', lang: 'fr', label: 'neutral' },
    { why: '先谢谢了', text: '先谢谢了，什么时候发货？', lang: 'zh', label: 'neutral' },
    { why: 'ขอบคุณล่วงหน้า', text: 'ขอบคุณล่วงหน้าค่ะ', lang: 'th', label: 'neutral' },
    { why: 'cảm ơn trước', text: 'cảm ơn trước nhé shop', lang: 'vi', label: 'neutral' },
    { why: 'makasih sebelumnya', text: 'makasih sebelumnya kak', lang: 'id', label: 'neutral' },
    { why: 'a greeting', text: 'good morning, can I change the address?', lang: 'en', label: 'neutral' },
    { why: 'Boa tarde', text: 'Boa tarde, qual o prazo?', lang: 'pt', label: 'neutral' },
    { why: 'a policy question about broken items', text: "what's your return policy for broken items?", lang: 'en', label: 'neutral' },
    { why: 'a how-to question', text: 'best way to clean the leather?', lang: 'en', label: 'neutral' },
    { why: 'an if-clause', text: 'if it arrives broken how do I return it', lang: 'en', label: 'neutral' },
    { why: 'a kalau-clause', text: 'kalau barang sampai pecah gimana?', lang: 'id', label: 'neutral' },
    { why: 'a review action', text: 'just left a 5 star review', lang: 'en', label: 'positive' },
    { why: 'repetition in praise', text: 'third time ordering, love it', lang: 'en', label: 'positive' },
    { why: 'dritte Mal in praise', text: 'schon das dritte Mal bestellt, immer zufrieden', lang: 'de', label: 'positive' },
    { why: 'negated criticism', text: 'no complaints at all', lang: 'en', label: 'positive' },
    { why: 'keine Beanstandungen', text: 'Keine Beanstandungen', lang: 'de', label: 'positive' },
    { why: 'chả có gì để chê', text: 'chả có gì để chê', lang: 'vi', label: 'positive' },
    { why: 'ไม่มีอะไรให้ติ', text: 'ไม่มีอะไรให้ติ', lang: 'th', label: 'positive' },
    { why: "couldn't be happier", text: "couldn't be happier with it", lang: 'en', label: 'positive' }
  ]
  test.each(cases)('$why: $text → $label', ({ text, lang, label }) => {
    expect(analyzeSentiment(lexicons, text, lang).label).toBe(label)
  })

  test('repetition amplifies a complaint instead of making one', () => {
    const once = analyzeSentiment(lexicons, 'it arrived broken', 'en').score
    const again = analyzeSentiment(lexicons, 'third time it arrived broken', 'en').score
    expect(again).toBeLessThan(once)
    expect(analyzeSentiment(lexicons, 'this is the third time I order here', 'en').label).toBe('neutral')
  })
})

describe('words without mood in shopping talk, and wrong signs', () => {
  const cases: Array<{ text: string; lang: string; label: 'positive' | 'neutral' | 'negative' }> = [
    { text: '¿lo tienen en negro?', lang: 'es', label: 'neutral' },
    { text: '¿qué tal la calidad?', lang: 'es', label: 'neutral' },
    { text: 'quel est le prix ?', lang: 'fr', label: 'neutral' },
    { text: "j'ai un bon d'achat", lang: 'fr', label: 'neutral' },
    { text: 'berapa harga ongkirnya?', lang: 'id', label: 'neutral' },
    { text: 'siap kak, ditunggu', lang: 'id', label: 'neutral' },
    { text: 'bila Pos Laju ambil?', lang: 'ms', label: 'neutral' },
    { text: 'quạt này có mấy tốc độ?', lang: 'vi', label: 'neutral' },
    { text: 'có quà tặng kèm không?', lang: 'vi', label: 'neutral' },
    { text: '品質について質問です', lang: 'ja', label: 'neutral' },
    { text: '小姐姐你好', lang: 'zh', label: 'neutral' },
    { text: 'the box is huge', lang: 'en', label: 'neutral' },
    { text: 'no blisters after a full day', lang: 'en', label: 'neutral' },
    { text: 'das ist echt nervig', lang: 'de', label: 'negative' },
    { text: 'pelayanannya parah', lang: 'id', label: 'negative' },
    { text: '請求額がおかしい', lang: 'ja', label: 'negative' },
    { text: 'sigo esperando mi pedido', lang: 'es', label: 'negative' },
    { text: 'you promised a refund', lang: 'en', label: 'negative' }
  ]
  test.each(cases)('$lang: $text → $label', ({ text, lang, label }) => {
    expect(analyzeSentiment(lexicons, text, lang).label).toBe(label)
  })
})

describe('Thai entries match whole syllables', () => {
  test.each([
    { text: 'ส่งไปสุขุมวิทได้ไหม', inside: 'สุข' },
    { text: 'เดี๋ยวโทรมานะคะ', inside: 'โทรม' },
    { text: 'ส่งที่บ้านได้ไหมคะ', inside: 'บ้า' }
  ])('$inside does not fire inside $text', ({ text, inside }) => {
    const result = analyzeSentiment(lexicons, text, 'th')
    expect(result.hits.map((h) => h.term)).not.toContain(inside)
    expect(result.label).toBe('neutral')
  })
})

describe('Vietnamese typed without tones', () => {
  test.each([
    { text: 'hang dep lam, cam on shop', label: 'positive' },
    { text: 'shop lam an chan qua', label: 'negative' },
    // hỏi (ask) and hôi (smelly) meet on "hoi": no score either way.
    { text: 'cho minh hoi khi nao giao hang', label: 'neutral' },
    // "do" (because) is a word of its own, not dở (bad) without its tone.
    { text: 'do minh dat nham', label: 'neutral' }
  ])('$text → $label', ({ text, label }) => {
    expect(analyzeSentiment(lexicons, text, 'vi').label).toBe(label)
  })

  test('toned text keeps its tones: German umlauts are not dropped either', () => {
    expect(analyzeSentiment(lexicons, 'ob das Paket schon unterwegs ist', 'de').hits).toEqual([])
  })
})

describe('a condition supposes, it does not report', () => {
  const cases: Array<{ text: string; lang: string; label: 'positive' | 'neutral' | 'negative' }> = [
    { text: 'if it arrives broken can I send it back?', lang: 'en', label: 'neutral' },
    { text: 'in case it does not fit, how do returns work?', lang: 'en', label: 'neutral' },
    { text: 'it arrived broken and I am disappointed', lang: 'en', label: 'negative' },
    { text: 'si llega roto, ¿puedo devolverlo?', lang: 'es', label: 'neutral' },
    { text: 'llegó roto, qué decepción', lang: 'es', label: 'negative' },
    { text: 'falls es beschädigt ankommt, bekomme ich Ersatz?', lang: 'de', label: 'neutral' },
    { text: 'se non funziona posso cambiarlo?', lang: 'it', label: 'neutral' },
    { text: '万一坏了可以退吗', lang: 'zh', label: 'neutral' },
    { text: '坏了，很失望', lang: 'zh', label: 'negative' },
    { text: 'หากสินค้าเสียหายเปลี่ยนได้ไหมคะ', lang: 'th', label: 'neutral' },
    { text: 'jika barang rusak bisa tukar?', lang: 'id', label: 'neutral' },
    { text: 'nếu bị hỏng thì bảo hành thế nào', lang: 'vi', label: 'neutral' }
  ]
  test.each(cases)('$lang: $text → $label', ({ text, lang, label }) => {
    expect(analyzeSentiment(lexicons, text, lang).label).toBe(label)
  })

  test('explain shows the condition that silenced a word', () => {
    expect(modifiersOf('if it arrives damaged, can I return it?', 'en', 'damaged')).toContain('supposed after "if"')
  })

  test('a condition reaches a few words, not the whole sentence', () => {
    expect(analyzeSentiment(lexicons, 'if I do not hear back by friday I will open a dispute, this is terrible', 'en').label).toBe('negative')
  })
})

describe('general English text (issue #5: reviews, news, tweets)', () => {
  const cases: Array<{ why: string; text: string; label: 'positive' | 'neutral' | 'negative' }> = [
    { why: 'the "s" of "it\'s" and "a" do not count in a negator\'s reach, as in VADER', text: "The picture doesn't know it's a comedy.", label: 'negative' },
    { why: 'so "not … such a bad idea" is negated', text: 'it might not be such a bad idea', label: 'positive' },
    { why: '"like a" compares', text: 'Like a south of the border soap opera.', label: 'neutral' },
    { why: 'a verb of seeming before "like" compares', text: 'That sounds like a red herring.', label: 'neutral' },
    { why: '"like" after a subject is praise', text: 'I like a film that takes its time', label: 'positive' },
    { why: 'an idiom with "like a" keeps its praise', text: 'works like a charm', label: 'positive' },
    { why: 'a negative word AFINN holds and VADER lacks', text: 'Well meant but unoriginal.', label: 'negative' },
    { why: 'general review words VADER lacks', text: 'A mediocre, tedious sequel.', label: 'negative' },
    { why: 'product review words VADER lacks', text: 'flimsy and overpriced', label: 'negative' },
    { why: 'a certainty adverb intensifies, it does not praise', text: "It's mildly amusing, but I certainly can't recommend it.", label: 'negative' },
    { why: 'a certainty adverb alone has no mood', text: 'The rules clearly state the deadline.', label: 'neutral' },
    { why: '"not only … but also" neither negates nor contrasts', text: 'not only beautiful but also sturdy', label: 'positive' },
    { why: '"anything but" negates', text: 'it was anything but good', label: 'negative' },
    { why: '"least" negates, as in VADER', text: 'the least interesting episode so far', label: 'negative' },
    { why: '"at least" does not', text: 'at least the cast is good', label: 'positive' },
    { why: 'a wish for better is a complaint', text: 'the packaging could be better', label: 'negative' },
    { why: '"hand" has no mood', text: 'wash by hand only', label: 'neutral' },
    { why: 'a buyer\'s own slip is not a complaint', text: 'I inadvertently ordered two, can I cancel one?', label: 'neutral' },
    { why: 'a plain fact about an account is not a complaint', text: 'I am unable to log in to my account', label: 'neutral' }
  ]
  test.each(cases)('$why: $text → $label', ({ text, label }) => {
    expect(analyzeSentiment(lexicons, text, 'en').label).toBe(label)
  })

  test('"mildly" dampens', () => {
    expect(modifiersOf('mildly amusing', 'en', 'amusing')).toContain('dampened by "mildly"')
  })
})
