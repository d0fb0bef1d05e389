// A small on-disk cache for what takes long to build from the package's own data, kept in
// node_modules/.cache/inbox-triage as eslint keeps its own. It only saves time: a missing,
// stale or unwritable cache means building again, and the key says what the value was built
// from, so a cache can never answer for other inputs.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { threadId } from 'node:worker_threads'
import { packageRoot } from './paths.js'

const CACHE_DIR = join(packageRoot, 'node_modules', '.cache', 'inbox-triage')

/** A key from the parts a value is built from (texts, or the code that builds it). */
export function cacheKey(parts: Iterable<string>): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part).update('\u0000')
  return hash.digest('base64url')
}

/**
 * The value `build` makes for `key`, read from the cache file `name` when it holds that key.
 * Values cross as V8 serialises them: plain objects, arrays, numbers, strings, typed arrays.
 */
export function cached<T>(name: string, key: string, build: () => T): T {
  const file = join(CACHE_DIR, `${name}.bin`)
  try {
    const stored = deserialize(readFileSync(file)) as { key?: unknown; value?: unknown }
    if (stored.key === key) return stored.value as T
  } catch {
    // Missing or unreadable: built below.
  }
  const value = build()
  const temporary = `${file}.${process.pid}.${threadId}.tmp`
  try {
    mkdirSync(CACHE_DIR, { recursive: true })
    writeFileSync(temporary, serialize({ key, value }))
    renameSync(temporary, file)
  } catch {
    // A read-only install builds again next time.
  }
  return value
}
