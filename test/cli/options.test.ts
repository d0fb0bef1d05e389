import { UsageError } from '../../src/errors.js'
import { collect, parseNow, parseTop } from '../../src/cli/options.js'

describe('shared option values', () => {
  test.each([
    { value: undefined, expected: undefined },
    { value: '2026-05-04T09:00:00Z', expected: '2026-05-04T09:00:00.000Z' },
    { value: '2026-05-04', expected: '2026-05-04T00:00:00.000Z' }
  ])('--now $value → $expected', ({ value, expected }) => {
    expect(parseNow(value)).toBe(expected)
  })

  test.each(['yesterday', '2026-13-45'])('--now %s is a usage error naming the value', (value) => {
    expect(() => parseNow(value)).toThrow(UsageError)
    expect(() => parseNow(value)).toThrow(value)
  })

  test.each([
    { value: '10', ok: 10 },
    { value: '0', ok: 0 },
    { value: '-1', ok: null },
    { value: '2.5', ok: null },
    { value: 'ten', ok: null }
  ])('--top $value', ({ value, ok }) => {
    if (ok === null) expect(() => parseTop(value)).toThrow(UsageError)
    else expect(parseTop(value)).toBe(ok)
  })

  test('a repeated option collects every value in order', () => {
    expect(['a', 'b', 'c'].reduce((all, value) => collect(value, all), [] as string[])).toEqual(['a', 'b', 'c'])
  })
})
