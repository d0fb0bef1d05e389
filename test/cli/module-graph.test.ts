// What the CLI loads before it knows the command. With workers, `run`'s main thread reads, groups
// and writes; the language detector, the rule compiler and recheck each cost a thread 10–30 MB,
// so they must load with the stage or the command that uses them, not with the CLI.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

// A resolve hook that prints every module the import reaches.
const hook = `export async function resolve(specifier, context, next) {
  const found = await next(specifier, context)
  if (!found.url.startsWith('node:')) process.stderr.write('@@module ' + found.url + '\\n')
  return found
}`

function loadedBy(entry: string): string[] {
  const script = [
    "import { register } from 'node:module'",
    `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)})`,
    `await import(${JSON.stringify(pathToFileURL(join(root, entry)).href)})`
  ].join('\n')
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(child.status).toBe(0)
  return [...child.stderr.matchAll(/^@@module (.*)$/gm)].map((match) => match[1]!.slice(pathToFileURL(root).href.length))
}

describe('the CLI module graph', () => {
  const loaded = loadedBy('dist/src/cli/main.js')

  it('reaches the command modules', () => {
    expect(loaded).toEqual(expect.arrayContaining(['dist/src/cli/commandRun.js', 'dist/src/pipeline/registry.js']))
  })

  it.each([
    ['franc', /^node_modules\/franc\//],
    ['recheck', /^node_modules\/recheck\//],
    ['re2js', /^node_modules\/re2js\//],
    ['the rule compiler', /^dist\/src\/rules\/(compile|load|match|regex)\.js$/],
    ['the language detector', /^dist\/src\/language\/(index|detector)\.js$/],
    ['the sentiment analyser', /^dist\/src\/sentiment\//]
  ])('does not load %s', (_name, pattern) => {
    expect(loaded.filter((path) => pattern.test(path))).toEqual([])
  })
})
