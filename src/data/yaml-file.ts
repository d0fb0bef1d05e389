// Reads a YAML data file and validates it against its JSON Schema, failing with file:line:column.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import { InputError } from '../errors.js'
import { schemaErrorMessage } from '../rules/schema.js'
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

/** Parse and validate; throws InputError naming the file, line and column of the first problems. */
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
    throw new InputError(schemaErrorMessage({ file, text: source, doc, lines: lineCounter, data: value }, validate.errors ?? [], schemaName))
  }
  return value as T
}
