// The language stage: detects the language of every message with text, using the message's
// marketplace as a prior and the conversation's recent language as the fallback for texts
// too short to judge.
import { join } from 'node:path'
import type { Message, Stage } from '../types.js'

export interface LanguageStageOptions {
  /** Allow-list of BCP 47 primary subtags; default the run's languages. */
  languages?: string[]
}

/**
 * How far back, in input rows, a conversation's language is remembered. Forgetting by row
 * distance rather than by count keeps the result the same whichever worker thread, and however
 * many, sees the conversation.
 */
const REMEMBER_ROWS = 50_000
/** Only a decision this sure, made from the text itself, becomes the conversation's language. */
const REMEMBER_CONFIDENCE = 0.8
const EVIDENCE_METHODS: ReadonlySet<string> = new Set(['script', 'lexicon', 'franc'])

/** The most recent confident buyer language per conversation, with the row it was seen on. */
class ConversationLanguages {
  private readonly languages = new Map<string, { lang: string; seq: number }>()
  private sweptAt = 0

  get(conversation: string, seq: number): string | undefined {
    const entry = this.languages.get(conversation)
    return entry && seq - entry.seq <= REMEMBER_ROWS ? entry.lang : undefined
  }

  set(conversation: string, lang: string, seq: number): void {
    this.languages.set(conversation, { lang, seq })
    // Drop what can no longer be used, now and then, so memory follows the open conversations.
    if (seq - this.sweptAt > REMEMBER_ROWS) {
      for (const [key, entry] of this.languages) if (seq - entry.seq > REMEMBER_ROWS) this.languages.delete(key)
      this.sweptAt = seq
    }
  }
}

export const languageStage: Stage<LanguageStageOptions> = {
  name: 'language',
  scope: 'message',
  reads: ['text', 'conversation_id', 'marketplace', 'sender_role', 'seq'],
  optionsSchema: {
    type: 'object',
    properties: { languages: { type: 'array', items: { type: 'string' }, minItems: 1 } },
    additionalProperties: false
  },
  async create(options, context) {
    // Imported when the stage starts: a thread that only resolves the stage (the main thread,
    // when workers analyse) never loads franc and the detector.
    const { createLanguageDetector } = await import('../language/index.js')
    const detector = createLanguageDetector({
      languages: options.languages ?? (context.languages.length > 0 ? context.languages : undefined),
      dataDir: join(context.rulesDir, 'language')
    })
    const memory = new ConversationLanguages()
    return (batch: Message[]) => {
      for (const message of batch) {
        if (!message.text) continue
        const conversation = message.conversation_id
        const decision = detector.detect(message.text, {
          marketplace: message.marketplace,
          conversationLang: conversation ? memory.get(conversation, message.seq) : undefined
        })
        message.language = decision
        if (
          conversation &&
          message.sender_role === 'buyer' &&
          decision.confidence >= REMEMBER_CONFIDENCE &&
          EVIDENCE_METHODS.has(decision.method)
        ) {
          memory.set(conversation, decision.lang, message.seq)
        }
      }
    }
  }
}
