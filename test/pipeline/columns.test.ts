import { fromColumns, toColumns } from '../../src/pipeline/columns.js'

describe('batches by columns', () => {
  const rows = [
    { seq: 0, text: 'hi', language: { lang: 'en', confidence: 1, method: 'lexicon' } },
    { seq: 1, text: 'hola', order_id: 'A-1' },
    { seq: 2, text: '' }
  ]

  test('round-trip every field a row has, and none it lacks', () => {
    expect(fromColumns(toColumns(rows), rows.length)).toEqual(rows)
  })

  test.each([
    { name: 'a field left out everywhere', keep: (key: string) => key !== 'language', missing: [['language', 0]] },
    { name: 'a field left out of one row', keep: (key: string, _v: unknown, i: number) => !(key === 'text' && i === 1), missing: [['text', 1]] }
  ])('$name', ({ keep, missing }) => {
    const back = fromColumns(toColumns(rows, keep), rows.length)
    for (const [key, index] of missing as Array<[string, number]>) expect(back[index]).not.toHaveProperty(key)
    expect(back.map((row) => row.seq)).toEqual([0, 1, 2])
  })

  test('one array per field, whatever the number of rows', () => {
    expect(Object.keys(toColumns(rows)).sort()).toEqual(['language', 'order_id', 'seq', 'text'])
  })
})
