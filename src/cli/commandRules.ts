// `inbox-triage rules check|test`: rules as code — validate rule, lexicon, risk and profile
// files for CI, and execute every rule's examples and annotated sample files.
import { Command, Option } from 'commander'
import { UsageError } from '../errors.js'
import { countProblems, countTests, formatProblems, formatTestReport, PROBLEM_FORMATS, TEST_FORMATS, type ProblemFormat, type TestFormat } from '../rules/formatters.js'
import type { CliIo } from './io.js'

interface CheckOptions {
  format: ProblemFormat
  maxWarnings?: string
  builtin: boolean
  examples: boolean
}

interface TestOptions {
  format: TestFormat
  builtin: boolean
  verbose?: boolean
}

function stdoutColor(io: CliIo): boolean {
  return io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb'
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return Infinity
  const count = Number(value)
  if (!Number.isInteger(count) || count < 0) throw new UsageError(`--max-warnings takes a whole number of 0 or more, got "${value}".`)
  return count
}

export function commandRules(io: CliIo): Command {
  const rules = new Command('rules').description('check and test rule files (intents, lexicons, risk, profiles)')

  rules
    .command('check')
    .description('validate rule, lexicon, risk and profile files; every problem at file:line:column')
    .argument('[paths...]', 'files or folders (default: the built-in rules/ and profiles/)')
    .addOption(new Option('--format <format>', 'output format').choices(PROBLEM_FORMATS).default('stylish'))
    .option('--max-warnings <count>', 'fail (exit 1) when there are more warnings than this')
    .option('--no-builtin', 'check the files alone, not against the built-in intent rules')
    .option('--no-examples', 'skip running the rules\u2019 examples')
    .addHelpText(
      'after',
      '\nExamples:\n  $ inbox-triage rules check team-rules/\n  $ inbox-triage rules check team-rules/ --format github --max-warnings 0\n' +
        'Exit status: 0 clean, 1 problems found, 2 usage error.'
    )
    .action(async (paths: string[], options: CheckOptions) => {
      const maxWarnings = parseMaxWarnings(options.maxWarnings)
      const { checkRules } = await import('../rules/check.js')
      const problems = await checkRules(paths, { cwd: io.cwd, builtin: options.builtin, examples: options.examples })
      io.stdout.write(formatProblems(problems, options.format, { color: stdoutColor(io), cwd: io.cwd }))
      const { errors, warnings } = countProblems(problems)
      if (errors > 0 || warnings > maxWarnings) io.exitCode = 1
    })

  rules
    .command('test')
    .description('run every rule\u2019s examples and the annotated sample files (*.samples.txt)')
    .argument('[paths...]', 'files or folders (default: the built-in rules/)')
    .addOption(new Option('--format <format>', 'output format').choices(TEST_FORMATS).default('stylish'))
    .option('--no-builtin', 'test the files alone, not together with the built-in intent rules')
    .option('--verbose', 'list passing rules too')
    .addHelpText(
      'after',
      '\nExample:\n  $ inbox-triage rules test team-rules/\n' +
        'A sample file holds messages, each after a line "# expect: order/status" (must get it)\n' +
        'or "# ok: order/status" (must not); "# lang: en" sets the language of what follows.'
    )
    .action(async (paths: string[], options: TestOptions) => {
      const { testRules } = await import('../rules/check.js')
      const report = await testRules(paths, { cwd: io.cwd, builtin: options.builtin })
      io.stdout.write(formatTestReport(report, options.format, { color: stdoutColor(io), cwd: io.cwd, verbose: options.verbose }))
      const counts = countTests(report)
      if (counts.failedRules > 0 || counts.failedSamples > 0 || counts.loadErrors > 0) io.exitCode = 1
    })

  return rules
}
