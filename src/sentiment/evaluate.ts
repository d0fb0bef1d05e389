// Scores sentiment labels against gold ones with the measure the intent scorer uses, one label
// per row: macro-F1 over the labels present in gold, and accuracy. The benchmark and the tests
// share it.
import { evaluate } from '../rules/eval.js'

export interface LabelScores {
  /** Mean F1 over the labels present in gold. */
  macroF1: number
  accuracy: number
}

export function scoreLabels(gold: readonly string[], predicted: readonly string[]): LabelScores {
  const report = evaluate(gold.map((label, i) => ({ row: i + 1, text: '', gold: [label], predicted: [predicted[i]!] })))
  return { macroF1: report.macroF1, accuracy: report.primaryAccuracy }
}
