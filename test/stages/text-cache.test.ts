import { createTextCache } from '../../src/stages/text-cache.js'

describe('createTextCache', () => {
  it('computes a text once per language', () => {
    const cached = createTextCache<string>(8)
    let computed = 0
    const compute = (value: string) => () => {
      computed++
      return value
    }
    const calls = [
      { lang: 'en', text: 'thanks', expected: 'en:thanks' },
      { lang: 'en', text: 'thanks', expected: 'en:thanks' },
      { lang: 'id', text: 'thanks', expected: 'id:thanks' },
      { lang: 'id', text: 'thanks', expected: 'id:thanks' }
    ]
    for (const { lang, text, expected } of calls) expect(cached(lang, text, compute(`${lang}:${text}`))).toBe(expected)
    expect(computed).toBe(2)
  })

  it('keeps a text that keeps coming back across turnovers, and forgets the rest', () => {
    const cached = createTextCache<number>(4)
    let computed = 0
    const compute = () => ++computed
    const first = cached('en', 'thanks', compute)
    // Eight other texts in two languages: two turnovers; "thanks" is asked between them.
    for (let i = 0; i < 8; i++) {
      cached(i % 2 ? 'en' : 'de', `text ${i}`, compute)
      if (i === 3) expect(cached('en', 'thanks', compute)).toBe(first)
    }
    expect(cached('en', 'thanks', compute)).toBe(first)
    const before = computed
    cached('de', 'text 0', compute)
    expect(computed).toBe(before + 1)
  })
})
