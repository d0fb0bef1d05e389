import { GENERATION_KEYS, RecentKeys } from '../../src/pipeline/recent-keys.js'

describe('RecentKeys', () => {
  it.each([
    { key: 'T1', added: ['T1'], has: true },
    { key: 'T2', added: ['T1'], has: false },
    { key: '', added: [''], has: true },
    { key: 'thread-2026-amazon-T31120', added: ['thread-2026-amazon-T31121', 'thread-2026-amazon-T31120'], has: true },
    { key: 'thread-2026-amazon-T31122', added: ['thread-2026-amazon-T31121', 'thread-2026-amazon-T31120'], has: false },
    { key: 'ไม่ได้รับของ', added: ['ไม่ได้รับของ'], has: true },
    { key: 'AB', added: ['BA'], has: false }
  ])('$key after $added: $has', ({ key, added, has }) => {
    const keys = new RecentKeys(10)
    for (const k of added) keys.add(k)
    expect(keys.has(key)).toBe(has)
  })

  it('remembers every key added among many, and none that was not, while under its limit', () => {
    const keys = new RecentKeys(200_000)
    for (let i = 0; i < 100_000; i++) keys.add(`conversation-${i}`)
    let missed = 0
    let false_ = 0
    for (let i = 0; i < 100_000; i++) {
      if (!keys.has(`conversation-${i}`)) missed++
      if (keys.has(`conversation-${i + 100_000}`)) false_++
    }
    expect({ missed, false: false_, size: keys.size }).toEqual({ missed: 0, false: 0, size: 100_000 })
  })

  it('always remembers the last `limit` keys, and forgets the oldest past two generations', () => {
    const keys = new RecentKeys(100)
    for (let i = 0; i < 1000; i++) keys.add(`k${i}`)
    const remembered = Array.from({ length: 1000 }, (_, i) => keys.has(`k${i}`))
    expect(remembered.slice(900).every(Boolean)).toBe(true)
    expect(remembered.slice(0, 800).some(Boolean)).toBe(false)
    expect(keys.size).toBeLessThanOrEqual(200)
  })

  it('add says whether the key was remembered already, and a key added again stays remembered', () => {
    const keys = new RecentKeys(2)
    expect(['a', 'b', 'a', 'c', 'd', 'a', 'e', 'f', 'g'].map((k) => keys.add(k))).toEqual([false, false, true, false, false, true, false, false, false])
    // The second "a" came after a rotation: the old generation still knew it, and the young one
    // took it again, so two keys later it is still remembered.
    expect(['a', 'e', 'f', 'g'].map((k) => keys.has(k))).toEqual([true, true, true, true])
  })

  it('holds a full generation in 4 MB and two in 8 MB, remembering every key of the last generation', () => {
    const keys = new RecentKeys(GENERATION_KEYS)
    const MB = 1024 * 1024
    for (let i = 0; i < GENERATION_KEYS; i++) keys.add(`message-${i}`)
    expect(keys.bytes).toBeLessThanOrEqual(4 * MB + 16 * 1024)
    for (let i = GENERATION_KEYS; i < 2 * GENERATION_KEYS; i++) keys.add(`message-${i}`)
    expect(keys.bytes).toBeLessThanOrEqual(8 * MB)
    let missed = 0
    for (let i = GENERATION_KEYS; i < 2 * GENERATION_KEYS; i++) if (!keys.has(`message-${i}`)) missed++
    expect(missed).toBe(0)
  })
})
