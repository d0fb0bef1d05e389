// Remembers a pure per-text result: inboxes repeat themselves ("thank you", "where is my order?").
// Results are shared between messages, so callers must never mutate them.

/**
 * Texts remembered per generation. Two generations are kept: when the young one fills, it
 * becomes the old one and the previous old one is dropped, so a text that keeps coming back
 * ("thanks") survives the turnover while memory stays bounded by twice this many entries.
 */
const DEFAULT_ENTRIES = 4_096

interface Generations<T> {
  young: Map<string, T>
  old: Map<string, T>
}

export function createTextCache<T>(entries = DEFAULT_ENTRIES): (lang: string, text: string, compute: () => T) => T {
  // Keyed by language, then by the text itself: a key joining the two would be a new string to
  // hash on every call, where the text's own hash is computed once and kept with the string.
  const byLang = new Map<string, Generations<T>>()
  let youngEntries = 0
  return (lang, text, compute) => {
    let cache = byLang.get(lang)
    if (!cache) byLang.set(lang, (cache = { young: new Map(), old: new Map() }))
    let value = cache.young.get(text)
    if (value !== undefined) return value
    value = cache.old.get(text) ?? compute()
    if (youngEntries >= entries) {
      for (const generations of byLang.values()) {
        generations.old = generations.young
        generations.young = new Map()
      }
      youngEntries = 0
    }
    cache.young.set(text, value)
    youngEntries++
    return value
  }
}
