// The summary formats of one run agree with each other, the HTML report renders in a real
// headless Chromium with its charts and sortable tables, and --fail-on alerts.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { lineId, RESPONSE_BUCKETS, type Summary } from '../../src/summary/model.js'
import { displayWidth } from '../../src/summary/text-width.js'
import { cli, tempDir, type CliResult } from '../helpers/cli.js'

const SAMPLES = join(process.cwd(), 'samples')
const FILES = ['amazon.csv', 'shopee.csv', 'shopify.csv', 'amazon-orders.txt', 'amazon-returns.txt', 'shopee-orders.csv', 'shopify-orders.csv']
const RUN = [
  'run', 'amazon.csv', 'shopee.csv', 'shopify.csv',
  '--orders', 'amazon-orders.txt', '--orders', 'amazon-returns.txt', '--orders', 'shopee-orders.csv', '--orders', 'shopify-orders.csv',
  '--now', '2026-11-23T09:00:00Z', '-o', 'triaged.ndjson', '--format', 'ndjson'
]
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))

let dir = ''
let summary: Summary
let terminal: CliResult
let markdown: string
let failing: CliResult

beforeAll(async () => {
  dir = tempDir()
  for (const file of FILES) copyFileSync(join(SAMPLES, file), join(dir, file))
  terminal = await cli([...RUN, '--summary-out', 'summary.json', '--report', 'report.html'], { cwd: dir, env: { NO_COLOR: '1' } })
  failing = await cli([...RUN, '--summary-out', 'summary.md', '--no-summary', '--fail-on', 'dispute:high'], { cwd: dir })
  summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary
  markdown = readFileSync(join(dir, 'summary.md'), 'utf8')
})

describe('the formats agree on the bundled samples', () => {
  test('the run succeeds and the samples exercise every part of the summary', () => {
    expect(terminal.code).toBe(0)
    expect(Object.keys(summary.sources)).toEqual(['amazon', 'shopee', 'shopify'])
    expect(summary.top_dispute.length).toBeGreaterThan(0)
    expect(summary.top_return.length).toBeGreaterThan(0)
    expect(summary.unanswered.total).toBeGreaterThan(0)
    expect(summary.first_response.median_hours).not.toBeNull()
    expect(Object.keys(summary.sentiment_by_day).length).toBeGreaterThan(3)
  })

  test.each([
    {
      fact: 'rows',
      terminal: (s: Summary) => `rows read ${s.rows.read} = written ${s.rows.written} + rejected ${s.rows.rejected}`,
      markdown: (s: Summary) => `Rows read ${s.rows.read} = written ${s.rows.written} + rejected ${s.rows.rejected}.`
    },
    {
      fact: 'dispute levels',
      terminal: (s: Summary) => `Dispute risk, highest first: high ${s.orders.dispute.high}, medium ${s.orders.dispute.medium}, low ${s.orders.dispute.low}`,
      markdown: (s: Summary) => `## Dispute risk (high ${s.orders.dispute.high}, medium ${s.orders.dispute.medium}, low ${s.orders.dispute.low})`
    },
    {
      fact: 'return levels',
      terminal: (s: Summary) => `Return risk, highest first: high ${s.orders.return.high}, medium ${s.orders.return.medium}, low ${s.orders.return.low}`,
      markdown: (s: Summary) => `## Return risk (high ${s.orders.return.high}, medium ${s.orders.return.medium}, low ${s.orders.return.low})`
    },
    {
      fact: 'first response',
      terminal: (s: Summary) => `First response: median ${s.first_response.median_hours}h, p90 ${s.first_response.p90_hours}h over ${s.first_response.conversations} answered`,
      markdown: (s: Summary) => `First response: median ${s.first_response.median_hours} h, p90 ${s.first_response.p90_hours} h over ${s.first_response.conversations} answered`
    },
    {
      fact: 'outside business hours',
      terminal: (s: Summary) => `Outside business hours: ${s.outside_hours.outside} of ${s.outside_hours.buyer_messages} buyer messages`,
      markdown: (s: Summary) => `Outside business hours: ${s.outside_hours.outside} of ${s.outside_hours.buyer_messages} buyer messages`
    },
    {
      fact: 'unanswered',
      terminal: (s: Summary) => `Waiting for an answer: ${s.unanswered.total}`,
      markdown: (s: Summary) => `## Waiting for an answer (${s.unanswered.total})`
    }
  ])('$fact: terminal and Markdown say what summary.json says', ({ terminal: inTerminal, markdown: inMarkdown }) => {
    expect(terminal.stderr).toContain(inTerminal(summary))
    expect(markdown).toContain(inMarkdown(summary))
  })

  test('the top risk lists are the same orders in the same order', () => {
    const terminalIds = (title: string): string[] => {
      const section = terminal.stderr.split(`\n${title}`)[1]!.split('\n\n')[0]!
      return [...section.matchAll(/^ {2}(?:high|medium|low)\s+\d+\s+P\d\s+(\S+)/gm)].map((m) => m[1]!)
    }
    const markdownIds = (title: string): string[] => {
      const section = markdown.split(`## ${title}`)[1]!.split('\n## ')[0]!
      return [...section.matchAll(/^\| ([^|]+?) \| [^|]* \| (?:high|medium|low) \|/gm)].map((m) => m[1]!)
    }
    expect(terminalIds('Dispute risk')).toEqual(summary.top_dispute.map(lineId))
    expect(markdownIds('Dispute risk')).toEqual(summary.top_dispute.map(lineId))
    expect(terminalIds('Return risk')).toEqual(summary.top_return.map(lineId))
    expect(markdownIds('Return risk')).toEqual(summary.top_return.map(lineId))
  })

  test('the terminal summary fits 80 columns and has no colour under NO_COLOR', () => {
    const lines = terminal.stderr.split('\n')
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(80)
    expect(terminal.stderr).not.toMatch(/\u001b\[/)
  })

  test('the HTML report carries the same summary as summary.json', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    const embedded = /<script type="application\/json" id="summary-data">(.*?)<\/script>/s.exec(html)![1]!
    expect(JSON.parse(embedded)).toEqual(summary)
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/)
  })

  test('--fail-on dispute:high exits 1, names the threshold, and still writes the summary', () => {
    expect(failing.code).toBe(1)
    expect(failing.stderr).toContain(`${summary.orders.dispute.high} order(s) reach dispute:high`)
    expect(markdown.length).toBeGreaterThan(0)
  })
})

