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

describe('a pack loaded without details (as triage loads it)', () => {
  test('keeps no example and no position, and matches every message of the table alike', async () => {
    const lean = await loadIntentPack([], { builtinDir: PACK, details: false })
    if (!lean.ok) throw new Error(JSON.stringify(lean.problems, null, 2))
    expect(pack.rules.some((rule) => rule.examples.match.length > 0)).toBe(true)
    expect(lean.pack.rules.every((rule) => rule.examples.match.length === 0 && rule.examples.noMatch.length === 0)).toBe(true)
    expect(pack.rules[0]!.location.line).toBeGreaterThan(0)
    expect(lean.pack.rules.map((rule) => rule.location)).toEqual(pack.rules.map((rule) => ({ file: rule.location.file, line: 0, column: 0 })))
    for (const text of ['Hi, where is my order??', 'Still not here! Refund or I file a chargeback. Thanks', 'ยังไม่ได้รับของเลยค่ะะะ']) {
      expect(matchIntents(lean.pack, text, 'und')).toEqual(matchIntents(pack, text, 'und'))
    }
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

// Regexes run only when their own literals or characters are in the message; these rules check
// that each kind of trigger wakes its regex and that the span is the regex's leftmost match.
describe('regex triggers', () => {
  let withRegexes: IntentPack
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-regex-'))
    const file = join(dir, 'en.yaml')
    writeFileSync(
      file,
      [
        'language: en',
        'intents:',
        '  - { id: presale/product-question, priority: 40 }',
        '  - { id: presale/availability, priority: 40 }',
        '  - { id: return/policy, priority: 40 }',
        'rules:',
        '  - id: en.presale-product-question.weight',
        '    intent: presale/product-question',
        "    match: { regex: '\\d\\s?kg\\b' }",
        '  - id: en.presale-availability.question',
        '    intent: presale/availability',
        "    match: { all: [{ phrase: in stock }, { regex: '\\?' }] }",
        '  - id: en.return-policy.words',
        '    intent: return/policy',
        "    match: { regex: 'return window|return policy' }",
        '  - id: en.return-policy.how-long',
        '    intent: return/policy',
        "    match: { regex: 'how (long|many days).{0,20}return' }",
        ''
      ].join('\n')
    )
    const loaded = await loadIntentPack([file], { builtinDir: PACK })
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2))
    withRegexes = loaded.pack
  })

  const cases: Array<{ text: string; rule: string | null; span?: string; why: string }> = [
    { text: 'is it 2 kg?', rule: 'en.presale-product-question.weight', span: '2 kg', why: 'a literal (`kg`) wakes the regex' },
    { text: 'is it 2kgs', rule: null, why: 'the literal is there, the regex does not match' },
    { text: 'Is the blue one in stock？', rule: 'en.presale-availability.question', span: 'in stock？', why: 'a character (`?`, full width here) wakes it' },
    { text: 'is the blue one in stock', rule: null, why: 'no character, no run' },
    { text: 'what is the RETURN POLICY, and the return window?', rule: 'en.return-policy.words', span: 'RETURN POLICY', why: 'a list of strings: the leftmost one' },
    { text: 'How many days do I have to return it', rule: 'en.return-policy.how-long', span: 'How many days do I have to return', why: 'a counted window, searched without the DFA' },
    { text: 'how many days until it ships, and can I return it later', rule: null, why: 'both groups present, the window too short' }
  ]
  test.each(cases)('$why: $text', ({ text, rule, span }) => {
    const hits = matchIntents(withRegexes, text, 'en').filter((hit) => hit.rule.startsWith('en.presale') || hit.rule.startsWith('en.return-policy'))
    expect(hits.map((hit) => hit.rule)).toEqual(rule === null ? [] : [rule])
    if (span !== undefined) expect(hits[0].span.text).toBe(span)
  })

  test('gives the same hits once a regex runs often enough to use its DFA', () => {
    const first = cases.map(({ text }) => matchIntents(withRegexes, text, 'en'))
    for (let round = 0; round < 100; round++) for (const { text } of cases) matchIntents(withRegexes, text, 'en')
    expect(cases.map(({ text }) => matchIntents(withRegexes, text, 'en'))).toEqual(first)
  })
})

// Vietnamese phrases written with tones match words written with the same tones, or with none
// (toneless typing), but not words that fold alike with other tones.
describe('tone-exact phrases', () => {
  let withTones: IntentPack
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-tones-'))
    const file = join(dir, 'vi.yaml')
    writeFileSync(
      file,
      [
        'languages: [vi]',
        'tone_exact: [vi]',
        'intents:',
        '  - { id: exchange/request, priority: 50 }',
        'rules:',
        '  - id: vi.exchange-request.doi',
        '    intent: exchange/request',
        '    languages: [vi]',
        '    match: { phrase: [đổi size, hoá đơn] }',
        '  - id: de.exchange-request.grosse',
        '    intent: exchange/request',
        '    languages: [de]',
        '    match: { phrase: größe tauschen }',
        ''
      ].join('\n')
    )
    const loaded = await loadIntentPack([file], { builtinDir: PACK })
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2))
    withTones = loaded.pack
  })

  const cases: Array<{ text: string; lang: string; hit: boolean; why: string }> = [
    { text: 'cho em đổi size nhé', lang: 'vi', hit: true, why: 'the same tones' },
    { text: 'cho em doi size nhe', lang: 'vi', hit: true, why: 'typed without tones' },
    { text: 'cho em doi size nhé', lang: 'vi', hit: true, why: 'a word without tones in a toned message' },
    { text: 'em đợi size mới nhé', lang: 'vi', hit: false, why: 'đợi (wait) is not đổi (exchange)' },
    { text: 'em mua đôi size 40', lang: 'vi', hit: false, why: 'đôi (pair) is not đổi either' },
    { text: 'shop xuất hóa đơn giúp em', lang: 'vi', hit: true, why: 'the same tone placed on the other vowel (hoá, hóa)' },
    { text: 'kann ich die grösse tauschen', lang: 'de', hit: true, why: 'other languages still fold diacritics away' }
  ]
  test.each(cases)('$why: $text', ({ text, lang, hit }) => {
    expect(matchIntents(withTones, text, lang).some((found) => found.intent === 'exchange/request')).toBe(hit)
  })
})
