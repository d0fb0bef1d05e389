// The summary as one self-contained HTML file: inline CSS, inline SVG charts, a few lines of
// inline script to sort the tables. Opens offline, from a mail attachment or a ticket.
import { lineId, RESPONSE_BUCKETS, SENTIMENT_LABELS, type OrderLine, type ResponseStats, type Summary } from './model.js'
import { barChart, columnChart, escapeHtml as esc } from './svg-charts.js'

export interface HtmlOptions {
  /** Shown under the title, e.g. when the report was made. */
  subtitle?: string
}

const LEVEL_RANK: Record<string, number> = { high: 3, medium: 2, low: 1, none: 0 }
const SENTIMENT_COLORS: Record<string, string> = { negative: '#d64545', neutral: '#9aa5b1', positive: '#3f9c5a' }

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Noto Sans Thai",sans-serif;color:#1f2933;margin:0;background:#f5f7fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.sub{color:#616e7c;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:10px}
.card{background:#fff;border-radius:8px;padding:10px 14px;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:22px}.card span{color:#616e7c;font-size:12px}
.card.alert b{color:#c62828}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}
section.panel{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px #0002;overflow-x:auto}
svg.chart{max-width:100%;height:auto;font-size:12px}svg .num,svg .tick{fill:#616e7c;font-size:11px}svg .axis{stroke:#cbd2d9}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{background:#eef2f6;font-weight:600;white-space:nowrap}
th.sortable{cursor:pointer}th.sortable::after{content:" ↕";color:#9aa5b1}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.level{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.level.high{background:#fde2e2;color:#a61b1b}.level.medium{background:#fff1cc;color:#8a5a00}.level.low{background:#e3f2e8;color:#276738}
td.reasons{min-width:300px}ul.reasons{margin:0;padding-left:16px;font-size:13px}
.action{color:#2a6f97}.quote{color:#52606d;font-style:italic;min-width:200px;max-width:300px}.src{color:#616e7c;font-size:12px}
.warn{background:#fff8e1;border-left:4px solid #f0b429;padding:8px 12px}
`

// Sorts a table by the clicked column: numbers by data-value, text by its content.
const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function(table){
  table.querySelectorAll('th.sortable').forEach(function(th,col){
    th.addEventListener('click',function(){
      var body=table.tBodies[0];var desc=th.getAttribute('aria-sort')!=='descending';
      table.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
      th.setAttribute('aria-sort',desc?'descending':'ascending');
      var numeric=th.dataset.type==='num';
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[col].dataset.value||a.cells[col].textContent,y=b.cells[col].dataset.value||b.cells[col].textContent;
        var r=numeric?Number(x)-Number(y):x.localeCompare(y);return desc?-r:r});
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
`

function sorted(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

function card(label: string, value: string, alert = false): string {
  return `<div class="card${alert ? ' alert' : ''}" data-kpi="${esc(label)}"><b>${esc(value)}</b><span>${esc(label)}</span></div>`
}

function hours(value: number | null): string {
  return value === null ? '–' : `${value} h`
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '–'
}

function riskTable(id: string, lines: OrderLine[]): string {
  if (lines.length === 0) return '<p>None.</p>'
  const head =
    '<tr><th class="sortable" data-type="text">order / conversation</th><th class="sortable" data-type="num">level</th>' +
    '<th class="sortable" data-type="num">score</th><th class="sortable" data-type="text">priority</th>' +
    '<th class="sortable" data-type="num">waiting</th>' +
    '<th>reasons</th><th>last buyer message / next action</th></tr>'
  const rows = lines.map((line) => {
    const reasons = line.reasons.map((r) => `<li>${esc(r)}</li>`).join('')
    const action = line.suggested_action ? `<div class="action">→ ${esc(line.suggested_action)}</div>` : ''
    return (
      `<tr><td data-value="${esc(lineId(line))}">${esc(lineId(line))}<div class="src">${esc(line.source)}${line.marketplace ? ` · ${esc(line.marketplace)}` : ''}</div></td>` +
      `<td data-value="${LEVEL_RANK[line.level] ?? 0}"><span class="level ${line.level}">${line.level}</span></td>` +
      `<td class="num" data-value="${line.score}">${line.score}</td><td>${esc(line.priority)}</td>` +
      `<td class="num" data-value="${line.hours_unanswered ?? -1}">${hours(line.hours_unanswered)}</td>` +
      `<td class="reasons"><ul class="reasons">${reasons}</ul></td>` +
      `<td><div class="quote">${esc(line.last_buyer_message)}</div>${action}</td></tr>`
    )
  })
  return `<table id="${id}" class="sortable"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
}

function responseTable(rows: Array<[string, ResponseStats]>): string {
  const body = rows
    .map(([key, s]) => `<tr><td>${esc(key || '(none)')}</td><td class="num">${s.conversations}</td><td class="num">${hours(s.median_hours)}</td><td class="num">${hours(s.p90_hours)}</td></tr>`)
    .join('')
  return `<table><thead><tr><th></th><th>answered</th><th>median</th><th>p90</th></tr></thead><tbody>${body}</tbody></table>`
}

function inputTable(inputs: Summary['inputs']): string {
  const body = inputs
    .map(
      (input) =>
        `<tr><td>${esc(input.file)}</td><td>${esc(input.source || '–')}</td><td>${esc(input.encoding || '–')}</td>` +
        `<td>${esc(input.delimiter ?? '–')}</td><td class="num">${input.rows}</td></tr>`
    )
    .join('')
  return `<table id="inputs"><thead><tr><th>input</th><th>source</th><th>encoding</th><th>delimiter</th><th>rows</th></tr></thead><tbody>${body}</tbody></table>`
}

export function formatHtml(summary: Summary, options: HtmlOptions = {}): string {
  const { messages, orders, first_response: fr, outside_hours: oh } = summary
  const days = Object.keys(summary.sentiment_by_day)
  const sentimentValues = SENTIMENT_LABELS.map((label) => days.map((day) => summary.sentiment_by_day[day]![label]))
  const intents = sorted(summary.intents)
  const languages = sorted(summary.languages)
  const unansweredRows = summary.unanswered.longest
    .map(
      (line) =>
        `<tr><td class="num" data-value="${line.hours_unanswered ?? 0}">${hours(line.hours_unanswered)}</td><td>${esc(lineId(line))}</td>` +
        `<td>${esc(line.source)}${line.marketplace ? ` · ${esc(line.marketplace)}` : ''}</td><td class="quote">${esc(line.last_buyer_message)}</td></tr>`
    )
    .join('')
  const body = [
    '<h1>inbox-triage summary</h1>',
    `<p class="sub">${esc(options.subtitle ?? '')} Rows read ${summary.rows.read} = written ${summary.rows.written} + rejected ${summary.rows.rejected}; ` +
      `sources: ${esc(Object.entries(summary.sources).map(([k, v]) => `${k} ${v}`).join(', ') || '–')}</p>`,
    '<div class="cards">',
    card('buyer messages', String(messages.buyer)),
    card('seller replies', String(messages.seller)),
    card('orders / conversations', String(orders.total)),
    card('high dispute risk', String(orders.dispute.high), orders.dispute.high > 0),
    card('high return risk', String(orders.return.high), orders.return.high > 0),
    card('unanswered', String(summary.unanswered.total), summary.unanswered.total > 0),
    card('first response median', hours(fr.median_hours)),
    card('first response p90', hours(fr.p90_hours)),
    card('outside business hours', percent(oh.outside, oh.buyer_messages)),
    '</div>',
    '<h2>Handle first: dispute risk</h2>',
    `<section class="panel">${riskTable('top-dispute', summary.top_dispute)}</section>`,
    '<h2>Return risk</h2>',
    `<section class="panel">${riskTable('top-return', summary.top_return)}</section>`,
    '<h2>What buyers ask about, in which languages and moods</h2>',
    '<div class="grid">',
    `<section class="panel" id="chart-intents"><h3>Intents (${messages.classified} classified buyer messages)</h3>${barChart('Intent mix', intents, { color: '#3e7cb1', total: messages.classified })}</section>`,
    `<section class="panel" id="chart-languages"><h3>Languages (${messages.total} messages)</h3>${barChart('Language mix', languages, { color: '#8e6bbf' })}</section>`,
    `<section class="panel" id="chart-sentiment"><h3>Sentiment by day (UTC)</h3>${columnChart(
      'Sentiment by day',
      days,
      SENTIMENT_LABELS.map((name) => ({ name, color: SENTIMENT_COLORS[name]! })),
      sentimentValues,
      (day) => day.slice(5)
    )}<p>urgent: ${summary.urgent}</p></section>`,
    '</div>',
    '<h2>How fast we answer</h2>',
    '<div class="grid">',
    `<section class="panel" id="chart-response"><h3>First-response time (${fr.conversations} answered)</h3>${barChart(
      'First-response time distribution',
      RESPONSE_BUCKETS.map(([name]) => [name, fr.distribution[name] ?? 0]),
      { color: '#2f8f83' }
    )}<p>median ${hours(fr.median_hours)}, p90 ${hours(fr.p90_hours)}; ` +
      `outside business hours: ${oh.outside} of ${oh.buyer_messages} buyer messages (${percent(oh.outside, oh.buyer_messages)})</p></section>`,
    `<section class="panel" id="response-by"><h3>By source</h3>${responseTable(Object.entries(fr.by_source))}` +
      `<h3>By marketplace</h3>${responseTable(Object.entries(fr.by_marketplace))}</section>`,
    '</div>',
    `<h2>Waiting for an answer (${summary.unanswered.total})</h2>`,
    `<section class="panel"><p>${Object.entries(summary.unanswered.by_wait).map(([k, v]) => `${esc(k)}: <b>${v}</b>`).join(' · ')}</p>` +
      (unansweredRows
        ? `<table id="unanswered" class="sortable"><thead><tr><th class="sortable" data-type="num">waiting</th><th class="sortable" data-type="text">order / conversation</th>` +
          `<th class="sortable" data-type="text">source</th><th>last buyer message</th></tr></thead><tbody>${unansweredRows}</tbody></table>`
        : '') +
      '</section>',
    ...(summary.inputs.length ? ['<h2>Inputs</h2>', `<section class="panel">${inputTable(summary.inputs)}</section>`] : []),
    ...(summary.warnings.length ? ['<h2>Warnings</h2>', ...summary.warnings.map((w) => `<p class="warn">${esc(w)}</p>`)] : [])
  ].join('\n')
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>inbox-triage summary</title><style>${CSS}</style></head>\n<body><main>\n${body}\n</main>` +
    `<script type="application/json" id="summary-data">${JSON.stringify(summary).replace(/</g, '\\u003c')}</script>` +
    `<script>${SCRIPT}</script></body></html>\n`
  )
}
