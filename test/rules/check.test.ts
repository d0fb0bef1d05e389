import { checkRules } from '../../src/rules/check.js'
import { tempDir } from '../helpers/folder.js'

// Each case is a small rule folder; `expected` lists every problem as `check@line:column`.

const rule = (body: string): string => `language: en\nrules:\n${body}`

const invalid: Array<{ name: string; files: Record<string, string>; expected: string[] }> = [
  { name: 'YAML syntax', files: { 'intents/a.yaml': 'language: en\nrules:\n  - id: x\n    match: [a\n' }, expected: ['yaml-syntax@5:1'] },
  { name: 'duplicate YAML key', files: { 'intents/a.yaml': 'language: en\nlanguage: de\n' }, expected: ['yaml-syntax@2:1'] },
  {
    name: 'unknown property',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/status\n    wieght: 2\n    match: { phrase: hi }\n    examples: { match: [hi] }\n') },
    expected: ['schema@5:5']
  },
  {
    name: 'missing match',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/status\n') },
    expected: ['schema@3:5']
  },
  {
    name: 'matcher with two kinds',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/status\n    match:\n      phrase: hi\n      regex: hi\n') },
    expected: ['schema@6:7']
  },
  {
    name: 'phrase of the wrong type',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/status\n    match:\n      phrase: 42\n') },
    expected: ['schema@6:15']
  },
  {
    name: 'duplicate id across files',
    files: {
      'intents/a.yaml': rule('  - id: same\n    intent: order/status\n    match: { phrase: where is }\n    examples: { match: [where is it] }\n'),
      'intents/b.yaml': rule('  - id: same\n    intent: order/cancel\n    match: { phrase: cancel }\n    examples: { match: [cancel it] }\n')
    },
    expected: ['duplicate-id@3:9']
  },
  {
    name: 'unknown intent',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/teleport\n    match: { phrase: beam }\n    examples: { match: [beam me] }\n') },
    expected: ['unknown-intent@4:13']
  },
  {
    name: 'unknown language',
    files: { 'intents/a.yaml': 'language: xx\nrules:\n  - id: x\n    intent: order/status\n    match: { phrase: beam }\n    examples: { match: [beam me] }\n' },
    expected: ['unknown-language@1:11']
  },
  {
    name: 'no language',
    files: { 'intents/a.yaml': 'rules:\n  - id: x\n    intent: order/status\n    match: { phrase: beam }\n' },
    expected: ['missing-language@2:5']
  },
  {
    name: 'regex that does not compile',
    files: { 'intents/a.yaml': rule("  - id: x\n    intent: order/status\n    match: { regex: 'where (is' }\n") },
    expected: ['regex-syntax@5:21']
  },
  {
    name: 'regex with lookahead',
    files: { 'intents/a.yaml': rule("  - id: x\n    intent: order/status\n    match: { regex: 'where(?! not)' }\n") },
    expected: ['regex-unsupported@5:21']
  },
  {
    name: 'catastrophic regex',
    files: { 'intents/a.yaml': rule("  - id: x\n    intent: order/status\n    match: { regex: '(a+)+$' }\n    examples: { match: [aaa] }\n") },
    expected: ['unsafe-regex@5:21']
  },
  {
    name: 'phrase that folds to nothing',
    files: { 'intents/a.yaml': rule("  - id: x\n    intent: order/status\n    match: { phrase: ['?!', where is] }\n    examples: { match: [where is it] }\n") },
    expected: ['empty-matcher@5:23']
  },
  {
    name: 'lone not at the top',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/status\n    match:\n      not: { phrase: thanks }\n') },
    expected: ['empty-matcher@6:7']
  },
  {
    name: 'phrase excluded by its own not',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: order/status\n    match:\n      phrase: not received yet\n      not: { phrase: received }\n    examples: { match: [not received yet] }\n') },
    expected: ['unreachable-matcher@6:7']
  },
  {
    name: 'examples that do not behave',
    files: { 'intents/a.yaml': rule('  - id: x\n    intent: refund/request\n    match: { phrase: refund }\n    examples:\n      match: [money back please]\n      no_match: [no refund needed]\n') },
    expected: ['example-failed@7:15', 'example-failed@8:18']
  },
  {
    name: 'pattern in two rules, and a rule without examples (warnings)',
    files: {
      'intents/a.yaml': rule(
        '  - id: x\n    intent: refund/request\n    match: { phrase: refund }\n    examples: { match: [refund] }\n' +
          '  - id: y\n    intent: refund/status\n    match: { any: [{ phrase: refund }] }\n'
      )
    },
    expected: ['missing-examples@7:5', 'duplicate-pattern@9:30']
  },
  {
    name: 'a regex without a literal, which would run on every message (warning)',
    files: { 'intents/a.yaml': rule("  - id: x\n    intent: presale/product-question\n    match: { regex: '^\\w+\\s\\w+$' }\n    examples: { match: [any size] }\n") },
    expected: ['regex-without-literal@5:21']
  },
  {
    name: 'a lexicon checked against its own schema',
    files: { 'team/lexicon.yaml': '# yaml-language-server: $schema=../schema/lexicon.schema.json\nlanguage: en\nservice:\n  still waiting: -2\nvalense: {}\n' },
    expected: ['schema@5:1']
  },
  {
    name: 'fallback to an unknown language',
    files: { 'intents/intents.yaml': 'fallbacks:\n  tl: [en, zz]\n' },
    expected: ['unknown-language@2:12']
  }
]

