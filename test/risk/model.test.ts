import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { InputError } from '../../src/errors.js'
import { loadIntentPack } from '../../src/rules/load.js'
import { parseYamlSource } from '../../src/rules/yamlSource.js'
import { loadRiskModel, riskFileProblems } from '../../src/risk/model.js'

const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-risk-model-'))
const HEADER = '# yaml-language-server: $schema=../schema/risk.schema.json\n'
const SIGNALS = `signals:
  - { id: not-received, kind: dispute, when: { intent: [order/not-received] }, points: 30, reason: says it has not arrived }
  - { id: wants-back, kind: return, when: { intent: [return/request] }, points: 60, reason: wants to send it back }
priority:
  - { priority: P4 }
`

function problemsOf(text: string, knownIntents?: Set<string>): string[] {
  const source = parseYamlSource('risk.yaml', HEADER + text)
  return riskFileProblems(source, { knownIntents }).map((p) => `${p.location.line}:${p.location.column} ${p.severity} ${p.ruleId}`)
}

describe('risk model checks', () => {
  const cases: Array<{ name: string; text: string; expected: string[]; knownIntents?: Set<string> }> = [
    { name: 'shared thresholds are valid', text: `levels: { low: 15, medium: 40, high: 65 }\n${SIGNALS}`, expected: [] },
    {
      name: 'per-kind thresholds are valid',
      text: `levels:\n  dispute: { low: 15, medium: 45, high: 70 }\n  return: { low: 15, medium: 40, high: 65 }\n${SIGNALS}`,
      expected: []
    },
    { name: 'a kind may override one shared threshold', text: `levels: { low: 15, medium: 40, high: 65, dispute: { medium: 45 } }\n${SIGNALS}`, expected: [] },
    { name: 'a kind without a threshold', text: `levels:\n  dispute: { low: 15, medium: 45, high: 70 }\n${SIGNALS}`, expected: ['3:3 error level-missing'] },
    { name: 'thresholds out of order, on the kind that has them', text: `levels:\n  low: 15\n  medium: 40\n  high: 65\n  return: { medium: 70 }\n${SIGNALS}`, expected: ['6:11 error level-order'] },
    { name: 'an unknown key under levels is a schema error', text: `levels: { low: 15, medium: 40, high: 65, refund: { low: 1 } }\n${SIGNALS}`, expected: ['2:42 error schema'] },
    {
      name: 'a duplicate id, a signal with points and scale, an unknown placeholder',
      text: `levels: { low: 15, medium: 40, high: 65 }
signals:
  - { id: a, kind: dispute, when: { claim: true }, points: 10, reason: 'x {wait}' }
  - { id: a, kind: dispute, when: { claim: true }, points: 10, scale: 0.5, reason: 'y {waited}' }
priority: [{ priority: P4 }]
`,
      expected: ['5:11 error duplicate-id', '5:5 error points-or-scale', '5:84 error unknown-placeholder']
    },
    {
      name: 'amplifiers need a held reason, and a kind of amplifiers only can never reach medium',
      text: `levels: { low: 15, medium: 40, high: 65 }
signals:
  - { id: wait, kind: dispute, amplifier: true, when: { unanswered_hours: 24 }, points: 30, reason: waits }
priority: [{ priority: P4 }]
`,
      expected: ['2:1 error held-reason', '4:3 warning no-evidence']
    },
    {
      name: 'a scale signal cannot amplify',
      text: `levels: { low: 15, medium: 40, high: 65 }
held: { reason: held }
signals:
  - { id: x, kind: dispute, when: { claim: true }, points: 50, reason: x }
  - { id: thanks, kind: dispute, amplifier: true, when: { thanked_after_answer: true }, scale: 0.5, reason: thanks }
priority: [{ priority: P4 }]
`,
      expected: ['6:45 error amplifier-scale']
    },
    {
      name: 'unknown intents are warnings when the intents are known',
      text: `levels: { low: 15, medium: 40, high: 65 }\n${SIGNALS}`,
      knownIntents: new Set(['order/not-received']),
      expected: ['5:53 warning unknown-intent']
    }
  ]

  it.each(cases)('$name', ({ text, expected, knownIntents }) => {
    expect(problemsOf(text, knownIntents)).toEqual(expected)
  })

  it('passes the built-in model, with every `when` intent a taxonomy id', async () => {
    const pack = await loadIntentPack([])
    if (!pack.ok) throw new Error('the built-in intent pack does not load')
    const file = join(rulesDir, 'risk.yaml')
    const source = parseYamlSource(file, readFileSync(file, 'utf8'))
    expect(riskFileProblems(source, { knownIntents: new Set(pack.pack.intents.keys()) })).toEqual([])
  })
})

describe('loadRiskModel', () => {
  it('fills each kind from the shared thresholds and its own', () => {
    const file = join(dir, 'mixed.yaml')
    writeFileSync(file, `levels: { low: 15, medium: 40, high: 65, dispute: { medium: 45 } }\n${SIGNALS}`)
    expect(loadRiskModel(file).levels).toEqual({ dispute: { low: 15, medium: 45, high: 65 }, return: { low: 15, medium: 40, high: 65 } })
  })

  it('refuses a model with errors, naming every one at file:line:column', () => {
    const file = join(dir, 'broken.yaml')
    writeFileSync(file, `levels:\n  dispute: { low: 50, medium: 40, high: 65 }\n  return: { low: 15, medium: 40 }\n${SIGNALS}`)
    expect(() => loadRiskModel(file)).toThrow(InputError)
    expect(() => loadRiskModel(file)).toThrow(new RegExp(`${file}:2:12 error level-order: .*\\n${file}:3:11 error level-missing: the return risk has no \`high\` threshold.*\\nFix the risk model`))
  })

  it('says which file it cannot read', () => {
    expect(() => loadRiskModel(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read the risk model/)
  })
})
