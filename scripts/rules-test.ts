// Quick runner for rule-pack authors: compiles the given intent files (default: the built-in
// pack) and runs every rule's examples, printing `file:line:col rule-id: message` per failure.
// Usage: npx tsx scripts/rules-test.ts [files or folders…]
import { relative } from 'node:path'
import { compileIntentPack } from '../src/rules/compile.js'
import { runAllExamples } from '../src/rules/examples.js'
import { loadIntentSources } from '../src/rules/load.js'
import { builtinIntentsDir } from '../src/rules/paths.js'
import { sortProblems, type RuleProblem } from '../src/rules/problems.js'

const paths = process.argv.slice(2)
const targets = paths.length > 0 ? paths : [builtinIntentsDir]
// Only the given files' rules run (plus the built-in taxonomy), so each author sees their own.
const { sources, problems } = await loadIntentSources(targets, { builtin: false })
const compiled = await compileIntentPack(sources, { checkTrustedRegexes: true })
const results = runAllExamples(compiled.pack)
const all: RuleProblem[] = sortProblems([...problems, ...compiled.problems, ...results.flatMap((result) => result.failures)])

const show = (problem: RuleProblem): string => {
  const { file, line, column } = problem.location
  const rule = problem.intentRule !== undefined ? ` [${problem.intentRule}]` : ''
  const hint = problem.hint !== undefined ? `\n    hint: ${problem.hint}` : ''
  return `${relative(process.cwd(), file)}:${line}:${column} ${problem.severity === 'warning' ? 'warning ' : ''}${problem.ruleId}${rule}: ${problem.message}${hint}`
}
const quiet = process.env.RULES_TEST_WARNINGS === '0'
let errors = 0
let warnings = 0
for (const problem of all) {
  if (problem.severity === 'error') errors++
  else warnings++
  if (problem.severity === 'error' || !quiet) console.log(show(problem))
}
let examples = 0
let passed = 0
for (const result of results) {
  passed += result.passed
  examples += result.passed + result.failures.length
}
console.log(`\n${compiled.pack.rules.length} rules, ${passed}/${examples} examples pass, ${errors} errors, ${warnings} warnings`)
process.exitCode = errors > 0 ? 1 : 0
