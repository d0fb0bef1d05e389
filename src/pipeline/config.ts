// The run configuration: the shipped default, overlaid by a team's config file.
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { packageRoot } from '../data/paths.js'
import { readYamlFile } from '../data/yaml-file.js'

export interface StageEntry {
  stage: string
  options?: Record<string, unknown>
}

export interface TriageConfig {
  languages: string[]
  window: number
  /** The window while the input reads as sorted by conversation (see `GrouperOptions.sortedWindow`). */
  sortedWindow?: number
  pipeline: StageEntry[]
  /** Extra intent rule files or folders. */
  rules: string[]
  lexicons: string[]
  risk?: string
  profiles: string[]
  /** Folder that relative stage module paths are resolved from. */
  baseDir: string
  /** Files the configuration was read from, for the summary. */
  files: string[]
}

type ConfigFile = Partial<Omit<TriageConfig, 'baseDir' | 'files'>>

export const DEFAULT_CONFIG_FILE = join(packageRoot, 'config', 'default.config.yaml')
export const LOCAL_CONFIG_NAME = 'inbox-triage.config.yaml'

function absolute(baseDir: string, paths: string[] | undefined): string[] {
  return (paths ?? []).map((path) => (isAbsolute(path) ? path : resolve(baseDir, path)))
}

/** A user's pipeline replaces the default one whole; list settings add to the defaults. */
export function mergeConfig(base: TriageConfig, file: ConfigFile, fileName: string): TriageConfig {
  const dir = dirname(resolve(fileName))
  return {
    languages: file.languages ?? base.languages,
    window: file.window ?? base.window,
    sortedWindow: file.sortedWindow ?? base.sortedWindow,
    pipeline: file.pipeline ?? base.pipeline,
    rules: [...base.rules, ...absolute(dir, file.rules)],
    lexicons: [...base.lexicons, ...absolute(dir, file.lexicons)],
    risk: file.risk ? absolute(dir, [file.risk])[0] : base.risk,
    profiles: [...base.profiles, ...absolute(dir, file.profiles)],
    baseDir: file.pipeline ? dir : base.baseDir,
    files: [...base.files, fileName]
  }
}

export function defaultConfig(): TriageConfig {
  const file = readYamlFile<ConfigFile>(DEFAULT_CONFIG_FILE, 'config.schema.json')
  return mergeConfig(
    { languages: [], window: 20_000, pipeline: [], rules: [], lexicons: [], profiles: [], baseDir: packageRoot, files: [] },
    file,
    DEFAULT_CONFIG_FILE
  )
}

/**
 * The default config, overlaid by `file` when given, else by `inbox-triage.config.yaml` in `cwd`
 * when there is one.
 */
export function loadConfig(file: string | undefined, cwd: string): TriageConfig {
  const base = defaultConfig()
  const local = join(cwd, LOCAL_CONFIG_NAME)
  const chosen = file ? resolve(cwd, file) : existsSync(local) ? local : undefined
  if (!chosen) return base
  return mergeConfig(base, readYamlFile<ConfigFile>(chosen, 'config.schema.json'), chosen)
}
