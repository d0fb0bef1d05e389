import { delimiterName, readSepLine, sniffDelimiter } from '../../src/input/dialect.js'

describe('readSepLine', () => {
  test.each([
    { input: 'sep=;\r\na;b', expected: { delimiter: ';', length: 7 } },
    { input: 'SEP=\t\nx', expected: { delimiter: '\t', length: 6 } },
    { input: '"sep=,"\nx', expected: { delimiter: ',', length: 8 } },
    { input: 'sep=|', expected: { delimiter: '|', length: 5 } },
    { input: 'separator,b\n', expected: undefined },
    { input: 'a,sep=;\n', expected: undefined }
  ])('$input', ({ input, expected }) => {
    expect(readSepLine(input)).toEqual(expected)
  })
})

describe('sniffDelimiter', () => {
  test.each([
    { name: 'comma', sample: 'a,b,c\n1,2,3\n', expected: ',' },
    { name: 'semicolon with decimal commas', sample: 'id;score;text\n1;0,5;ok\n2;1,25;fine\n', expected: ';' },
    { name: 'tab with commas in text', sample: 'id\ttext\n1\thello, world\n2\tyes, no, maybe\n', expected: '\t' },
    { name: 'pipe', sample: 'a|b\n1|2\n', expected: '|' },
    { name: 'quoted delimiters do not count', sample: 'a;b\n"1,2,3";x\n"4,5";y\n', expected: ';' },
    { name: 'more columns win a tie', sample: 'a,b;c,d\n1,2;3,4\n', expected: ',' },
    { name: 'a partial last record is ignored', sample: 'a;b\n1;2\n3;"x,y,z,', expected: ';' },
    { name: 'one column falls back to comma', sample: 'text\nhello\n', expected: ',' }
  ])('$name', ({ sample, expected }) => {
    expect(sniffDelimiter(sample, !sample.endsWith(','))).toBe(expected)
  })
})

describe('delimiterName', () => {
  test.each([
    { delimiter: ',', expected: 'comma' },
    { delimiter: ';', expected: 'semicolon' },
    { delimiter: '\t', expected: 'tab' },
    { delimiter: '|', expected: 'pipe' },
    { delimiter: ':', expected: '":"' }
  ])('$delimiter is $expected', ({ delimiter, expected }) => {
    expect(delimiterName(delimiter)).toBe(expected)
  })
})
