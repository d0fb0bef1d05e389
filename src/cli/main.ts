// The commander program: every command registered, errors mapped to exit codes, nothing exits.
import { Command, CommanderError } from 'commander'
import { TriageError } from '../errors.js'
import { abortPendingWriters, committedTargets } from '../output/atomic-write.js'
import { commandEval } from './commandEval.js'
import { commandExplain } from './commandExplain.js'
import { commandInit } from './commandInit.js'
import { commandProfiles } from './commandProfiles.js'
import { commandRules } from './commandRules.js'
import { commandRun } from './commandRun.js'
import { commandSummarize } from './commandSummarize.js'
import { processIo, type CliIo } from './io.js'

const COMMANDS = new Set(['run', 'rules', 'eval', 'explain', 'summarize', 'profiles', 'init', 'help'])

export function buildProgram(io: CliIo): Command {
  const program = new Command('inbox-triage')
    .description('Triage exported buyer messages: intents, language, sentiment, dispute and return risk, with reasons.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text)
    })
    .showSuggestionAfterError()
  for (const command of [
    commandRun(io),
    commandExplain(io),
    commandRules(io),
    commandEval(io),
    commandSummarize(io),
    commandProfiles(io),
    commandInit(io)
  ]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) }))
  }
  return program
}

/** `run` is the default command: `inbox-triage file.csv` means `inbox-triage run file.csv`. */
export function withDefaultCommand(args: string[]): string[] {
  const first = args[0]
  if (first === undefined) return ['--help']
  if (COMMANDS.has(first) || first === '--help' || first === '-h' || first === '--version' || first === '-V') return args
  return ['run', ...args]
}

/** Set once Ctrl-C was pressed: what fails after it is the interrupt's doing, not an error to report. */
let interrupted = false

/** Ctrl-C: remove half-written outputs, say which were already written, and exit 130 as shells expect. */
function onInterrupt(io: CliIo): void {
  process.once('SIGINT', () => {
    interrupted = true
    const done = committedTargets.length
    io.stderr.write(
      done === 0
        ? '\ninbox-triage: interrupted; no output file was written.\n'
        : `\ninbox-triage: interrupted; ${done} output file(s) were already complete and written (${committedTargets.join(', ')}); the others were not.\n`
    )
    void abortPendingWriters().finally(() => process.exit(130))
  })
}

/** A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do. */
function onClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

/** Runs the CLI; returns the exit code instead of exiting. Without `io`, runs on the real process. */
export async function run(argv: string[], io?: CliIo): Promise<number> {
  if (!io) {
    io = processIo()
    onInterrupt(io)
    onClosedPipe()
  }
  const program = buildProgram(io)
  try {
    await program.parseAsync(withDefaultCommand(argv.slice(2)), { from: 'user' })
    return io.exitCode
  } catch (error) {
    // A command that failed leaves no temporary file behind, whichever of its outputs it had opened.
    await abortPendingWriters()
    if (interrupted) return 130
    if (error instanceof CommanderError) {
      // Help and version end with code 0; bad usage with 2.
      return error.exitCode === 0 ? 0 : 2
    }
    if (error instanceof TriageError) {
      io.stderr.write(`inbox-triage: ${error.message}\n`)
      return error.exitCode
    }
    const err = error as NodeJS.ErrnoException
    if (err?.code === 'EPIPE') return io.exitCode
    io.stderr.write(`inbox-triage: unexpected error: ${err?.message ?? String(error)}\nPlease report it with the command you ran.\n`)
    if (io.env.INBOX_TRIAGE_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`)
    return 70
  }
}
