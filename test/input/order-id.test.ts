import { isSpreadsheetDamagedId } from '../../src/input/order-id.js'

describe('isSpreadsheetDamagedId', () => {
  test.each([
    { input: '1.11737E+16', expected: true, why: 'Excel scientific notation' },
    { input: '1,11737E+16', expected: true, why: 'German Excel scientific notation' },
    { input: '1E+18', expected: true, why: 'no decimals' },
    { input: ' 1.11737e16 ', expected: true, why: 'lower case, padded' },
    { input: '111736620700000000', expected: true, why: '18 digits, zeros past the 15th' },
    { input: '5764614130407500000', expected: true, why: 'TikTok-length id with its tail zeroed' },
    { input: '1117366207075000', expected: true, why: '16 digits ending in three zeros' },
    { input: '576461413040751234', expected: false, why: 'an intact 18-digit id' },
    { input: '8123456789012340', expected: false, why: 'a 16-digit id may end in one zero' },
    { input: '111736620700000001', expected: false, why: 'a digit past the 15th is not zero' },
    { input: '111-7366207-0755439', expected: false, why: 'Amazon id' },
    { input: '#1001', expected: false, why: 'Shopify order name' },
    { input: '220516ABCD1234', expected: false, why: 'Shopee order_sn' },
    { input: '100000000000000', expected: false, why: '15 digits fit Excel precision' },
    { input: '', expected: false, why: 'empty' }
  ])('$why: $input → $expected', ({ input, expected }) => {
    expect(isSpreadsheetDamagedId(input)).toBe(expected)
  })
})
