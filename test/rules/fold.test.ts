import { foldBuffers, foldCodes, foldPhrase, foldText, regexText, wordDiacritics } from '../../src/rules/fold.js'

describe('foldText', () => {
  const cases: Array<{ input: string; expected: string; why: string }> = [
    { input: 'Where is my ORDER???', expected: 'where is my order', why: 'lower case, punctuation runs to one space, trimmed' },
    { input: 'pleaseee  helppp', expected: 'please help', why: 'repeated letters once, whitespace runs once' },
    { input: 'No llegó el pedido', expected: 'no lego el pedido', why: 'Latin diacritics removed (and ll folded)' },
    { input: 'Tôi chưa nhận được hàng', expected: 'toi chua nhan duoc hang', why: 'Vietnamese tones removed' },
    { input: 'đơn hàng', expected: 'don hang', why: 'stroked d folded to d' },
    { input: 'ยังไม่ได้รับของค่ะะะ มากกกก', expected: 'ยังไม่ได้รับของค่ะ มาก', why: 'Thai marks kept, elongations folded' },
    { input: 'ร้านนี้ ออเดอร์', expected: 'ร้านนี้ ออเดอร์', why: 'real Thai double letters kept' },
    { input: '谢谢谢谢 谢谢', expected: '谢谢 谢谢', why: 'Han pairs kept, a repeated pair kept once' },
    { input: 'いいですね', expected: 'いいですね', why: 'kana doubles kept' },
    { input: 'masuk2 barang2 ya', expected: 'masuk barang ya', why: 'reduplication 2 folds into the word' },
    { input: 'masuk2’aa', expected: 'masuk2a', why: 'a 2 before an apostrophe stays: the word goes on' },
    { input: 'ps2 x2 abc2def 2x2 hp12', expected: 'ps2 x2 abc2def 2x2 hp12', why: 'a 2 inside codes and counts stays' },
    { input: '我的快递到哪了？', expected: '我的快递到哪了', why: 'full-width punctuation is punctuation' },
    { input: 'ｗｈｅｒｅ　ｉｓ', expected: 'where is', why: 'NFKC folds full-width letters and spaces' },
    { input: "where's my parcel", expected: 'wheres my parcel', why: 'apostrophes dropped inside words' },
    { input: 'order 1122 😡😡', expected: 'order 1122', why: 'digits kept (not folded), emoji are separators' },
    { input: 'Größe', expected: 'grose', why: 'ß is ss, then the repeated s folds' },
    { input: 'cafe\u0301 lle\u0301go', expected: 'cafe lego', why: 'decomposed accents (NFD input) fold like composed ones' },
    { input: 'ÉCOLE Ñandú Đơn', expected: 'ecole nandu don', why: 'precomposed Latin letters lose case and diacritics' },
    { input: 'ﬁx ㎏ ½', expected: 'fix kg 1 2', why: 'a unit that folds to several (ligatures, units, fractions) keeps them all' },
    { input: 'ｼｮｯﾌﾟ ①', expected: 'ショップ 1', why: 'half-width kana and circled digits fold by NFKC, a sound mark with its kana' },
    { input: 'ｱﾘｶﾞﾄｳ ｶﾞｲﾄﾞ', expected: 'アリガトウ ガイド', why: 'half-width voiced kana fold like the full-width ones' },
    { input: 'ÉÉÉ éé', expected: 'e e', why: 'a repeated folded letter folds like a repeated ASCII one' }
  ]
  test.each(cases)('$why: $input', ({ input, expected }) => {
    expect(foldText(input).text).toBe(expected)
    expect(foldPhrase(input)).toBe(expected)
  })

  const spans: Array<{ input: string; folded: string; original: string }> = [
    { input: 'Hi!! Where IS my órder??', folded: 'where is my order', original: 'Where IS my órder' },
    { input: 'aaa pleaseeee now', folded: 'please', original: 'pleaseeee' },
    { input: '😀😀 chưa nhận được', folded: 'chua nhan', original: 'chưa nhận' },
    { input: 'ｗｈｅｒｅ　ｉｓ', folded: 'where', original: 'ｗｈｅｒｅ' },
    { input: 'udah masuk2 kak', folded: 'masuk', original: 'masuk2' },
    { input: 'ของพังงงมาค่ะ', folded: 'พังมา', original: 'พังงงมา' }
  ]
  test.each(spans)('maps $folded back to the original words', ({ input, folded, original }) => {
    const text = foldText(input)
    const start = text.text.indexOf(folded)
    const end = start + folded.length
    expect(input.slice(text.start[start], text.end[end - 1])).toBe(original)
  })

  test('marks a soft word boundary where an apostrophe was dropped', () => {
    const text = foldText("l'adresse")
    expect(text.text).toBe('ladrese')
    expect(Array.from(text.soft.subarray(0, text.text.length))).toEqual([0, 1, 0, 0, 0, 0, 0])
  })
})

describe('seen characters', () => {
  const cases = [
    { input: 'Where is it?', seen: ' ?', why: 'spaces and punctuation; letters are not recorded' },
    { input: '尺码是多少？', seen: '?', why: 'full-width punctuation recorded as its NFKC form' },
    { input: "masuk2 l'a 10%", seen: " %'012", why: 'digits, a reduplication 2 and apostrophes too' }
  ]
  test.each(cases)('$why: $input', ({ input, seen }) => {
    foldCodes(input)
    const bits = foldBuffers().seen
    const found = Array.from({ length: 128 }, (_, code) => code).filter((code) => (bits[code >> 5] & (1 << (code & 31))) !== 0)
    expect(String.fromCharCode(...found)).toBe(seen)
  })
})

describe('regexText', () => {
  const cases = [
    { input: 'WHEN Will It Ship', expected: 'when will it ship', identity: true },
    { input: 'No LLEGÓ', expected: 'no llegó', identity: true },
    { input: 'No LLEGO\u0301', expected: 'no llegó', identity: false },
    { input: 'ｗｈｅｎ', expected: 'when', identity: false }
  ]
  test.each(cases)('lower-cases and NFKC-normalises $input, keeping diacritics', ({ input, expected, identity }) => {
    const text = regexText(input)
    expect(text.text).toBe(expected)
    expect(text.start === null).toBe(identity)
    if (text.start !== null && text.end !== null) expect(input.slice(text.start[0], text.end[text.text.length - 1])).toBe(input)
  })
})

describe('wordDiacritics', () => {
  const cases = [
    { input: 'Đổi size', expected: ['đ\u0302\u0309', ''], why: 'per word, đ included, case ignored' },
    { input: 'đợi', expected: ['đ\u031b\u0323'], why: 'the same fold, other marks' },
    { input: 'hoá đơn', expected: ['\u0301', 'đ\u031b'], why: 'a composed letter decomposes' },
    { input: 'co-giãn, ok', expected: ['', '\u0303', ''], why: 'punctuation splits words' }
  ]
  test.each(cases)('$why: $input', ({ input, expected }) => {
    expect(wordDiacritics(input)).toEqual(expected)
  })
})
