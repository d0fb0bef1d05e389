// Scores sentiment labels against gold ones: the measure the benchmark and the tests share.

export interface LabelScores {
  /** Mean F1 over the labels present in gold. */
  macroF1: number
  accuracy: number
}

export function scoreLabels(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): LabelScores {
  let correct = 0
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++
  const present = labels.filter((label) => gold.includes(label))
  let f1Sum = 0
  for (const label of present) {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++
      else if (predicted[i] === label) fp++
      else if (gold[i] === label) fn++
    }
    f1Sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
  }
  return { macroF1: present.length ? f1Sum / present.length : 0, accuracy: gold.length ? correct / gold.length : 0 }
}
