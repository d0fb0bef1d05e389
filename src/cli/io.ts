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

/** Colour is on when the stream is a terminal and NO_COLOR is not set (FORCE_COLOR forces it). */
export function useColor(io: CliIo, stream: 'stdout' | 'stderr' = 'stderr'): boolean {
  if (io.env.NO_COLOR) return false
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true
  const tty = stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY
  return tty && io.env.TERM !== 'dumb'
}
