// createPipeline: the configured stages, ready to triage an array or a stream of messages.
import { Ajv } from 'ajv'
import { rulesDir } from '../data/paths.js'
import { InputError, TriageError } from '../errors.js'
import { createRowRenderer, type CsvRowLayout, type RowRenderer } from '../output/row-render.js'
import type { Group, GroupTransform, Message, OrderRisk, RunContext, Transform } from '../types.js'
import { defaultConfig, type TriageConfig } from './config.js'
import { Grouper, then } from './grouper.js'
import { resolveStage } from './registry.js'
import { createWorkerPool } from './workers.js'

export interface PipelineOptions {
  config?: TriageConfig
  /** Reference time for waiting clocks; default: the latest message time read so far. */
  now?: string
  /** Options merged over a stage's configured options, by stage name (e.g. `{ clean: { redact: true } }`). */
  stageOptions?: Record<string, Record<string, unknown>>
  warn?: (message: string) => void
  /** Messages per batch handed to message stages. */
  batchSize?: number
  /** Worker threads for the message stages; 0 runs them on this thread. Default 0. */
  workers?: number
  /**
   * Drop what only `explain` shows (language candidates, lexicon hits, the raw text) once the
   * message stages are done, so that the rows held for grouping stay small.
   */
  lean?: boolean
  /**
   * Render each message's part of its annotated CSV row (`Message.csv_part`) as soon as its
   * message stages are done, where they ran, and drop its input cells.
   */
  csvRows?: CsvRowLayout
}

/** Keeps what grouping, risk and output read; replaces rather than mutates shared objects. */
export function leanMessage(message: Message): void {
  message.raw_text = ''
  const language = message.language
  if (language?.candidates) message.language = { lang: language.lang, confidence: language.confidence, method: language.method }
  const sentiment = message.sentiment
  if (sentiment && (sentiment.hits.length > 0 || sentiment.urgencyReasons)) {
    message.sentiment = { score: sentiment.score, label: sentiment.label, urgent: sentiment.urgent, hits: [] }
  }
}

/** Done to each message of a batch once the message stages ran, on the thread that ran them. */
export function settleMessages(batch: Message[], lean: boolean | undefined, renderer: RowRenderer | undefined): void {
  for (const message of batch) {
    if (lean) leanMessage(message)
    if (renderer) {
      message.csv_part = renderer.messagePart(message)
      message.input_cells = undefined
    }
  }
}

export interface RunHandlers {
  /** Each message, in input order, with its finished group. */
  emit(message: Message, group: Group): void | Promise<void>
  /** Each finished group, once, before its messages are emitted. */
  finish?(group: Group): void | Promise<void>
}

export interface RunStats {
  messages: number
  groups: number
  splitConversations: number
  /** The latest message time read (UTC ISO), '' when no message had one. */
  latest: string
  /** Milliseconds spent in each stage. */
  stageMs: Record<string, number>
}

export interface Pipeline {
  readonly stages: string[]
  readonly context: RunContext
  /**
   * Streams messages (in input order, `seq` increasing) through every stage. `now` is this run's
   * reference time for waiting clocks, over the pipeline's (a caller may learn it while the
   * pipeline starts).
   */
  run(messages: AsyncIterable<Message> | Iterable<Message>, handlers: RunHandlers, now?: string): Promise<RunStats>
  /** Stops the worker threads, if any; the pipeline cannot run after. */
  close(): Promise<void>
  /** Triage an array: the annotated messages in order, and one risk row per order or conversation. */
  triage(messages: Array<Partial<Message> & { text: string }>): Promise<{ messages: Message[]; orders: OrderRisk[] }>
}

/** Fills the normalised fields a library caller leaves out. */
export function toMessage(input: Partial<Message> & { text: string }, seq: number): Message {
  return {
    source: 'api',
    source_file: '',
    source_row: seq + 1,
    conversation_id: `message-${seq + 1}`,
    message_id: '',
    order_id: '',
    marketplace: '',
    sender_role: 'buyer',
    created_at: '',
    subject: '',
    content_type: 'text',
    ...input,
    raw_text: input.raw_text ?? input.text,
    seq
  }
}

function describeRows(batch: Message[]): string {
  const first = batch[0]
  const last = batch[batch.length - 1]
  if (!first || !last) return ''
  const file = first.source_file || 'input'
  return first === last ? `${file} row ${first.source_row}` : `${file} rows ${first.source_row}–${last.source_row}`
}

export interface BuiltStages {
  names: string[]
  messageStages: Array<{ name: string; transform: Transform }>
  groupStages: Array<{ name: string; transform: GroupTransform }>
}

