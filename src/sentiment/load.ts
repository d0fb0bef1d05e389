// Reads the lexicon folder (one file per language plus the shared emoji file) and a user's extra
// files, validates each against schema/lexicon.schema.json and compiles them once.
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { rulesDir } from '../data/paths.js'
import { InputError } from '../errors.js'
import type { ScoringTables } from './analyze.js'
import { readLexiconFile } from './lexicon-file.js'
import { compileLanguage, compileSymbols, mergeLexiconFiles, type LexiconFile } from './lexicon.js'
import { symbolMatcher } from './scan.js'

/** Compiled lexicons of every language, ready for `analyzeSentiment`. */
export interface Lexicons {
  /** By BCP 47 primary subtag. */
  languages: ReadonlyMap<string, ScoringTables>
  /** Emoji, emoticons and punctuation only: for languages without a lexicon. */
  symbolsOnly: ScoringTables
  /** The files read, in order. */
  files: string[]
}

export const builtinLexiconDir = join(rulesDir, 'sentiment')

function isSymbolFile(file: LexiconFile): boolean {
  return file.language === undefined && (file.emoji !== undefined || file.emoticons !== undefined)
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    throw new InputError(`${dir}: cannot read the lexicon folder (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`)
  }
  return names
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(dir, name))
}

async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = []
  for (const path of paths) {
    const isDir = await stat(path).then((s) => s.isDirectory(), () => false)
    if (isDir) files.push(...(await yamlFilesIn(path)))
    else files.push(path)
  }
  return files
}

/**
 * Loads `dir` (default: the built-in rules/sentiment) and then `extra` files or folders, whose
 * entries override and extend the built-in ones of the same language. Throws InputError naming
 * file:line:column for a file that is not valid YAML or breaks the schema.
 */
export async function loadLexicons(dir: string = builtinLexiconDir, extra: string[] = []): Promise<Lexicons> {
  const builtin = await yamlFilesIn(dir)
  const extraFiles = await expand(extra)
  // The user's files are read first, so a mistake in one is reported before a second goes into
  // the built-in ones; they are merged last, so their entries win.
  const user = extraFiles.map((path) => [path, readLexiconFile(path)] as const)
  const read = [...builtin.map((path) => [path, readLexiconFile(path)] as const), ...user]
  const byLanguage = new Map<string, LexiconFile>()
  let symbols: LexiconFile = {}
  for (const [path, file] of read) {
    if (isSymbolFile(file)) {
      symbols = mergeLexiconFiles(symbols, file)
      continue
    }
    if (file.language === undefined) {
      throw new InputError(
        `${path}:1:1: a lexicon file needs "language: <code>" (e.g. language: ${basename(path).split('.')[0]}), or only "emoji"/"emoticons" for the shared file.`
      )
    }
    const base = byLanguage.get(file.language)
    byLanguage.set(file.language, base ? mergeLexiconFiles(base, file) : file)
  }
  const matchSymbol = symbolMatcher(compileSymbols(symbols))
  const languages = new Map<string, ScoringTables>()
  for (const [lang, file] of byLanguage) {
    languages.set(lang, { language: compileLanguage(lang, file), matchSymbol })
  }
  return {
    languages,
    symbolsOnly: { language: compileLanguage('und', {}), matchSymbol },
    files: [...builtin, ...extraFiles]
  }
}
