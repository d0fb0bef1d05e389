// JSON Schema validation of rule, lexicon, risk and profile files with ajv; every error is
// mapped from its instance path to the YAML node, so it points at the offending line.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { schemaFileOf, type FileKind } from './kinds.js'
import type { RuleProblem } from './problems.js'
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

/** Turn ajv errors into one problem per real mistake, placed on its node. */
export function schemaProblems(source: YamlSource, errors: ErrorObject[], schemaName: string): RuleProblem[] {
  // `anyOf`/`oneOf` report every failed branch at the same node; keep the combined error only.
  const combined = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
  const problems: RuleProblem[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const parent = combined.find(
      (other) => other !== error && error.instancePath === other.instancePath && error.schemaPath.startsWith(`${other.schemaPath}/`)
    )
    if (parent !== undefined) continue
    const path = pointerToPath(error.instancePath)
    let message: string
    let hint: string | undefined
    let location = locate(source, path)
    switch (error.keyword) {
      case 'additionalProperties': {
        const property = String(error.params.additionalProperty)
        location = locate(source, [...path, property], true)
        message = `unknown property \`${property}\`${where(path)}`
        hint = `Remove it or fix its spelling; see ${schemaName} for the allowed properties.`
        break
      }
      case 'required':
        message = `missing property \`${String(error.params.missingProperty)}\`${where(path)}`
        hint = 'Add the property.'
        break
      case 'oneOf':
        if (Array.isArray(error.params.passingSchemas)) {
          message = `a matcher holds more than one of ${MATCHER_KEYS}`
          hint = 'Split it: wrap the parts in `any:` (either) or `all:` (both).'
        } else {
          message = `a matcher needs one of ${MATCHER_KEYS} or not`
          hint = 'Write e.g. `phrase: where is my order`.'
        }
        break
      case 'anyOf':
        message = `${describe(path)} has the wrong shape: ${branchTypes(errors, error)}`
        hint = 'A single value or a list of values is allowed here.'
        break
      case 'pattern':
        message = `${describe(path)} \`${String(valueAt(source.data, path))}\` does not match ${String(error.params.pattern)}`
        hint = patternHint(path)
        break
      default:
        message = `${describe(path)} ${error.message ?? 'is invalid'}`
        break
    }
    const key = `${location.line}:${location.column}:${message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ location, ruleId: 'schema', severity: 'error', message, hint, intentRule: ruleIdAt(source.data, path) })
  }
  return problems
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

function branchTypes(errors: ErrorObject[], parent: ErrorObject): string {
  const types = new Set<string>()
  for (const error of errors) {
    if (error.instancePath === parent.instancePath && error.keyword === 'type' && error.schemaPath.startsWith(`${parent.schemaPath}/`)) {
      types.add(String(error.params.type))
    }
  }
  return types.size > 0 ? `expected ${[...types].join(' or ')}` : (parent.message ?? 'invalid')
}

function patternHint(path: ReadonlyArray<string | number>): string {
  const last = path[path.length - 1]
  if (last === 'intent' || last === 'id') return 'Intent ids are lower-case words with dashes, grouped by `/`, e.g. `order/not-received`.'
  return 'Language codes are BCP 47 primary subtags such as `en`, `zh`, `pt`.'
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
