// YAML files read with node positions, so every problem can point at file:line:column.
//
// Parsing the built-in packs with positions took most of a second on every start, in every
// worker thread. A file that parsed cleanly before is read from a cache of its plain data
// (keyed by a hash of its text, kept in node_modules/.cache as eslint keeps its own), and its
// syntax tree is built only if a location in it is asked for: in a run, never.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import type { FileLocation } from '../types.js'
import { packageRoot } from './paths.js'
import type { RuleProblem } from './problems.js'

export type YamlPath = ReadonlyArray<string | number>

export interface YamlSource {
  file: string
  text: string
  /** The syntax tree, built on first use when the data came from the cache. */
  readonly doc: Document
  readonly lines: LineCounter
  /** The plain data, or undefined when the file does not parse. */
  data: unknown
}

const CACHE_FILE = join(packageRoot, 'node_modules', '.cache', 'inbox-triage', 'yaml-data-1.json')
/** Entries kept from earlier runs besides the files read in this one. */
const CACHE_ENTRIES = 1_000

/** Each clean file's data as JSON text, by hash of the file's text: parsed afresh per use, never shared. */
let cache: Map<string, string> | undefined
/** The clean files this process read, new or cached: what the next save keeps first. */
const used = new Map<string, string>()
let dirty = false

function cachedData(): Map<string, string> {
  if (cache === undefined) {
    try {
      cache = new Map(Object.entries(JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, string>))
    } catch {
      cache = new Map()
    }
  }
  return cache
}

function textHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url')
}

/** Only plain data survives JSON: no non-finite number. */
function jsonSafe(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(jsonSafe)
  if (typeof value === 'object' && value !== null) return Object.values(value).every(jsonSafe)
  return true
}

/**
 * Writes the cache when this process parsed a file it did not hold. A read-only install simply
 * parses again next time.
 */
export function saveYamlCache(): void {
  if (!dirty) return
  dirty = false
  const entries = new Map(used)
  for (const [key, value] of cachedData()) {
    if (entries.size >= used.size + CACHE_ENTRIES) break
    if (!entries.has(key)) entries.set(key, value)
  }
  const temporary = `${CACHE_FILE}.${process.pid}.${threadId}.tmp`
  try {
    mkdirSync(join(CACHE_FILE, '..'), { recursive: true })
    writeFileSync(temporary, JSON.stringify(Object.fromEntries(entries)))
    renameSync(temporary, CACHE_FILE)
  } catch {
    // The cache only saves time.
  }
}

export async function readYamlSource(file: string): Promise<YamlSource | RuleProblem> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return {
      location: { file, line: 1, column: 1 },
      ruleId: 'read',
      severity: 'error',
      message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      hint: 'Check the path and its permissions.'
    }
  }
  return parseYamlSource(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
}

function parseTree(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter()
  // yaml's own duplicate-key check is quadratic per map, too slow for lexicons with thousands
  // of keys; `duplicateKeyProblems` does it in one pass.
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, prettyErrors: false, uniqueKeys: false })
  return { doc, lines }
}

/** A source whose data came from the cache: the tree is parsed only when asked for. */
class CachedSource implements YamlSource {
  private tree: { doc: Document; lines: LineCounter } | undefined
  constructor(
    readonly file: string,
    readonly text: string,
    public data: unknown
  ) {}
  get doc(): Document {
    this.tree ??= parseTree(this.text)
    return this.tree.doc
  }
  get lines(): LineCounter {
    this.tree ??= parseTree(this.text)
    return this.tree.lines
  }
  get parsed(): boolean {
    return this.tree !== undefined
  }
}

/** Whether the syntax tree is built already: locations then cost nothing to compute now. */
function hasTree(source: YamlSource): boolean {
  return !(source instanceof CachedSource) || source.parsed
}

/** Hash of each freshly parsed source's text, for recording it once found clean. */
const hashes = new WeakMap<YamlSource, string>()

