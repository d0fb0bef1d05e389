import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rulesDir } from '../../src/data/paths.js'
import { InputError } from '../../src/errors.js'
import { createLanguageDetector } from '../../src/language/index.js'

/** A copy of the built-in language data with one file replaced. */
function dataDirWith(file: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lang-data-'))
  cpSync(join(rulesDir, 'language'), dir, { recursive: true })
  writeFileSync(join(dir, file), content)
  return dir
}

describe('language data problems name the file, the place and the fix', () => {
  test.each([
    { file: 'letters.yaml', content: 'letters:\n  - { chars: "ß", languages: [xx] }\n', message: /letters\.yaml, at letters\[0\]\.languages\[0\]: unknown language "xx"/ },
    { file: 'letters.yaml', content: 'letters: {}\n', message: /letters\.yaml, at letters: expected a list/ },
    { file: 'customer-service.yaml', content: 'languages:\n  en:\n    words: oops\n', message: /customer-service\.yaml, at languages\.en\.words: expected a list of words/ },
    { file: 'han.yaml', content: 'simplified: 1\n', message: /han\.yaml, at simplified: expected a string of Han characters/ },
    { file: 'markets.yaml', content: 'domains: [\n', message: /markets\.yaml is not valid YAML/ },
    { file: 'lexicon.json', content: '{"languages": {"en": ["the"]}}', message: /lexicon\.json, at languages\.en: expected a mapping/ },
    { file: 'lexicon.json', content: '{"languages": {"en": {"ranked": "the"}}}', message: /lexicon\.json, at languages\.en\.ranked: expected a list of words/ },
    { file: 'vocabulary.yaml', content: 'languages:\n  tl:\n    ranked: ang\n', message: /vocabulary\.yaml, at languages\.tl\.ranked: expected a list of words/ }
  ])('$file: $message', ({ file, content, message }) => {
    const dataDir = dataDirWith(file, content)
    let error: unknown
    try {
      createLanguageDetector({ dataDir })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(message)
  })

  test('a missing folder says to restore the data', () => {
    expect(() => createLanguageDetector({ dataDir: join(tmpdir(), 'no-such-language-data') })).toThrow(/Cannot read language data .*lexicon\.json.*restore the file/)
  })
})
