// The summary as Markdown, to paste into a ticket or a wiki (GitHub-flavoured tables).
import { lineId, RESPONSE_BUCKETS, SENTIMENT_LABELS, type OrderLine, type ResponseStats, type Summary } from './model.js'

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()
}

function hours(value: number | null): string {
  return value === null ? '–' : `${value} h`
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '–'
}

function riskTable(lines: OrderLine[]): string[] {
  if (lines.length === 0) return ['None.']
  const out = [
    '| order / conversation | source | level | score | priority | waiting | reasons | last buyer message | next action |',
    '|---|---|---|---:|---|---:|---|---|---|'
  ]
  for (const line of lines) {
    out.push(
      `| ${cell(lineId(line))} | ${cell([line.source, line.marketplace].filter(Boolean).join(' · '))} | ${line.level} | ${line.score} | ${line.priority} | ` +
        `${hours(line.hours_unanswered)} | ${cell(line.reasons.join('; '))} | ${cell(line.last_buyer_message)} | ${cell(line.suggested_action)} |`
    )
  }
  return out
}

function inputTable(inputs: Summary['inputs']): string[] {
  if (inputs.length === 0) return []
  return [
    '| input | source | encoding | delimiter | rows |',
    '|---|---|---|---|---:|',
    ...inputs.map((input) => `| ${cell(input.file)} | ${cell(input.source || '–')} | ${cell(input.encoding || '–')} | ${cell(input.delimiter ?? '–')} | ${input.rows} |`),
    ''
  ]
}

function countTable(title: string, counts: Record<string, number>, total: number): string[] {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return [`| ${title} | messages | share |`, '|---|---:|---:|', ...rows.map(([key, n]) => `| ${cell(key || '(none)')} | ${n} | ${percent(n, total)} |`)]
}

function responseRows(title: string, stats: Record<string, ResponseStats>): string[] {
  return Object.entries(stats).map(([key, s]) => `| ${title} ${cell(key || '(none)')} | ${s.conversations} | ${hours(s.median_hours)} | ${hours(s.p90_hours)} |`)
}

export function formatMarkdown(summary: Summary): string {
  const fr = summary.first_response
  const oh = summary.outside_hours
  const { messages, orders } = summary
  const days = Object.entries(summary.sentiment_by_day)
  return [
    '# inbox-triage summary',
    '',
    `Rows read ${summary.rows.read} = written ${summary.rows.written} + rejected ${summary.rows.rejected}. ` +
      `${messages.buyer} buyer messages, ${messages.seller} seller replies, ${orders.total} orders or conversations. ` +
      `Sources: ${Object.entries(summary.sources).map(([k, v]) => `${k} ${v}`).join(', ') || '–'}.`,
    '',
    ...inputTable(summary.inputs),
    `## Dispute risk (high ${orders.dispute.high}, medium ${orders.dispute.medium}, low ${orders.dispute.low})`,
    '',
    ...riskTable(summary.top_dispute),
    '',
    `## Return risk (high ${orders.return.high}, medium ${orders.return.medium}, low ${orders.return.low})`,
    '',
    ...riskTable(summary.top_return),
    '',
    `## What buyers ask about (${messages.classified} classified buyer messages)`,
    '',
    ...countTable('intent', summary.intents, messages.classified),
    '',
    '## Languages',
    '',
    ...countTable('language', summary.languages, messages.total),
    '',
    `## Mood (urgent: ${summary.urgent})`,
    '',
    ...countTable('sentiment', summary.sentiment, messages.classified),
    '',
    ...(days.length
      ? ['| day (UTC) | negative | neutral | positive |', '|---|---:|---:|---:|', ...days.map(([day, c]) => `| ${day} | ${SENTIMENT_LABELS.map((l) => c[l]).join(' | ')} |`), '']
      : []),
    `## Waiting for an answer (${summary.unanswered.total})`,
    '',
    Object.entries(summary.unanswered.by_wait)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · '),
    '',
    ...(summary.unanswered.longest.length
      ? [
          '| waiting | order / conversation | source | last buyer message |',
          '|---:|---|---|---|',
          ...summary.unanswered.longest.map(
            (line) => `| ${hours(line.hours_unanswered)} | ${cell(lineId(line))} | ${cell([line.source, line.marketplace].filter(Boolean).join(' · '))} | ${cell(line.last_buyer_message)} |`
          ),
          ''
        ]
      : []),
    '## Response',
    '',
    `First response: median ${hours(fr.median_hours)}, p90 ${hours(fr.p90_hours)} over ${fr.conversations} answered orders or conversations. ` +
      `Outside business hours: ${oh.outside} of ${oh.buyer_messages} buyer messages (${percent(oh.outside, oh.buyer_messages)}).`,
    '',
    '| first response | answered | median | p90 |',
    '|---|---:|---:|---:|',
    `| all | ${fr.conversations} | ${hours(fr.median_hours)} | ${hours(fr.p90_hours)} |`,
    ...responseRows('source', fr.by_source),
    ...responseRows('marketplace', fr.by_marketplace),
    '',
    '| first response within | answered |',
    '|---|---:|',
    ...RESPONSE_BUCKETS.map(([name]) => `| ${name} | ${fr.distribution[name] ?? 0} |`),
    ...(summary.warnings.length ? ['', '## Warnings', '', ...summary.warnings.map((w) => `- ${w}`)] : []),
    ''
  ].join('\n')
}
