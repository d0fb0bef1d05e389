// JSON Schema validation of rule, lexicon, risk and profile files with ajv; every error is
// mapped from its instance path to the YAML node, so it points at the offending line.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { detectKind, schemaFileOf, type FileKind } from './kinds.js'
import { sortProblems, type RuleProblem } from './problems.js'
import { locate, type YamlSource } from './yamlSource.js'

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv

export interface SchemaValidator {
  /** Problems of one parsed file; `undefined` when no schema of that kind is installed. */
  validate(kind: FileKind, source: YamlSource): RuleProblem[] | undefined
}

export function createSchemaValidator(schemaDir: string): SchemaValidator {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false, useDefaults: false }))
  const compiled = new Map<FileKind, ValidateFunction | null>()

  function validatorFor(kind: FileKind): ValidateFunction | null {
    let validate = compiled.get(kind)
    if (validate !== undefined) return validate
    const file = join(schemaDir, schemaFileOf(kind))
    validate = existsSync(file) ? ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object) : null
    compiled.set(kind, validate)
    return validate
  }

  return {
    validate(kind, source) {
      const validate = validatorFor(kind)
      if (validate === null) return undefined
      if (validate(source.data ?? null)) return []
      return schemaProblems(source, validate.errors ?? [], schemaFileOf(kind))
    }
  }
}

const MATCHER_KEYS = 'phrase, regex, any, all'
// Keywords that check strings: at an object's path they can only come from `propertyNames`.
const STRING_KEYWORDS = new Set(['pattern', 'minLength', 'maxLength', 'format', 'enum', 'const'])

/**
 * Turn ajv errors (`allErrors`) into one readable problem per real mistake, placed on its node,
 * each saying what is wrong and what to do. ajv reports every failed branch of an `anyOf` and
 * `oneOf`; only the branch the value was meant for says anything useful.
 */
export function schemaProblems(source: YamlSource, errors: ErrorObject[], schemaName: string): RuleProblem[] {
  const kept = withoutBranchNoise(source.data, errors)
  const problems: RuleProblem[] = []
  const seen = new Set<string>()
  for (const error of kept) {
    const path = pointerToPath(error.instancePath)
    const described = describeError(source, error, path, errors, schemaName)
    const location = described.at === undefined ? locate(source, path) : locate(source, described.at, true)
    const key = `${location.line}:${location.column}:${described.message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ location, ruleId: 'schema', severity: 'error', message: described.message, hint: described.hint, intentRule: ruleIdAt(source.data, path) })
  }
  return problems
}

// A loader's error shows this many (one more rather than "and 1 more"); `rules check` shows them all.
const SHOWN_PROBLEMS = 3

/**
 * The message of a loader's error for a file that fails its schema: the first problems in the
 * words of `rules check`, then how to see them all. `rules check` only checks a file whose kind
 * it can tell, so a file it cannot is told how to make it checkable.
 */
export function schemaErrorMessage(source: YamlSource, errors: ErrorObject[], schemaName: string): string {
  const problems = sortProblems(schemaProblems(source, errors, schemaName))
  const shown = problems.length > SHOWN_PROBLEMS + 1 ? problems.slice(0, SHOWN_PROBLEMS) : problems
  // The loaders' other errors (syntax, duplicate keys) read `file:line:column: message`.
  const lines = shown.map(({ location, message, hint }) => `${location.file}:${location.line}:${location.column}: ${message}.${hint === undefined ? '' : ` ${hint}`}`)
  const more = problems.length - lines.length
  const kind = detectKind(source.file, source.text)
  const check = `\`inbox-triage rules check ${source.file}\` to see every problem.`
  const next =
    kind !== undefined && schemaFileOf(kind) === schemaName
      ? `Run ${check}`
      : `Add \`# yaml-language-server: $schema=<path>/schema/${schemaName}\` as its first line, then run ${check}`
  lines.push(more > 0 ? `…and ${more} more. ${next}` : next)
  return lines.join('\n')
}

function withoutBranchNoise(data: unknown, errors: ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((error) => error.keyword === 'oneOf')
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath))
  const propertyNamePaths = new Set(errors.filter((error) => error.keyword === 'propertyNames').map((error) => error.instancePath))
  const kept: ErrorObject[] = []
  for (const error of errors) {
    const at = error.instancePath
    // The `required` branches of a matcher's `oneOf`: the `oneOf` itself says it better.
    if (oneOfs.some((other) => other !== error && other.instancePath === at && error.schemaPath.startsWith(`${other.schemaPath}/`))) continue
    // `required` passes on a value that is no mapping, so a `oneOf` of them "passes" twice there.
    if (error.keyword === 'oneOf' && !isPlainObject(valueAt(data, pointerToPath(at)))) continue
    if (propertyNamePaths.has(at) && STRING_KEYWORDS.has(error.keyword)) continue
    if (anyOfPaths.has(at)) {
      // The branches of an `anyOf` that failed on the value's type are noise; when a branch
      // accepted the type and failed further in, its errors are the ones to show.
      if (error.keyword === 'type') continue
      if (error.keyword === 'anyOf' && errors.some((other) => isInsideBranch(other, at, data))) continue
    }
    kept.push(error)
  }
  return kept
}

