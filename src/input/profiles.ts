// Source profiles: data files that map an export's header to the normalised message fields.
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { profilesDir } from '../data/paths.js'
import { readYamlFile } from '../data/yaml-file.js'
import { InputError, UsageError } from '../errors.js'
import type { ContentType, SenderRole } from '../types.js'

export interface Profile {
  name: string
  description?: string
  level?: 'message' | 'ticket'
  fields: Record<string, string[]>
  detect: { signature: string[] }
  roles?: Partial<Record<SenderRole, string[]>> & { seller_when_equal?: [string, string]; default?: SenderRole }
  content_types?: Partial<Record<ContentType, string[]>>
  timestamp?: { format?: 'auto' | 'unix-seconds' | 'unix-ms' | 'dmy' | 'mdy'; zone?: string }
  order_id?: { from_subject?: string; from_text?: string }
  marketplace_prefix?: string
  empty_values?: string[]
  text_from_subject?: boolean
  clean?: string[]
  /** Where the profile was read from. */
  file?: string
}

/** A profile bound to one header: field name → column index. */
export interface BoundProfile {
  profile: Profile
  columns: Record<string, number>
}

/** Header names compare without case, surrounding space, or inner space/underscore/dash differences. */
export function headerKey(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_-]+/g, ' ')
}

export function loadProfile(file: string): Profile {
  const profile = readYamlFile<Profile>(file, 'profile.schema.json')
  return { ...profile, file }
}

let builtins: Profile[] | undefined

/** The shipped profiles, `generic` last so that it only wins when nothing more specific fits. */
export function builtinProfiles(): Profile[] {
  if (!builtins) {
    const files = readdirSync(profilesDir).filter((name) => name.endsWith('.yaml')).sort()
    builtins = files.map((name) => loadProfile(join(profilesDir, name)))
    builtins.sort((a, b) => Number(a.name === 'generic') - Number(b.name === 'generic'))
  }
  return builtins
}

export function findProfile(name: string, extra: Profile[] = []): Profile {
  const all = [...extra, ...builtinProfiles()]
  const found = all.find((profile) => profile.name === name)
  if (!found) {
    // Callers may pass the built-in profiles among `extra`: each name once.
    const names = [...new Set(all.map((p) => p.name))]
    throw new UsageError(`Unknown source profile "${name}". Known: ${names.join(', ')}. See \`inbox-triage profiles\`.`)
  }
  return found
}

/** Binds a profile's aliases to a header; the first column of a duplicated name wins. */
export function bindProfile(profile: Profile, header: string[], mapping: Record<string, string> = {}): BoundProfile {
  const index = new Map<string, number>()
  for (let i = 0; i < header.length; i++) {
    const key = headerKey(header[i]!)
    if (!index.has(key)) index.set(key, i)
  }
  const columns: Record<string, number> = {}
  for (const [field, aliases] of Object.entries(profile.fields)) {
    for (const alias of aliases) {
      const at = index.get(headerKey(alias))
      if (at !== undefined) {
        columns[field] = at
        break
      }
    }
  }
  for (const [field, column] of Object.entries(mapping)) {
    const at = index.get(headerKey(column))
    if (at === undefined) {
      throw new UsageError(`--map ${field}=${column}: the header has no column "${column}". Columns: ${header.join(', ')}.`)
    }
    columns[field] = at
  }
  return { profile, columns }
}

function missingSignature(bound: BoundProfile): string[] {
  const missing: string[] = []
  for (const field of bound.profile.detect.signature) {
    if (bound.columns[field] === undefined) missing.push(bound.profile.fields[field]?.[0] ?? field)
  }
  return missing
}

/**
 * Picks the profile whose signature columns are all present, preferring the one that binds the
 * most columns. Fails with the closest profiles and what they miss.
 */
export function detectProfile(header: string[], file: string, profiles: Profile[], mapping: Record<string, string> = {}): BoundProfile {
  let best: BoundProfile | undefined
  let bestScore = -1
  const near: Array<{ name: string; missing: string[]; matched: number }> = []
  for (const profile of profiles) {
    const bound = bindProfile(profile, header, mapping)
    const missing = missingSignature(bound)
    const matched = Object.keys(bound.columns).length
    if (missing.length > 0) {
      near.push({ name: profile.name, missing, matched })
      continue
    }
    const score = profile.name === 'generic' ? 0 : matched
    if (score > bestScore) {
      best = bound
      bestScore = score
    }
  }
  if (best) return best
  near.sort((a, b) => a.missing.length - b.missing.length || b.matched - a.matched)
  const closest = near
    .slice(0, 3)
    .map((entry) => `${entry.name} (missing ${entry.missing.join(', ')})`)
    .join('; ')
  throw new InputError(
    `${file}: the header fits no source profile. Closest: ${closest}. ` +
      `Columns found: ${header.join(', ') || '(none)'}. ` +
      'Use --source NAME, --profile FILE, or --map text=Column for a generic file.'
  )
}

export function profileName(file: string): string {
  return basename(file).replace(/\.ya?ml$/, '')
}
