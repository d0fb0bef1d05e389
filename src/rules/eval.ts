// Scoring intent predictions against multi-label gold, the way the held-out scorer does:
// per-intent precision, recall, F1 and support; macro-F1 over the ids present in gold; micro-F1;
// primary-intent accuracy; and the false-positive rate on rows whose gold is `other`.

export interface EvalRow {
  /** Where the row is, for the list of misses (1-based line of the record). */
  row: number
  text: string
  /** Gold intent ids; empty means `other`. */
  gold: string[]
  /** Predicted intent ids, primary first; empty means `other`. */
  predicted: string[]
}

export interface IntentScore {
  intent: string
  precision: number
  recall: number
  f1: number
  /** Rows whose gold holds the intent. */
  support: number
  tp: number
  fp: number
  fn: number
}

export interface EvalReport {
  rows: number
  intents: IntentScore[]
  micro: { precision: number; recall: number; f1: number }
  /** Mean F1 over the intents present in gold; 0 when gold holds none (see `goldIntents`). */
  macroF1: number
  /** How many intents gold holds: macro-F1 is their mean, and means nothing when there are none. */
  goldIntents: number
  primaryAccuracy: number
  /** Rows whose gold is `other`, and the share of them that got any intent. */
  goldOther: number
  /** Of those, the rows given an intent. */
  goldOtherHit: number
  falsePositiveRate: number
  confusions: Array<{ gold: string; predicted: string; count: number }>
  misses: Array<{ row: number; text: string; gold: string[]; predicted: string[] }>
}

export const OTHER = 'other'

/** Split a `; `-separated label cell into intent ids; `other` and empty mean none. */
export function parseLabels(cell: string, labelMap?: ReadonlyMap<string, string>): string[] {
  const ids: string[] = []
  for (const part of cell.split(';')) {
    const raw = part.trim()
    if (raw === '') continue
    const mapped = labelMap?.get(raw) ?? raw
    if (mapped === OTHER || mapped === '' || ids.includes(mapped)) continue
    ids.push(mapped)
  }
  return ids
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
}

export function evaluate(rows: readonly EvalRow[], options: { top?: number } = {}): EvalReport {
  const top = options.top ?? 10
  const counts = new Map<string, { tp: number; fp: number; fn: number; support: number }>()
  const countOf = (intent: string) => {
    let entry = counts.get(intent)
    if (entry === undefined) {
      entry = { tp: 0, fp: 0, fn: 0, support: 0 }
      counts.set(intent, entry)
    }
    return entry
  }
  const confusions = new Map<string, number>()
  let primaryCorrect = 0
  let goldOther = 0
  let goldOtherHit = 0
  const misses: Array<EvalRow & { errors: number }> = []

  for (const row of rows) {
    const primary = row.predicted[0] ?? OTHER
    let errors = 0
    for (const intent of row.gold) {
      const entry = countOf(intent)
      entry.support++
      if (row.predicted.includes(intent)) entry.tp++
      else {
        entry.fn++
        errors++
        const key = `${intent}\u0000${primary}`
        confusions.set(key, (confusions.get(key) ?? 0) + 1)
      }
    }
    for (const intent of row.predicted) {
      if (row.gold.includes(intent)) continue
      countOf(intent).fp++
      errors++
      if (row.gold.length === 0 && intent === primary) {
        const key = `${OTHER}\u0000${intent}`
        confusions.set(key, (confusions.get(key) ?? 0) + 1)
      }
    }
    if (row.gold.length === 0) {
      goldOther++
      if (row.predicted.length > 0) goldOtherHit++
    }
    const primaryRight = row.gold.length === 0 ? row.predicted.length === 0 : row.gold.includes(primary)
    if (primaryRight) primaryCorrect++
    else misses.push({ ...row, errors })
  }

  const intents: IntentScore[] = []
  let tp = 0
  let fp = 0
  let fn = 0
  let macroSum = 0
  let macroCount = 0
  for (const [intent, entry] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const precision = ratio(entry.tp, entry.tp + entry.fp)
    const recall = ratio(entry.tp, entry.tp + entry.fn)
    const score = f1(precision, recall)
    intents.push({ intent, precision, recall, f1: score, ...entry })
    tp += entry.tp
    fp += entry.fp
    fn += entry.fn
    if (entry.support > 0) {
      macroSum += score
      macroCount++
    }
  }
  const microPrecision = ratio(tp, tp + fp)
  const microRecall = ratio(tp, tp + fn)
  // Worst misses first: the rows with the most wrong labels, in input order among equals.
  misses.sort((a, b) => b.errors - a.errors || a.row - b.row)
  return {
    rows: rows.length,
    intents,
    micro: { precision: microPrecision, recall: microRecall, f1: f1(microPrecision, microRecall) },
    macroF1: ratio(macroSum, macroCount),
    goldIntents: macroCount,
    primaryAccuracy: ratio(primaryCorrect, rows.length),
    goldOther,
    goldOtherHit,
    falsePositiveRate: ratio(goldOtherHit, goldOther),
    confusions: [...confusions]
      .map(([key, count]) => {
        const [gold, predicted] = key.split('\u0000')
        return { gold, predicted, count }
      })
      .sort((a, b) => b.count - a.count || (a.gold < b.gold ? -1 : a.gold > b.gold ? 1 : 0))
      .slice(0, top),
    misses: misses.slice(0, top).map(({ row, text, gold, predicted }) => ({ row, text, gold, predicted }))
  }
}
