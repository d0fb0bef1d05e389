// `rules check` on risk model files: the model checks beside the schema, `when` intents against the pack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { checkRules } from '../../src/rules/check.js'

const dir = mkdtempSync(join(tmpdir(), 'inbox-triage-risk-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HEADER = '# yaml-language-server: $schema=../schema/risk.schema.json\n'
const PRIORITY = 'priority: [{ priority: P4 }]\n'

const cases: Array<{ name: string; text: string; expected: string[] }> = [
  {
    name: 'a valid model with a nested `unless`',
    text: `levels: { low: 15, medium: 40, high: 65 }
signals:
  - id: damaged
    kind: return
    when: { intent: [order/damaged], unless: { has_order: false, intent: [presale/product-question] } }
    points: 45
    reason: says it arrived damaged
${PRIORITY}`,
    expected: []
  },
  {
    name: 'thresholds out of order and a duplicate id, at their lines',
    text: `levels: { low: 50, medium: 40, high: 65 }
signals:
  - { id: a, kind: dispute, when: { claim: true }, points: 70, reason: a claim }
  - { id: a, kind: return, when: { return_open: true }, points: 45, reason: a return }
${PRIORITY}`,
    expected: ['error level-order@2:9', 'error duplicate-id@5:11']
  },
  {
    name: 'unknown intents, also inside `unless` and `again_after_answer`, are warnings',
    text: `levels: { low: 15, medium: 40, high: 65 }
signals:
  - id: problem-again
    kind: dispute
    when: { again_after_answer: [order/teleported], unless: { intent: [presale/nonsense] } }
    points: 12
    reason: names the problem again
${PRIORITY}`,
    expected: ['warning unknown-intent@6:33', 'warning unknown-intent@6:71']
  }
]

describe('rules check on a risk model', () => {
  it.each(cases)('$name', async ({ name, text, expected }) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`)
    writeFileSync(file, HEADER + text)
    const problems = await checkRules([file], { builtin: false, examples: false })
    expect(problems.map((p) => `${p.severity} ${p.ruleId}@${p.location.line}:${p.location.column}`)).toEqual(expected)
    for (const problem of problems) expect(problem.location.file).toBe(file)
  })

  it('passes the built-in risk model against the built-in pack', async () => {
    const problems = await checkRules([join(rulesDir, 'risk.yaml')], { examples: false })
    expect(problems).toEqual([])
  })
})
