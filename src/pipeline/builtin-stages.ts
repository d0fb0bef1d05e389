// The built-in stages as objects, for the library API (`import { builtinStages }`). The CLI
// resolves them by name through the registry instead, which loads only the ones a thread runs.
import { cleanStage } from '../stages/clean.js'
import { conversationStage } from '../stages/conversation.js'
import { intentsStage } from '../stages/intents.js'
import { languageStage } from '../stages/language.js'
import { riskStage } from '../stages/risk.js'
import { sentimentStage } from '../stages/sentiment.js'
import type { Stage } from '../types.js'

export const builtinStages: Record<string, Stage<never>> = {
  clean: cleanStage,
  language: languageStage,
  intents: intentsStage,
  sentiment: sentimentStage,
  conversation: conversationStage,
  risk: riskStage
} as Record<string, Stage<never>>
