// The summary for a person at a terminal: aligned, within 80 columns, coloured only when asked.
import { Chalk } from 'chalk'
import type { OrderLine, Summary } from './model.js'

export interface TerminalOptions {
  color: boolean
  width?: number
}

function top(counts: Record<string, number>, limit: number): Array<[string, number]> {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '-'
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat
}

export function formatTerminal(summary: Summary, options: TerminalOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 })
  const width = Math.min(options.width ?? 80, 80)
  const out: string[] = []
  const heading = (text: string): void => {
    out.push('', chalk.bold(text))
  }
  const { rows, messages } = summary
  out.push(
    chalk.bold('inbox-triage summary'),
    `rows read ${rows.read} = written ${rows.written} + rejected ${rows.rejected}; ` +
      `${messages.buyer} buyer messages, ${messages.seller} seller replies, ${summary.orders.total} orders/conversations`
  )
  for (const input of summary.inputs) out.push(chalk.dim(`  ${input.file}: ${input.source}, ${input.encoding}, ${input.rows} rows`))

  const levelColor = (level: string): string =>
    level === 'high' ? chalk.red(level) : level === 'medium' ? chalk.yellow(level) : level
  const risks = (title: string, lines: OrderLine[]): void => {
    heading(title)
    if (lines.length === 0) {
      out.push('  none')
      return
    }
    for (const line of lines) {
      const id = line.order_id || line.conversation_ids[0] || ''
      out.push(`  ${levelColor(line.level).padEnd(options.color ? 16 : 6)} ${String(line.score).padStart(3)}  ${line.priority}  ${clip(id, 24)}  ${chalk.dim(line.source)}`)
      for (const reason of line.reasons) out.push(`      ${clip(reason, width - 6)}`)
      if (line.suggested_action) out.push(chalk.cyan(`      → ${clip(line.suggested_action, width - 8)}`))
    }
  }
  risks('Dispute risk (highest first)', summary.top_dispute)
  risks('Return risk (highest first)', summary.top_return)

  const classified = messages.classified
  heading('What buyers ask about')
  for (const [intent, count] of top(summary.intents, 12)) {
    out.push(`  ${intent.padEnd(28)} ${String(count).padStart(6)}  ${percent(count, classified).padStart(4)}`)
  }
  heading('Languages')
  out.push(`  ${top(summary.languages, 12).map(([lang, count]) => `${lang} ${count}`).join('  ')}`)
  heading('Mood')
  out.push(
    `  ${['negative', 'neutral', 'positive'].map((label) => `${label} ${summary.sentiment[label] ?? 0}`).join('  ')}` +
      `  urgent ${summary.urgent}`
  )
  heading('Waiting for an answer')
  out.push(`  ${summary.unanswered.total} unanswered: ${Object.entries(summary.unanswered.by_wait).map(([name, n]) => `${name} ${n}`).join(', ')}`)
  for (const line of summary.unanswered.longest.slice(0, 5)) {
    out.push(`  ${String(line.hours_unanswered).padStart(7)}h  ${clip(line.order_id || line.conversation_ids[0] || '', 24).padEnd(24)}  ${clip(line.last_buyer_message, width - 38)}`)
  }
  const fr = summary.first_response
  out.push(
    `  first response: median ${fr.median_hours ?? '-'}h, p90 ${fr.p90_hours ?? '-'}h over ${fr.conversations} conversations`,
    `  outside business hours: ${summary.outside_hours.outside} of ${summary.outside_hours.buyer_messages} buyer messages (${percent(summary.outside_hours.outside, summary.outside_hours.buyer_messages)})`
  )
  if (summary.warnings.length) {
    heading('Warnings')
    for (const warning of summary.warnings) out.push(chalk.yellow(`  ${warning}`))
  }
  return `${out.join('\n')}\n`
}