export function createContext(config: TriageConfig, options: Pick<PipelineOptions, 'now' | 'warn'>): RunContext {
  const warnings = new Set<string>()
  return {
    now: options.now,
    rulesDir,
    languages: config.languages,
    warn(message) {
      if (warnings.has(message)) return
      warnings.add(message)
      options.warn?.(message)
    },
    resources: { config }
  }
}

/** Resolves, validates and creates every configured stage, in order. */
export async function createStages(
  config: TriageConfig,
  context: RunContext,
  overrides: PipelineOptions['stageOptions'] = {},
  scope?: 'message' | 'group'
): Promise<BuiltStages> {
  const ajv = new Ajv({ allErrors: true, strict: false })
  const built: BuiltStages = { names: [], messageStages: [], groupStages: [] }
  for (const entry of config.pipeline) {
    const stage = await resolveStage(entry.stage, config.baseDir)
    // Only one kind is built where the other runs elsewhere (worker threads build message stages).
    if (scope && (stage.scope ?? 'message') !== scope) continue
    const stageOptions: Record<string, unknown> = { ...entry.options, ...overrides[stage.name] }
    if (stage.name === 'intents' && config.rules.length) stageOptions.rules = [...((stageOptions.rules as string[]) ?? []), ...config.rules]
    if (stage.name === 'sentiment' && config.lexicons.length) stageOptions.lexicons = config.lexicons
    if (stage.name === 'risk' && config.risk) stageOptions.model = config.risk
    if (stage.optionsSchema) {
      const validate = ajv.compile(stage.optionsSchema)
      if (!validate(stageOptions)) {
        const error = validate.errors?.[0]
        throw new InputError(
          `Options of stage "${stage.name}"${config.files.length ? ` (${config.files[config.files.length - 1]})` : ''}: ` +
            `${error?.instancePath || 'options'} ${error?.message ?? 'are invalid'}.`
        )
      }
    }
    let transform: Transform | GroupTransform
    try {
      transform = await stage.create(stageOptions as never, context)
    } catch (error) {
      if (error instanceof TriageError) throw error
      throw new InputError(`Stage "${stage.name}" could not start: ${(error as Error).message}`)
    }
    built.names.push(stage.name)
    if (stage.scope === 'group') built.groupStages.push({ name: stage.name, transform: transform as GroupTransform })
    else built.messageStages.push({ name: stage.name, transform: transform as Transform })
  }
  return built
}

/** Runs message stages over a batch; a failure names the stage and the failing row. */
export async function runMessageStages(
  stages: BuiltStages['messageStages'],
  batch: Message[],
  stageMs: Record<string, number>
): Promise<void> {
  for (const { name, transform } of stages) {
    const started = performance.now()
    try {
      await transform(batch)
    } catch (error) {
      // Find the one message that fails, so the error can name its row.
      let culprit = batch
      if (batch.length > 1) {
        for (const message of batch) {
          try {
            await transform([message])
          } catch {
            culprit = [message]
            break
          }
        }
      }
      throw new InputError(`Stage "${name}" failed on ${describeRows(culprit)}: ${(error as Error).message}`)
    }
    stageMs[name] = (stageMs[name] ?? 0) + performance.now() - started
  }
}

/**
 * The fields the message stages read (plus the row a failure names), or undefined when a stage
 * does not say which: then worker threads are sent every field.
 */
async function messageFields(config: TriageConfig): Promise<Set<string> | undefined> {
  const fields = new Set<string>(['seq', 'source_file', 'source_row'])
  for (const entry of config.pipeline) {
    const stage = await resolveStage(entry.stage, config.baseDir)
    if (stage.scope === 'group') continue
    if (!stage.reads) return undefined
    for (const field of stage.reads) fields.add(field)
  }
  return fields
}

