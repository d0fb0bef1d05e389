// Drives the CLI in-process with captured streams, as cspell's tests drive `run(program, argv)`.
import { PassThrough, Readable } from 'node:stream'
import { run } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function cli(args: string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out: Buffer[] = []
  const err: Buffer[] = []
  stdout.on('data', (chunk: Buffer) => out.push(chunk))
  stderr.on('data', (chunk: Buffer) => err.push(chunk))
  const io: CliIo = {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    env: { ...options.env },
    stderrIsTTY: false,
    stdoutIsTTY: false,
    exitCode: 0
  }
  const code = await run(['node', 'inbox-triage', ...args], io)
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }
}

export { tempDir } from './folder.js'
