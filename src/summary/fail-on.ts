// `--fail-on dispute:high`: thresholds a scheduled job alerts on, checked against a summary.
import { UsageError } from '../errors.js'
import type { RiskLevel } from '../types.js'
import type { Summary } from './model.js'

export interface FailOn {
  /** As the user wrote it, for messages. */
  spec: string
  kind: 'dispute' | 'return' | 'priority'
  /** For risks: levels at or above the threshold; for priority: P1 up to the threshold. */
  matches: string[]
}

const LEVELS: RiskLevel[] = ['high', 'medium', 'low']
const PRIORITIES = ['P1', 'P2', 'P3', 'P4']

/** Parses `dispute:high`, `return:medium`, `priority:P1`; several may be joined by commas. */
export function parseFailOn(value: string): FailOn[] {
  const out: FailOn[] = []
  for (const part of value.split(',')) {
    const spec = part.trim()
    const [kind, threshold = ''] = spec.split(':').map((s) => s.trim())
    if (kind === 'dispute' || kind === 'return') {
      const at = LEVELS.indexOf(threshold.toLowerCase() as RiskLevel)
      if (at < 0) throw new UsageError(`--fail-on ${spec}: expected ${kind}:low, ${kind}:medium or ${kind}:high`)
      out.push({ spec, kind, matches: LEVELS.slice(0, at + 1) })
    } else if (kind === 'priority') {
      const at = PRIORITIES.indexOf(threshold.toUpperCase())
      if (at < 0) throw new UsageError(`--fail-on ${spec}: expected priority:P1 … priority:P4`)
      out.push({ spec, kind, matches: PRIORITIES.slice(0, at + 1) })
    } else {
      throw new UsageError(`--fail-on ${spec}: expected dispute:LEVEL, return:LEVEL or priority:P1…P4, e.g. --fail-on dispute:high`)
    }
  }
  return out
}

/** The thresholds met, each with how many orders meet it; empty when none is. */
export function failures(summary: Summary, thresholds: FailOn[]): Array<{ spec: string; orders: number }> {
  const met: Array<{ spec: string; orders: number }> = []
  for (const threshold of thresholds) {
    const counts: Record<string, number> = threshold.kind === 'priority' ? summary.orders.priority : summary.orders[threshold.kind]
    let orders = 0
    for (const key of threshold.matches) orders += counts[key] ?? 0
    if (orders > 0) met.push({ spec: threshold.spec, orders })
  }
  return met
}
