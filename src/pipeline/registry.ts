// Built-in stages by name, and user stages loaded from a module path.
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { InputError } from '../errors.js'
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

function isStage(value: unknown): value is Stage<never> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Stage).name === 'string' &&
    typeof (value as Stage).create === 'function'
  )
}

/** A built-in name, or a module (path relative to `baseDir`) whose default or `stage` export is a stage. */
export async function resolveStage(name: string, baseDir: string): Promise<Stage<never>> {
  const builtin = builtinStages[name]
  if (builtin) return builtin
  if (!/[./\\]/.test(name)) {
    throw new InputError(`Unknown stage "${name}". Built-in stages: ${Object.keys(builtinStages).join(', ')}; or give a module path such as ./stages/my-stage.js.`)
  }
  const path = isAbsolute(name) ? name : resolve(baseDir, name)
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  } catch (error) {
    throw new InputError(`Cannot load stage module ${path}: ${(error as Error).message}`)
  }
  const stage = [module.default, module.stage].find(isStage)
  if (!stage) {
    throw new InputError(`${path} does not export a stage: export default { name, create(options, context) { return (batch) => {…} } }.`)
  }
  return stage
}
