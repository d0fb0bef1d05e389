// A small on-disk cache for what takes long to build from the package's own data, kept in
// node_modules/.cache/inbox-triage as eslint keeps its own. It only saves time: a missing,
// stale or unwritable cache means building again, and the key says what the value was built
// from, so a cache can never answer for other inputs.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deserialize, serialize } from 'node:v8'
import { threadId } from 'node:worker_threads'
import { packageRoot, rulesDir } from './paths.js'

export const CACHE_DIR = join(packageRoot, 'node_modules', '.cache', 'inbox-triage')

// Run from its TypeScript sources (Jest, tsx), the code that builds a value is not the built
// CLI's, so its keys differ: its entries live in a folder of their own, and the two do not evict
// each other's on every switch between tests and runs.
const ENTRY_DIR = fileURLToPath(import.meta.url).endsWith('.ts') ? join(CACHE_DIR, 'from-sources') : CACHE_DIR

/** The file that holds the cache entry `name`. */
export function cacheEntryFile(name: string): string {
  return join(ENTRY_DIR, `${name}.bin`)
}

/** A key from the parts a value is built from (texts, or the code that builds it). */
export function cacheKey(parts: Iterable<string>): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part).update('\u0000')
  return hash.digest('base64url')
}

const sources = new Map<string, string>()

/** The code of a module (`import.meta.url`), read once: part of the key of what it builds. */
export function sourceOf(moduleUrl: string): string {
  let source = sources.get(moduleUrl)
  if (source === undefined) sources.set(moduleUrl, (source = readFileSync(fileURLToPath(moduleUrl), 'utf8')))
  return source
}

/**
 * The cache name of a file of the package's own rules (`yaml-intents-en-order.yaml`), or
 * undefined for any other file: a team's or a test's files come and go, and their entries
 * would pile up.
 */
export function packageFileCacheName(kind: string, path: string): string | undefined {
  const inRules = relative(rulesDir, resolve(path))
  if (inRules.startsWith('..') || isAbsolute(inRules)) return undefined
  return `${kind}-${inRules.split(sep).join('-')}`
}

/**
 * Writes a cache file through a temporary one (named by process and thread, since worker
 * threads write too), so that a reader never sees half of it. A read-only install builds again.
 */
export function writeCacheFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.${threadId}.tmp`
  try {
    mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(temporary, data)
    renameSync(temporary, file)
  } catch {
    // The cache only saves time.
  }
}

/**
 * The value `build` makes for `key`, read from the cache file `name` when it holds that key.
 * Values cross as V8 serialises them: plain objects, arrays, numbers, strings, typed arrays.
 */
export function cached<T>(name: string, key: string, build: () => T): T {
  const file = cacheEntryFile(name)
  try {
    const stored = deserialize(readFileSync(file)) as { key?: unknown; value?: unknown }
    if (stored.key === key) return stored.value as T
  } catch {
    // Missing or unreadable: built below.
  }
  const value = build()
  writeCacheFile(file, serialize({ key, value }))
  return value
}
