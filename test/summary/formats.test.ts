// The formatters are pure functions of a summary: checked here on a hand-built one with
// hostile and wide text; test/cli/report.test.ts checks them on the samples.
import { describe, expect, test } from '@jest/globals'
import { formatHtml } from '../../src/summary/format-html.js'
import { formatMarkdown } from '../../src/summary/format-markdown.js'
import { formatTerminal } from '../../src/summary/format-terminal.js'
import { SummaryBuilder, type OrderLine, type Summary } from '../../src/summary/model.js'
import { formatForFile, renderSummary } from '../../src/summary/render.js'
import { displayWidth } from '../../src/summary/text-width.js'

const line = (fields: Partial<OrderLine>): OrderLine => ({
  order_id: '250-3057268-4342395',
  conversation_ids: ['c1'],
  source: 'amazon',
  marketplace: 'amazon.co.jp',
  score: 85,
  level: 'high',
  priority: 'P1',
  reasons: ['dispute +55: threatens "A-to-z" | twice', 'dispute +30: waiting 5 days for an answer, and the reason text goes on well past the edge of any terminal'],
  suggested_action: 'Answer today with the tracking status and offer a replacement or refund.',
  last_buyer_message: '写真を送りました。返品と返金をお願いします。何度も連絡していますが、返事がありません。<script>alert(1)</script>',
  hours_unanswered: 53,
  ...fields
})

function summary(): Summary {
  const s = new SummaryBuilder().result()
  s.top_dispute = [line({}), line({ order_id: '', conversation_ids: ['a-very-long-conversation-identifier-from-a-help-desk'], level: 'medium', score: 40 })]
  s.unanswered.longest = [line({})]
  s.intents = { 'order/not-received': 3, other: 1 }
  s.languages = Object.fromEntries(['en', 'de', 'fr', 'es', 'it', 'ja', 'zh', 'th', 'vi', 'id', 'ms', 'pt', 'nl', 'pl', 'tr', 'ar', 'ko', 'tl'].map((l, i) => [l, 100 + i]))
  s.warnings = ['samples/x.csv: 3 timestamp(s) had no time zone; UTC was assumed, which is a long warning that needs wrapping to fit.']
  return s
}

describe('terminal', () => {
  test.each([
    { color: false, ansi: false },
    { color: true, ansi: true }
  ])('color $color: every line fits 80 columns; ANSI codes only with colour', ({ color, ansi }) => {
    const out = formatTerminal(summary(), { color })
    const plain = out.replace(/\u001b\[[0-9;]*m/g, '')
    expect(Math.max(...plain.split('\n').map(displayWidth))).toBeLessThanOrEqual(80)
    expect(/\u001b\[/.test(out)).toBe(ansi)
    expect(plain).toContain('a-very-long-conversatio…')
    expect(plain).toContain('needs wrapping')
  })
})

describe('markdown and html', () => {
  test('markdown escapes table pipes and keeps one row per order', () => {
    const md = formatMarkdown(summary())
    expect(md).toContain('threatens "A-to-z" \\| twice')
    expect(md.split('\n').filter((l) => l.startsWith('| 250-3057268-4342395 |'))).toHaveLength(1)
  })

  test('html escapes buyer text and cannot be closed from inside its embedded JSON', () => {
    const html = formatHtml(summary())
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html.match(/<\/script>/g)).toHaveLength(2)
  })

  test.each([
    ['summary.json', 'json'],
    ['out/summary.MD', 'md'],
    ['notes.markdown', 'md'],
    ['report.html', 'html'],
    ['report.htm', 'html'],
    ['summary', 'json']
  ])('%p is written as %p', (file, format) => {
    expect(formatForFile(file)).toBe(format)
  })
})

// Each input is listed with the encoding and the delimiter it was read with, in every format.
describe('inputs', () => {
  const inputs: Summary['inputs'] = [
    { file: 'exports/amazon.csv', source: 'amazon', encoding: 'utf-8', delimiter: 'comma', rows: 155 },
    { file: 'exports/shopee.csv', source: 'shopee', encoding: 'windows-1252', delimiter: 'semicolon', rows: 12 },
    { file: 'exports/helpdesk.tsv', source: 'zendesk', encoding: 'utf-16le', delimiter: 'tab', rows: 3 },
    { file: 'triaged.ndjson', source: 'generic', encoding: 'utf-8', rows: 4 }
  ]
  const withInputs = (): Summary => ({ ...summary(), inputs })

  test.each([
    { input: inputs[0]!, terminal: 'exports/amazon.csv: amazon, utf-8, comma-separated, 155 rows', markdown: '| exports/amazon.csv | amazon | utf-8 | comma | 155 |' },
    { input: inputs[1]!, terminal: 'exports/shopee.csv: shopee, windows-1252, semicolon-separated, 12 rows', markdown: '| exports/shopee.csv | shopee | windows-1252 | semicolon | 12 |' },
    { input: inputs[2]!, terminal: 'exports/helpdesk.tsv: zendesk, utf-16le, tab-separated, 3 rows', markdown: '| exports/helpdesk.tsv | zendesk | utf-16le | tab | 3 |' },
    { input: inputs[3]!, terminal: 'triaged.ndjson: generic, utf-8, 4 rows', markdown: '| triaged.ndjson | generic | utf-8 | – | 4 |' }
  ])('$input.file: terminal, Markdown, HTML and JSON state its encoding and delimiter', ({ input, terminal, markdown }) => {
    const s = withInputs()
    expect(formatTerminal(s, { color: false }).split('\n')).toContain(`  ${terminal}`)
    expect(formatMarkdown(s).split('\n')).toContain(markdown)
    const html = formatHtml(s)
    const row = `<tr><td>${input.file}</td><td>${input.source}</td><td>${input.encoding}</td><td>${input.delimiter ?? '–'}</td><td class="num">${input.rows}</td></tr>`
    expect(html).toContain(row)
    const json = JSON.parse(renderSummary(s, 'json')) as Summary
    expect(json.inputs.find((item) => item.file === input.file)).toEqual(input)
  })

  test('markdown has one header row for the inputs, before the risk tables', () => {
    const md = formatMarkdown(withInputs()).split('\n')
    const header = md.indexOf('| input | source | encoding | delimiter | rows |')
    expect(header).toBeGreaterThan(0)
    expect(header).toBeLessThan(md.findIndex((l) => l.startsWith('## Dispute risk')))
  })
})
