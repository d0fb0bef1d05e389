import { rulesDir } from '../../src/data/paths.js'
import { languageStage } from '../../src/stages/language.js'
import type { Message, RunContext, Transform } from '../../src/types.js'
import { message } from '../helpers/messages.js'

function context(languages: string[] = []): RunContext {
  return { rulesDir, languages, warn: () => undefined, resources: {} }
}

async function run(messages: Message[], options: { languages?: string[] } = {}, languages?: string[]): Promise<Message[]> {
  const transform = (await languageStage.create(options, context(languages))) as Transform
  await transform(messages)
  return messages
}

describe('language stage', () => {
  const cases: Array<{ name: string; messages: Array<Partial<Message>>; expected: Array<[string | undefined, string?]> }> = [
    {
      name: 'a message too short to judge takes its conversation language',
      messages: [
        { conversation_id: 'a', text: 'Hallo, wo ist meine Bestellung? Sie ist immer noch nicht angekommen.' },
        { conversation_id: 'a', text: '👍' },
        { conversation_id: 'b', text: '👍' }
      ],
      expected: [['de', 'lexicon'], ['de', 'conversation'], ['und', 'none']]
    },
    {
      name: 'the marketplace is the prior of a message without words',
      messages: [{ marketplace: 'amazon.fr', text: 'qxvbw' }],
      expected: [['fr', 'prior']]
    },
    {
      name: 'seller replies do not set the conversation language',
      messages: [
        { conversation_id: 'c', sender_role: 'seller', text: 'Vielen Dank für Ihre Nachricht, wir prüfen das.' },
        { conversation_id: 'c', text: '👍' }
      ],
      expected: [['de'], ['und', 'none']]
    },
    {
      name: 'messages without text are left alone',
      messages: [{ text: '', content_type: 'image' }],
      expected: [[undefined]]
    },
    {
      name: 'every language of the text is read, not only the conversation one',
      messages: [
        { conversation_id: 'd', text: 'ยังไม่ได้รับของเลยค่ะ' },
        { conversation_id: 'd', text: 'where is my order? it has not arrived yet' }
      ],
      expected: [['th', 'script'], ['en']]
    }
  ]

  test.each(cases)('$name', async ({ messages, expected }) => {
    const out = await run(messages.map((fields) => message(fields)))
    const got = out.map((m, i) => [m.language?.lang, m.language?.method].slice(0, expected[i].length))
    expect(got).toEqual(expected)
  })

  test('the stage options override the run languages', async () => {
    const [out] = await run([message({ text: 'obrigado pela ajuda' })], { languages: ['en', 'es'] }, ['pt'])
    expect(out.language?.lang).toBe('es')
  })

  test('the run languages are the default allow-list', async () => {
    const [out] = await run([message({ text: 'ありがとう' })], {}, ['en', 'es'])
    expect(out.language).toMatchObject({ lang: 'und', method: 'script' })
  })

  test('an unknown language is a usage error naming it', async () => {
    await expect(languageStage.create({ languages: ['klingon'] }, context())).rejects.toThrow(/Unknown language "klingon"/)
  })
})
