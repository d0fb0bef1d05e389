import fc from 'fast-check'
import { CsvScanner, type ScannedRecord } from '../../src/input/csv-scanner.js'

function scan(chunks: string[], delimiter = ',', max = Infinity): ScannedRecord[] {
  const records: ScannedRecord[] = []
  const scanner = new CsvScanner(delimiter, max, (record) => records.push(record))
  for (const chunk of chunks) scanner.push(chunk)
  scanner.end()
  return records
}

type Expected = [line: number, endLine: number, fields: string[] | 'rejected']
const shape = (records: ScannedRecord[]) => records.map((r): Expected => [r.line, r.endLine, r.problem === undefined ? r.fields : 'rejected'])

describe('CsvScanner', () => {
  test.each<{ name: string; input: string; expected: Expected[]; max?: number }>([
    { name: 'plain records', input: 'a,b\n1,2', expected: [[1, 1, ['a', 'b']], [2, 2, ['1', '2']]] },
    { name: 'empty fields', input: ',\n,,x\n', expected: [[1, 1, ['', '']], [2, 2, ['', '', 'x']]] },
    { name: 'CRLF, LF, CR all end lines', input: 'a\r\nb\nc\rd', expected: [[1, 1, ['a']], [2, 2, ['b']], [3, 3, ['c']], [4, 4, ['d']]] },
    { name: 'blank and whitespace lines are skipped', input: '\n\na\n  \r\n\tb', expected: [[3, 3, ['a']], [5, 5, ['\tb']]] },
    { name: 'an empty quoted value is a record', input: '""\n', expected: [[1, 1, ['']]] },
    { name: 'quoted delimiter, quote and line breaks', input: '"a,b","say ""hi""","x\r\ny\rz"\nnext', expected: [[1, 3, ['a,b', 'say "hi"', 'x\r\ny\rz']], [4, 4, ['next']]] },
    { name: 'a quote inside an unquoted value is kept', input: '5" screen,ok', expected: [[1, 1, ['5" screen', 'ok']]] },
    { name: 'text after a closing quote is kept', input: '"a"b,c', expected: [[1, 1, ['ab', 'c']]] },
    { name: 'no trailing line break', input: 'a,"b"', expected: [[1, 1, ['a', 'b']]] },
    { name: 'unclosed quote: its line set aside, the rest read', input: 'x\n"open,1\n2,3\n', expected: [[1, 1, ['x']], [2, 2, 'rejected'], [3, 3, ['2', '3']]] },
    { name: 'a later quote closes an open one', input: '"a\n"b\nc', expected: [[1, 2, ['a\nb']], [3, 3, ['c']]] },
    { name: 'unclosed quote on the last line', input: 'a\n"b', expected: [[1, 1, ['a']], [2, 2, 'rejected']] },
    { name: 'oversized record rejected, next kept', input: 'aaaaaaaaaa,b\nc\n', max: 5, expected: [[1, 1, 'rejected'], [2, 2, ['c']]] }
  ])('$name', ({ input, expected, max }) => {
    expect(shape(scan([input], ',', max))).toEqual(expected)
  })

  test('the reasons say what happened', () => {
    expect(scan(['"open\nx'])[0].problem).toMatch(/never closes \(unbalanced quote\); the line was set aside/)
    expect(scan(['abcdef\n'], ',', 3)[0].problem).toBe('record is longer than 3 characters (lines 1–1); it was skipped')
  })

  const SEED = 20261124
  const csvText = fc.array(fc.constantFrom('a', 'b', ' ', ',', ';', '"', '""', '\n', '\r', '\r\n', 'é', '😀'), { maxLength: 60 }).map((parts) => parts.join(''))

  test('any split into chunks scans like the whole text', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
        const chunks: string[] = []
        let from = 0
        for (const point of points) {
          chunks.push(text.slice(from, point))
          from = point
        }
        chunks.push(text.slice(from))
        expect(scan(chunks)).toEqual(scan([text]))
      }),
      { seed: SEED, numRuns: 500 }
    )
  })

  test('records cover every non-blank line exactly once, in order', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(Infinity, 8), (text, max) => {
        const lines = text.split(/\r\n|\r|\n/)
        const covered = new Array<number>(lines.length + 1).fill(0)
        let last = 0
        for (const record of scan([text], ',', max)) {
          expect(record.line).toBeGreaterThan(last)
          expect(record.endLine).toBeGreaterThanOrEqual(record.line)
          for (let line = record.line; line <= record.endLine; line++) covered[line]++
          last = record.endLine
        }
        lines.forEach((content, i) => {
          if (content.trim() !== '') expect([i + 1, covered[i + 1]]).toEqual([i + 1, 1])
        })
      }),
      { seed: SEED, numRuns: 500 }
    )
  })
})
