// Built-in stages by name, and user stages loaded from a module path.
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { InputError } from '../errors.js'
import type { Stage } from '../types.js'

// Loaded by name when a pipeline asks for it: with workers, the main thread runs only the group
// stages, and importing the others there (franc, the rule compiler, the lexicons' code) cost it
// about 20 MB it never used.
const builtinLoaders: Record<string, () => Promise<Stage<never>>> = {
  clean: async () => (await import('../stages/clean.js')).cleanStage as Stage<never>,
  language: async () => (await import('../stages/language.js')).languageStage as Stage<never>,
  intents: async () => (await import('../stages/intents.js')).intentsStage as Stage<never>,
  sentiment: async () => (await import('../stages/sentiment.js')).sentimentStage as Stage<never>,
  conversation: async () => (await import('../stages/conversation.js')).conversationStage as Stage<never>,
  risk: async () => (await import('../stages/risk.js')).riskStage as Stage<never>
}

/** The built-in stage names, in pipeline order. */
export const builtinStageNames = Object.keys(builtinLoaders)

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
  const builtin = Object.hasOwn(builtinLoaders, name) ? builtinLoaders[name] : undefined
  if (builtin) return builtin()
  if (!/[./\\]/.test(name)) {
    throw new InputError(`Unknown stage "${name}". Built-in stages: ${builtinStageNames.join(', ')}; or give a module path such as ./stages/my-stage.js.`)
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
