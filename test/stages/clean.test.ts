import { cleanText } from '../../src/stages/clean.js'

describe('cleanText', () => {
  const cases: Array<{ name: string; input: string; expected: string; redact?: boolean }> = [
    { name: 'HTML line breaks and entities', input: 'Hello<br />Where is it?&nbsp;Thanks &amp; regards', expected: 'Hello\nWhere is it? Thanks & regards' },
    {
      name: 'Amazon relay markers keep only the buyer text',
      input: 'Header\n------------- Begin message -------------\nIt never came.\n------------- End message -------------\nFooter',
      expected: 'It never came.'
    },
    {
      name: 'Amazon notices and tokens',
      input: 'Still waiting [commMgrTok:ABC123]\n\nFor Your Information: To help arbitrate disputes and preserve trust, Amazon keeps messages.\n\nok',
      expected: 'Still waiting\nok'
    },
    { name: 'quoted reply after Original message', input: 'Thanks!\n--- Original message ---\nYour order shipped.', expected: 'Thanks!' },
    { name: 'quoted reply after On … wrote:', input: 'Any update?\nOn Mon, May 4, 2026 at 10:00 Shop <s@x.com> wrote:\n> shipped', expected: 'Any update?' },
    { name: 'whitespace folded', input: '  a \t b \n\n\n c  ', expected: 'a b\nc' },
    { name: 'redaction', input: 'mail me at ana.b@example.com or +49 170 1234567, 12 Main Street', expected: 'mail me at [email] or [phone], [address]', redact: true },
    { name: 'plain text untouched', input: 'ยังไม่ได้รับของค่ะ', expected: 'ยังไม่ได้รับของค่ะ' }
  ]
  it.each(cases)('$name', ({ input, expected, redact }) => {
    expect(cleanText(input, { redact })).toBe(expected)
  })
})
