// Reads one lexicon file: YAML with positions, the generated section fast, the schema checked.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { isMap, isScalar, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml'
import { cached, cacheKey, packageFileCacheName, sourceOf } from '../data/disk-cache.js'
import { schemaDir } from '../data/paths.js'
import { InputError } from '../errors.js'
import { schemaErrorMessage } from '../rules/schema.js'
import { GENERATED_MARKER, type LexiconFile } from './lexicon.js'

const SCHEMA = 'lexicon.schema.json'
let validator: ValidateFunction | null = null

/** The schema errors of a lexicon, none when it is valid. */
function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(schemaDir, SCHEMA), 'utf8')) as object
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema)
  }
  return validator(value) ? [] : (validator.errors ?? [])
}

let readerKey: string | undefined

/**
 * Reads, parses and validates one lexicon file; throws InputError naming file:line:column. A
 * built-in file read before comes from the cache, keyed by its text, this reader's code, the
 * schema and the yaml package: parsing the hand-written sections took a fifth of a second on
 * every start.
 */
export function readLexiconFile(path: string): LexiconFile {
  let source: string
  try {
    source = readFileSync(path, 'utf8')
  } catch (error) {
    throw new InputError(`${path}: cannot read the lexicon file (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`)
  }
  const name = packageFileCacheName('lexicon', path)
  if (name === undefined) return parseLexicon(path, source)
  readerKey ??= cacheKey([
    sourceOf(import.meta.url),
    GENERATED_MARKER,
    readFileSync(join(schemaDir, SCHEMA), 'utf8'),
    createRequire(import.meta.url)('yaml/package.json').version as string
  ])
  return cached(name, cacheKey([readerKey, source]), () => parseLexicon(path, source))
}

function parseLexicon(path: string, source: string): LexiconFile {
  // The generated section is thousands of `  "term": score` lines, which are JSON pairs: reading
  // them as JSON takes milliseconds where the YAML parser takes a second. Anything unexpected
  // there (a hand edit, a duplicate) goes through the full parser, which reports it by position.
  const markerAt = source.indexOf(`\n${GENERATED_MARKER}`)
  if (markerAt >= 0) {
    const valence = readGeneratedSection(source.slice(markerAt + 1))
    if (valence) {
      const file = parseAndValidate(path, source.slice(0, markerAt + 1))
      if (file.valence === undefined) {
        file.valence = valence
        if (validate(file).length === 0) return file
      }
    }
  }
  return parseAndValidate(path, source)
}

function readGeneratedSection(block: string): Record<string, number> | null {
  const lines = block.split('\n')
  if (lines[1] !== 'valence:') return null
  const pairs: string[] = []
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    if (!line.startsWith('  "')) return null
    pairs.push(line)
  }
  let parsed: Record<string, number>
  try {
    parsed = JSON.parse(`{${pairs.join(',')}}`) as Record<string, number>
  } catch {
    return null
  }
  return Object.keys(parsed).length === pairs.length ? parsed : null
}

/**
 * The yaml package's own duplicate-key check is quadratic and takes seconds on a 7,000-entry
 * section, so it is off and duplicates are found here with a set instead.
 */
function parseAndValidate(path: string, source: string): LexiconFile {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false })
  const at = (node: Node | null | undefined): string => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0)
    return `${path}:${pos.line}:${pos.col}`
  }
  if (doc.errors.length > 0) {
    const pos = lineCounter.linePos(doc.errors[0]!.pos[0])
    throw new InputError(`${path}:${pos.line}:${pos.col}: YAML syntax error: ${doc.errors[0]!.message.split('\n')[0]}`)
  }
  const maps: YAMLMap[] = []
  if (isMap(doc.contents)) {
    maps.push(doc.contents)
    for (const pair of doc.contents.items) if (isMap(pair.value)) maps.push(pair.value)
  }
  for (const map of maps) {
    const seen = new Set<unknown>()
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key
      if (seen.has(key)) {
        throw new InputError(`${at(pair.key as Node)}: duplicate key "${String(key)}": keep one entry.`)
      }
      seen.add(key)
    }
  }
  const value = (doc.toJS() ?? {}) as unknown
  const errors = validate(value)
  if (errors.length > 0) throw new InputError(schemaErrorMessage({ file: path, text: source, doc, lines: lineCounter, data: value }, errors, SCHEMA))
  return value as LexiconFile
}
