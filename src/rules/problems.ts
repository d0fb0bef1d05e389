// The one report shape of every rule-file check: a place, a check id, a message and a hint.
import type { FileLocation } from '../types.js'

export interface RuleProblem {
  location: FileLocation
  /** The check that found it, e.g. `schema`, `duplicate-id`, `unsafe-regex`. */
  ruleId: string
  severity: 'error' | 'warning'
  message: string
  hint?: string
  /** The intent rule the problem belongs to, when there is one. */
  intentRule?: string
}

/** Problems in reading order: by file, line, column. */
export function sortProblems(problems: RuleProblem[]): RuleProblem[] {
  return problems.sort(
    (a, b) =>
      compareText(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function hasErrors(problems: readonly RuleProblem[]): boolean {
  for (const problem of problems) if (problem.severity === 'error') return true
  return false
}

/** `file:line:column severity check: message (hint)` — one line, for errors thrown by the engine. */
export function describeProblem(problem: RuleProblem): string {
  const { file, line, column } = problem.location
  const hint = problem.hint !== undefined ? ` ${problem.hint}` : ''
  return `${file}:${line}:${column} ${problem.severity} ${problem.ruleId}: ${problem.message}.${hint}`
}
