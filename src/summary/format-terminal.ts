// The summary for a person at a terminal: aligned, within 80 columns (wide CJK characters
// counted as two), coloured only when asked, with bars where a picture reads faster.
import { Chalk } from 'chalk'
import { lineId, RESPONSE_BUCKETS, type OrderLine, type ResponseStats, type Summary } from './model.js'
import { clip, pad } from './text-width.js'

export interface TerminalOptions {
  color: boolean
  /** At most 80. */
  width?: number
}

const BAR_WIDTH = 24

function top(counts: Record<string, number>, limit: number): Array<[string, number]> {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '-'
}

function bar(value: number, max: number): string {
  return max > 0 ? '█'.repeat(Math.round((value / max) * BAR_WIDTH)) : ''
}

function hours(value: number | null): string {
  return value === null ? '-' : `${value}h`
}

/** Words joined by `sep`, wrapped to `width` columns with an indent. */
function wrap(items: string[], width: number, indent = '  ', sep = '  '): string[] {
  const lines: string[] = []
  let current = indent
  for (const item of items) {
    if (current !== indent && current.length + sep.length + item.length > width) {
      lines.push(current)
      current = indent
    }
    current += current === indent ? item : sep + item
  }
  if (current !== indent) lines.push(current)
  return lines
}

export function formatTerminal(summary: Summary, options: TerminalOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 })
  const width = Math.min(options.width ?? 80, 80)
  const out: string[] = []
  const heading = (text: string): void => {
    out.push('', chalk.bold(text))
  }
  const { rows, messages, orders } = summary
  out.push(
    chalk.bold('inbox-triage summary'),
    `rows read ${rows.read} = written ${rows.written} + rejected ${rows.rejected}`,
    `${messages.buyer} buyer messages, ${messages.seller} seller replies, ${orders.total} orders or conversations`,
    ...wrap(
      Object.entries(summary.sources).map(([source, n]) => `${source} ${n}`),
      width,
      'sources: '
    )
  )
  for (const input of summary.inputs) out.push(chalk.dim(`  ${clip(`${input.file}: ${[input.source, input.encoding, input.delimiter && `${input.delimiter}-separated`, `${input.rows} rows`].filter(Boolean).join(', ')}`, width - 2)}`))

  const levelColor = (level: string): string => {
    const padded = level.padEnd(6)
    return level === 'high' ? chalk.red(padded) : level === 'medium' ? chalk.yellow(padded) : padded
  }
  const risks = (title: string, lines: OrderLine[], counts: Record<string, number>): void => {
    heading(`${title}: high ${counts.high ?? 0}, medium ${counts.medium ?? 0}, low ${counts.low ?? 0}`)
    if (lines.length === 0) {
      out.push('  none')
      return
    }
    for (const line of lines) {
      const wait = line.hours_unanswered === null ? '' : `waiting ${line.hours_unanswered}h`
      const where = clip(line.marketplace || line.source, 14)
      out.push(`  ${levelColor(line.level)} ${String(line.score).padStart(3)}  ${line.priority.padEnd(2)}  ${pad(clip(lineId(line), 24), 24)}  ${pad(where, 14)} ${wait}`.trimEnd())
      for (const reason of line.reasons) out.push(`      ${clip(reason, width - 6)}`)
      if (line.last_buyer_message) out.push(chalk.dim(`      “${clip(line.last_buyer_message, width - 8)}”`))
      if (line.suggested_action) out.push(chalk.cyan(`      → ${clip(line.suggested_action, width - 8)}`))
    }
  }
  risks('Dispute risk, highest first', summary.top_dispute, orders.dispute)
  risks('Return risk, highest first', summary.top_return, orders.return)

  const classified = messages.classified
  heading(`What buyers ask about (${classified} classified buyer messages)`)
  const intents = top(summary.intents, 12)
  const maxIntent = intents[0]?.[1] ?? 0
  for (const [intent, count] of intents) {
    out.push(`  ${pad(clip(intent, 28), 28)} ${String(count).padStart(6)} ${percent(count, classified).padStart(4)}  ${bar(count, maxIntent)}`)
  }
  const hidden = Object.keys(summary.intents).length - intents.length
  if (hidden > 0) out.push(chalk.dim(`  … and ${hidden} more intents`))
  heading('Languages')
  out.push(...wrap(top(summary.languages, 30).map(([lang, count]) => `${lang} ${count}`), width))
  heading('Mood')
  out.push(
    `  ${['negative', 'neutral', 'positive'].map((label) => `${label} ${summary.sentiment[label] ?? 0}`).join('  ')}` + `  urgent ${summary.urgent}`
  )
  heading(`Waiting for an answer: ${summary.unanswered.total}`)
  out.push(...wrap(Object.entries(summary.unanswered.by_wait).map(([name, n]) => `${name} ${n}`), width, '  ', ', '))
  for (const line of summary.unanswered.longest.slice(0, 5)) {
    out.push(`  ${hours(line.hours_unanswered).padStart(6)}  ${pad(clip(lineId(line), 22), 22)}  ${clip(line.last_buyer_message, width - 34)}`)
  }
  const fr = summary.first_response
  heading(`First response: median ${hours(fr.median_hours)}, p90 ${hours(fr.p90_hours)} over ${fr.conversations} answered`)
  const maxBucket = Math.max(0, ...RESPONSE_BUCKETS.map(([name]) => fr.distribution[name] ?? 0))
  for (const [name] of RESPONSE_BUCKETS) {
    const n = fr.distribution[name] ?? 0
    out.push(`  ${name.padEnd(12)} ${String(n).padStart(6)}  ${bar(n, maxBucket)}`)
  }
  const statsLine = (key: string, s: ResponseStats): string =>
    `  ${pad(clip(key || '(none)', 24), 24)} ${String(s.conversations).padStart(6)} answered  median ${hours(s.median_hours).padStart(6)}  p90 ${hours(s.p90_hours).padStart(6)}`
  for (const [key, s] of Object.entries(fr.by_source)) out.push(statsLine(key, s))
  for (const [key, s] of Object.entries(fr.by_marketplace)) out.push(statsLine(key, s))
  const oh = summary.outside_hours
  out.push('', `Outside business hours: ${oh.outside} of ${oh.buyer_messages} buyer messages (${percent(oh.outside, oh.buyer_messages)})`)
  if (summary.warnings.length) {
    heading('Warnings')
    for (const warning of summary.warnings) {
      for (const text of wrap(warning.split(' '), width, '  ', ' ')) out.push(chalk.yellow(text))
    }
  }
  return `${out.join('\n')}\n`
}
