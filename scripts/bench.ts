// `npm run bench`: triage vs a plain csv-parse → csv-stringify copy of the same synthetic export,
// with wall time, rows/s, MB/s, peak RSS and the cost of each stage.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeSyntheticExport } from './bench/synthetic.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    compare: { type: 'string', default: '250000' },
    workers: { type: 'string' },
    'stage-rows': { type: 'string', default: '100000' }
  }
})
const rows = Number(values.rows)
const compareRows = Number(values.compare)

interface Measure {
  label: string
  rows: number
  seconds: number
  mb: number
  maxRssMb: number
}

async function exportOf(n: number): Promise<string> {
  const dir = join(tmpdir(), 'inbox-triage-bench')
  mkdirSync(dir, { recursive: true })
  // The name carries the generator's version, so a changed generator never reuses an old file.
  const file = join(dir, `export-v3-${n}.csv`)
  if (!existsSync(file)) {
    process.stderr.write(`generating ${n} messages → ${file}\n`)
    await writeSyntheticExport(file, n)
  }
  return file
}

function measure(label: string, n: number, file: string, args: string[]): Measure {
  const started = process.hrtime.bigint()
  const child = spawnSync(process.execPath, ['--import', join(root, 'scripts/bench/report-rss.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (child.status !== 0) throw new Error(`${label} failed (${child.status}): ${child.stderr.slice(-2000)}`)
  const report = /@@bench (.*)/.exec(child.stderr)
  const maxRssKb = report ? (JSON.parse(report[1]!) as { maxRssKb: number }).maxRssKb : Number.NaN
  return { label, rows: n, seconds, mb: statSync(file).size / 1e6, maxRssMb: maxRssKb / 1024 }
}

function line(m: Measure, base?: Measure): string {
  const ratio = base ? `${(m.seconds / base.seconds).toFixed(2)}×` : ''
  return [
    m.label.padEnd(26),
    `${m.rows}`.padStart(9),
    `${m.seconds.toFixed(2)} s`.padStart(10),
    `${Math.round(m.rows / m.seconds)}`.padStart(10),
    `${(m.mb / m.seconds).toFixed(1)}`.padStart(7),
    `${m.maxRssMb.toFixed(0)} MB`.padStart(9),
    ratio.padStart(7)
  ].join(' ')
}

function triage(n: number, file: string): Measure {
  const out = join(dirname(file), `triaged-${n}.csv`)
  const workerArgs = values.workers ? ['--workers', values.workers] : []
  return measure(`triage (${values.workers ?? 'default'} workers)`, n, file, [join(root, 'bin/inbox-triage.js'), 'run', file, '-o', out, '--raw', '--no-summary', ...workerArgs])
}

function passthrough(n: number, file: string): Measure {
  return measure('csv passthrough', n, file, [join(root, 'scripts/bench/passthrough.mjs'), file, join(dirname(file), `copy-${n}.csv`)])
}

const file = await exportOf(rows)
const results: string[] = []
const header = `${'run'.padEnd(26)} ${'rows'.padStart(9)} ${'wall'.padStart(10)} ${'rows/s'.padStart(10)} ${'MB/s'.padStart(7)} ${'peak RSS'.padStart(9)} ${'ratio'.padStart(7)}`
const base = passthrough(rows, file)
const full = triage(rows, file)
results.push(header, line(base), line(full, base))
if (compareRows > 0 && compareRows < rows) {
  const small = await exportOf(compareRows)
  const smallBase = passthrough(compareRows, small)
  const smallFull = triage(compareRows, small)
  results.push(line(smallBase), line(smallFull, smallBase))
  results.push(`peak RSS at ${rows} rows is ${((full.maxRssMb / smallFull.maxRssMb - 1) * 100).toFixed(1)}% above ${compareRows} rows`)
}
process.stdout.write(`${results.join('\n')}\n\n`)

// Per-stage cost, in-process on the first rows of the same export.
const stageRows = Math.min(Number(values['stage-rows']), rows)
const { stageCosts } = await import('./bench/stages.js')
const costs = await stageCosts(file, stageRows)
process.stdout.write(`per-stage cost over ${stageRows} messages (one thread):\n`)
for (const [stage, ms] of Object.entries(costs)) {
  process.stdout.write(`  ${stage.padEnd(14)} ${ms.toFixed(0).padStart(7)} ms  ${Math.round(stageRows / (ms / 1000)).toString().padStart(9)} msgs/s\n`)
}
