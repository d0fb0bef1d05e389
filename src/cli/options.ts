// Option values shared by the commands, checked the same way everywhere.
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'

/** Commander's collector for an option given several times (`--orders a --orders b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** `--now`: an ISO 8601 time, or undefined when not given. */
export function parseNow(value: string | undefined): string | undefined {
  if (!value) return undefined
  const time = Date.parse(value)
  if (Number.isNaN(time)) throw new UsageError(`--now ${value}: not a date; use ISO 8601, e.g. 2026-05-04T09:00:00Z`)
  return new Date(time).toISOString()
}

/** `--top`: how many orders the summary lists per risk. */
export function parseTop(value: string): number {
  const top = Number(value)
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top ${value}: expected a whole number`)
  return top
}

/** An output option's file, resolved; undefined when not given or `-` (stdout). */
export function outputPath(cwd: string, path: string | undefined): string | undefined {
  return path && path !== '-' ? resolve(cwd, path) : undefined
}

/**
 * The warning for a `--now` before the latest message time read: waiting clocks count from
 * `--now`, so later messages would wait no time at all.
 */
export function nowBeforeLatestWarning(now: string | undefined, latest: string): string | undefined {
  if (now === undefined || latest === '') return undefined
  const at = Date.parse(latest)
  if (Number.isNaN(at) || Date.parse(now) >= at) return undefined
  return (
    `--now ${now} is earlier than the latest message read (${new Date(at).toISOString()}); waiting clocks are counted from --now, ` +
    'so messages after it show no wait. Give a --now at or after the latest message, or leave it out to use the latest message time.'
  )
}
