import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { InputError } from '../../src/errors.js'
import { sentimentStage, type SentimentOptions } from '../../src/stages/sentiment.js'
import type { LanguageDecision, Message, RunContext, Transform } from '../../src/types.js'
import { message } from '../helpers/messages.js'

const context: RunContext = { rulesDir, languages: [], warn: () => undefined, resources: {} }

function lang(code: string): LanguageDecision {
  return { lang: code, confidence: 1, method: 'test' }
}

async function transform(options: SentimentOptions = {}): Promise<Transform> {
  return sentimentStage.create(options, context)
}

describe('sentiment stage', () => {
  const cases: Array<{ why: string; input: Partial<Message>; label: string | undefined; urgent?: boolean }> = [
    { why: 'a buyer text message in its language', input: { text: 'ร้านโกง', language: lang('th') }, label: 'negative' },
    { why: 'no language decision reads English', input: { text: 'love it, thanks' }, label: 'positive' },
    { why: 'und reads English', input: { text: 'worst seller', language: lang('und') }, label: 'negative' },
    { why: 'a language without a lexicon still reads emoji', input: { text: 'ok 👍👍', language: lang('ko') }, label: 'positive' },
    { why: 'urgency is flagged', input: { text: 'where is it, I need it by Friday', language: lang('en') }, label: 'neutral', urgent: true },
    { why: 'a ??? run with no other cue is exasperation', input: { text: 'where is it???', language: lang('en') }, label: 'negative', urgent: true },
    { why: 'seller messages are not scored', input: { text: 'sorry, terrible delay', sender_role: 'seller' }, label: undefined },
    { why: 'images carry no words', input: { text: 'scam', content_type: 'image' }, label: undefined }
  ]
  test.each(cases)('$why', async ({ input, label, urgent }) => {
    const run = await transform()
    const m = message(input)
    await run([m])
    expect(m.sentiment?.label).toBe(label)
    if (urgent !== undefined) expect(m.sentiment?.urgent).toBe(urgent)
  })

  test('thresholds from the options relabel the score', async () => {
    const strict = await transform({ positiveThreshold: 0.9, negativeThreshold: -0.9 })
    const m = message({ text: 'love it', language: lang('en') })
    await strict([m])
    expect(m.sentiment?.score).toBeGreaterThan(0.1)
    expect(m.sentiment?.label).toBe('neutral')
  })

  test("a cut-off given alone keeps the language's other one", async () => {
    // Thai labels positive from 0.3 (rules/sentiment/th.yaml), not from the default 0.1.
    const run = await transform({ negativeThreshold: -0.5 })
    const m = message({ text: 'โอเค', language: lang('th') })
    await run([m])
    expect(m.sentiment!.score).toBeGreaterThan(0.1)
    expect(m.sentiment!.score).toBeLessThan(0.3)
    expect(m.sentiment?.label).toBe('neutral')
  })

  test("adds the user's lexicon files", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-stage-'))
    writeFileSync(join(dir, 'team.yaml'), 'language: en\nservice:\n  "kaput": -3\n')
    const run = await transform({ lexicons: [join(dir, 'team.yaml')] })
    const m = message({ text: 'it is kaput', language: lang('en') })
    await run([m])
    expect(m.sentiment?.label).toBe('negative')
  })

  test('refuses a broken lexicon file, naming file:line:column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-stage-'))
    writeFileSync(join(dir, 'bad.yaml'), 'language: en\nservice:\n  kaput: -30\n')
    await expect(transform({ lexicons: [join(dir, 'bad.yaml')] })).rejects.toThrow(InputError)
    await expect(transform({ lexicons: [join(dir, 'bad.yaml')] })).rejects.toThrow(/bad\.yaml:3:10:/)
  })
})
