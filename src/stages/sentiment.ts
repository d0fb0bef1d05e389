// The sentiment stage: score, label and urgency of every buyer text message, in its language.
import { join } from 'node:path'
import type { Lexicons, loadLexicons, Thresholds } from '../sentiment/index.js'
import type { Message, MessageStage, SentimentResult } from '../types.js'
import { createTextCache } from './text-cache.js'

export interface SentimentOptions {
  /** The user's lexicon files or folders, merged over the built-in ones (same `language:`). */
  lexicons?: string[]
  /** Override every language's label cut-offs on the compound score. */
  positiveThreshold?: number
  negativeThreshold?: number
}

// Compiling the twelve lexicons takes about a second: a process that builds several pipelines
// over the same files compiles them once.
const loaded = new Map<string, Promise<Lexicons>>()

function lexiconsFor(load: typeof loadLexicons, dir: string, extra: string[]): Promise<Lexicons> {
  const key = JSON.stringify([dir, extra])
  let lexicons = loaded.get(key)
  if (!lexicons) {
    lexicons = load(dir, extra)
    // A failed load is not remembered: the user fixes the file and runs again.
    lexicons.catch(() => loaded.delete(key))
    loaded.set(key, lexicons)
  }
  return lexicons
}

export const sentimentStage: MessageStage<SentimentOptions> = {
  name: 'sentiment',
  reads: ['text', 'sender_role', 'content_type', 'language'],
  optionsSchema: {
    type: 'object',
    properties: {
      lexicons: { type: 'array', items: { type: 'string' } },
      positiveThreshold: { type: 'number', minimum: 0, maximum: 1 },
      negativeThreshold: { type: 'number', minimum: -1, maximum: 0 }
    },
    additionalProperties: false
  },
  async create(options, context) {
    // The sentiment code is imported when the stage starts: a thread that only resolves the stage
    // (the main thread, when workers analyse) never loads it.
    const { analyzeSentiment, labelFor, loadLexicons, thresholdsFor } = await import('../sentiment/index.js')
    const lexicons = await lexiconsFor(loadLexicons, join(context.rulesDir, 'sentiment'), options.lexicons ?? [])
    // A cut-off given alone leaves the language's other one as it was.
    const override: Partial<Thresholds> | null =
      options.positiveThreshold === undefined && options.negativeThreshold === undefined
        ? null
        : {
            ...(options.positiveThreshold !== undefined ? { positive: options.positiveThreshold } : {}),
            ...(options.negativeThreshold !== undefined ? { negative: options.negativeThreshold } : {})
          }
    // The overridden cut-offs of each language, merged once.
    const merged = new Map<string, Thresholds>()
    const thresholds = (lang: string): Thresholds => {
      let found = merged.get(lang)
      if (!found) merged.set(lang, (found = { ...thresholdsFor(lexicons, lang), ...override }))
      return found
    }
    const cached = createTextCache<SentimentResult>()
    return (batch: Message[]) => {
      for (const message of batch) {
        if (message.sender_role !== 'buyer' || message.content_type !== 'text') continue
        const lang = message.language?.lang ?? 'und'
        const result = cached(lang, message.text, () => {
          const scored = analyzeSentiment(lexicons, message.text, lang)
          if (override) scored.label = labelFor(scored.score, thresholds(lang))
          return scored
        })
        message.sentiment = result
      }
    }
  }
}
