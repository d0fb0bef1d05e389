import { rulesDir } from '../../src/data/paths.js'
import { compileClosings, conversationStage, createHoursClock, needsAnswer, type ConversationFacts, type ConversationOptions } from '../../src/stages/conversation.js'
import type { Message } from '../../src/types.js'
import { buyer, group, seller } from '../helpers/messages.js'

const context = { rulesDir, languages: [], warn() {}, resources: {} }

function facts(messages: Parameters<typeof group>[0], now: string, options: ConversationOptions = {}): ConversationFacts {
  const g = group(messages, now)
  ;(conversationStage.create(options, context) as (x: typeof g) => void)(g)
  return g.facts.conversation as ConversationFacts
}

/** A small closing vocabulary, as the default config carries a full one. */
const closings: ConversationOptions['closings'] = {
  acknowledgements: ['ok', 'siap', 'sige', 'erledigt', "d'accord", 'ได้ค่ะ', '好的', 'will do'],
  thanks: ['thanks', 'merci', 'ขอบคุณ']
}

/** A buyer message with its words, intents and sentiment score. */
function says(at: string, text: string, intents: string[] = [], score = 0): Message {
  const m = buyer(at, intents, score)
  m.text = text
  return m
}

describe('conversation facts', () => {
  it.each([
    { name: 'two rules of one intent in one message count once', intents: [['return/policy', 'return/policy']], policy: 1 },
    { name: 'two messages asking count twice', intents: [['return/policy'], ['return/policy', 'refund/request']], policy: 2 }
  ])('$name', ({ intents, policy }) => {
    const f = facts(
      intents.map((list, i) => buyer(`2026-05-0${i + 1}T09:00:00Z`, list)),
      '2026-05-04T09:00:00Z'
    )
    expect(f.policyQuestions).toBe(policy)
    expect(f.intentCounts['return/policy']).toBe(policy)
  })

  it('counts chasers and their span, and the unanswered wait from the first unanswered buyer message', () => {
    const f = facts(
      [
        buyer('2026-05-01T09:00:00Z', ['order/status']),
        seller('2026-05-01T12:00:00Z'),
        buyer('2026-05-02T09:00:00Z', ['order/status']),
        buyer('2026-05-03T09:00:00Z', ['order/expedite'])
      ],
      '2026-05-03T21:00:00Z'
    )
    expect(f).toMatchObject({ buyerMessages: 3, sellerMessages: 1, chasers: 3, chaserSpanHours: 48, firstResponseHours: 3, hoursUnanswered: 36 })
  })

  it('has no wait when the seller answered last', () => {
    const f = facts([buyer('2026-05-01T09:00:00Z', ['return/policy']), seller('2026-05-01T10:30:00Z')], '2026-05-03T00:00:00Z')
    expect(f.hoursUnanswered).toBeNull()
    expect(f.policyQuestions).toBe(1)
    expect(f.firstResponseHours).toBe(1.5)
  })

  it('does not count a closing thanks or acknowledgement as waiting for an answer', () => {
    const ack = buyer('2026-05-01T11:00:00Z', [])
    ack.text = 'ok, danke'
    expect(facts([buyer('2026-05-01T09:00:00Z', ['order/status']), seller('2026-05-01T10:00:00Z'), buyer('2026-05-01T10:30:00Z', ['feedback/positive'])], '2026-05-03T00:00:00Z').hoursUnanswered).toBeNull()
    expect(facts([buyer('2026-05-01T09:00:00Z', ['order/status']), seller('2026-05-01T10:00:00Z'), ack], '2026-05-03T00:00:00Z').hoursUnanswered).toBeNull()
    const question = buyer('2026-05-01T11:00:00Z', [])
    question.text = 'and the invoice?'
    expect(facts([seller('2026-05-01T10:00:00Z'), question], '2026-05-01T15:00:00Z').hoursUnanswered).toBe(4)
  })
})

describe('closing replies', () => {
  const compiled = compileClosings(closings)
  const base = { thanks: new Set(['feedback/positive']), closings: compiled, reply: true, named: new Set(['return/request']) }
  const cases: Array<{ name: string; text: string; intents?: string[]; score?: number; reply?: boolean; waits: boolean }> = [
    { name: 'an acknowledgement with a plan', text: 'siap kak besok saya kirim', waits: false },
    { name: 'an acknowledgement in the middle, nothing new', text: 'Ay sige po, noted', waits: false },
    { name: 'a confirmation longer than the old 24 characters', text: 'Erledigt, habe die Adresse gerade im Konto bestätigt', waits: false },
    { name: 'a curly apostrophe', text: 'D’accord, je vous renvoie le colis demain', waits: false },
    { name: 'an opening acknowledgement accepts what the seller offered', text: 'ok, please exchange it for the pink one', intents: ['exchange/request'], waits: false },
    { name: 'a request named before is nothing new', text: 'will send it back this week, I will do it', intents: ['return/request'], waits: false },
    { name: 'a Chinese acknowledgement at the start', text: '好的，了解，那我下週再來看看', waits: false },
    { name: 'a thanks word closes a longer reply', text: 'Remboursement bien reçu, merci beaucoup pour votre rapidité et votre gentillesse !', waits: false },
    { name: 'a question is no closing', text: 'ok, and when does it ship?', waits: true },
    { name: 'a complaint is no closing', text: 'ok whatever, this shop is useless and slow to answer anything', score: -0.6, waits: true },
    { name: 'a new request after an acknowledgement inside the text', text: 'I got the label ok but now I also want a refund for the other one', intents: ['refund/request'], waits: true },
    { name: 'ได้ค่ะ ending ยังไม่ได้ค่ะ (not yet) is no acknowledgement', text: 'ยังไม่ได้รับของเลย ยังไม่ได้ค่ะ', intents: ['order/not-received'], waits: true },
    { name: 'a word inside another word is no acknowledgement', text: 'I booked the courier for the parcel pickup', waits: true },
    { name: 'no closing before the seller has written', text: 'siap kak besok saya kirim', reply: false, waits: true }
  ]
  it.each(cases)('$name: waits=$waits', ({ text, intents, score, reply, waits }) => {
    expect(needsAnswer(says('2026-05-01T10:00:00Z', text, intents, score), { ...base, reply: reply ?? true })).toBe(waits)
  })

  it.each([
    { content: 'image' as const, waits: true },
    { content: 'sticker' as const, waits: false },
    { content: 'order' as const, waits: false }
  ])('a buyer $content after the seller asked for a photo: waits=$waits', ({ content, waits }) => {
    const sent = says('2026-05-01T11:00:00Z', '')
    sent.content_type = content
    expect(facts([buyer('2026-05-01T09:00:00Z', ['order/damaged']), seller('2026-05-01T10:00:00Z'), sent], '2026-05-02T11:00:00Z', { closings }).hoursUnanswered).toBe(waits ? 24 : null)
  })

  it('stops the wait at an acknowledgement only with the closing words configured', () => {
    const thread = (): Message[] => [buyer('2026-05-01T09:00:00Z', ['billing/invoice']), seller('2026-05-01T10:00:00Z'), says('2026-05-01T11:00:00Z', 'siap kak besok saya kirim ya')]
    expect(facts(thread(), '2026-05-03T11:00:00Z', { closings }).hoursUnanswered).toBeNull()
    expect(facts(thread(), '2026-05-03T11:00:00Z').hoursUnanswered).toBe(48)
  })
})

