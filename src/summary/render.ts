// Picks a summary format from a file name, so `--summary-out` and `summarize -o` agree.
import { extname } from 'node:path'
import { formatHtml } from './format-html.js'
import { formatMarkdown } from './format-markdown.js'
import type { Summary } from './model.js'

export type SummaryFormat = 'json' | 'md' | 'html'

/** `.md`/`.markdown` → Markdown, `.html`/`.htm` → HTML, anything else → JSON. */
export function formatForFile(file: string): SummaryFormat {
  const ext = extname(file).toLowerCase()
  if (ext === '.md' || ext === '.markdown') return 'md'
  if (ext === '.html' || ext === '.htm') return 'html'
  return 'json'
}

export function renderSummary(summary: Summary, format: SummaryFormat): string {
  if (format === 'md') return formatMarkdown(summary)
  if (format === 'html') return formatHtml(summary)
  return `${JSON.stringify(summary, null, 2)}\n`
}
