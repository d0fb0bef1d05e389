import { neutralizeCell, UTF8_BOM } from '../../src/output/excel-safe.js'

describe('neutralizeCell', () => {
  test.each([
    { input: '=HYPERLINK("http://x","click")', expected: `'=HYPERLINK("http://x","click")`, why: 'formula' },
    { input: '+cmd|\' /C calc\'!A0', expected: `'+cmd|' /C calc'!A0`, why: 'DDE through +' },
    { input: '-2+3+cmd|\' /C calc\'!A0', expected: `'-2+3+cmd|' /C calc'!A0`, why: 'DDE through -' },
    { input: '@SUM(1,2)', expected: "'@SUM(1,2)", why: 'at-sign function' },
    { input: '\t=1+1', expected: "'\t=1+1", why: 'leading tab' },
    { input: '\r=1+1', expected: "'\r=1+1", why: 'leading carriage return' },
    { input: '+49 170 1234567', expected: "'+49 170 1234567", why: 'phone number is text, not a number' },
    { input: '-', expected: "'-", why: 'a lone minus' },
    { input: '-0.42', expected: '-0.42', why: 'a score stays a number' },
    { input: '+12', expected: '+12', why: 'signed integer' },
    { input: '-1,5', expected: '-1,5', why: 'decimal comma' },
    { input: '-.5e-3', expected: '-.5e-3', why: 'exponent' },
    { input: 'where is my order? =(', expected: 'where is my order? =(', why: 'only the first character counts' },
    { input: '', expected: '', why: 'empty' },
    { input: "'=already", expected: "'=already", why: 'an apostrophe first is already text' }
  ])('$why: $input', ({ input, expected }) => {
    expect(neutralizeCell(input)).toBe(expected)
  })

  test('the BOM is U+FEFF', () => {
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })
})
