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
    { name: 'redaction: phone with the area code in brackets', input: 'call me on (415) 555-0134 today', expected: 'call me on [phone] today', redact: true },
    { name: 'redaction: German street, postcode and town', input: 'Lieferadresse: Hauptstraße 12, 10115 Berlin', expected: 'Lieferadresse: [address]', redact: true },
    { name: 'redaction: house number with a letter', input: 'I live at 221B Baker Street, London', expected: 'I live at [address], London', redact: true },
    { name: 'redaction: French street word before the name', input: 'Colis jamais reçu. 12 rue de la Paix, 75002 Paris', expected: 'Colis jamais reçu. [address]', redact: true },
    { name: 'redaction: Spanish and Italian number after the name', input: 'enviar a Calle Mayor 5 o Via Roma 10', expected: 'enviar a [address] o [address]', redact: true },
    { name: 'redaction: Malay street', input: 'hantar ke Jalan Ampang 12 ya', expected: 'hantar ke [address] ya', redact: true },
    { name: 'redaction: Dutch street', input: 'mijn adres is Kerkstraat 12', expected: 'mijn adres is [address]', redact: true },
    { name: 'redaction leaves order numbers, prices and carriers', input: 'order 12 arrived, paid 25 euros, sent 2 via DHL 3 days ago, 5 star place', expected: 'order 12 arrived, paid 25 euros, sent 2 via DHL 3 days ago, 5 star place', redact: true },
    { name: 'plain text untouched', input: 'ยังไม่ได้รับของค่ะ', expected: 'ยังไม่ได้รับของค่ะ' }
  ]
  it.each(cases)('$name', ({ input, expected, redact }) => {
    expect(cleanText(input, { redact })).toBe(expected)
  })
})
