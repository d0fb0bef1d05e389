// YAML files read with node positions, so every problem can point at file:line:column.
//
// Parsing the built-in packs with positions took most of a second on every start, in every
// worker thread. A built-in file that parsed cleanly before is read back as its plain data
// (src/data/disk-cache.ts, keyed by its text, this reader's code and the yaml package), and its
// syntax tree is built only if a location in it is asked for: in a run, never.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import { cached, cacheKey, packageFileCacheName, sourceOf } from '../data/disk-cache.js'
import type { FileLocation } from '../types.js'
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

let readerKey: string | undefined

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

function parseNow(file: string, text: string): YamlSource {
  const { doc, lines } = parseTree(text)
  return { file, text, doc, lines, data: doc.errors.length === 0 ? doc.toJS() : undefined }
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

/** Parse YAML text; syntax errors are returned by `yamlSyntaxProblems`. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const name = packageFileCacheName('yaml', file)
  if (name === undefined) return parseNow(file, text)
  readerKey ??= cacheKey([sourceOf(import.meta.url), createRequire(import.meta.url)('yaml/package.json').version as string])
  let fresh: YamlSource | undefined
  // Only a file without a syntax problem is cached; null stands for one with problems.
  const data = cached(name, cacheKey([readerKey, text]), () => {
    fresh = parseNow(file, text)
    return treeProblems(fresh).length === 0 ? fresh.data : null
  })
  if (fresh) return fresh
  return data === null ? parseNow(file, text) : new CachedSource(file, text, data)
}

export function yamlSyntaxProblems(source: YamlSource): RuleProblem[] {
  return source instanceof CachedSource ? [] : treeProblems(source)
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
