// Loading rule files: collect paths, parse with positions, validate against the schema, compile.
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { InputError } from '../errors.js'
import { compileIntentPack, type IntentSource } from './compile.js'
import type { RawIntentFile } from './format.js'
import { detectKind, SAMPLE_FILE, YAML_FILE, type FileKind } from './kinds.js'
import type { IntentPack } from './pack.js'
import { builtinIntentsDir, schemaDir } from './paths.js'
import { hasErrors, sortProblems, type RuleProblem } from './problems.js'
import { createSchemaValidator, type SchemaValidator } from './schema.js'
import { readYamlSource, yamlSyntaxProblems, type YamlSource } from './yamlSource.js'

export interface CollectedFiles {
  yaml: string[]
  samples: string[]
  /** Files named directly rather than found in a folder. */
  explicit: Set<string>
}

/** Expand files and folders (recursively) into YAML files and annotated sample files. */
export async function collectFiles(paths: readonly string[], cwd = process.cwd()): Promise<CollectedFiles> {
  const found: CollectedFiles = { yaml: [], samples: [], explicit: new Set() }
  const seen = new Set<string>()
  const add = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    if (SAMPLE_FILE.test(file)) found.samples.push(file)
    else found.yaml.push(file)
  }
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (YAML_FILE.test(entry.name) || SAMPLE_FILE.test(entry.name)) add(full)
    }
  }
  for (const path of paths) {
    const full = resolve(cwd, path)
    let info
    try {
      info = await stat(full)
    } catch {
      throw new InputError(`${path}: no such file or folder. Pass rule files or folders that exist.`)
    }
    if (info.isDirectory()) {
      await walk(full)
    } else {
      found.explicit.add(full)
      add(full)
    }
  }
  return found
}

export interface LoadedFile {
  source: YamlSource
  kind: FileKind | undefined
}

/** Parse and schema-check files; returns the parsed ones and every problem found so far. */
export async function readRuleFiles(files: readonly string[], validator: SchemaValidator = defaultValidator()): Promise<{ loaded: LoadedFile[]; problems: RuleProblem[] }> {
  const problems: RuleProblem[] = []
  const loaded: LoadedFile[] = []
  const sources = await Promise.all(files.map((file) => readYamlSource(file)))
  for (const source of sources) {
    if ('ruleId' in source) {
      problems.push(source)
      continue
    }
    const syntax = yamlSyntaxProblems(source)
    const kind = detectKind(source.file, source.text)
    if (syntax.length > 0) {
      problems.push(...syntax)
      continue
    }
    if (kind !== undefined) {
      const schemaErrors = validator.validate(kind, source)
      if (schemaErrors !== undefined && schemaErrors.length > 0) {
        problems.push(...schemaErrors)
        continue
      }
    }
    loaded.push({ source, kind })
  }
  return { loaded, problems }
}

let sharedValidator: SchemaValidator | undefined
function defaultValidator(): SchemaValidator {
  sharedValidator ??= createSchemaValidator(schemaDir)
  return sharedValidator
}

export interface IntentPackOptions {
  /** Include the built-in rules (default true). The built-in taxonomy is always the base. */
  builtin?: boolean
  /** Folder of the built-in intent files (default: the package's `rules/intents`). */
  builtinDir?: string
  /** Keep rule examples and file positions (default true); see `CompileOptions.details`. */
  details?: boolean
}

export type IntentPackResult = { ok: true; pack: IntentPack; problems: RuleProblem[] } | { ok: false; problems: RuleProblem[] }

/** Load and compile the built-in pack plus the user's files; warnings do not stop a load. */
export async function loadIntentPack(paths: string[], options: IntentPackOptions = {}): Promise<IntentPackResult> {
  const result = await loadIntentSources(paths, options)
  // Files that did not parse are left out; compiling the rest still reports their problems.
  const compiled = await compileIntentPack(result.sources, { details: options.details })
  const problems = sortProblems([...result.problems, ...compiled.problems])
  if (hasErrors(problems)) return { ok: false, problems }
  return { ok: true, pack: compiled.pack, problems }
}

export async function loadIntentSources(
  paths: readonly string[],
  options: IntentPackOptions = {}
): Promise<{ sources: IntentSource[]; problems: RuleProblem[]; samples: string[] }> {
  const builtinDir = options.builtinDir ?? builtinIntentsDir
  const builtin = await collectFiles([builtinDir])
  const user = await collectFiles(paths)
  const builtinFiles = options.builtin === false ? builtin.yaml.filter(isTaxonomyFile) : builtin.yaml
  const userFiles = user.yaml.filter((file) => !builtinFiles.includes(file))
  const { loaded, problems } = await readRuleFiles([...builtinFiles, ...userFiles])
  const sources: IntentSource[] = []
  for (const { source, kind } of loaded) {
    if (kind !== 'intents') continue
    sources.push({ source, data: source.data as RawIntentFile, trusted: builtinFiles.includes(source.file) })
  }
  return { sources, problems, samples: user.samples }
}

/** The built-in taxonomy file (`rules/intents/intents.yaml`), which every pack needs. */
export function isTaxonomyFile(file: string): boolean {
  return /[\\/]intents\.ya?ml$/.test(file)
}
