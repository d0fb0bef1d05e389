// Reading back the triage columns of an annotated output (CSV cells or an NDJSON record), so
// `summarize` can rebuild messages and order risks exactly as the run saw them.
import { parseReason, TRIAGE_COLUMNS, triageHeader, type Annotation } from '../output/annotate.js'
import type { RiskLevel, RiskReason } from '../types.js'

export type ParsedReason = Omit<RiskReason, 'signal'>

export interface ParsedAnnotation extends Annotation {
  dispute_risk: RiskLevel | ''
  return_risk: RiskLevel | ''
  /** `reasons` read back, each once; a reason not in the written form is left out. */
  parsedReasons: ParsedReason[]
}

const LEVELS = new Set(['none', 'low', 'medium', 'high'])
// Items are `; `-joined; a reason's own text may hold `; `, so split only before the next `<kind> ±N:`.
const REASON_SPLIT = /; (?=(?:dispute|return) [+-]\d)/

/**
 * Where the triage columns of an annotated CSV start, or -1 when the header does not end with
 * them (so it is not an `inbox-triage run` output).
 */
export function triageColumnsStart(header: string[]): number {
  const start = header.length - TRIAGE_COLUMNS.length
  if (start < 0) return -1
  const expected = triageHeader(header.slice(0, start))
  for (let i = 0; i < expected.length; i++) if (header[start + i] !== expected[i]) return -1
  return start
}

/** Undoes `--excel` neutralising: the apostrophe it put before a cell starting with = + - @ tab or CR. */
export function unneutralizeCell(value: string): string {
  if (value.charCodeAt(0) !== 0x27 || value.length < 2) return value
  const next = value.charCodeAt(1)
  return next === 0x3d || next === 0x2b || next === 0x2d || next === 0x40 || next === 0x09 || next === 0x0d ? value.slice(1) : value
}

function level(value: string): RiskLevel | '' {
  return LEVELS.has(value) ? (value as RiskLevel) : ''
}

function parseReasons(reasons: string[]): ParsedReason[] {
  const parsed: ParsedReason[] = []
  for (const item of reasons) {
    const reason = parseReason(item)
    if (reason) parsed.push(reason)
  }
  return parsed
}

/** An order's score rebuilt from its reasons, as the risk stage sums and clamps them. */
export function scoreFromReasons(reasons: readonly ParsedReason[], kind: 'dispute' | 'return'): number {
  let total = 0
  for (const reason of reasons) if (reason.kind === kind) total += reason.points
  return Math.max(0, Math.min(100, Math.round(total)))
}

/** The ten triage cells of a CSV row, in `TRIAGE_COLUMNS` order. */
export function annotationFromCells(cells: string[]): ParsedAnnotation {
  const [lang = '', intent = '', intents = '', sentiment = '', score = '', urgency = '', dispute = '', ret = '', priority = '', reasons = ''] = cells
  const reasonList = reasons ? reasons.split(REASON_SPLIT) : []
  const parsedReasons = parseReasons(reasonList)
  return {
    lang,
    intent,
    intents: intents ? intents.split('; ') : [],
    sentiment,
    sentiment_score: score === '' ? null : Number(score),
    urgency: urgency === '' ? null : urgency === 'yes',
    dispute_risk: level(dispute),
    dispute_score: scoreFromReasons(parsedReasons, 'dispute'),
    return_risk: level(ret),
    return_score: scoreFromReasons(parsedReasons, 'return'),
    priority,
    reasons: reasonList,
    parsedReasons
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** An NDJSON record's annotation; scores are taken as written. */
export function annotationFromRecord(record: Record<string, unknown>): ParsedAnnotation {
  const reasons = strings(record.reasons)
  const parsedReasons = parseReasons(reasons)
  return {
    lang: text(record.lang),
    intent: text(record.intent),
    intents: strings(record.intents),
    sentiment: text(record.sentiment),
    sentiment_score: typeof record.sentiment_score === 'number' ? record.sentiment_score : null,
    urgency: typeof record.urgency === 'boolean' ? record.urgency : null,
    dispute_risk: level(text(record.dispute_risk)),
    dispute_score: typeof record.dispute_score === 'number' ? record.dispute_score : scoreFromReasons(parsedReasons, 'dispute'),
    return_risk: level(text(record.return_risk)),
    return_score: typeof record.return_score === 'number' ? record.return_score : scoreFromReasons(parsedReasons, 'return'),
    priority: text(record.priority),
    reasons,
    parsedReasons
  }
}
