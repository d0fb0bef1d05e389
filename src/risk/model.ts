// The risk model file (`rules/risk.yaml`): its types, loading, and the checks a JSON Schema
// cannot express (threshold order, duplicate ids, points or scale, placeholders), at file:line:column.
import { readFileSync } from 'node:fs'
import { schemaDir } from '../data/paths.js'
import { InputError } from '../errors.js'
import { describeProblem, sortProblems, type RuleProblem } from '../rules/problems.js'
import { createSchemaValidator, type SchemaValidator } from '../rules/schema.js'
import { locate, parseYamlSource, yamlSyntaxProblems, type YamlPath, type YamlSource } from '../rules/yamlSource.js'
import type { Priority, RiskLevel } from '../types.js'

export type RiskKind = 'dispute' | 'return'
export const RISK_KINDS: readonly RiskKind[] = ['dispute', 'return']

export interface When {
  intent?: string[]
  and_intent?: string[]
  intent_not?: string[]
  delivery?: string[]
  delivery_not?: string[]
  claim?: boolean
  return_open?: boolean
  /** The order file shows a settled return (refunded, completed, closed): `false` keeps a signal off it. */
  return_settled?: boolean
  chasers?: number
  policy_questions?: number
  unanswered_hours?: number
  sentiment_below?: number
  sentiment_drop?: number
  thanked_after_answer?: boolean
  /** The group has an order (an order id or an order-file state). */
  has_order?: boolean
  /** A buyer message names one of these intents after the seller answered an earlier one of them. */
  again_after_answer?: string[]
  /** The signal does not fire when every condition here holds. */
  unless?: When
}

export interface RiskSignal {
  id: string
  kind: RiskKind
  when: When
  /** Points added; a signal has points or a scale. */
  points?: number
  /** Factor applied to the kind's score after every signal's points. */
  scale?: number
  /** Strengthens other evidence of its kind; alone it cannot lift the kind to `medium`. */
  amplifier?: boolean
  per?: { fact: 'chasers' | 'unanswered_days' | 'policy_questions' | 'buyer_messages'; over: number; points: number }
  cap?: number
  reason: string
}

export interface LevelThresholds {
  low: number
  medium: number
  high: number
}

export interface PriorityRow {
  priority: Priority
  dispute?: Exclude<RiskLevel, 'none'>
  return?: Exclude<RiskLevel, 'none'>
  unanswered_hours?: number
}

/** A loaded model: every kind has its own thresholds, the shared ones filled in. */
export interface RiskModel {
  levels: Record<RiskKind, LevelThresholds>
  /** The reason shown when amplifiers alone are held below `medium`; without it nothing is held (the loader requires it when a signal is an amplifier). */
  held?: { reason: string }
  signals: RiskSignal[]
  priority: PriorityRow[]
}

/** The file as written: thresholds shared, per kind, or both. */
export interface RiskFile {
  levels: Partial<LevelThresholds> & Partial<Record<RiskKind, Partial<LevelThresholds>>>
  held?: { reason: string }
  signals: RiskSignal[]
  priority: PriorityRow[]
}

/** The placeholders a reason may use; the risk stage fills them. */
export const REASON_PLACEHOLDERS = [
  'delivered_ago',
  'chasers',
  'chaser_span',
  'wait',
  'policy_questions',
  'min_sentiment',
  'threat',
  'claim',
  'return_status'
] as const

const LEVEL_NAMES = ['low', 'medium', 'high'] as const
const INTENT_KEYS = ['intent', 'and_intent', 'intent_not', 'again_after_answer'] as const
const PLACEHOLDER = /\{(\w+)\}/g

export function levelOf(score: number, levels: LevelThresholds): RiskLevel {
  if (score >= levels.high) return 'high'
  if (score >= levels.medium) return 'medium'
  if (score >= levels.low) return 'low'
  return 'none'
}

/** A kind's thresholds: its own values over the shared ones; missing ones stay undefined. */
function thresholdsOf(levels: RiskFile['levels'], kind: RiskKind): Partial<LevelThresholds> {
  const own = levels[kind] ?? {}
  return { low: own.low ?? levels.low, medium: own.medium ?? levels.medium, high: own.high ?? levels.high }
}

export interface RiskCheckOptions {
  /** Intent ids the run knows; `when` intents outside it are reported. */
  knownIntents?: ReadonlySet<string>
}

/**
 * Problems of a schema-valid risk file that the schema cannot see, each placed on its node.
 * The loader refuses a model with any of these errors; `rules check` can report the same list.
 */
