import { join } from 'node:path'
import { InputError } from '../../src/errors.js'
import { readYamlFile } from '../../src/data/yaml-file.js'
import { tempDir } from '../helpers/folder.js'

// Schema errors of data files (profiles, order profiles, config) at run time: in the words of
// `rules check`, at file:line:column, naming the key and what it must be, never ajv's wording.

const PROFILE = 'name: helpdesk\nfields:\n  text: [Body]\ndetect:\n  signature: [text]\n'
const ORDERS = 'name: my-orders\nkey: [Order]\nfields:\n  order_status: [Status]\ndetect:\n  signature: [key, order_status]\n'

const cases: Array<{ why: string; file: string; schema: string; text: string; at: string; says: string[] }> = [
  {
    why: 'an unknown key',
    file: 'profiles/helpdesk.yaml',
    schema: 'profile.schema.json',
    text: `${PROFILE}  columns: [Body]\n`,
    at: '6:3',
    says: ['unknown property `columns` in `detect`', 'see profile.schema.json for the allowed properties']
  },
  {
    why: 'a wrong type',
    file: 'profiles/helpdesk.yaml',
    schema: 'profile.schema.json',
    text: PROFILE.replace('text: [Body]', 'text: Body'),
    at: '3:9',
    says: ['`fields.text` is text `Body`; it must be a list']
  },
  {
    why: 'a missing required field',
    file: 'profiles/orders/mine.yaml',
    schema: 'order-profile.schema.json',
    text: ORDERS.replace('key: [Order]\n', ''),
    at: '1:1',
    says: ['missing property `key` at the top level', 'Add `key:` with its value']
  },
  {
    why: 'a value out of its enum',
    file: 'profiles/helpdesk.yaml',
    schema: 'profile.schema.json',
    text: `${PROFILE}level: thread\n`,
    at: '6:8',
    says: ['`level` is text `thread`; it must be one of `message`, `ticket`']
  },
  {
    why: 'a wrong type inside an order profile rule',
    file: 'profiles/orders/mine.yaml',
    schema: 'order-profile.schema.json',
    text: `${ORDERS}delivery:\n  from: [order_status]\n  rules:\n    - { state: delivered, contains: delivered }\n`,
    at: '10:37',
    says: ['`delivery.rules.0.contains` is text `delivered`; it must be a list']
  }
]

function load(file: string, schema: string, text: string): { path: string; error: InputError } {
  const path = join(tempDir({ [file]: text }), file)
  try {
    readYamlFile(path, schema)
  } catch (error) {
    if (error instanceof InputError) return { path, error }
    throw error
  }
  throw new Error(`${file} loaded without an error`)
}

describe('readYamlFile schema errors', () => {
  test.each(cases)('$why: names the file, line, key and what it must be', ({ file, schema, text, at, says }) => {
    const { path, error } = load(file, schema, text)
    const lines = error.message.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^${escape(path)}:${at}: `))
    for (const phrase of says) expect(lines[0]).toContain(phrase)
    expect(lines[lines.length - 1]).toBe(`Run \`inbox-triage rules check ${path}\` to see every problem.`)
    expect(error.message).not.toMatch(/must (have required property|NOT|be equal to)/)
    expect(error.exitCode).toBe(2)
  })

  test('a file `rules check` cannot tell the kind of is told how to make it checkable', () => {
    const { path, error } = load('team/helpdesk.yaml', 'profile.schema.json', `${PROFILE}level: thread\n`)
    expect(error.message.split('\n')).toEqual([
      `${path}:6:8: \`level\` is text \`thread\`; it must be one of \`message\`, \`ticket\`. Use one of the listed values.`,
      `Add \`# yaml-language-server: $schema=<path>/schema/profile.schema.json\` as its first line, then run \`inbox-triage rules check ${path}\` to see every problem.`
    ])
  })

  test.each([
    { problems: 2, shown: 2, more: '' },
    { problems: 4, shown: 4, more: '' },
    { problems: 5, shown: 3, more: '…and 2 more. ' }
  ])('$problems problems show $shown of them, in reading order', ({ problems, shown, more }) => {
    const extra = Array.from({ length: problems }, (_, i) => `bad_${String.fromCharCode(97 + i)}: 1\n`).join('')
    const { path, error } = load('profiles/helpdesk.yaml', 'profile.schema.json', `${PROFILE}${extra}`)
    const lines = error.message.split('\n')
    expect(lines.slice(0, -1)).toEqual(
      Array.from({ length: shown }, (_, i) => expect.stringContaining(`${path}:${6 + i}:1: unknown property \`bad_${String.fromCharCode(97 + i)}\``))
    )
    expect(lines[lines.length - 1]).toBe(`${more}Run \`inbox-triage rules check ${path}\` to see every problem.`)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