const valid: Array<{ name: string; files: Record<string, string> }> = [
  {
    name: 'a complete rule',
    files: {
      'intents/a.yaml': rule(
        "  - id: x\n    intent: order/status\n    match:\n      any:\n        - phrase: [where is my order, where's my parcel]\n        - regex: '\\bwhen (will|does) it ship'\n" +
          '        - all: [{ phrase: track }, { not: { phrase: thanks } }]\n    examples:\n      match: [Where is my order??, when will it ship]\n      no_match: [track thanks]\n'
      )
    }
  },
  {
    name: 'a custom intent declared by the pack',
    files: {
      'team/intents.yaml': 'intents:\n  - id: wholesale/inquiry\n    description: bulk buyers\n    priority: 37\n    action: Send the wholesale price list\n',
      'team/rules.yaml': rule('  - id: x\n    intent: wholesale/inquiry\n    match: { phrase: wholesale }\n    examples: { match: [wholesale price?] }\n')
    }
  },
  {
    name: 'Thai and Chinese phrases inside unspaced text',
    files: {
      'intents/th.yaml': 'language: th\nrules:\n  - id: x\n    intent: order/not-received\n    match: { phrase: ยังไม่ได้รับ }\n    examples: { match: [สั่งไปนานแล้วยังไม่ได้รับของเลยค่ะ] }\n',
      'intents/zh.yaml': 'language: zh\nrules:\n  - id: y\n    intent: order/status\n    match: { phrase: 到哪了 }\n    examples: { match: [我的快递到哪了？] }\n'
    }
  }
]

describe('checkRules', () => {
  test.each(invalid)('reports $name', async ({ files, expected }) => {
    const dir = tempDir(files)
    const problems = await checkRules([dir], { builtin: false })
    expect(problems.map((problem) => `${problem.ruleId}@${problem.location.line}:${problem.location.column}`)).toEqual(expected)
    for (const problem of problems) {
      expect(problem.location.file.startsWith(dir)).toBe(true)
      expect(problem.message.length).toBeGreaterThan(0)
    }
  })

  test.each(valid)('accepts $name', async ({ files }) => {
    expect(await checkRules([tempDir(files)], { builtin: false })).toEqual([])
  })

  test('gives severities: warnings for style, errors for what breaks a run', async () => {
    const dir = tempDir(invalid.find((c) => c.name.startsWith('pattern in two rules'))!.files)
    const problems = await checkRules([dir], { builtin: false })
    expect(problems.every((problem) => problem.severity === 'warning')).toBe(true)
  })

  test('the built-in rules pass', async () => {
    const problems = await checkRules([], {})
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([])
  })
})