describe('thanks after an answer', () => {
  const damaged = (): Message => buyer('2026-05-01T09:00:00Z', ['order/damaged'], -0.6)
  const answer = (): Message => seller('2026-05-01T10:00:00Z')
  const cases: Array<{ name: string; messages: () => Message[]; thanked: boolean }> = [
    { name: 'a thanks intent after the answer', messages: () => [damaged(), answer(), buyer('2026-05-01T11:00:00Z', ['feedback/positive'], 0.7)], thanked: true },
    { name: 'a thanks word after the answer', messages: () => [damaged(), answer(), says('2026-05-01T11:00:00Z', 'Remboursement bien reçu, merci !', [], 0.6)], thanked: true },
    { name: 'a positive score without thanks ("ทำไงดี", what should I do)', messages: () => [damaged(), answer(), says('2026-05-01T11:00:00Z', 'ส่งรูปให้แล้วนะคะ ทำไงดีคะ', [], 0.4)], thanked: false },
    { name: 'a polite request for a quick refund', messages: () => [damaged(), answer(), says('2026-05-01T11:00:00Z', 'Ich bitte um schnelle Erstattung.', [], 0.46)], thanked: false },
    { name: 'thanks before any answer', messages: () => [buyer('2026-05-01T09:00:00Z', ['feedback/positive'], 0.7)], thanked: false },
    { name: 'thanks beside a new problem', messages: () => [answer(), buyer('2026-05-01T11:00:00Z', ['feedback/positive', 'order/damaged'], 0.2)], thanked: false },
    { name: 'thanks, then a neutral "ok"', messages: () => [damaged(), answer(), buyer('2026-05-01T11:00:00Z', ['feedback/positive'], 0.7), says('2026-05-01T12:00:00Z', 'ok')], thanked: true },
    { name: 'thanks, then the problem again', messages: () => [damaged(), answer(), buyer('2026-05-01T11:00:00Z', ['feedback/positive'], 0.7), buyer('2026-05-01T12:00:00Z', ['order/damaged'], -0.3)], thanked: false }
  ]
  it.each(cases)('$name: thanked=$thanked', ({ messages, thanked }) => {
    expect(facts(messages(), '2026-05-02T00:00:00Z', { closings }).thankedAfterAnswer).toBe(thanked)
  })
})

describe('business hours', () => {
  const clock = createHoursClock({
    default: { zone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
    marketplaces: { 'amazon.de': { zone: 'Europe/Berlin' }, TH: { zone: 'Asia/Bangkok' } }
  })
  const cases = [
    { at: '2026-05-04T10:00:00Z', marketplace: '', outside: false },
    { at: '2026-05-04T18:30:00Z', marketplace: '', outside: true },
    { at: '2026-05-02T10:00:00Z', marketplace: '', outside: true },
    { at: '2026-05-04T16:30:00Z', marketplace: 'amazon.de', outside: true },
    { at: '2026-05-04T07:30:00Z', marketplace: 'amazon.de', outside: false },
    { at: '2026-05-04T03:00:00Z', marketplace: 'th', outside: false },
    { at: '2026-05-04T13:00:00Z', marketplace: 'TH', outside: true }
  ]
  it.each(cases)('$at on $marketplace outside=$outside', ({ at, marketplace, outside }) => {
    expect(clock.isOutside(at, marketplace)).toBe(outside)
  })

  it('uses the offset the export wrote when the marketplace has no zone (Shopify)', () => {
    // 17:30 UTC is 19:30 at +02:00: after hours there, inside them in UTC.
    expect(clock.isOutside('2026-05-04T17:30:00Z', 'Online Store', 120)).toBe(true)
    expect(clock.isOutside('2026-05-04T17:30:00Z', 'Online Store')).toBe(false)
    // A configured marketplace keeps its zone whatever the export wrote.
    expect(clock.isOutside('2026-05-04T06:30:00Z', 'TH', -300)).toBe(false)
  })
})
