// Which kind of data file a YAML file is, named after its schema (`intents`, `lexicon`, `risk`,
// `profile`, `order-profile`…): from its `$schema` comment, else from its path.
import { basename } from 'node:path'
import { schemaComment } from './yamlSource.js'

export type FileKind = string

const SCHEMA_NAME = /^([a-z][a-z0-9-]*)\.schema\.json$/

export function schemaFileOf(kind: FileKind): string {
  return `${kind}.schema.json`
}

export function detectKind(file: string, text: string): FileKind | undefined {
  const reference = schemaComment(text)
  if (reference !== undefined) {
    const named = SCHEMA_NAME.exec(basename(reference))
    if (named !== null) return named[1] === 'taxonomy' ? 'intents' : named[1]
  }
  const segments = file.split(/[\\/]/)
  if (segments.includes('intents') || /^intents\.ya?ml$/.test(basename(file))) return 'intents'
  if (segments.includes('sentiment') || segments.includes('lexicons')) return 'lexicon'
  if (segments.includes('profiles')) return segments.includes('orders') ? 'order-profile' : 'profile'
  if (/^risk\.ya?ml$/.test(basename(file))) return 'risk'
  // A team folder may keep intent rules anywhere: a top-level `rules:` list says so.
  if (/^(rules|intents|fallbacks):/m.test(text)) return 'intents'
  return undefined
}

export const YAML_FILE = /\.ya?ml$/i
export const SAMPLE_FILE = /\.samples\.txt$/i
