import { join } from 'node:path'
import { intentAction, intentPriority, loadIntentPack, matchIntents, primaryIntent, type IntentPack } from '../../src/rules/index.js'

const PACK = join(process.cwd(), 'test/fixtures/rules/pack/intents')
let pack: IntentPack

beforeAll(async () => {
  const loaded = await loadIntentPack([], { builtinDir: PACK })
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2))
  pack = loaded.pack
})

describe('matchIntents', () => {
  const cases: Array<{ text: string; lang: string; intents: string[]; span?: string; why: string }> = [
    { text: 'Hi, where is my order??', lang: 'en', intents: ['order/status'], span: 'where is my order', why: 'a phrase, span in the original text' },
    { text: "WHERE'S MY PARCEL", lang: 'en', intents: ['order/status'], span: "WHERE'S MY PARCEL", why: 'case and apostrophe folded' },
    { text: 'pls track my orderrr', lang: 'en', intents: ['order/status'], span: 'track my orderrr', why: '`all` spans both parts; repeated letters folded' },
    { text: 'When will it ship?', lang: 'en', intents: ['order/status'], span: 'When will it ship', why: 'a regex, case-insensitive' },
    { text: 'where is my order? it says arrived', lang: 'en', intents: [], why: '`not` excludes' },
    { text: 'where is the store', lang: 'en', intents: [], why: 'no phrase' },
    { text: 'stracking order', lang: 'en', intents: [], why: 'phrases are word-bounded in spaced scripts' },
    {
      text: 'Still not here! Refund or I file a chargeback. Thanks',
      lang: 'en',
      intents: ['feedback/dispute-threat', 'order/not-received', 'refund/request', 'feedback/positive'],
      why: 'multi-label, sorted by intent priority'
    },
    { text: 'ยังไม่ได้รับของเลยค่ะะะ', lang: 'th', intents: ['order/not-received'], span: 'ยังไม่ได้รับ', why: 'Thai: no word boundaries needed' },
    { text: 'where is my order po', lang: 'tl', intents: ['order/status'], why: 'tl falls back to en' },
    { text: 'saya mau uang kembali, where is my order', lang: 'ms', intents: ['refund/request', 'order/status'], why: 'ms runs en and id' },
    { text: 'saya mau uang kembali', lang: 'en', intents: [], why: 'en does not run id rules' },
    { text: 'chargeback!!', lang: 'und', intents: ['feedback/dispute-threat'], why: 'und runs every language' },
    { text: 'chargeback!!', lang: 'de', intents: ['feedback/dispute-threat'], why: 'a language without rules or fallbacks is treated as und' },
    { text: '', lang: 'en', intents: [], why: 'empty text' }
  ]
  test.each(cases)('$why: $text', ({ text, lang, intents, span }) => {
    const hits = matchIntents(pack, text, lang)
    expect(hits.map((hit) => hit.intent)).toEqual(intents)
    for (const hit of hits) expect(text.slice(hit.span.start, hit.span.end)).toBe(hit.span.text)
    if (span !== undefined) expect(hits[0].span.text).toBe(span)
    expect(primaryIntent(hits)).toBe(intents[0] ?? 'other')
  })

  test('every hit names its rule', () => {
    const hits = matchIntents(pack, 'refund please', 'en')
    expect(hits).toEqual([{ intent: 'refund/request', rule: 'en.refund-request.money-back', weight: 2, span: { start: 0, end: 6, text: 'refund' } }])
  })

  test('repeated calls give the same answer (scratch state is reset per message)', () => {
    const first = matchIntents(pack, 'where is my order', 'en')
    matchIntents(pack, 'thanks', 'en')
    expect(matchIntents(pack, 'where is my order', 'en')).toEqual(first)
  })
})

describe('intent metadata', () => {
  const cases = [
    { intent: 'order/status', action: 'Send the tracking link', priority: 58 },
    { intent: 'feedback/dispute-threat', action: 'Escalate today', priority: 100 },
    { intent: 'other', action: '', priority: 0 }
  ]
  test.each(cases)('$intent', ({ intent, action, priority }) => {
    expect(intentAction(pack, intent)).toBe(action)
    expect(intentPriority(pack, intent)).toBe(priority)
  })
})

describe('fallback hits', () => {
  let withMalay: IntentPack
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-fallback-'))
    const file = join(dir, 'ms.yaml')
    writeFileSync(file, 'language: ms\nrules:\n  - id: ms.order-status.mana\n    intent: order/status\n    match:\n      phrase: mana barang\n')
    const loaded = await loadIntentPack([file], { builtinDir: PACK })
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2))
    withMalay = loaded.pack
  })

  const cases: Array<{ text: string; lang: string; rules: string[]; why: string }> = [
    { text: 'mana barang, where is my order', lang: 'ms', rules: ['ms.order-status.mana'], why: 'the own language wins its category' },
    {
      text: 'mana barang, where is my order, refund please',
      lang: 'ms',
      rules: ['en.refund-request.money-back', 'ms.order-status.mana'],
      why: 'a fallback hit in another category stays'
    },
    { text: 'where is my order', lang: 'ms', rules: ['en.order-status.where-is'], why: 'without an own hit the fallback stays' },
    { text: 'mana barang, where is my order', lang: 'und', rules: ['en.order-status.where-is', 'ms.order-status.mana'], why: 'und has no own language' }
  ]
  test.each(cases)('$why: $text', ({ text, lang, rules }) => {
    expect(matchIntents(withMalay, text, lang).map((hit) => hit.rule).sort()).toEqual([...rules].sort())
  })
})
