// The shape of an intent rule file once it passed its schema (schema/intents.schema.json).

export interface RawMatcher {
  phrase?: string | string[]
  regex?: string | string[]
  any?: RawMatcher[]
  all?: RawMatcher[]
  not?: RawMatcher | RawMatcher[]
}

export interface RawRule {
  id: string
  intent: string
  description?: string
  languages?: string[]
  weight?: number
  match: RawMatcher
  examples?: { match?: string[]; no_match?: string[] }
}

export interface RawIntent {
  id: string
  description?: string
  priority?: number
  action?: string
}

export interface RawIntentFile {
  language?: string
  languages?: string[]
  rules?: RawRule[]
  intents?: RawIntent[]
  fallbacks?: Record<string, string[]>
  /** Languages whose phrases written with diacritics match tone-exactly (`tone_exact`). */
  tone_exact?: string[]
}

/** `'*'` in `fallbacks` stands for every language that has rules. */
export const EVERY_LANGUAGE = '*'
