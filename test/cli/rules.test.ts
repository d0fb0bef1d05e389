import { join } from 'node:path'
import { commandRules } from '../../src/cli/commandRules.js'
import { runCommand } from '../rules/cliHarness.js'

const FIXTURES = 'test/fixtures/rules'
const BROKEN = `${FIXTURES}/broken`

// The acceptance folder: one of each problem, each at its own place.
const BROKEN_PROBLEMS = [
  { file: `${BROKEN}/intents/schema.yaml`, line: 5, column: 5, ruleId: 'schema', severity: 'error' },
  { file: `${BROKEN}/intents/semantic.yaml`, line: 9, column: 9, ruleId: 'duplicate-id', severity: 'error' },
  { file: `${BROKEN}/intents/semantic.yaml`, line: 18, column: 14, ruleId: 'unsafe-regex', severity: 'error' },
  { file: `${BROKEN}/intents/semantic.yaml`, line: 26, column: 15, ruleId: 'example-failed', severity: 'error' },
  { file: `${BROKEN}/intents/semantic.yaml`, line: 28, column: 13, ruleId: 'unknown-intent', severity: 'error' },
  { file: `${BROKEN}/intents/syntax.yaml`, line: 6, column: 1, ruleId: 'yaml-syntax', severity: 'error' }
]

describe('rules check', () => {
  test('--format json lists every problem of the folder at its place, exit 1', async () => {
    const result = await runCommand(commandRules, ['rules', 'check', BROKEN, '--no-builtin', '--format', 'json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { errorCount: number; warningCount: number; problems: Array<Record<string, unknown>> }
    expect(report.problems.map(({ file, line, column, ruleId, severity }) => ({ file, line, column, ruleId, severity }))).toEqual(BROKEN_PROBLEMS)
    expect(report.errorCount).toBe(6)
    expect(report.warningCount).toBe(0)
  })

  test('--format github prints one annotation per problem', async () => {
    const result = await runCommand(commandRules, ['rules', 'check', BROKEN, '--no-builtin', '--format', 'github'])
    expect(result.code).toBe(1)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(BROKEN_PROBLEMS.length)
    lines.forEach((line, i) => {
      const { file, line: row, column, severity } = BROKEN_PROBLEMS[i]
      expect(line.startsWith(`::${severity} file=${file},line=${row},col=${column},title=`)).toBe(true)
    })
  })

  test('stylish groups by file and counts', async () => {
    const result = await runCommand(commandRules, ['rules', 'check', BROKEN, '--no-builtin'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`${BROKEN}/intents/semantic.yaml\n  9:9      error    rule id \`fx.dup\` is already used at line 3`)
    expect(result.stdout).toContain('6 problems (6 errors, 0 warnings)')
  })

  const exits: Array<{ args: string[]; code: number; why: string }> = [
    { args: [`${FIXTURES}/pack`, '--no-builtin'], code: 0, why: 'clean files exit 0' },
    { args: [`${FIXTURES}/valid`], code: 0, why: 'warnings alone do not fail' },
    { args: [`${FIXTURES}/valid`, '--max-warnings', '0'], code: 1, why: 'unless --max-warnings is exceeded' },
    { args: [`${FIXTURES}/missing-folder`], code: 2, why: 'a missing path is an input error' },
    { args: [`${FIXTURES}/pack`, '--format', 'xml'], code: 2, why: 'an unknown format is a usage error' },
    { args: [`${FIXTURES}/pack`, '--max-warnings', 'many'], code: 2, why: 'a bad --max-warnings is a usage error' }
  ]
  test.each(exits)('$why', async ({ args, code }) => {
    const result = await runCommand(commandRules, ['rules', 'check', ...args])
    expect(result.code).toBe(code)
  })
})

describe('rules test', () => {
  test('runs examples and annotated samples, reporting each failure', async () => {
    const result = await runCommand(commandRules, ['rules', 'test', `${FIXTURES}/valid`, '--no-builtin', '--format', 'json'])
    const report = JSON.parse(result.stdout) as { rules: Array<{ id: string; passed: number; failures: unknown[] }>; samples: Array<{ line: number; passed: boolean; intents: string[] }> }
    expect(report.rules.map((rule) => [rule.id, rule.passed, rule.failures.length])).toEqual([
      ['fx.en.order-status.where-is', 7, 0],
      ['fx.en.dispute.chargeback', 3, 0]
    ])
    expect(report.samples.map((sample) => [sample.line, sample.passed])).toEqual([
      [2, true],
      [4, true],
      [6, true],
      [8, true]
    ])
    expect(result.code).toBe(0)
  })

  test('a failing example fails the run with its place', async () => {
    const result = await runCommand(commandRules, ['rules', 'test', join(BROKEN, 'intents/semantic.yaml'), '--no-builtin'])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('FAIL fx.failing-example')
    expect(result.stdout).toContain('semantic.yaml:26:15')
  })
})
