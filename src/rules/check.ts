// `rules check` and `rules test` as library calls: every problem of every file in one pass.
import { compileIntentPack, type IntentSource } from './compile.js'
import { runRuleExamples, type RuleExampleResult } from './examples.js'
import type { RawIntentFile } from './format.js'
import { collectFiles, isTaxonomyFile, readRuleFiles } from './load.js'
import type { CompiledRule } from './pack.js'
import { builtinIntentsDir, profilesDir, rulesDir } from './paths.js'
import { sortProblems, type RuleProblem } from './problems.js'
import { readSamples, runSample, type SampleResult } from './samples.js'
import { riskModelProblems } from '../risk/model.js'

export interface CheckOptions {
  /** Base for relative paths (default: the process's working directory). */
  cwd?: string
  /** Check the rules against the built-in pack too, as a run would load them (default true). */
  builtin?: boolean
  /** Run rule examples (default true). */
  examples?: boolean
  /** Folder of the built-in intent files (default: the package's). */
  builtinDir?: string
}

export interface RuleTestReport {
  rules: RuleExampleResult[]
  samples: SampleResult[]
  /** Problems that stop files from loading (syntax, schema, compile errors). */
  problems: RuleProblem[]
}

interface Prepared {
  problems: RuleProblem[]
  rules: CompiledRule[]
  pack: Awaited<ReturnType<typeof compileIntentPack>>['pack']
  samples: string[]
  checked: Set<string>
}

/** Default paths: the package's built-in rules and profiles. */
export function defaultCheckPaths(): string[] {
  return [rulesDir, profilesDir]
}

async function prepare(paths: readonly string[], options: CheckOptions): Promise<Prepared> {
  const cwd = options.cwd ?? process.cwd()
  const targets = await collectFiles(paths.length > 0 ? paths : defaultCheckPaths(), cwd)
  const checked = new Set([...targets.yaml, ...targets.samples])
  const builtin = await collectFiles([options.builtinDir ?? builtinIntentsDir])
  // The built-in files come first, so a user's rule that reuses a built-in id is the duplicate.
  const base = builtin.yaml.filter((file) => !checked.has(file) && (options.builtin !== false || isTaxonomyFile(file)))
  const { loaded, problems } = await readRuleFiles([...base, ...targets.yaml])
  const sources: IntentSource[] = []
  for (const { source, kind } of loaded) {
    if (kind === 'intents') sources.push({ source, data: source.data as RawIntentFile, trusted: !checked.has(source.file) })
    else if (kind === undefined && targets.explicit.has(source.file)) {
      problems.push({ location: { file: source.file, line: 1, column: 1 }, ruleId: 'unknown-kind', severity: 'warning', message: 'not a known kind of rule file, so it was not checked', hint: 'Add `# yaml-language-server: $schema=<path>/schema/<kind>.schema.json` (intents, lexicon, risk, profile) as its first line.' })
    }
  }
  const compiled = await compileIntentPack(sources)
  problems.push(...compiled.problems)
  // Risk models: the checks their schema cannot express, with `when` intents against this pack.
  const knownIntents = new Set(compiled.pack.intents.keys())
  for (const { source, kind } of loaded) if (kind === 'risk') problems.push(...riskModelProblems(source, { knownIntents }))
  const rules = compiled.pack.rules.filter((rule) => checked.has(rule.location.file))
  return { problems: problems.filter((problem) => checked.has(problem.location.file)), rules, pack: compiled.pack, samples: targets.samples, checked }
}

/** Every problem of every file: syntax, schema, semantics, unsafe regexes and failing examples. */
export async function checkRules(paths: string[], options: CheckOptions = {}): Promise<RuleProblem[]> {
  const prepared = await prepare(paths, options)
  const problems = prepared.problems
  if (options.examples !== false) {
    for (const rule of prepared.rules) problems.push(...runRuleExamples(prepared.pack, rule).failures)
  }
  return sortProblems(problems)
}

/** Run every rule's examples and every annotated sample file under `paths`. */
export async function testRules(paths: string[], options: CheckOptions = {}): Promise<RuleTestReport> {
  const prepared = await prepare(paths, options)
  const rules = prepared.rules.map((rule) => runRuleExamples(prepared.pack, rule))
  const samples: SampleResult[] = []
  const problems = prepared.problems.filter((problem) => problem.severity === 'error')
  for (const file of prepared.samples) {
    const parsed = await readSamples(file, prepared.pack.knownLanguages)
    problems.push(...parsed.problems)
    for (const sample of parsed.cases) samples.push(runSample(prepared.pack, sample))
  }
  return { rules, samples, problems: sortProblems(problems) }
}

