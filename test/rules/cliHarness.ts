// Drives one command factory in-process, mapping errors to exit codes the way src/cli/main.ts
// does, so command tests do not depend on which commands main registers.
import { Command, CommanderError } from 'commander'
import { PassThrough, Readable } from 'node:stream'
import type { CliIo } from '../../src/cli/io.js'
import { TriageError } from '../../src/errors.js'

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

export async function runCommand(factory: (io: CliIo) => Command, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const io: CliIo = { stdin: Readable.from([]), stdout, stderr, cwd: options.cwd ?? process.cwd(), env: { ...options.env }, stderrIsTTY: false, stdoutIsTTY: false, exitCode: 0 }
  const write = { writeOut: (text: string) => io.stdout.write(text), writeErr: (text: string) => io.stderr.write(text) }
  const command = factory(io)
  const program = new Command('inbox-triage').exitOverride().configureOutput(write)
  const exitOverride = (cmd: Command): void => {
    cmd.exitOverride().configureOutput(write)
    cmd.commands.forEach(exitOverride)
  }
  exitOverride(command)
  program.addCommand(command)
  let code: number
  try {
    await program.parseAsync(args, { from: 'user' })
    code = io.exitCode
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 2
    else if (error instanceof TriageError) {
      io.stderr.write(`inbox-triage: ${error.message}\n`)
      code = error.exitCode
    } else throw error
  }
  await new Promise((resolve) => setImmediate(resolve))
  return { code, stdout: out, stderr: err }
}
