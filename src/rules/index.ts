// The intent rule engine's public API: load and compile packs, match messages, check rule files.
import type { IntentPack } from './pack.js'

export type { RuleProblem } from './problems.js'
export type { IntentPack, CompiledRule, IntentInfo } from './pack.js'
export type { IntentPackOptions, IntentPackResult } from './load.js'
export type { CheckOptions, RuleTestReport } from './check.js'
export type { EvalReport, EvalRow, IntentScore } from './eval.js'
export { loadIntentPack } from './load.js'
export { matchIntents, primaryIntent } from './match.js'
export { checkRules, testRules } from './check.js'
export { evaluate, parseLabels } from './eval.js'
export { foldPhrase } from './fold.js'
export { describeProblem } from './problems.js'

/** The suggested next action (SOP line) of an intent; empty when the pack has none. */
export function intentAction(pack: IntentPack, intent: string): string {
  return pack.intents.get(intent)?.action ?? ''
}

/** An intent's priority (higher is more urgent); 0 for `other` and undeclared intents. */
export function intentPriority(pack: IntentPack, intent: string): number {
  return pack.intents.get(intent)?.priority ?? 0
}
