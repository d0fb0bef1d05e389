// Fills samples/README.md's scenario tables from what the generator wrote, so they never drift.
import type { ExpectedEntry, PlatformOutput } from './common.js'

const cell = (text: string): string => text.replaceAll('|', '\\|')

function table(entries: ExpectedEntry[]): string {
  const lines = ['| scenario | order / conversation | language | story | dispute | return | signals |', '|---|---|---|---|---|---|---|']
  for (const entry of entries) {
    const key = entry.order_id || `(no order) ${entry.conversation_ids[0]}`
    const langs = [...new Set(entry.buyer_messages.map((message) => message.lang))].join(', ')
    lines.push(`| ${entry.scenario} | \`${key}\` | ${langs} | ${cell(entry.story)} | ${entry.dispute_risk} | ${entry.return_risk} | ${entry.signals.join(', ') || '—'} |`)
  }
  return lines.join('\n')
}

/** Replaces `{{table:amazon}}`, `{{table:shopee}}`, `{{table:shopify}}` and `{{counts}}` in the template. */
export function renderReadme(template: string, outputs: Record<string, PlatformOutput>): string {
  const counts = Object.entries(outputs)
    .map(([platform, output]) => {
      const calm = output.expected.filter((entry) => entry.calm).length
      return `| ${platform} | ${output.rows} | ${output.textRows} | ${output.expected.length} | ${calm} | ${[...output.languages].sort().join(', ')} |`
    })
    .join('\n')
  let out = template.replace('{{counts}}', counts)
  for (const [platform, output] of Object.entries(outputs)) out = out.replace(`{{table:${platform}}}`, table(output.expected))
  return out
}
