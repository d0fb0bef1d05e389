// A worker thread that runs the message stages on the batches the pool sends it.
import { parentPort, workerData } from 'node:worker_threads'
import { createRowRenderer, type CsvRowLayout } from '../output/row-render.js'
import type { Message } from '../types.js'
import type { TriageConfig } from './config.js'
import { createContext, createStages, runMessageStages, settleMessages } from './pipeline.js'
import { fromColumns, toColumns, type Columns } from './columns.js'
import { RAW_TEXT_CELL, STAGE_FIELDS } from './workers.js'

interface Init {
  config: TriageConfig
  stageOptions?: Record<string, Record<string, unknown>>
  now?: string
  lean?: boolean
  csvRows?: CsvRowLayout
}

const init = workerData as Init
const port = parentPort!
const context = createContext(init.config, { now: init.now, warn: (warning) => port.postMessage({ warning }) })

const RETURNED = new Set<string>(STAGE_FIELDS)
const renderer = init.csvRows ? createRowRenderer(init.csvRows) : undefined

try {
  const { messageStages } = await createStages(init.config, context, init.stageOptions, 'message')
  // One batch at a time, in arrival order, even when a stage awaits: a stage that remembers a
  // conversation must see its messages in input order.
  let queue = Promise.resolve()
  port.on('message', ({ id, columns, length }: { id: number; columns: Columns; length: number }) => {
    queue = queue.then(async () => {
      const stageMs: Record<string, number> = {}
      try {
        const batch = fromColumns(columns, length) as unknown as Array<Message & { [RAW_TEXT_CELL]?: number }>
        for (const message of batch) {
          const at = message[RAW_TEXT_CELL]
          if (at !== undefined) message.raw_text = message.input_cells![at]!
          message.text ??= message.raw_text
        }
        const texts = batch.map((message) => message.text)
        await runMessageStages(messageStages, batch, stageMs)
        settleMessages(batch, init.lean, renderer)
        // Back go the fields the stages set, and the text only when cleaning changed it.
        const results = toColumns(batch as unknown as Array<Record<string, unknown>>, (key, value, i) => RETURNED.has(key) && (key !== 'text' || value !== texts[i]))
        port.postMessage({ id, results, stageMs })
      } catch (error) {
        port.postMessage({ id, error: (error as Error).message })
      }
    })
  })
  // Shared resources are plain data (intent actions and priorities): the main thread's group
  // stages read them without loading the rules themselves.
  const { config: _config, ...shared } = context.resources
  port.postMessage({ ready: true, resources: shared })
} catch (error) {
  port.postMessage({ failed: (error as Error).message })
}
