// The summary as Markdown, to paste into a ticket or a wiki.
import type { OrderLine, Summary } from './model.js'

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()
}

function riskTable(lines: OrderLine[]): string[] {
  if (lines.length === 0) return ['None.']
  const out = ['| order / conversation | level | score | priority | reasons | next action |', '|---|---|---:|---|---|---|']
  for (const line of lines) {
    out.push(
      `| ${cell(line.order_id || line.conversation_ids[0] || '')} | ${line.level} | ${line.score} | ${line.priority} | ${cell(line.reasons.join('; '))} | ${cell(line.suggested_action)} |`
    )
  }
  return out
}

function countTable(title: string, counts: Record<string, number>): string[] {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return [`| ${title} | messages |`, '|---|---:|', ...rows.map(([key, n]) => `| ${cell(key)} | ${n} |`)]
}

export function formatMarkdown(summary: Summary): string {
  const fr = summary.first_response
  const oh = summary.outside_hours
  return [
    '# inbox-triage summary',
    '',
    `Rows read ${summary.rows.read} = written ${summary.rows.written} + rejected ${summary.rows.rejected}. ` +
      `${summary.messages.buyer} buyer messages, ${summary.messages.seller} seller replies, ${summary.orders.total} orders or conversations.`,
    '',
    '## Dispute risk',
    '',
    ...riskTable(summary.top_dispute),
    '',
    '## Return risk',
    '',
    ...riskTable(summary.top_return),
    '',
    '## What buyers ask about',
    '',
    ...countTable('intent', summary.intents),
    '',
    '## Languages',
    '',
    ...countTable('language', summary.languages),
    '',
    '## Mood',
    '',
    ...countTable('sentiment', summary.sentiment),
    '',
    '## Response',
    '',
    `- Unanswered: ${summary.unanswered.total} (${Object.entries(summary.unanswered.by_wait).map(([k, v]) => `${k}: ${v}`).join(', ')})`,
    `- First response: median ${fr.median_hours ?? '-'} h, p90 ${fr.p90_hours ?? '-'} h over ${fr.conversations} conversations`,
    `- Outside business hours: ${oh.outside} of ${oh.buyer_messages} buyer messages`,
    ...(summary.warnings.length ? ['', '## Warnings', '', ...summary.warnings.map((w) => `- ${w}`)] : []),
    ''
  ].join('\n')
}