const browserTest = CHROMIUM ? test : test.skip
if (!CHROMIUM) {
  console.warn('report.test.ts: the headless browser test is skipped: no chromium at /usr/bin/chromium. Install it with `apt-get install -y chromium` (.ci/run does).')
}

describe('the HTML report in headless Chromium', () => {
  let browser: import('playwright-core').Browser | undefined
  afterAll(async () => {
    await browser?.close()
  })

  browserTest('renders offline with its charts, cards and sortable risk tables', async () => {
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(pathToFileURL(join(dir, 'report.html')).href)

    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([])
    expect(errors).toEqual([])
    expect(await page.textContent('[data-kpi="high dispute risk"] b')).toBe(String(summary.orders.dispute.high))
    expect(await page.textContent('[data-kpi="unanswered"] b')).toBe(String(summary.unanswered.total))

    // Each chart draws one visible mark per value of the summary.
    const marks = (selector: string) =>
      page.$$eval(selector, (nodes) =>
        nodes.map((node) => ({ label: node.getAttribute('data-label'), value: Number(node.getAttribute('data-value')), width: node.getBoundingClientRect().width }))
      )
    const intents = await marks('#chart-intents g.bar')
    expect(Object.fromEntries(intents.map((m) => [m.label, m.value]))).toEqual(summary.intents)
    expect(intents.every((m) => m.width > 0)).toBe(true)
    const languages = await marks('#chart-languages g.bar')
    expect(Object.fromEntries(languages.map((m) => [m.label, m.value]))).toEqual(summary.languages)
    const days = await marks('#chart-sentiment g.column')
    expect(days.map((m) => m.label)).toEqual(Object.keys(summary.sentiment_by_day))
    expect(days.map((m) => m.value)).toEqual(Object.values(summary.sentiment_by_day).map((c) => c.negative + c.neutral + c.positive))
    const response = await marks('#chart-response g.bar')
    expect(response.map((m) => [m.label, m.value])).toEqual(RESPONSE_BUCKETS.map(([name]) => [name, summary.first_response.distribution[name]]))

    // The risk table lists the summary's orders, and sorts on a header click.
    const ids = () => page.$$eval('#top-dispute tbody tr', (rows) => rows.map((row) => row.cells[0]!.getAttribute('data-value')))
    const waits = () => page.$$eval('#top-dispute tbody tr', (rows) => rows.map((row) => Number(row.cells[4]!.getAttribute('data-value'))))
    expect(await ids()).toEqual(summary.top_dispute.map(lineId))
    await page.click('#top-dispute th:has-text("waiting")')
    const descending = await waits()
    expect(descending).toEqual([...descending].sort((a, b) => b - a))
    await page.click('#top-dispute th:has-text("waiting")')
    const ascending = await waits()
    expect(ascending).toEqual([...descending].reverse())
    expect(await page.getAttribute('#top-dispute th:has-text("waiting")', 'aria-sort')).toBe('ascending')

    const shot = await page.screenshot({ fullPage: true })
    expect(shot.length).toBeGreaterThan(10_000)
    // Set INBOX_TRIAGE_SCREENSHOT=/tmp/report.png to look at it.
    if (process.env.INBOX_TRIAGE_SCREENSHOT) writeFileSync(process.env.INBOX_TRIAGE_SCREENSHOT, shot)
  })
})
