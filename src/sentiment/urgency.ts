// Urgency: urgent words, deadlines next to a day or date, and runs of ! and ?.
import type { CompiledLanguage } from './lexicon.js'
import type { FoldedText } from './normalize.js'
import { gap, originalSpan, type Match } from './scan.js'

const URGENT_PUNCTUATION_RUN = 3
const ORDINAL_DAY = /^\d{1,2}(st|nd|rd|th)$/

/** Why a message is urgent; empty when it is not. */
export function urgency(language: CompiledLanguage, folded: FoldedText, matches: Match[], text: string): string[] {
  const reasons: string[] = []
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!
    if (m.entry.urgency) reasons.push(`urgent: "${originalSpan(text, folded, m.start, m.end).text}"`)
    if (!m.entry.deadlineMarker) continue
    const next = matches[k + 1]
    const previous = matches[k - 1]
    const near = language.spaced ? 1 : 2
    if (next?.entry.deadlineTime && gap(language, folded, m, next) <= near) {
      reasons.push(`deadline: "${originalSpan(text, folded, m.start, next.end).text}"`)
    } else if (previous?.entry.deadlineTime && gap(language, folded, previous, m) <= near) {
      reasons.push(`deadline: "${originalSpan(text, folded, previous.start, m.end).text}"`)
    } else {
      const date = dateNear(language, folded, m)
      if (date) reasons.push(`deadline: "${originalSpan(text, folded, date[0], date[1]).text}"`)
    }
  }
  if (folded.longestRun >= URGENT_PUNCTUATION_RUN) reasons.push(`repeated "${folded.longestRunText}"`)
  return reasons
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/**
 * A marker next to a day of the month: "by the 25th", "before 12/5" (spaced), or
 * 25号前, 25日までに, ก่อน 25 (unspaced). Returns the folded span from marker to date.
 */
function dateNear(language: CompiledLanguage, folded: FoldedText, marker: Match): [number, number] | null {
  const text = folded.text
  if (!language.spaced) {
    for (let k = Math.max(0, marker.start - 3); k < marker.start; k++) if (isDigit(text.charCodeAt(k))) return [k, marker.end]
    for (let k = marker.end; k < Math.min(text.length, marker.end + 3); k++) if (isDigit(text.charCodeAt(k))) return [marker.start, k + 1]
    return null
  }
  // Look at the next two words after the marker.
  let k = marker.end
  for (let w = 0; w < 2 && k < text.length; w++) {
    while (k < text.length && text.charCodeAt(k) === 0x20) k++
    const start = k
    while (k < text.length && text.charCodeAt(k) !== 0x20) k++
    const word = text.slice(start, k)
    if (!isDigit(word.charCodeAt(0)) || word.length > 4) continue
    const ordinal = ORDINAL_DAY.test(word)
    let after = k + 1
    while (after < text.length && isDigit(text.charCodeAt(after))) after++
    const dayMonth = word.length <= 2 && after > k + 1 && after - k - 1 <= 2
    if (ordinal) return [marker.start, k]
    if (dayMonth) return [marker.start, after]
  }
  return null
}
