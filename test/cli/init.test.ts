import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandEval } from '../../src/cli/commandEval.js'
import { commandInit } from '../../src/cli/commandInit.js'
import { commandRules } from '../../src/cli/commandRules.js'
import { runCommand } from '../rules/cliHarness.js'

describe('init', () => {
  const root = mkdtempSync(join(tmpdir(), 'init-test-'))
  const dir = join(root, 'team')
  let created: string

  beforeAll(async () => {
    const result = await runCommand(commandInit, ['init', 'team'], { cwd: root })
    expect(result.code).toBe(0)
    created = result.stdout
  })

  const expected = [
    'inbox-triage.config.yaml',
    'rules/intents/intents.yaml',
    'rules/intents/en/team.yaml',
    'rules/intents/en/team.samples.txt',
    'rules/sentiment/team-en.yaml',
    'rules/risk.yaml',
    'profiles/helpdesk.yaml',
    'labelled.csv',
    '.github/workflows/inbox-triage-rules.yml'
  ]
  test.each(expected)('creates %s', (file) => {
    expect(existsSync(join(dir, file))).toBe(true)
    expect(created).toContain(file)
  })

  test('the CI workflow checks with GitHub annotations and guards macro-F1', () => {
    const workflow = readFileSync(join(dir, '.github/workflows/inbox-triage-rules.yml'), 'utf8')
    expect(workflow).toContain('rules check rules profiles --format github')
    expect(workflow).toContain('--min-macro-f1')
  })

  test('the scaffold passes rules check, rules test and its own eval', async () => {
    const check = await runCommand(commandRules, ['rules', 'check', 'rules', 'profiles', '--format', 'json'], { cwd: dir })
    expect(JSON.parse(check.stdout).errorCount).toBe(0)
    expect(check.code).toBe(0)
    expect((await runCommand(commandRules, ['rules', 'test', 'rules'], { cwd: dir })).code).toBe(0)
    const evaluation = await runCommand(commandEval, ['eval', 'labelled.csv', '--lang', 'en', '--rules', 'rules/intents', '--min-macro-f1', '0.8', '--format', 'json'], { cwd: dir })
    expect(evaluation.code).toBe(0)
  })

  // The workflow it writes fails on any warning, so the starter must pass with none.
  test.each([
    { paths: ['rules', 'profiles'], why: 'the paths its CI workflow checks' },
    { paths: ['.'], why: 'the whole folder' }
  ])('rules check on $why finds no problem at all, warnings included', async ({ paths }) => {
    const check = await runCommand(commandRules, ['rules', 'check', ...paths, '--format', 'json', '--max-warnings', '0'], { cwd: dir })
    const report = JSON.parse(check.stdout) as { errorCount: number; warningCount: number; problems: Array<{ ruleId: string; message: string }> }
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([])
    expect(report.warningCount).toBe(0)
    expect(check.code).toBe(0)
  })

  test('refuses to overwrite without --force', async () => {
    const again = await runCommand(commandInit, ['init', 'team'], { cwd: root })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('--force')
    expect((await runCommand(commandInit, ['init', 'team', '--force'], { cwd: root })).code).toBe(0)
  })
})