export function riskModelProblems(source: YamlSource, options: RiskCheckOptions = {}): RuleProblem[] {
  const file = source.data as RiskFile
  const problems: RuleProblem[] = []
  const problem = (path: YamlPath, ruleId: string, message: string, hint: string, severity: RuleProblem['severity'] = 'error'): void => {
    problems.push({ location: locate(source, path), ruleId, severity, message, hint })
  }

  // A kind without its own thresholds reads the shared ones: a problem there is reported once.
  let sharedReported = false
  for (const kind of RISK_KINDS) {
    const own = file.levels[kind] !== undefined
    if (!own && sharedReported) continue
    const levels = thresholdsOf(file.levels, kind)
    const path = own ? ['levels', kind] : ['levels']
    const missing = LEVEL_NAMES.filter((name) => levels[name] === undefined)
    if (missing.length > 0) {
      problem(path, 'level-missing', `the ${kind} risk has no ${missing.map((name) => `\`${name}\``).join(', ')} threshold`, `Give it under \`levels\` (both kinds) or \`levels.${kind}\`.`)
    } else if (!(levels.low! <= levels.medium! && levels.medium! <= levels.high!)) {
      const whose = own ? `the ${kind}` : 'the shared'
      problem(path, 'level-order', `${whose} thresholds are out of order (low ${levels.low}, medium ${levels.medium}, high ${levels.high})`, 'A higher level needs a higher score: low ≤ medium ≤ high.')
    } else continue
    if (!own) sharedReported = true
  }

  const seen = new Set<string>()
  const known = new Set<string>(REASON_PLACEHOLDERS)
  const evidence = new Set<RiskKind>()
  let amplifiers = false
  file.signals.forEach((signal, index) => {
    const at: YamlPath = ['signals', index]
    if (seen.has(signal.id)) problem([...at, 'id'], 'duplicate-id', `signal id \`${signal.id}\` is used twice`, 'Give every signal its own id: reasons and the samples name signals by id.')
    seen.add(signal.id)
    if ((signal.points === undefined) === (signal.scale === undefined)) {
      problem(at, 'points-or-scale', `signal \`${signal.id}\` needs exactly one of \`points\` and \`scale\``, 'Use `points` to raise (or lower) the score, `scale` to multiply it.')
    }
    if (signal.amplifier && signal.scale !== undefined) {
      problem([...at, 'amplifier'], 'amplifier-scale', `signal \`${signal.id}\` scales the score, so it cannot be an amplifier`, 'Remove `amplifier`: only signals with points amplify.')
    }
    if (signal.amplifier) amplifiers = true
    else if ((signal.points ?? 0) > 0) evidence.add(signal.kind)
    for (const match of signal.reason.matchAll(PLACEHOLDER)) {
      if (!known.has(match[1]!)) {
        problem([...at, 'reason'], 'unknown-placeholder', `reason of \`${signal.id}\` uses the unknown placeholder \`{${match[1]}}\``, `Placeholders: ${REASON_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}.`)
      }
    }
    if (options.knownIntents) {
      const known = options.knownIntents
      const visit = (when: When, path: YamlPath): void => {
        for (const key of INTENT_KEYS) {
          for (const intent of when[key] ?? []) {
            if (!known.has(intent)) {
              problem([...path, key], 'unknown-intent', `signal \`${signal.id}\` names the unknown intent \`${intent}\``, 'Use a taxonomy id (e.g. `order/not-received`) or one your pack declares.', 'warning')
            }
          }
        }
        if (when.unless) visit(when.unless, [...path, 'unless'])
      }
      visit(signal.when, [...at, 'when'])
    }
  })
  if (amplifiers && !file.held) {
    problem([], 'held-reason', 'signals are amplifiers but the file has no `held.reason`', 'Add `held: { reason: … }`: the words shown when waiting or tone alone are held below medium.')
  }
  for (const kind of RISK_KINDS) {
    if (!evidence.has(kind) && file.signals.some((signal) => signal.kind === kind && signal.amplifier)) {
      problem(['signals'], 'no-evidence', `every ${kind} signal that adds points is an amplifier, so the ${kind} risk can never reach medium`, `Add a ${kind} signal without \`amplifier\`.`, 'warning')
    }
  }
  return problems
}

let validator: SchemaValidator | undefined

/** Every problem of a risk file's text: syntax, schema, then the model checks. */
export function riskFileProblems(source: YamlSource, options: RiskCheckOptions = {}): RuleProblem[] {
  const syntax = yamlSyntaxProblems(source)
  if (syntax.length > 0) return syntax
  validator ??= createSchemaValidator(schemaDir)
  const schema = validator.validate('risk', source) ?? []
  if (schema.length > 0) return schema
  return riskModelProblems(source, options)
}

/** Reads, checks and normalises a risk model; throws InputError listing every error at file:line:column. */
export function loadRiskModel(path: string): RiskModel {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(`${path}: cannot read the risk model (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`)
  }
  const source = parseYamlSource(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  const errors = sortProblems(riskFileProblems(source).filter((problem) => problem.severity === 'error'))
  if (errors.length > 0) throw new InputError(`${errors.map(describeProblem).join('\n')}\nFix the risk model (see docs/RISK.md) and run again.`)
  const file = source.data as RiskFile
  return {
    levels: { dispute: thresholdsOf(file.levels, 'dispute') as LevelThresholds, return: thresholdsOf(file.levels, 'return') as LevelThresholds },
    held: file.held,
    signals: file.signals,
    priority: file.priority
  }
}
