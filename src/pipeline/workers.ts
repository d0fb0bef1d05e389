// A small pool of worker threads for the message stages. A conversation always goes to the same
// worker, so a stage that remembers a conversation (the language fallback) sees all of it in
// input order, and the output is the same whatever the number of workers.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { packageRoot } from '../data/paths.js'
import { InputError } from '../errors.js'
import { wordHash } from '../language/word-table.js'
import type { CsvRowLayout } from '../output/row-render.js'
import type { Message } from '../types.js'
import { toColumns, type Columns } from './columns.js'
import type { TriageConfig } from './config.js'

export interface WorkerPool {
  readonly size: number
  /** Runs the message stages on a batch; the messages are updated in place. */
  process(batch: Message[]): Promise<void>
  /** Milliseconds per stage since the last call, summed over the workers. */
  takeStageMs(): Record<string, number>
  /** What the message stages shared through `context.resources` (plain data), from the first worker. */
  readonly resources: Record<string, unknown>
  close(): Promise<void>
}

/** Old-generation cap per worker: the loaded data takes about 70 MB, loading peaks near 130 MB. */
const WORKER_HEAP_MB = 256
/**
 * Young generation per worker. V8's default lets each semi-space grow to 16 MB; the worker's
 * garbage is per batch and dies young, so 8 MB semi-spaces (24 MB in all) scavenge as well and
 * keep about 15 MB off the peak (docs/PERFORMANCE.md).
 */
const WORKER_YOUNG_MB = 24

/** Fields the message stages write, and the rendered row: only these cross back from a worker. */
export const STAGE_FIELDS = ['text', 'language', 'intents', 'intent', 'sentiment', 'data', 'csv_part'] as const

/** Sent instead of the raw text when it is one of the input cells: that cell's index. */
export const RAW_TEXT_CELL = 'raw_text_cell'

function workerScript(): string {
  const here = fileURLToPath(import.meta.url)
  // Under ts-jest the sources run as .ts; threads run the built JavaScript.
  const built = here.endsWith('.ts') ? join(packageRoot, 'dist/src/pipeline/worker.js') : join(here, '..', 'worker.js')
  if (!existsSync(built)) throw new InputError(`Worker script ${built} is missing: run \`npm run build\` first.`)
  return built
}

interface Pending {
  resolve(results: Columns): void
  reject(error: Error): void
}

/** The raw text crosses once: as the index of the input cell that holds it, when one does. */
function sendRawTextAsCell(batch: Message[], columns: Columns): void {
  const rawTexts = columns.raw_text!
  const at = new Array<number | undefined>(batch.length).fill(undefined)
  for (let i = 0; i < batch.length; i++) {
    const cell = batch[i]!.input_cells?.indexOf(batch[i]!.raw_text) ?? -1
    if (cell < 0) continue
    at[i] = cell
    rawTexts[i] = undefined
  }
  columns[RAW_TEXT_CELL] = at
}

export async function createWorkerPool(
  size: number,
  init: { config: TriageConfig; stageOptions?: Record<string, Record<string, unknown>>; now?: string; lean?: boolean; csvRows?: CsvRowLayout },
  warn: (message: string) => void,
  /** The message fields the stages read; all of them when not given. The input cells go only when rows are rendered there. */
  fields?: ReadonlySet<string>
): Promise<WorkerPool> {
  const script = workerScript()
  const sendsRawText = !fields || fields.has('raw_text')
  // Rows rendered in the worker need their input cells; the raw text is then usually one of them.
  const sendsCells = init.csvRows !== undefined
  let stageMs: Record<string, number> = {}
  let resources: Record<string, unknown> = {}
  const pending = new Map<number, Pending>()
  let nextId = 0
  const workers: Worker[] = []
  const ready: Array<Promise<void>> = []
  for (let i = 0; i < size; i++) {
    // A worker holds the rules and lexicons and one batch at a time: a cap on its heap makes V8
    // collect instead of growing, without risking the batch.
    const worker = new Worker(script, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } })
    workers.push(worker)
    ready.push(
      new Promise<void>((resolve, reject) => {
        worker.on('message', (message: { ready?: true; resources?: Record<string, unknown>; failed?: string; warning?: string; id?: number; results?: Columns; error?: string; stageMs?: Record<string, number> }) => {
          if (message.ready) {
            if (i === 0) resources = message.resources ?? {}
            return resolve()
          }
          if (message.failed) return reject(new InputError(message.failed))
          if (message.warning) return warn(message.warning)
          const job = pending.get(message.id!)
          if (!job) return
          pending.delete(message.id!)
          if (message.error) return job.reject(new InputError(message.error))
          for (const [name, ms] of Object.entries(message.stageMs ?? {})) stageMs[name] = (stageMs[name] ?? 0) + ms
          job.resolve(message.results!)
        })
        worker.on('error', (error) => {
          reject(error)
          for (const job of pending.values()) job.reject(error)
          pending.clear()
        })
      })
    )
  }
  try {
    await Promise.all(ready)
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()))
    throw error
  }

  function send(worker: Worker, batch: Message[]): Promise<Columns> {
    const id = nextId++
    // Only what the stages read crosses the thread boundary, the input cells only when the rows
    // are rendered there, and the body once: before cleaning, the text is the raw text.
    const columns = toColumns(batch as unknown as Array<Record<string, unknown>>, (key, value, i) => {
      if (key === 'text' && value === batch[i]!.raw_text && sendsRawText) return false
      if (key === 'input_cells' || key === 'input_table') return sendsCells
      return fields ? fields.has(key) : true
    })
    if (sendsCells && columns.raw_text) sendRawTextAsCell(batch, columns)
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.postMessage({ id, columns, length: batch.length })
    })
  }

  return {
    size,
    get resources() {
      return resources
    },
    takeStageMs() {
      const taken = stageMs
      stageMs = {}
      return taken
    },
    async process(batch) {
      const parts: Message[][] = workers.map(() => [])
      for (const message of batch) {
        const at = size === 1 ? 0 : (wordHash(message.conversation_id) >>> 0) % size
        parts[at]!.push(message)
      }
      const answers = await Promise.all(parts.map((part, i) => (part.length ? send(workers[i]!, part) : Promise.resolve<Columns>({}))))
      for (let w = 0; w < answers.length; w++) {
        const part = parts[w]!
        for (const [field, column] of Object.entries(answers[w]!)) {
          for (let i = 0; i < part.length; i++) if (column[i] !== undefined) (part[i] as unknown as Record<string, unknown>)[field] = column[i]
        }
      }
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()))
    }
  }
}
