// The intents stage: classifies buyer text messages with the rule pack (built-in plus the
// user's rule files) and writes every hit and the primary intent onto the message.
import { join } from 'node:path'
import { InputError } from '../errors.js'
import type { IntentPack } from '../rules/index.js'
import { describeProblem } from '../rules/problems.js'
import type { IntentHit, Message, MessageStage } from '../types.js'
import { createTextCache } from './text-cache.js'

export interface IntentsOptions {
  /** The user's rule files or folders, added to the built-in pack. */
  rules?: string[]
}

export const intentsStage: MessageStage<IntentsOptions> = {
  name: 'intents',
  reads: ['text', 'sender_role', 'content_type', 'language'],
  optionsSchema: {
    type: 'object',
    properties: { rules: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false
  },
  async create(options, context) {
    // The rule code is imported when the stage starts: a thread that only resolves the stage
    // (the main thread, when workers analyse) never loads the compiler and its regex engines.
    const { loadIntentPack, matchIntents, primaryIntent } = await import('../rules/index.js')
    const loaded = await loadIntentPack(options.rules ?? [], { builtinDir: join(context.rulesDir, 'intents'), details: false })
    if (!loaded.ok) {
      const errors = loaded.problems.filter((problem) => problem.severity === 'error')
      const shown = errors.slice(0, 20).map(describeProblem).join('\n  ')
      const more = errors.length > 20 ? `\n  …and ${errors.length - 20} more` : ''
      throw new InputError(`the intent rules have ${errors.length} error(s); run \`inbox-triage rules check\` on them:\n  ${shown}${more}`)
    }
    const pack: IntentPack = loaded.pack
    // The risk stage shows each intent's action and orders intents by priority.
    const actions: Record<string, string> = {}
    const priorities: Record<string, number> = {}
    for (const [id, info] of pack.intents) {
      actions[id] = info.action ?? ''
      priorities[id] = info.priority ?? 0
    }
    context.resources.intents = { actions, priorities }
    const cached = createTextCache<IntentHit[]>()
    return (batch: Message[]) => {
      for (const message of batch) {
        if (message.sender_role !== 'buyer' || message.content_type !== 'text') continue
        const lang = message.language?.lang ?? 'und'
        const hits = cached(lang, message.text, () => matchIntents(pack, message.text, lang))
        message.intents = hits
        message.intent = primaryIntent(hits)
      }
    }
  }
}