/** Parse YAML text; syntax errors are returned by `yamlSyntaxProblems`. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const key = textHash(text)
  const cached = cachedData().get(key)
  if (cached !== undefined) {
    used.set(key, cached)
    return new CachedSource(file, text, JSON.parse(cached))
  }
  const { doc, lines } = parseTree(text)
  const source: YamlSource = { file, text, doc, lines, data: doc.errors.length === 0 ? doc.toJS() : undefined }
  hashes.set(source, key)
  return source
}

export function yamlSyntaxProblems(source: YamlSource): RuleProblem[] {
  // Only files without a syntax problem are cached.
  if (source instanceof CachedSource) return []
  const problems = treeProblems(source)
  const key = hashes.get(source)
  if (problems.length === 0 && key !== undefined && source.data !== undefined && jsonSafe(source.data)) {
    const json = JSON.stringify(source.data)
    cachedData().set(key, json)
    used.set(key, json)
    dirty = true
  }
  return problems
}

function treeProblems(source: YamlSource): RuleProblem[] {
  const problems: RuleProblem[] = []
  const seen = new Set<number>()
  for (const error of source.doc.errors) {
    // One mistake often trips several parser errors at the same place; the first says it best.
    if (seen.has(error.pos[0])) continue
    seen.add(error.pos[0])
    const position = source.lines.linePos(error.pos[0])
    problems.push({
      location: { file: source.file, line: position.line, column: position.col },
      ruleId: 'yaml-syntax',
      severity: 'error',
      message: firstLine(error.message),
      hint: 'Fix the YAML syntax (indentation, quotes, colons).'
    })
  }
  problems.push(...duplicateKeyProblems(source))
  return problems
}

function duplicateKeyProblems(source: YamlSource): RuleProblem[] {
  const problems: RuleProblem[] = []
  visit(source.doc, {
    Map(_, map) {
      const keys = new Set<unknown>()
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue
        const key = pair.key.value
        if (!keys.has(key)) {
          keys.add(key)
          continue
        }
        const position = source.lines.linePos(pair.key.range?.[0] ?? 0)
        problems.push({
          location: { file: source.file, line: position.line, column: position.col },
          ruleId: 'yaml-syntax',
          severity: 'error',
          message: `duplicate key \`${String(key)}\``,
          hint: 'Remove or rename one of the keys: YAML keeps only one of them.'
        })
      }
    }
  })
  return problems
}

function firstLine(message: string): string {
  const end = message.indexOf('\n')
  return end < 0 ? message : message.slice(0, end)
}

/**
 * The location of the node at `path`, or of its deepest existing ancestor. With `key`, the
 * location of the last segment's key (for unknown or misplaced properties).
 */
export function locate(source: YamlSource, path: YamlPath, key = false): FileLocation {
  if (hasTree(source)) return locateNow(source, path, key)
  // Rules and examples all carry locations, read only when something is reported.
  let position: FileLocation | undefined
  const resolve = (): FileLocation => (position ??= locateNow(source, path, key))
  return Object.defineProperties({ file: source.file } as FileLocation, {
    line: { enumerable: true, get: () => resolve().line },
    column: { enumerable: true, get: () => resolve().column }
  })
}

function locateNow(source: YamlSource, path: YamlPath, key: boolean): FileLocation {
  let node: unknown = source.doc.contents
  let found: Node | null = isNodeWithRange(node) ? node : null
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]
    let next: unknown
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (pair === undefined) break
      next = key && i === path.length - 1 ? pair.key : pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment]
    } else {
      break
    }
    if (!isNodeWithRange(next)) break
    node = next
    found = next
  }
  const offset = found?.range?.[0] ?? 0
  const position = source.lines.linePos(offset)
  return { file: source.file, line: position.line, column: position.col }
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range)
}

/** The `# yaml-language-server: $schema=…` reference of a file, if any. */
export function schemaComment(text: string): string | undefined {
  const match = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(text)
  return match?.[1]
}
