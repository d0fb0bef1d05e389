import fc from 'fast-check'
import { analyzeSentiment, loadLexicons, type Lexicons } from '../../src/sentiment/index.js'

let lexicons: Lexicons

beforeAll(async () => {
  lexicons = await loadLexicons()
})

function modifiersOf(text: string, lang: string, term: string): string[] {
  const hit = analyzeSentiment(lexicons, text, lang).hits.find((h) => h.term === term)
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
    { text: 'great thanks', lang: 'und', label: 'positive' }
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
