// Small folders of files written for one test file, removed when its tests are done.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Returns a `folder(files)` that writes each `name: text` under a new temporary folder. */
export function temporaryFolders(prefix: string): (files: Record<string, string>) => string {
  const made: string[] = []
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true })
  })
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
    made.push(dir)
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true })
      writeFileSync(join(dir, name), text)
    }
    return dir
  }
}