function isInsideBranch(error: ErrorObject, at: string, data: unknown): boolean {
  if (error.instancePath.startsWith(`${at}/`)) return true
  if (error.instancePath !== at) return false
  if (error.keyword === 'type' || error.keyword === 'anyOf') return false
  return error.keyword !== 'oneOf' || isPlainObject(valueAt(data, pointerToPath(at)))
}

interface Described {
  message: string
  hint: string
  /** Point at this key instead of the value (unknown properties, bad keys). */
  at?: Array<string | number>
}

function describeError(source: YamlSource, error: ErrorObject, path: Array<string | number>, errors: ErrorObject[], schemaName: string): Described {
  const value = valueAt(source.data, path)
  const name = describe(path)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(params.additionalProperty)
      return {
        at: [...path, property],
        message: `unknown property \`${property}\`${where(path)}`,
        hint: `Remove it or fix its spelling; see ${schemaName} for the allowed properties.`
      }
    }
    case 'required':
      return { message: `missing property \`${String(params.missingProperty)}\`${where(path)}`, hint: `Add \`${String(params.missingProperty)}:\` with its value.` }
    case 'propertyNames': {
      const key = String(params.propertyName)
      const rule = errors.find((other) => other.instancePath === error.instancePath && other.keyword === 'pattern')
      const pattern = rule === undefined ? undefined : String(rule.params.pattern)
      return {
        at: [...path, key],
        message: key === '' ? `an empty key${where(path)}` : `key \`${key}\`${where(path)} is not allowed${pattern === undefined ? '' : `: it must match ${pattern}`}`,
        hint: pattern === undefined ? 'Give the entry a name.' : patternHint(pattern)
      }
    }
    case 'oneOf':
      if (Array.isArray(params.passingSchemas)) {
        return { message: `a matcher holds more than one of ${MATCHER_KEYS}`, hint: 'Split it: wrap the parts in `any:` (either) or `all:` (both).' }
      }
      return { message: `a matcher needs one of ${MATCHER_KEYS} or not`, hint: 'Write e.g. `phrase: where is my order`.' }
    case 'anyOf': {
      const expected = branchTypes(errors, error)
      return {
        message: `${name} is ${kindOf(value)}; it must be ${expected.length > 0 ? expected.map(typeName).join(' or ') : 'one of the allowed shapes'}`,
        hint: expected.includes('array') ? 'Write one value, or a list of values such as `[a, b]`.' : `See ${schemaName} for the allowed values.`
      }
    }
    case 'type': {
      const expected = String(params.type).split(',')
      return { message: `${name} is ${kindOf(value)}; it must be ${expected.map(typeName).join(' or ')}`, hint: typeHint(expected[0]) }
    }
    case 'pattern': {
      const pattern = String(params.pattern)
      return { message: `${name} \`${String(value)}\` does not match ${pattern}`, hint: patternHint(pattern) }
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((item) => `\`${String(item)}\``).join(', ')
      return { message: `${name} is ${kindOf(value)}; it must be one of ${allowed}`, hint: 'Use one of the listed values.' }
    }
    case 'const':
      return { message: `${name} is ${kindOf(value)}; it must be \`${String(params.allowedValue)}\``, hint: `Write \`${String(params.allowedValue)}\` here.` }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = BOUNDS[error.keyword]
      return { message: `${name} is ${String(value)}; it must be ${bound} ${String(params.limit)}`, hint: `Use a number ${bound} ${String(params.limit)}.` }
    }
    case 'minItems':
      return Number(params.limit) === 1
        ? { message: `${name} is an empty list`, hint: `Add at least one item, or remove \`${lastKey(path)}\`.` }
        : { message: `${name} has ${countOf(value)} items; it needs at least ${String(params.limit)}`, hint: 'Add items.' }
    case 'maxItems':
      return { message: `${name} has ${countOf(value)} items; at most ${String(params.limit)} are allowed`, hint: 'Remove items.' }
    case 'minLength':
      return Number(params.limit) === 1
        ? { message: `${name} is empty text`, hint: 'Write the text, or remove the entry.' }
        : { message: `${name} is shorter than ${String(params.limit)} characters`, hint: 'Write a longer value.' }
    case 'maxLength':
      return { message: `${name} is longer than ${String(params.limit)} characters`, hint: 'Shorten it.' }
    case 'minProperties':
      return { message: path.length === 0 ? 'the file has no entries' : `${name} has no entries`, hint: path.length === 0 ? `Add its content (see ${schemaName}), or delete the file.` : `Add an entry, or remove \`${lastKey(path)}\`.` }
    case 'uniqueItems': {
      const list = Array.isArray(value) ? value : []
      const item = list[Number(params.j)]
      return { message: `${name} lists \`${String(item)}\` twice`, hint: 'Remove the repeated item.' }
    }
    case 'format':
      return { message: `${name} \`${String(value)}\` is not a valid ${String(params.format)}`, hint: `Write a valid ${String(params.format)}; see ${schemaName}.` }
    default:
      return { message: `${name} ${error.message ?? 'is invalid'}`, hint: `See ${schemaName} for what is allowed here.` }
  }
}

