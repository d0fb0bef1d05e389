import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/errors.js'
import { analyzeSentiment, builtinLexiconDir, loadLexicons, type Lexicons } from '../../src/sentiment/index.js'

const HEADER = '# yaml-language-server: $schema=../../schema/lexicon.schema.json\n'

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-lexicons-'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), HEADER + content)
  return dir
}

describe('loadLexicons', () => {
  // One load of the built-in folder with a user's file and a user's folder (a new language).
  let lexicons: Lexicons
  beforeAll(async () => {
    const team = folder({ 'team.yaml': 'language: en\nservice:\n  "kaput": -3\n  "thanks": 0\n' })
    const dutch = folder({ 'nl.yaml': 'language: nl\nnegators: [niet]\nservice:\n  goed: 2\n' })
    lexicons = await loadLexicons(builtinLexiconDir, [join(team, 'team.yaml'), dutch])
  })

  test('the built-in folder holds the twelve languages of the product', () => {
    const builtin = [...lexicons.languages.keys()].filter((lang) => lang !== 'nl').sort()
    expect(builtin).toEqual(['de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ms', 'pt', 'th', 'vi', 'zh'])
  })

  test.each([
    {
      why: 'a YAML syntax error',
      content: 'language: en\nservice:\n  late: [-2\n',
      message: /bad\.yaml:5:1: YAML syntax error/
    },
    {
      why: 'a score outside -4..+4',
      content: 'language: en\nservice:\n  late: -2\n  scam: -9\n',
      message: /bad\.yaml:5:9: `service\.scam` is -9; it must be at least -4/
    },
    {
      why: 'an unknown section',
      content: 'language: en\nservise:\n  late: -2\n',
      message: /bad\.yaml:3:1: unknown property `servise` at the top level/
    },
    {
      why: 'a duplicate entry',
      content: 'language: en\nservice:\n  late: -2\n  late: -3\n',
      message: /bad\.yaml:5:3: duplicate key "late"/
    },
    {
      why: 'a language file without its language',
      content: 'service:\n  late: -2\n',
      message: /bad\.yaml:1:1: a lexicon file needs "language: <code>"/
    }
  ])('refuses $why, naming file:line:column', async ({ content, message }) => {
    const dir = folder({ 'bad.yaml': content })
    await expect(loadLexicons(dir)).rejects.toThrow(InputError)
    await expect(loadLexicons(dir)).rejects.toThrow(message)
  })

  test("a user's file extends and overrides the built-in language", () => {
    expect(analyzeSentiment(lexicons, 'it is kaput', 'en').label).toBe('negative')
    expect(analyzeSentiment(lexicons, 'thanks', 'en').score).toBe(0)
    // Built-in entries the user did not touch still work.
    expect(analyzeSentiment(lexicons, 'this is a scam', 'en').label).toBe('negative')
  })

  test("a user's expected events merge into the built-in language", async () => {
    const dir = folder({ 'events.yaml': 'language: nl\nexpected:\n  geleverd: -2\n' })
    const merged = await loadLexicons(builtinLexiconDir, [join(dir, 'events.yaml')])
    expect(analyzeSentiment(merged, 'niet geleverd', 'nl').label).toBe('negative')
    expect(analyzeSentiment(merged, 'geleverd', 'nl').hits).toEqual([])
  })

  test('a folder of extra files and a new language', () => {
    expect(analyzeSentiment(lexicons, 'goed', 'nl').label).toBe('positive')
    expect(analyzeSentiment(lexicons, 'niet goed', 'nl').label).toBe('negative')
  })
})
