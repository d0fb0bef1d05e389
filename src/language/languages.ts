// The languages detection supports, and how they map onto franc's codes and Unicode scripts.
import { UsageError } from '../errors.js'

/** Every supported language, BCP 47 primary subtags; also the default allow-list. */
export const SUPPORTED_LANGUAGES: readonly string[] = [
  'en', 'es', 'de', 'fr', 'it', 'pt', 'zh', 'ja', 'th', 'vi', 'id', 'ms',
  'nl', 'pl', 'tr', 'ar', 'ko', 'tl'
]

/** Languages written in Latin script: decided by franc's trigrams and the lexical layer. */
export const LATIN_LANGUAGES: readonly string[] = [
  'en', 'es', 'de', 'fr', 'it', 'pt', 'vi', 'id', 'ms', 'nl', 'pl', 'tr', 'tl'
]

/** franc's ISO 639-3 code of each Latin-script language (its `Latin` trigram tables). */
export const FRANC_CODES: Readonly<Record<string, string>> = {
  en: 'eng', es: 'spa', de: 'deu', fr: 'fra', it: 'ita', pt: 'por', vi: 'vie',
  id: 'ind', ms: 'zlm', nl: 'nld', pl: 'pol', tr: 'tur', tl: 'tgl'
}

/** Names people use for a language that are not its primary subtag. */
const ALIASES: Readonly<Record<string, string>> = { fil: 'tl', zsm: 'ms', in: 'id', iw: 'he' }

/** The allow-list as primary subtags, or a UsageError naming the unknown entries. */
export function resolveLanguages(languages: readonly string[] | undefined, where = 'languages'): string[] {
  if (!languages) return [...SUPPORTED_LANGUAGES]
  const resolved: string[] = []
  const unknown: string[] = []
  for (const raw of languages) {
    const code = raw.trim().toLowerCase().split(/[-_]/)[0]
    const lang = ALIASES[code] ?? code
    if (!SUPPORTED_LANGUAGES.includes(lang)) unknown.push(raw)
    else if (!resolved.includes(lang)) resolved.push(lang)
  }
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown language ${unknown.map((u) => `"${u}"`).join(', ')} in ${where}. ` +
        `Use BCP 47 codes from: ${SUPPORTED_LANGUAGES.join(', ')}.`
    )
  }
  if (resolved.length === 0) {
    throw new UsageError(`The list of ${where} is empty. Name at least one of: ${SUPPORTED_LANGUAGES.join(', ')}.`)
  }
  return resolved
}
