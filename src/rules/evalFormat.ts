// Pure formatters of an eval report: an aligned table for people, JSON for machines.
import { Chalk } from 'chalk'
import type { EvalReport } from './eval.js'

export const EVAL_FORMATS = ['text', 'json'] as const
export type EvalFormat = (typeof EVAL_FORMATS)[number]

const fixed = (value: number): string => value.toFixed(3)

export function formatEval(report: EvalReport, format: EvalFormat, options: { color: boolean }): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  const paint = new Chalk({ level: options.color ? 1 : 0 })
  const width = Math.max(28, ...report.intents.map((score) => score.intent.length + 2))
  const row = (name: string, p: string, r: string, f: string, s: string): string =>
    `${name.padEnd(width)}${p.padStart(10)}${r.padStart(8)}${f.padStart(8)}${s.padStart(9)}`.trimEnd()
  const lines = [paint.bold(row('intent', 'precision', 'recall', 'f1', 'support'))]
  for (const score of report.intents) {
    const line = row(score.intent, fixed(score.precision), fixed(score.recall), fixed(score.f1), String(score.support))
    lines.push(score.support === 0 ? paint.dim(`${line}  (not in gold)`) : line)
  }
  lines.push(
    '',
    row('micro', fixed(report.micro.precision), fixed(report.micro.recall), fixed(report.micro.f1), ''),
    paint.bold(
      report.goldIntents > 0
        ? `macro-F1 (intents in gold): ${fixed(report.macroF1)}`
        : 'macro-F1: n/a, gold holds no intent (an out-of-scope set: read the line on gold-other rows)'
    ),
    `primary-intent accuracy: ${fixed(report.primaryAccuracy)} over ${report.rows} rows`,
    `false-positive rate on gold-other rows: ${fixed(report.falsePositiveRate)} (${report.goldOtherHit} of ${report.goldOther} rows given an intent)`
  )
  if (report.confusions.length > 0) {
    lines.push('', paint.bold('most frequent confusions (gold → predicted primary):'))
    for (const confusion of report.confusions) lines.push(`  ${String(confusion.count).padStart(5)}  ${confusion.gold} → ${confusion.predicted}`)
  }
  if (report.misses.length > 0) {
    lines.push('', paint.bold('worst misses:'))
    for (const miss of report.misses) {
      const text = miss.text.length > 100 ? `${miss.text.slice(0, 97)}...` : miss.text
      lines.push(`  row ${miss.row}: gold ${miss.gold.join('; ') || 'other'}, got ${miss.predicted.join('; ') || 'other'}`, `    ${paint.dim(JSON.stringify(text))}`)
    }
  }
  return `${lines.join('\n')}\n`
}
