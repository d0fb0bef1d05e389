// `inbox-triage init [dir]`: scaffold a team rules folder that extends the built-in pack — one
// example file of each kind, a config, a labelled file and a CI workflow.
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { Command } from 'commander'
import { packageRoot, rulesDir } from '../data/paths.js'
import { UsageError } from '../errors.js'
import type { CliIo } from './io.js'

const TEMPLATES = join(packageRoot, 'templates', 'init')

interface PlannedFile {
  /** Path inside the new folder. */
  target: string
  content: string
}

// npm drops some dot-folders from packages, so the workflow ships as `github/` and lands in `.github/`.
function targetPath(templatePath: string): string {
  return templatePath.startsWith('github/') ? `.${templatePath}` : templatePath
}

async function listTemplates(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.isDirectory()) files.push(...(await listTemplates(join(dir, entry.name), path)))
    else files.push(path)
  }
  return files.sort()
}

async function plan(): Promise<PlannedFile[]> {
  const files: PlannedFile[] = []
  for (const path of await listTemplates(TEMPLATES)) {
    files.push({ target: targetPath(path), content: await readFile(join(TEMPLATES, path), 'utf8') })
  }
  // The risk model is copied from the installed package, so the example is always current.
  const risk = await readFile(join(rulesDir, 'risk.yaml'), 'utf8')
  files.push({ target: 'rules/risk.yaml', content: risk.replace(/\$schema=\S+/, '$schema=../node_modules/inbox-triage/schema/risk.schema.json') })
  return files.sort((a, b) => (a.target < b.target ? -1 : 1))
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

export function commandInit(io: CliIo): Command {
  return new Command('init')
    .description('scaffold a team rules folder that extends the built-in rules, with a CI workflow')
    .argument('[dir]', 'folder to create the files in', '.')
    .option('--force', 'overwrite files that already exist')
    .addHelpText('after', '\nExample:\n  $ inbox-triage init team-rules\n  $ cd team-rules && npx inbox-triage rules check rules profiles')
    .action(async (dir: string, options: { force?: boolean }) => {
      const root = resolve(io.cwd, dir)
      const files = await plan()
      if (!options.force) {
        const clashes: string[] = []
        for (const file of files) if (await exists(join(root, file.target))) clashes.push(file.target)
        if (clashes.length > 0) {
          throw new UsageError(`${dir} already has ${clashes.join(', ')}. Choose an empty folder, or pass --force to overwrite them.`)
        }
      }
      for (const file of files) {
        await mkdir(dirname(join(root, file.target)), { recursive: true })
        await writeFile(join(root, file.target), file.content)
      }
      const shown = relative(io.cwd, root) || '.'
      io.stdout.write(
        `Created in ${shown}:\n${files.map((file) => `  ${file.target}`).join('\n')}\n\n` +
          `Next:\n  cd ${shown}\n  npx inbox-triage rules check rules profiles\n  npx inbox-triage rules test rules\n` +
          '  npx inbox-triage eval labelled.csv --lang en --rules rules/intents\n'
      )
    })
}
