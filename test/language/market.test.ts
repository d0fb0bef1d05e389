import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { loadLanguageData } from '../../src/language/data.js'
import { marketLanguages } from '../../src/language/market.js'

const { markets } = loadLanguageData(join(rulesDir, 'language'))

describe('marketLanguages', () => {
  test.each([
    { marketplace: 'amazon.de', expected: ['de'] },
    { marketplace: 'Amazon.co.jp', expected: ['ja'] },
    { marketplace: 'www.amazon.com.mx', expected: ['es'] },
    { marketplace: 'https://www.amazon.fr/', expected: ['fr'] },
    { marketplace: 'TH', expected: ['th'] },
    { marketplace: 'Shopee MY', expected: ['ms'] },
    { marketplace: 'shopee.co.id', expected: ['id'] },
    { marketplace: 'PH', expected: ['tl', 'en'] },
    { marketplace: 'ebay.com', expected: [] },
    { marketplace: 'A1PA6795UKMFR9', expected: [] },
    { marketplace: '', expected: [] }
  ])('$marketplace → $expected', ({ marketplace, expected }) => {
    expect(marketLanguages(marketplace, markets)).toEqual(expected)
  })
})
