// Reads a YAML data file and validates it against its JSON Schema, failing with file:line:column.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import { InputError } from '../errors.js'
import { schemaDir } from './paths.js'

const validators = new Map<string, ValidateFunction>()
const ajv = new Ajv({ allErrors: true, strict: false })

function validatorFor(schemaName: string): ValidateFunction {
  let validate = validators.get(schemaName)
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(schemaDir, schemaName), 'utf8')) as object
    validate = ajv.compile(schema)
    validators.set(schemaName, validate)
  }
  return validate
}

/** The YAML node at a JSON pointer such as `/rules/3/match`, or the nearest ancestor that exists. */
export function nodeAtPointer(root: Node | null, pointer: string): Node | null {
  let node = root
  if (!pointer) return node
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    let next: unknown
    if (isMap(node)) next = node.get(key, true)
    else if (isSeq(node)) next = node.get(Number(key), true)
    if (!next || typeof next !== 'object') return node
    node = next as Node
  }
  return node
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(top level)'
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown key "${String(error.params.additionalProperty)}"`
  }
  if (error.keyword === 'enum') {
    return `${where}: ${error.message} (${(error.params.allowedValues as unknown[]).join(', ')})`
  }
  return `${where}: ${error.message ?? 'is invalid'}`
}

/** Parse and validate; throws InputError naming the file, line and column of the first problem. */
export function readYamlFile<T>(file: string, schemaName: string): T {
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`)
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { lineCounter })
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!
    const pos = lineCounter.linePos(first.pos[0])
    throw new InputError(`${file}:${pos.line}:${pos.col}: YAML syntax error: ${first.message.split('\n')[0]}`)
  }
  const value = doc.toJS() as unknown
  const validate = validatorFor(schemaName)
  if (!validate(value)) {
    const error = validate.errors![0]!
    const node = nodeAtPointer(doc.contents, error.instancePath)
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0)
    throw new InputError(
      `${file}:${pos.line}:${pos.col}: ${describe(error)}. Run \`inbox-triage rules check ${file}\` to see every problem.`
    )
  }
  return value as T
}
