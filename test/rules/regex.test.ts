import { compileRegex, toRe2Syntax } from '../../src/rules/regex.js'

describe('compileRegex', () => {
  const cases: Array<{ pattern: string; expected: string }> = [
    { pattern: '\\bwhen (will|does) it ship', expected: 'ok' },
    { pattern: 'caf\\u00e9|\\p{Script=Thai}+', expected: 'ok' },
    { pattern: 'where (is', expected: 'regex-syntax' },
    { pattern: 'where(?! not)', expected: 'regex-unsupported' },
    { pattern: '(a)\\1', expected: 'regex-unsupported' }
  ]
  test.each(cases)('$pattern → $expected', ({ pattern, expected }) => {
    const result = compileRegex(pattern)
    expect(result.ok ? 'ok' : result.check).toBe(expected)
  })

  // RE2's `\b` sees only ASCII word characters; next to a non-ASCII letter it is rewritten.
  const boundaries: Array<{ pattern: string; text: string; expected: boolean }> = [
    { pattern: '\\d ?(kg|ký)\\b', text: 'gửi 2 ký nhé', expected: true },
    { pattern: '\\d ?(kg|ký)\\b', text: '2 ký', expected: true },
    { pattern: '\\d ?(kg|ký)\\b', text: '2 kýnh', expected: false },
    { pattern: '\\bđổi', text: 'muốn đổi size', expected: true },
    { pattern: '\\bđổi', text: 'muốnđổi', expected: false },
    { pattern: 'lleg[oó]\\b', text: 'no llegó.', expected: true },
    { pattern: 'lleg[oó]\\b', text: 'no llegóu', expected: false },
    { pattern: 'lleg[oó]\\b ya', text: 'no llegó ya', expected: true },
    { pattern: '\\bgeht\\b.{0,5}\\bnicht', text: 'geht nicht', expected: true },
    { pattern: '\\bgeht\\b', text: 'angeht', expected: false },
    { pattern: '\\bsi\\b[^¿]{0,40}\\bfunciona', text: 'si funciona', expected: true },
    { pattern: '\\bsi\\b[^¿]{0,40}\\bfunciona', text: 'casi funciona', expected: false }
  ]
  test.each(boundaries)('\\b in $pattern on "$text" → $expected, on both engines', ({ pattern, text, expected }) => {
    const result = compileRegex(pattern)
    if (!result.ok) throw new Error(result.message)
    expect(result.re2.matcher(text).find()).toBe(expected)
    expect(new RegExp(result.nativeSource, 'iu').test(text)).toBe(expected)
  })

  test('translates JavaScript escapes to RE2 spelling', () => {
    expect(toRe2Syntax('\\u00e9\\u{1F600}\\p{Script=Thai}')).toBe('\\x{00e9}\\x{1F600}\\p{Thai}')
  })
})
