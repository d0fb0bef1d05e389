import { join } from 'node:path'
import { InputError } from '../../src/errors.js'
import { GENERATED_MARKER } from '../../src/sentiment/lexicon.js'
import { readLexiconFile } from '../../src/sentiment/lexicon-file.js'
import { tempDir } from '../helpers/folder.js'

// Schema errors of lexicon files at run time: in the words of `rules check`, at
// file:line:column, naming the key and what it must be, never ajv's wording.

const HEADER = '# yaml-language-server: $schema=../schema/lexicon.schema.json\n'

const cases: Array<{ why: string; text: string; at: string; says: string[] }> = [
  {
    why: 'an unknown key',
    text: 'language: en\nservise:\n  late: -2\n',
    at: '3:1',
    says: ['unknown property `servise` at the top level', 'see lexicon.schema.json for the allowed properties']
  },
  {
    why: 'a wrong type',
    text: 'language: en\nnegation_scope: many\n',
    at: '3:17',
    says: ['`negation_scope` is text `many`; it must be a whole number']
  },
  {
    why: 'a missing required field',
    text: 'language: en\ndeadline:\n  markers: [by]\n',
    at: '4:3',
    says: ['missing property `times` in `deadline`', 'Add `times:` with its value']
  },
  {
    // The lexicon schema has no enum; a score outside its range is the closest kind of mistake.
    why: 'a score out of its range',
    text: 'language: en\nservice:\n  late: -2\n  scam: -9\n',
    at: '5:9',
    says: ['`service.scam` is -9; it must be at least -4']
  },
  {
    why: 'a bad score in the generated section',
    text: `language: en\nservice:\n  late: -2\n${GENERATED_MARKER}\nvalence:\n  "good": 2\n  "great": 9\n`,
    at: '8:12',
    says: ['`valence.great` is 9; it must be at most 4']
  }
]

describe('readLexiconFile schema errors', () => {
  test.each(cases)('$why: names the file, line, key and what it must be', ({ text, at, says }) => {
    const path = join(tempDir({ 'sentiment/bad.yaml': HEADER + text }), 'sentiment', 'bad.yaml')
    let thrown: unknown
    try {
      readLexiconFile(path)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    const lines = (thrown as InputError).message.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^${escape(path)}:${at}: `))
    for (const phrase of says) expect(lines[0]).toContain(phrase)
    expect(lines[lines.length - 1]).toBe(`Run \`inbox-triage rules check ${path}\` to see every problem.`)
    expect((thrown as InputError).message).not.toMatch(/must (have required property|NOT|be [<>]=)/)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