const BOUNDS: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' }

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (`key: value`)',
  null: 'empty'
}

function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type
}

function typeHint(type: string | undefined): string {
  switch (type) {
    case 'string':
      return 'Write it as text; quote it if it looks like a number or `yes`/`no`.'
    case 'number':
    case 'integer':
      return 'Write a number without quotes, e.g. `2`.'
    case 'boolean':
      return 'Write `true` or `false` without quotes.'
    case 'array':
      return 'Write a list, e.g. `[a, b]` or one `- item` per line.'
    case 'object':
      return 'Write `key: value` entries under it.'
    default:
      return 'Change the value to the expected type.'
  }
}

/** What a YAML value is, in the words of a person who wrote it. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `text \`${value.length > 40 ? `${value.slice(0, 39)}…` : value}\``
  if (typeof value === 'number') return `the number ${value}`
  return `\`${String(value)}\``
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0
}

function lastKey(path: ReadonlyArray<string | number>): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i])
  return String(path[path.length - 1])
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => {
      const text = segment.replace(/~1/g, '/').replace(/~0/g, '~')
      return /^\d+$/.test(text) ? Number(text) : text
    })
}

function describe(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return 'the file'
  return `\`${path.join('.')}\``
}

function where(path: ReadonlyArray<string | number>): string {
  return path.length === 0 ? ' at the top level' : ` in ${describe(path)}`
}

/** The types an `anyOf` allows, from its branches' type errors at the same place. */
function branchTypes(errors: ErrorObject[], parent: ErrorObject): string[] {
  const types = new Set<string>()
  for (const error of errors) {
    if (error.instancePath === parent.instancePath && error.keyword === 'type') types.add(String(error.params.type))
  }
  return [...types]
}

// The schemas share a few patterns; each kind of name has its own spelling rules.
const LANGUAGE_HINT = 'Language codes are BCP 47 primary subtags such as `en`, `zh`, `pt`.'
const NAME_HINT = 'Use lower-case letters, digits and dashes, e.g. `helpdesk` or `not-received`.'
const PATTERN_HINTS: Record<string, string> = {
  '^([a-z]{2,3}|und)$': LANGUAGE_HINT,
  '^[a-z]{2,3}$': LANGUAGE_HINT,
  '^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$': 'Intent ids are lower-case words with dashes, grouped by `/`, e.g. `order/not-received`.',
  '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$': 'Rule ids start with a letter or digit and use letters, digits and `_ . : / -`, e.g. `team.order-status.where-is`.',
  '^[a-z][a-z_]*$': 'Field names are lower case with underscores, e.g. `order_id`.',
  '^[a-z][a-z0-9-]*$': NAME_HINT,
  '^[a-z0-9][a-z0-9-]*$': NAME_HINT
}

function patternHint(pattern: string): string {
  return PATTERN_HINTS[pattern] ?? `Change it to match ${pattern}.`
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = data
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  return value
}

function ruleIdAt(data: unknown, path: ReadonlyArray<string | number>): string | undefined {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return undefined
  const id = valueAt(data, ['rules', path[1], 'id'])
  return typeof id === 'string' ? id : undefined
}
