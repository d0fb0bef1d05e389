import { join } from 'node:path'
import { InputError } from '../../src/errors.js'
import { intentsStage } from '../../src/stages/intents.js'
import type { Message, RunContext, Transform } from '../../src/types.js'
import { message } from '../helpers/messages.js'

const FIXTURES = join(process.cwd(), 'test/fixtures/rules')

function context(rulesDir: string): RunContext {
  return { rulesDir, languages: [], warn: () => undefined, resources: {} }
}

async function transform(options: { rules?: string[] } = {}, rulesDir = join(FIXTURES, 'pack')): Promise<Transform> {
  return intentsStage.create(options, context(rulesDir))
}

describe('intents stage', () => {
  const cases: Array<{ input: Partial<Message>; intent: string | undefined; intents: string[] | undefined; why: string }> = [
    { input: { text: 'where is my order?', language: { lang: 'en', confidence: 1, method: 'test' } }, intent: 'order/status', intents: ['order/status'], why: 'a buyer text message' },
    {
      input: { text: 'refund now or chargeback', language: { lang: 'en', confidence: 1, method: 'test' } },
      intent: 'feedback/dispute-threat',
      intents: ['feedback/dispute-threat', 'refund/request'],
      why: 'every hit, primary first'
    },
    { input: { text: 'hello there', language: { lang: 'en', confidence: 1, method: 'test' } }, intent: 'other', intents: [], why: 'no hit is other' },
    { input: { text: 'chargeback' }, intent: 'feedback/dispute-threat', intents: ['feedback/dispute-threat'], why: 'no language decision runs every language' },
    { input: { text: 'where is my order?', sender_role: 'seller' }, intent: undefined, intents: undefined, why: 'seller messages are not classified' },
    { input: { text: 'where is my order?', content_type: 'image' }, intent: undefined, intents: undefined, why: 'only text carries words' }
  ]
  test.each(cases)('$why', async ({ input, intent, intents }) => {
    const run = await transform()
    const m = message(input)
    await run([m])
    expect(m.intent).toBe(intent)
    expect(m.intents?.map((hit) => hit.intent)).toEqual(intents)
  })

  test("adds the user's rule files to the pack", async () => {
    // The user's rule has weight 2, so it leads among hits of the same intent.
    const run = await transform({ rules: [join(FIXTURES, 'valid')] })
    const m = message({ text: 'opening an A-to-z claim now', language: { lang: 'en', confidence: 1, method: 'test' } })
    await run([m])
    expect(m.intents?.map((hit) => hit.rule)).toEqual(['fx.en.dispute.chargeback', 'en.feedback-dispute-threat.claim'])
  })

  test('refuses broken rule files, naming file:line:column', async () => {
    await expect(transform({ rules: [join(FIXTURES, 'broken')] })).rejects.toThrow(InputError)
    await expect(transform({ rules: [join(FIXTURES, 'broken')] })).rejects.toThrow(/semantic\.yaml:18:14 error unsafe-regex/)
  })
})
