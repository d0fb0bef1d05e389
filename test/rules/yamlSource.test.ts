import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { locate, parseYamlSource, yamlSyntaxProblems } from '../../src/rules/yamlSource.js'

// Only the package's own rule files are cached, one entry per file: these paths stand for one
// (nothing is read there), and `b` is the same file read again.
const a = join(rulesDir, 'intents', 'cache-probe-a.yaml')
const b = a
const c = join(rulesDir, 'intents', 'cache-probe-c.yaml')

// A text no other test parses, so the first parse below is never served from the cache.
const unique = `run-${process.pid}-${Date.now()}`
const text = `intents:\n  - id: ${unique}\n    examples:\n      match:\n        - where is my order\n        - wru\n`

describe('parseYamlSource and its cache', () => {
  it('serves a clean file from the cache with the same data and the same locations', () => {
    const fresh = parseYamlSource(a, text)
    expect(yamlSyntaxProblems(fresh)).toEqual([])
    const again = parseYamlSource(b, text)
    expect(again.data).toEqual(fresh.data)
    const paths = [['intents', 0, 'id'], ['intents', 0, 'examples', 'match', 1], ['intents', 0, 'missing']]
    for (const path of paths) {
      expect(locate(again, path)).toEqual({ ...locate(fresh, path), file: b })
    }
    expect(JSON.parse(JSON.stringify(locate(again, ['intents', 0, 'id'])))).toEqual({ file: b, line: 2, column: 9 })
  })

  it('gives each parse its own data, so a caller that changes it changes nothing else', () => {
    const first = parseYamlSource(a, text)
    yamlSyntaxProblems(first)
    ;(first.data as { intents: unknown[] }).intents.length = 0
    expect((parseYamlSource(a, text).data as { intents: unknown[] }).intents).toHaveLength(1)
  })

  it.each([
    { name: 'a syntax error', broken: `intents: [\n  - id: ${unique}-x\n` },
    { name: 'a duplicate key', broken: `a: 1\na: 2\nid: ${unique}-y\n` }
  ])('never caches a file with $name', ({ broken }) => {
    const first = parseYamlSource(c, broken)
    expect(yamlSyntaxProblems(first).length).toBeGreaterThan(0)
    expect(yamlSyntaxProblems(parseYamlSource(c, broken)).length).toBeGreaterThan(0)
  })
})

describe('parseYamlSource outside the package', () => {
  it('parses a team file every time, with its tree at hand', () => {
    const outside = parseYamlSource('team/rules.yaml', text)
    expect(yamlSyntaxProblems(outside)).toEqual([])
    expect(locate(outside, ['intents', 0, 'id'])).toEqual({ file: 'team/rules.yaml', line: 2, column: 9 })
  })
})
