import { checkRules } from '../../src/rules/check.js'
import type { RuleProblem } from '../../src/rules/problems.js'
import { tempDir } from '../helpers/folder.js'

// Schema errors as `rules check` reports them: every one of every file, each once, at its node,
// in words (not ajv's), with what to do. `expected` lists `line:column message`.

const intents = (body: string): string => `language: en\nrules:\n${body}`
const LEXICON = '# yaml-language-server: $schema=../schema/lexicon.schema.json\n'
const PROFILE = '# yaml-language-server: $schema=../schema/profile.schema.json\n'

const cases: Array<{ name: string; file: string; text: string; expected: string[] }> = [
  {
    name: 'every error of one rule file, not only the first',
    file: 'intents/a.yaml',
    text: intents(
      '  - id: x\n    intent: Order/Status\n    wieght: 2\n    match: { phrase: hi }\n' +
        '  - id: y\n    intent: order/status\n    weight: heavy\n    match: { phrase: hi }\n    examples: { match: [hi], nomatch: [ho] }\n' +
        '  - id: z\n    intent: order/status\n'
    ),
    expected: [
      '4:13 `rules.0.intent` `Order/Status` does not match ^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$',
      '5:5 unknown property `wieght` in `rules.0`',
      '9:13 `rules.1.weight` is text `heavy`; it must be a number',
      '11:30 unknown property `nomatch` in `rules.1.examples`',
      '12:5 missing property `match` in `rules.2`'
    ]
  },
  {
    name: 'a list item of the wrong type once, not also the list as a whole',
    file: 'intents/a.yaml',
    text: intents('  - id: x\n    intent: order/status\n    match: { regex: [2] }\n'),
    expected: ['5:22 `rules.0.match.regex.0` is the number 2; it must be text']
  },
  {
    name: 'a wrong value that fits no allowed shape',
    file: 'intents/a.yaml',
    text: intents('  - id: x\n    intent: order/status\n    match: { phrase: 42 }\n'),
    expected: ['5:22 `rules.0.match.phrase` is the number 42; it must be text or a list']
  },
  {
    name: 'an error inside a `not` list, without the failed matcher branch',
    file: 'intents/a.yaml',
    text: intents('  - id: x\n    intent: order/status\n    match:\n      all:\n        - phrase: hi\n        - not: [{ phrase: 3 }]\n'),
    expected: ['8:27 `rules.0.match.all.1.not.0.phrase` is the number 3; it must be text or a list']
  },
  {
    name: 'empty lists, empty text and a bound',
    file: 'intents/a.yaml',
    text: intents('  - id: x\n    intent: order/status\n    weight: 0\n    match: { all: [] }\n    examples: { match: [""] }\n'),
    expected: ['5:13 `rules.0.weight` is 0; it must be greater than 0', '6:19 `rules.0.match.all` is an empty list', '7:25 `rules.0.examples.match.0` is empty text']
  },
  {
    name: 'a bad key names the key, not the whole mapping',
    file: 'intents/intents.yaml',
    text: 'fallbacks:\n  en: [de]\n  EN: [de]\n',
    expected: ['3:3 key `EN` in `fallbacks` is not allowed: it must match ^([a-z]{2,3}|und)$']
  },
  {
    name: 'every error of a lexicon',
    file: 'team/lexicon.yaml',
    text: `${LEXICON}language: EN\nnegation_scope: many\nservice:\n  still waiting: bad\n  never again: -9\nvalense: {}\n`,
    expected: [
      '2:11 `language` `EN` does not match ^[a-z]{2,3}$',
      '3:17 `negation_scope` is text `many`; it must be a whole number',
      '5:18 `service.still waiting` is text `bad`; it must be a number',
      '6:16 `service.never again` is -9; it must be at least -4',
      '7:1 unknown property `valense` at the top level'
    ]
  },
  {
    name: 'a profile name gets the naming hint, not the language one',
    file: 'team/profile.yaml',
    text: `${PROFILE}name: Helpdesk\nfields:\n  text: [Body]\ndetect:\n  signature: [text]\n`,
    expected: ['2:7 `name` `Helpdesk` does not match ^[a-z][a-z0-9-]*$']
  }
]

async function schemaErrors(files: Record<string, string>): Promise<RuleProblem[]> {
  const problems = await checkRules([tempDir(files)], { builtin: false, examples: false })
  return problems.filter((problem) => problem.ruleId === 'schema')
}

describe('schema problems', () => {
  test.each(cases)('$name', async ({ file, text, expected }) => {
    const problems = await schemaErrors({ [file]: text })
    expect(problems.map((problem) => `${problem.location.line}:${problem.location.column} ${problem.message}`)).toEqual(expected)
    for (const problem of problems) {
      expect(problem.severity).toBe('error')
      // What to do, for every problem, and no ajv wording leaking through.
      expect(problem.hint).toMatch(/\S/)
      expect(problem.message).not.toMatch(/must match a schema|must NOT|\[object Object\]|must be (string|object|array)\b/)
    }
  })

  test('hints fit the kind of value', async () => {
    const [intent, language, name] = await Promise.all([
      schemaErrors({ 'intents/a.yaml': intents('  - id: x\n    intent: Order\n    match: { phrase: hi }\n') }),
      schemaErrors({ 'intents/a.yaml': 'language: EN\n' }),
      schemaErrors({ 'team/profile.yaml': `${PROFILE}name: Helpdesk\nfields:\n  text: [Body]\ndetect:\n  signature: [text]\n` })
    ])
    expect(intent[0]?.hint).toMatch(/Intent ids are lower-case/)
    expect(language[0]?.hint).toMatch(/Language codes/)
    expect(name[0]?.hint).toMatch(/lower-case letters, digits and dashes/)
  })

  test('every file with schema errors is reported, each error once', async () => {
    const dir = tempDir({
      'intents/a.yaml': intents('  - id: x\n    intent: order/status\n    wieght: 2\n    match: { phrase: 42 }\n'),
      'intents/b.yaml': intents('  - id: y\n    intent: order/status\n    weight: heavy\n    match: { regex: [1, 2] }\n'),
      'team/lexicon.yaml': `${LEXICON}language: en\nservice:\n  still waiting: bad\n`
    })
    const problems = await checkRules([dir], { builtin: false })
    const places = problems.map((problem) => `${problem.location.file.slice(dir.length + 1)}:${problem.location.line}:${problem.location.column}`)
    expect(places).toEqual(['intents/a.yaml:5:5', 'intents/a.yaml:6:22', 'intents/b.yaml:5:13', 'intents/b.yaml:6:22', 'intents/b.yaml:6:25', 'team/lexicon.yaml:4:18'])
    expect(new Set(places).size).toBe(places.length)
  })
})
