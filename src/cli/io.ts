// The streams and environment a command runs against, so tests can drive commands in-process.
import type { Readable, Writable } from 'node:stream'

export interface CliIo {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  cwd: string
  env: Record<string, string | undefined>
  /** Whether stderr is a terminal: progress spinners and colour only then. */
  stderrIsTTY: boolean
  /** Whether stdout is a terminal. */
  stdoutIsTTY: boolean
  /** A command sets this for outcomes other than success (e.g. 1 for findings). */
  exitCode: number
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    exitCode: 0
  }
}

/** Colour is on when stderr is a terminal and NO_COLOR is not set. */
export function useColor(io: CliIo): boolean {
  return io.stderrIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb'
}
