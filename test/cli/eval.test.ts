import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandEval } from '../../src/cli/commandEval.js'
import { runCommand } from '../rules/cliHarness.js'

const PACK = 'test/fixtures/rules/pack'
const dir = mkdtempSync(join(tmpdir(), 'eval-test-'))
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

const labelled = file(
  'labelled.csv',
  'id,message,gold,language\n' +
    '1,where is my order?,order/status,en\n' +
    '2,"I want a refund,\nor a chargeback",refund/request; feedback/dispute-threat,en\n' +
    '3,hello,other,en\n' +
    '4,my parcel never arrived,wismo,en\n' +
    '5,thanks!,order/status,en\n'
)
const labelMap = file('map.yaml', 'wismo: order/not-received\n')
// An out-of-scope control: every gold is `other`; "thanks!" gets an intent, the alarm does not.
const outOfScope = file('out-of-scope.csv', 'message,gold\nset an alarm for 7,other\nthanks!,other\n')
const outOfScopeBase = ['eval', outOfScope, '--text-column', 'message', '--label-column', 'gold', '--lang', 'en', '--rules', `${PACK}/intents`, '--no-builtin']
const base = ['eval', labelled, '--text-column', 'message', '--label-column', 'gold', '--lang-column', 'language', '--rules', `${PACK}/intents`, '--no-builtin']

describe('eval', () => {
  test('--format json scores per intent, macro and micro, with the misses by row', async () => {
    const result = await runCommand(commandEval, [...base, '--label-map', labelMap, '--format', 'json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.rows).toBe(5)
    const f1 = Object.fromEntries(report.intents.map((score: { intent: string; f1: number }) => [score.intent, score.f1]))
    expect(f1).toEqual({
      'feedback/dispute-threat': 1,
      'feedback/positive': 0,
      'order/not-received': 1,
      'order/status': 2 / 3,
      'refund/request': 1
    })
    expect(report.macroF1).toBeCloseTo((1 + 1 + 2 / 3 + 1) / 4)
    expect(report.primaryAccuracy).toBeCloseTo(4 / 5)
    // Row 2 spans two lines, so `thanks!` is on line 7.
    expect(report.misses).toEqual([{ row: 7, text: 'thanks!', gold: ['order/status'], predicted: ['feedback/positive'] }])
  })

  test('prints the table and macro-F1 as text', async () => {
    const result = await runCommand(commandEval, [...base, '--label-map', labelMap])
    expect(result.stdout).toMatch(/^intent\s+precision\s+recall\s+f1\s+support$/m)
    expect(result.stdout).toMatch(/^order\/status\s+1\.000\s+0\.500\s+0\.667\s+2$/m)
    expect(result.stdout).toContain('macro-F1 (intents in gold): 0.917')
  })

  const exits: Array<{ args: string[]; code: number; why: string }> = [
    { args: ['--min-macro-f1', '0.9', '--label-map', labelMap], code: 0, why: 'at or above the threshold passes' },
    { args: ['--min-macro-f1', '0.95', '--label-map', labelMap], code: 1, why: 'below the threshold fails with exit 1' },
    { args: ['--min-macro-f1', 'high'], code: 2, why: 'a bad threshold is a usage error' },
    { args: ['--text-column', 'body'], code: 2, why: 'a missing column is a usage error' },
    { args: ['--max-fp-rate', '0', '--label-map', labelMap], code: 0, why: 'no gold-other row given an intent passes --max-fp-rate 0' },
    { args: ['--max-fp-rate', '2'], code: 2, why: 'a rate above 1 is a usage error' }
  ]
  test.each(exits)('$why', async ({ args, code }) => {
    expect((await runCommand(commandEval, [...base, ...args])).code).toBe(code)
  })

  const outOfScopeExits: Array<{ args: string[]; code: number; stderr: string; why: string }> = [
    { args: ['--max-fp-rate', '0.5'], code: 0, stderr: '', why: 'a share at the limit passes' },
    { args: ['--max-fp-rate', '0.4'], code: 1, stderr: '1 of 2 gold-other rows got an intent (0.500), above --max-fp-rate 0.4', why: 'a larger share fails with exit 1' },
    { args: ['--min-macro-f1', '0.5'], code: 2, stderr: 'gold holds no intent', why: 'macro-F1 cannot gate a file without gold intents' }
  ]
  test.each(outOfScopeExits)('out-of-scope file: $why', async ({ args, code, stderr }) => {
    const result = await runCommand(commandEval, [...outOfScopeBase, ...args])
    expect(result.code).toBe(code)
    expect(result.stderr).toContain(stderr)
  })

  test('an out-of-scope file reports no macro-F1 and how many of its rows got an intent', async () => {
    const result = await runCommand(commandEval, outOfScopeBase)
    expect(result.stdout).toContain('macro-F1: n/a, gold holds no intent')
    expect(result.stdout).toContain('false-positive rate on gold-other rows: 0.500 (1 of 2 rows given an intent)')
    expect(JSON.parse((await runCommand(commandEval, [...outOfScopeBase, '--format', 'json'])).stdout)).toMatchObject({ goldIntents: 0, goldOther: 2, goldOtherHit: 1 })
  })

  test('a missing file is an input error', async () => {
    const result = await runCommand(commandEval, ['eval', join(dir, 'nope.csv'), '--lang', 'en'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('nope.csv')
  })

  // Read as run reads an export: the same rows, whatever the delimiter and encoding.
  test.each([
    { name: 'semicolons', bytes: Buffer.from('message;gold\nwhere is my order?;order/status\nhello;other\n') },
    { name: 'tabs, UTF-16 with BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('message\tgold\nwhere is my order?\torder/status\nhello\tother\n', 'utf16le')]) },
    { name: 'Excel sep= line', bytes: Buffer.from('sep=|\nmessage|gold\nwhere is my order?|order/status\nhello|other\n') }
  ])('reads a labelled file with $name', async ({ name, bytes }) => {
    writeFileSync(join(dir, `${name}.csv`), bytes)
    const result = await runCommand(commandEval, ['eval', join(dir, `${name}.csv`), '--text-column', 'message', '--label-column', 'gold', '--lang', 'en', '--rules', `${PACK}/intents`, '--no-builtin', '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).rows).toBe(2)
  })
})
