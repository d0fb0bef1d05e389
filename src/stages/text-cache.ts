// Remembers a pure per-text result: inboxes repeat themselves ("thank you", "where is my order?").
// Results are shared between messages, so callers must never mutate them.

/**
 * Texts remembered per generation. Two generations are kept: when the young one fills, it
 * becomes the old one and the previous old one is dropped, so a text that keeps coming back
 * ("thanks") survives the turnover while memory stays bounded by twice this many entries.
 */
const DEFAULT_ENTRIES = 4_096

export function createTextCache<T>(entries = DEFAULT_ENTRIES): (lang: string, text: string, compute: () => T) => T {
  let young = new Map<string, T>()
  let old = new Map<string, T>()
  return (lang, text, compute) => {
    const key = `${lang}\u0000${text}`
    let value = young.get(key)
    if (value !== undefined) return value
    value = old.get(key) ?? compute()
    if (young.size >= entries) {
      old = young
      young = new Map()
    }
    young.set(key, value)
    return value
  }
}
