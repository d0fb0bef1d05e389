// A worker thread that runs the message stages on the batches the pool sends it.
import { parentPort, workerData } from 'node:worker_threads'
import type { Message } from '../types.js'
import type { TriageConfig } from './config.js'
import { createContext, createStages, leanMessage, runMessageStages } from './pipeline.js'
import { STAGE_FIELDS, type StageResult } from './workers.js'

interface Init {
  config: TriageConfig
  stageOptions?: Record<string, Record<string, unknown>>
  now?: string
  lean?: boolean
}

const init = workerData as Init
const port = parentPort!
const context = createContext(init.config, { now: init.now, warn: (warning) => port.postMessage({ warning }) })

/**
 * The fields the stages set, and the text only when cleaning changed it: the main thread
 * already holds the rest, and every field left out is one less to copy and to keep twice.
 */
function stageResult(message: Message, textBefore: string): StageResult {
  const result: Record<string, unknown> = {}
  for (const field of STAGE_FIELDS) {
    const value = message[field]
    if (value !== undefined && (field !== 'text' || value !== textBefore)) result[field] = value
  }
  return result as StageResult
}

try {
  const { messageStages } = await createStages(init.config, context, init.stageOptions, 'message')
  // One batch at a time, in arrival order, even when a stage awaits: a stage that remembers a
  // conversation must see its messages in input order.
  let queue = Promise.resolve()
  port.on('message', ({ id, batch }: { id: number; batch: Message[] }) => {
    queue = queue.then(async () => {
      const stageMs: Record<string, number> = {}
      try {
        for (const message of batch) message.text ??= message.raw_text
        const texts = batch.map((message) => message.text)
        await runMessageStages(messageStages, batch, stageMs)
        if (init.lean) for (const message of batch) leanMessage(message)
        port.postMessage({ id, results: batch.map((message, i) => stageResult(message, texts[i]!)), stageMs })
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
