import { rmSync, writeFileSync } from 'node:fs'
import { cached, cacheEntryFile, cacheKey } from '../../src/data/disk-cache.js'

const name = `test-${process.pid}-${Date.now()}`
const file = cacheEntryFile(name)
afterAll(() => rmSync(file, { force: true }))

describe('cached', () => {
  test('builds once per key, and again for another key', () => {
    let builds = 0
    const build = (value: number) => () => {
      builds++
      return { value, table: new Int16Array([value, -value]) }
    }
    const steps = [
      { key: cacheKey(['a', 'b']), value: 1, builds: 1 },
      { key: cacheKey(['a', 'b']), value: 1, builds: 1 },
      { key: cacheKey(['ab']), value: 2, builds: 2 },
      { key: cacheKey(['a', 'b']), value: 1, builds: 3 }
    ]
    for (const step of steps) {
      const got = cached(name, step.key, build(step.value))
      expect({ value: got.value, table: [...got.table], builds }).toEqual({ value: step.value, table: [step.value, -step.value], builds: step.builds })
    }
  })

  test('builds again over a file that is not a cache', () => {
    writeFileSync(file, 'not a cache')
    expect(cached(name, 'k', () => 'built')).toBe('built')
    expect(cached(name, 'k', () => 'built again')).toBe('built')
  })
})
