// Small inline SVG charts for the HTML report: drawn here so the report needs no script library
// and no network, and prints as it shows.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
}

export interface Series {
  name: string
  color: string
}

/** Horizontal bars, one per label, longest first as given; the count and share follow each bar. */
export function barChart(title: string, rows: Array<[string, number]>, options: { color: string; total?: number }): string {
  const labelWidth = 190
  const barWidth = 300
  const rowHeight = 22
  const height = rows.length * rowHeight + 8
  const max = Math.max(1, ...rows.map(([, n]) => n))
  const total = options.total ?? rows.reduce((sum, [, n]) => sum + n, 0)
  const parts: string[] = []
  rows.forEach(([label, n], i) => {
    const y = i * rowHeight + 4
    const width = Math.max(n > 0 ? 2 : 0, Math.round((n / max) * barWidth))
    const share = total ? Math.round((n / total) * 100) : 0
    parts.push(
      `<g class="bar" data-label="${escapeHtml(label)}" data-value="${n}"><title>${escapeHtml(label)}: ${n} (${share}%)</title>` +
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 6}" rx="2" fill="${options.color}"/>` +
        `<text x="${labelWidth + width + 6}" y="${y + 15}" class="num">${n} · ${share}%</text></g>`
    )
  })
  return svg(title, labelWidth + barWidth + 90, height, parts.join(''))
}

/** Vertical stacked columns, one per label (e.g. per day), with a legend of the series. */
export function columnChart(title: string, labels: string[], series: Series[], values: number[][], tick: (label: string) => string = (label) => label): string {
  const left = 34
  const plotHeight = 160
  const top = 24
  const column = Math.max(16, Math.min(48, Math.floor(520 / Math.max(1, labels.length))))
  const width = left + labels.length * column + 10
  const totals = labels.map((_, i) => series.reduce((sum, _s, k) => sum + (values[k]![i] ?? 0), 0))
  const max = Math.max(1, ...totals)
  const parts: string[] = []
  series.forEach((s, k) => {
    parts.push(`<rect x="${left + k * 90}" y="4" width="10" height="10" fill="${s.color}"/><text x="${left + k * 90 + 14}" y="13">${escapeHtml(s.name)}</text>`)
  })
  parts.push(`<text x="${left - 4}" y="${top + 8}" text-anchor="end" class="num">${max}</text>`)
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${width - 6}" y2="${top + plotHeight}" class="axis"/>`)
  // A tick label needs about 36 px; thin columns label every few.
  const labelEvery = Math.ceil(36 / column)
  labels.forEach((label, i) => {
    const x = left + i * column + 2
    let y = top + plotHeight
    const tip = series.map((s, k) => `${s.name} ${values[k]![i] ?? 0}`).join(', ')
    parts.push(`<g class="column" data-label="${escapeHtml(label)}" data-value="${totals[i]}"><title>${escapeHtml(label)}: ${escapeHtml(tip)}</title>`)
    series.forEach((s, k) => {
      const n = values[k]![i] ?? 0
      if (n === 0) return
      const h = (n / max) * plotHeight
      y -= h
      parts.push(`<rect x="${x}" y="${y.toFixed(1)}" width="${column - 4}" height="${h.toFixed(1)}" fill="${s.color}"/>`)
    })
    parts.push('</g>')
    if (i % labelEvery === 0) {
      parts.push(`<text x="${x + (column - 4) / 2}" y="${top + plotHeight + 14}" text-anchor="middle" class="tick">${escapeHtml(tick(label))}</text>`)
    }
  })
  return svg(title, width, top + plotHeight + 22, parts.join(''))
}

function svg(title: string, width: number, height: number, body: string): string {
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`
}
