// Where the package's own data lives: rules/, profiles/ and schema/ sit beside dist/ and src/.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error('inbox-triage: cannot find its package folder (rules/ beside package.json)')
    dir = parent
  }
}

export const packageRoot = findPackageRoot()
export const rulesDir = join(packageRoot, 'rules')
export const profilesDir = join(packageRoot, 'profiles')
export const schemaDir = join(packageRoot, 'schema')