export async function createPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const config = options.config ?? defaultConfig()
  const context = createContext(config, options)
  // With worker threads the message stages (and their rules and lexicons) live only there; the
  // resources they share with group stages, such as intent actions, come back from a worker.
  const pool = options.workers && options.workers > 0
    ? await createWorkerPool(
        options.workers,
        { config, stageOptions: options.stageOptions, now: options.now, lean: options.lean, csvRows: options.csvRows },
        context.warn,
        await messageFields(config)
      )
    : undefined
  if (pool) Object.assign(context.resources, pool.resources)
  let built: BuiltStages
  try {
    built = await createStages(config, context, options.stageOptions, pool ? 'group' : undefined)
  } catch (error) {
    await pool?.close()
    throw error
  }
  const { messageStages, groupStages } = built
  const renderer = options.csvRows && !pool ? createRowRenderer(options.csvRows) : undefined
  const names = config.pipeline.map((entry) => entry.stage)
  const stageMs: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]))

  function groupFailure(name: string, group: Group, error: unknown): InputError {
    return new InputError(`Stage "${name}" failed on ${group.key} (${describeRows(group.messages)}): ${(error as Error).message}`)
  }

  /** The group stages in order, waiting only on a stage that returns a promise. */
  function runGroupStages(group: Group, from = 0): void | Promise<void> {
    for (let s = from; s < groupStages.length; s++) {
      const { name, transform } = groupStages[s]!
      const started = performance.now()
      let result: void | Promise<void>
      try {
        result = transform(group)
      } catch (error) {
        throw groupFailure(name, group, error)
      }
      if (result) {
        return result.then(
          () => {
            stageMs[name] = (stageMs[name] ?? 0) + performance.now() - started
            return runGroupStages(group, s + 1)
          },
          (error: unknown) => {
            throw groupFailure(name, group, error)
          }
        )
      }
      stageMs[name] = (stageMs[name] ?? 0) + performance.now() - started
    }
  }

  async function run(messages: AsyncIterable<Message> | Iterable<Message>, handlers: RunHandlers, now = options.now): Promise<RunStats> {
    const batchSize = options.batchSize ?? 512
    const grouper = new Grouper({
      window: config.window,
      sortedWindow: config.sortedWindow,
      maxHeld: config.window * 4,
      now,
      finish: (group) => then(runGroupStages(group), () => handlers.finish?.(group)),
      emit: handlers.emit
    })
    // Batches in flight: the workers analyse while this thread reads and groups; results are
    // taken back in order, so grouping and output never reorder.
    const inFlight: Array<{ batch: Message[]; done: Promise<void> }> = []
    // Enough batches in flight that neither the reader nor the workers wait on the other.
    const maxInFlight = pool ? pool.size * 6 : 0
    let count = 0
    let batch: Message[] = []
    const settle = async (): Promise<void> => {
      const oldest = inFlight.shift()!
      await oldest.done
      for (const message of oldest.batch) {
        const pending = grouper.add(message)
        if (pending) await pending
      }
    }
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return
      const current = batch
      batch = []
      const done = pool
        ? pool.process(current).then(() => {
            // Workers send back lean results and rendered rows; this thread's copy still has
            // the raw text and the input cells.
            for (const message of current) {
              if (options.lean) message.raw_text = ''
              if (options.csvRows) message.input_cells = undefined
            }
          })
        : runMessageStages(messageStages, current, stageMs).then(() => settleMessages(current, options.lean, renderer))
      // Keep a rejected batch from being reported as unhandled before its turn comes.
      done.catch(() => undefined)
      inFlight.push({ batch: current, done })
      while (inFlight.length > maxInFlight) await settle()
    }
    try {
      for await (const message of messages) {
        batch.push(message)
        count++
        if (batch.length >= batchSize) await flush()
      }
      await flush()
      while (inFlight.length > 0) await settle()
    } finally {
      if (pool) for (const [name, ms] of Object.entries(pool.takeStageMs())) stageMs[name] = (stageMs[name] ?? 0) + ms
    }
    await grouper.end()
    if (grouper.splitConversations > 0 || grouper.splitOrders > 0) {
      const parts = [
        grouper.splitConversations > 0 ? `${grouper.splitConversations} conversation(s)` : '',
        grouper.splitOrders > 0 ? `${grouper.splitOrders} order(s) with several conversations` : ''
      ].filter(Boolean)
      context.warn(
        `${parts.join(' and ')} had rows further apart than the window (${config.window} rows` +
          `${config.sortedWindow && config.sortedWindow < config.window ? `, ${config.sortedWindow} while the input read as sorted by conversation` : ''}) ` +
          'and were scored in parts; sort the input by conversation or time, or raise `window` (and `sortedWindow`) in the config.'
      )
    }
    return { messages: count, groups: grouper.groupsFinished, splitConversations: grouper.splitConversations, latest: grouper.latestTime, stageMs }
  }

  return {
    stages: names,
    context,
    run,
    async close() {
      await pool?.close()
    },
    async triage(inputs) {
      const messages = inputs.map((input, seq) => toMessage(input, seq))
      const orders: OrderRisk[] = []
      await run(messages, {
        emit() {},
        finish(group) {
          if (group.risk) orders.push(group.risk)
        }
      })
      return { messages, orders }
    }
  }
}
