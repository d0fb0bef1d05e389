// The baseline: csv-parse → csv-stringify of the same file, the floor the triage is measured against.
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify'

const [input, output] = process.argv.slice(2)
if (!input || !output) throw new Error('usage: passthrough.ts <input.csv> <output.csv>')
await pipeline(createReadStream(input), parse({ relax_column_count: true }), stringify(), createWriteStream(output))
