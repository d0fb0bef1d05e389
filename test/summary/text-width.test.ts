import { describe, expect, test } from '@jest/globals'
import { clip, displayWidth, pad } from '../../src/summary/text-width.js'

describe('displayWidth', () => {
  test.each([
    ['abc', 3],
    ['返品したい', 10],
    ['ผมต้องการคืนสินค้า', 14],
    ['café', 4],
    ['👍', 2]
  ])('%p is %p columns', (text, expected) => {
    expect(displayWidth(text)).toBe(expected)
  })
})

describe('clip and pad', () => {
  test.each([
    { text: 'short', width: 10, expected: 'short' },
    { text: 'a  b\n c', width: 10, expected: 'a b c' },
    { text: 'abcdefghijkl', width: 6, expected: 'abcde…' },
    { text: '写真を送りました。返品', width: 7, expected: '写真を…' }
  ])('clip($text, $width)', ({ text, width, expected }) => {
    const out = clip(text, width)
    expect(out).toBe(expected)
    expect(displayWidth(out)).toBeLessThanOrEqual(width)
  })

  test('pads by columns', () => {
    expect(pad('返品', 6)).toBe('返品  ')
    expect(pad('7h', 4, true)).toBe('  7h')
  })
})
