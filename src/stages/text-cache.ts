// Remembers a pure per-text result: inboxes repeat themselves ("thank you", "where is my order?").
// Results are shared between messages, so callers must never mutate them.

/** Texts remembered at once; the cache starts over when full, which bounds its memory. */
const DEFAULT_ENTRIES = 20_000

export function createTextCache<T>(entries = DEFAULT_ENTRIES): (lang: string, text: string, compute: () => T) => T {
  const cache = new Map<string, T>()
  return (lang, text, compute) => {
    const key = `${lang}\u0000${text}`
    let value = cache.get(key)
    if (value === undefined) {
      value = compute()
      if (cache.size >= entries) cache.clear()
      cache.set(key, value)
    }
    return value
  }
}
