// Short-text language identification: the public API of src/language.
import { join } from 'node:path'
import { rulesDir } from '../data/paths.js'
import type { LanguageDecision } from '../types.js'
import { loadLanguageData } from './data.js'
import { Detector, type DetectHints } from './detector.js'
import { resolveLanguages } from './languages.js'

export type { DetectHints } from './detector.js'
export { SUPPORTED_LANGUAGES } from './languages.js'

export interface LanguageDetectorOptions {
  /** Allow-list of BCP 47 primary subtags (`fil` is read as `tl`); default all 18 supported. */
  languages?: string[]
  /** Folder of the language data (lexicon, letters, Han, marketplaces); default the built-in rules/language. */
  dataDir?: string
}

export interface LanguageDetector {
  detect(text: string, hints?: DetectHints): LanguageDecision
}

/** Detectors by data folder and allow-list: building one takes a while, and they are stateless between calls. */
const detectors = new Map<string, LanguageDetector>()

/** A detector for the allowed languages; throws a UsageError for an unknown language code. */
export function createLanguageDetector(options: LanguageDetectorOptions = {}): LanguageDetector {
  const languages = resolveLanguages(options.languages)
  const dataDir = options.dataDir ?? join(rulesDir, 'language')
  const key = `${dataDir}\0${[...languages].sort().join(',')}`
  let detector = detectors.get(key)
  if (!detector) {
    detector = new Detector(languages, loadLanguageData(dataDir))
    detectors.set(key, detector)
  }
  return detector
}

/** One line for `explain`: the language, the layer that decided, and the runners-up. */
export function describeLanguageDecision(decision: LanguageDecision): string {
  const parts = [`${decision.lang} by ${decision.method}`]
  if (decision.script) parts.push(`script ${decision.script}`)
  parts.push(`confidence ${decision.confidence.toFixed(2)}`)
  let line = parts.join(', ')
  if (decision.candidates && decision.candidates.length > 0) {
    line += `; then ${decision.candidates.map((c) => `${c.lang} ${c.score.toFixed(2)}`).join(', ')}`
  }
  return line
}
