import iconv from 'iconv-lite'
import { chooseEncoding } from '../../src/input/encoding.js'

const csv = (rows: string[]) => 'id,message\n' + rows.map((row, i) => `${i + 1},"${row}"`).join('\n') + '\n'
const encode = (text: string, encoding: string) => iconv.encode(text, encoding)

describe('chooseEncoding', () => {
  test.each([
    { name: 'forced', bytes: Buffer.from('a'), forced: 'Shift_JIS', expected: ['shift_jis', 'forced'] },
    { name: 'UTF-8 BOM', bytes: Buffer.from('\uFEFFa,b'), expected: ['utf-8-bom', 'bom'] },
    { name: 'UTF-16 LE BOM', bytes: Buffer.from([0xff, 0xfe, 0x61, 0]), expected: ['utf-16le', 'bom'] },
    { name: 'UTF-16 BE BOM', bytes: Buffer.from([0xfe, 0xff, 0, 0x61]), expected: ['utf-16be', 'bom'] },
    { name: 'UTF-16 LE without BOM', bytes: encode('id\ttext\n1\thello\n', 'utf-16le'), expected: ['utf-16le', 'nul-pattern'] },
    { name: 'UTF-16 BE without BOM', bytes: encode('id\ttext\n1\thello\n', 'utf-16be'), expected: ['utf-16be', 'nul-pattern'] },
    { name: 'valid UTF-8', bytes: Buffer.from('a,b\n1,Grüße 你好 😀\n'), expected: ['utf-8', 'valid-utf-8'] },
    { name: 'UTF-8 cut inside a character at the end of the sample', bytes: Buffer.from('a,é').subarray(0, 4), expected: ['utf-8', 'valid-utf-8'] },
    { name: 'German Excel', bytes: encode(csv(['Größe passt nicht, bitte Rücksendung', 'Wo ist mein Paket? Grüße']), 'windows-1252'), expected: ['windows-1252', 'detected'] },
    { name: 'Spanish with ´ as apostrophe', bytes: encode(csv(['¿Dónde está mi pedido? no llegó´ nada', 'envío dañado']), 'windows-1252'), expected: ['windows-1252', 'detected'] },
    { name: 'French with € and curly quotes', bytes: encode(csv(['Très déçue – remboursement de 50 € « svp »', '“colis” abîmé']), 'windows-1252'), expected: ['windows-1252', 'detected'] },
    { name: 'GBK, short', bytes: encode(csv(['退款']), 'gb18030'), expected: ['gb18030', 'detected'] },
    { name: 'GB18030', bytes: encode(csv(['你好，我的订单什么时候发货？', '收到的商品有破损，我要退款']), 'gb18030'), expected: ['gb18030', 'detected'] },
    { name: 'Shift_JIS, short', bytes: encode(csv(['返品']), 'shift_jis'), expected: ['shift_jis', 'detected'] },
    { name: 'Shift_JIS katakana', bytes: encode(csv(['アカウント']), 'shift_jis'), expected: ['shift_jis', 'detected'] },
    { name: 'Big5, short', bytes: encode(csv(['我要退款']), 'big5'), expected: ['big5', 'detected'] },
    { name: 'Big5', bytes: encode(csv(['請問我的訂單什麼時候出貨？', '收到的商品有損壞，我要退款']), 'big5'), expected: ['big5', 'detected'] },
    // A UTF-8 export with one row pasted from a Windows-1252 file: that row is rejected later,
    // the rest is read as UTF-8.
    {
      name: 'UTF-8 with one Windows-1252 row',
      bytes: Buffer.concat([Buffer.from(csv(['Ich möchte eine Rückerstattung', '我的包裹还没到，请退款', 'arrivé cassé'])), encode('9,Grüße aus München\n', 'windows-1252')]),
      expected: ['utf-8', 'mostly-utf-8']
    },
    // One accented letter in legacy text makes no UTF-8 sequence: still detected.
    { name: 'Windows-1252 with a single accent', bytes: encode(csv(['café']), 'windows-1252'), expected: ['windows-1252', 'detected'] }
  ])('$name', ({ bytes, forced, expected }) => {
    const choice = chooseEncoding(bytes, forced)
    expect([choice.name, choice.method]).toEqual(expected)
  })
})
