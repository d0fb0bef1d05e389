// Throughput and memory of openTable on a generated Amazon-shaped export, beside csv-parse on
// the same file for reference. Run: npx tsx test/input/read-table.bench.ts [rows] [encoding]
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse'
import iconv from 'iconv-lite'
import { openTable } from '../../src/input/read-table.js'

const rows = Number(process.argv[2] ?? 200_000)
const encoding = process.argv[3] ?? 'utf-8'
const bodies = [
  'Hello, where is my order? It was supposed to arrive last week.',
  'The item arrived broken.\nI want a refund, or I will open an A-to-z claim!',
  'Können Sie mir sagen, wann die Bestellung versendet wird? Danke',
  '商品がまだ届きません。いつ発送されますか？',
  'She said "it fits perfectly", but it does not. Return please.'
]
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
const dir = mkdtempSync(join(tmpdir(), 'bench-'))
const path = join(dir, 'bench.csv')
// Written in batches so the generator's memory does not hide the reader's in the RSS figure.
const out = createWriteStream(path)
const encode = (chunk: string) => (encoding === 'utf-8' ? Buffer.from(chunk) : iconv.encode(chunk, encoding))
out.write(encode('Message ID,Thread ID,Order ID,Marketplace,Sender Role,Sender Name,Subject,Body,Date\n'))
for (let start = 0; start < rows; start += 10_000) {
  let batch = ''
  for (let i = start; i < Math.min(rows, start + 10_000); i++) {
    const body = bodies[i % bodies.length]
    batch += [`M${i}`, `T${i >> 2}`, `111-${String(i).padStart(7, '0')}-0755439`, 'amazon.de', i % 3 ? 'Buyer' : 'Seller', 'Ana', 'Order inquiry', body, '2026-05-01T10:00:00Z']
      .map(quote)
      .join(',') + '\n'
  }
  if (!out.write(encode(batch))) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
}
await new Promise<void>((resolve) => out.end(() => resolve()))
const mb = statSync(path).size / 1e6

async function time(name: string, run: () => Promise<number>): Promise<void> {
  const start = process.hrtime.bigint()
  const count = await run()
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  console.log(`${name}: ${count} rows, ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(mb / seconds).toFixed(1)} MB/s, ${Math.round(count / seconds)} rows/s`)
}

await time(`openTable (${encoding})`, async () => {
  const table = await openTable(path)
  let count = 0
  for await (const record of table.records) if (record.kind === 'row') count++
  return count
})
if (encoding === 'utf-8') {
  await time('csv-parse (reference)', async () => {
    let count = 0
    for await (const record of createReadStream(path).pipe(parse({ from_line: 2, relax_column_count: true }))) if (record) count++
    return count
  })
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
rmSync(dir, { recursive: true, force: true })
