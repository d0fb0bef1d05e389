// Pure formatters of rule problems and rule-test reports: stylish for people, json for
// machines, github for CI annotations. Colour is an option, never read from the environment.
import { relative } from 'node:path'
import { Chalk } from 'chalk'
import type { RuleTestReport } from './check.js'
import type { RuleProblem } from './problems.js'

/** A location's file relative to `cwd`, as editors and CI annotations want it. */
export function displayPath(file: string, cwd: string): string {
  const path = relative(cwd, file)
  return path.startsWith('..') ? file : path.split('\\').join('/')
}

export const PROBLEM_FORMATS = ['stylish', 'json', 'github'] as const
export type ProblemFormat = (typeof PROBLEM_FORMATS)[number]

export interface FormatOptions {
  color: boolean
  /** Paths are shown relative to it. */
  cwd: string
}

export function countProblems(problems: readonly RuleProblem[]): { errors: number; warnings: number } {
  let errors = 0
  for (const problem of problems) if (problem.severity === 'error') errors++
  return { errors, warnings: problems.length - errors }
}

export function formatProblems(problems: readonly RuleProblem[], format: ProblemFormat, options: FormatOptions): string {
  if (format === 'json') return formatJson(problems, options)
  if (format === 'github') return formatGithub(problems, options)
  return formatStylish(problems, options)
}

function formatStylish(problems: readonly RuleProblem[], options: FormatOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 })
  if (problems.length === 0) return ''
  const lines: string[] = []
  let file = ''
  for (const problem of problems) {
    if (problem.location.file !== file) {
      file = problem.location.file
      if (lines.length > 0) lines.push('')
      lines.push(paint.underline(displayPath(file, options.cwd)))
    }
    const place = `${problem.location.line}:${problem.location.column}`.padEnd(8)
    const severity = problem.severity === 'error' ? paint.red('error  ') : paint.yellow('warning')
    const rule = problem.intentRule !== undefined ? paint.dim(` [${problem.intentRule}]`) : ''
    lines.push(`  ${place} ${severity}  ${problem.message}  ${paint.dim(problem.ruleId)}${rule}`)
    if (problem.hint !== undefined) lines.push(`  ${' '.repeat(8)} ${paint.dim(`hint: ${problem.hint}`)}`)
  }
  const { errors, warnings } = countProblems(problems)
  const total = `✖ ${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`
  lines.push('', errors > 0 ? paint.red.bold(total) : paint.yellow.bold(total))
  return `${lines.join('\n')}\n`
}

function formatJson(problems: readonly RuleProblem[], options: FormatOptions): string {
  const { errors, warnings } = countProblems(problems)
  const list = problems.map((problem) => ({
    file: displayPath(problem.location.file, options.cwd),
    line: problem.location.line,
    column: problem.location.column,
    severity: problem.severity,
    ruleId: problem.ruleId,
    message: problem.message,
    ...(problem.hint !== undefined ? { hint: problem.hint } : {}),
    ...(problem.intentRule !== undefined ? { intentRule: problem.intentRule } : {})
  }))
  return `${JSON.stringify({ errorCount: errors, warningCount: warnings, problems: list }, null, 2)}\n`
}

// GitHub workflow commands: data escapes %, CR, LF; properties also `:` and `,`.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function formatGithub(problems: readonly RuleProblem[], options: FormatOptions): string {
  let out = ''
  for (const problem of problems) {
    const { line, column } = problem.location
    const file = escapeProperty(displayPath(problem.location.file, options.cwd))
    const title = escapeProperty(problem.intentRule !== undefined ? `${problem.ruleId} (${problem.intentRule})` : problem.ruleId)
    const hint = problem.hint !== undefined ? ` ${problem.hint}` : ''
    out += `::${problem.severity} file=${file},line=${line},col=${column},title=${title}::${escapeData(`${problem.message}.${hint}`)}\n`
  }
  return out
}

export const TEST_FORMATS = ['stylish', 'json'] as const
export type TestFormat = (typeof TEST_FORMATS)[number]

export interface TestCounts {
  rules: number
  failedRules: number
  examples: number
  failedExamples: number
  samples: number
  failedSamples: number
  loadErrors: number
}

export function countTests(report: RuleTestReport): TestCounts {
  let examples = 0
  let failedExamples = 0
  let failedRules = 0
  for (const result of report.rules) {
    examples += result.passed + result.failures.length
    failedExamples += result.failures.length
    if (result.failures.length > 0) failedRules++
  }
  let failedSamples = 0
  for (const sample of report.samples) if (sample.failures.length > 0) failedSamples++
  return { rules: report.rules.length, failedRules, examples, failedExamples, samples: report.samples.length, failedSamples, loadErrors: report.problems.length }
}

export function formatTestReport(report: RuleTestReport, format: TestFormat, options: FormatOptions & { verbose?: boolean }): string {
  const counts = countTests(report)
  if (format === 'json') {
    const json = {
      ...counts,
      rules: report.rules.map((result) => ({
        id: result.rule.id,
        intent: result.rule.intent,
        file: displayPath(result.rule.location.file, options.cwd),
        line: result.rule.location.line,
        passed: result.passed,
        failures: result.failures.map((failure) => ({ line: failure.location.line, column: failure.location.column, message: failure.message }))
      })),
      samples: report.samples.map((result) => ({
        file: displayPath(result.sample.location.file, options.cwd),
        line: result.sample.location.line,
        text: result.sample.text,
        lang: result.sample.lang,
        intents: result.intents,
        passed: result.failures.length === 0,
        failures: result.failures.map((failure) => failure.message)
      })),
      problems: JSON.parse(formatJson(report.problems, options)).problems as unknown[]
    }
    return `${JSON.stringify(json, null, 2)}\n`
  }
  const paint = new Chalk({ level: options.color ? 1 : 0 })
  const lines: string[] = []
  for (const result of report.rules) {
    const failed = result.failures.length > 0
    if (!failed && !options.verbose) continue
    const total = result.passed + result.failures.length
    const mark = failed ? paint.red('FAIL') : paint.green('PASS')
    lines.push(`${mark} ${result.rule.id} ${paint.dim(`${result.passed}/${total} examples`)}`)
    for (const failure of result.failures) {
      lines.push(`     ${displayPath(failure.location.file, options.cwd)}:${failure.location.line}:${failure.location.column} ${failure.message}`)
    }
  }
  for (const result of report.samples) {
    if (result.failures.length === 0) continue
    for (const failure of result.failures) {
      lines.push(`${paint.red('FAIL')} ${displayPath(failure.location.file, options.cwd)}:${failure.location.line} ${failure.message}`)
    }
  }
  if (report.problems.length > 0) lines.push('', formatStylish(report.problems, options).trimEnd())
  const ok = counts.failedRules === 0 && counts.failedSamples === 0 && counts.loadErrors === 0
  const summary =
    `${plural(counts.rules, 'rule')}: ${counts.rules - counts.failedRules} pass, ${counts.failedRules} fail` +
    ` (${counts.examples - counts.failedExamples}/${counts.examples} examples); ` +
    `${plural(counts.samples, 'sample')}: ${counts.samples - counts.failedSamples} pass, ${counts.failedSamples} fail` +
    (counts.loadErrors > 0 ? `; ${plural(counts.loadErrors, 'load error')}` : '')
  lines.push(ok ? paint.green(summary) : paint.red(summary))
  return `${lines.join('\n')}\n`
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}
