import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { cli, tempDir } from '../helpers/cli.js'

const GENERIC = 'id,text\n1,where is my order??\n2,"it arrived broken, I want my money back"\n3,=HYPERLINK("x")\n4,thanks a lot!\n'
const AMAZON_HEADER = 'Message ID,Thread ID,Order ID,Marketplace,Sender Role,Sender Name,Subject,Body,Date\n'

describe('inbox-triage run', () => {
  it('appends the triage columns to every row, in input order, on stdout', async () => {
    const dir = tempDir({ 'in.csv': GENERIC })
    const result = await cli(['run', 'in.csv', '--no-summary'], { cwd: dir })
    expect(result.code).toBe(0)
    const rows = parse(result.stdout, { columns: true }) as Array<Record<string, string>>
    expect(rows.map((row) => row.id)).toEqual(['1', '2', '3', '4'])
    expect(Object.keys(rows[0]!)).toEqual(['id', 'text', 'lang', 'intent', 'intents', 'sentiment', 'sentiment_score', 'urgency', 'dispute_risk', 'return_risk', 'priority', 'reasons'])
    // stdout stays byte-faithful: no BOM, no neutralised formula.
    expect(result.stdout.startsWith('id,')).toBe(true)
    expect(rows[2]!.text).toBe('=HYPERLINK("x")')
  })

  it('is the default command', async () => {
    const dir = tempDir({ 'in.csv': GENERIC })
    const result = await cli(['in.csv', '--no-summary'], { cwd: dir })
    expect(result.code).toBe(0)
    expect(parse(result.stdout, { columns: true })).toHaveLength(4)
  })

  it('prefixes appended names the input already has', async () => {
    const dir = tempDir({ 'in.csv': 'text,lang,intent\nwhere is my order,xx,yy\n' })
    const result = await cli(['run', 'in.csv', '--no-summary'], { cwd: dir })
    const [row] = parse(result.stdout, { columns: true }) as Array<Record<string, string>>
    expect(row).toMatchObject({ lang: 'xx', intent: 'yy' })
    expect(row).toHaveProperty('triage_lang')
    expect(row).toHaveProperty('triage_intent')
  })

  it('writes NDJSON that parses line by line', async () => {
    const dir = tempDir({ 'in.csv': GENERIC })
    const result = await cli(['run', 'in.csv', '--format', 'ndjson', '--no-summary'], { cwd: dir })
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatchObject({ input: { id: '1', text: 'where is my order??' } })
    expect(lines[0]).toHaveProperty('dispute_score')
    expect(Array.isArray(lines[0]!.intents)).toBe(true)
  })

  it('makes a .csv output file safe for spreadsheets unless --raw', async () => {
    const dir = tempDir({ 'in.csv': GENERIC })
    expect((await cli(['run', 'in.csv', '-o', 'out.csv', '--no-summary'], { cwd: dir })).code).toBe(0)
    const safe = readFileSync(join(dir, 'out.csv'), 'utf8')
    expect(safe.charCodeAt(0)).toBe(0xfeff)
    expect(safe).toContain(`"'=HYPERLINK(""x"")"`)
    expect((await cli(['run', 'in.csv', '-o', 'raw.csv', '--raw', '--no-summary'], { cwd: dir })).code).toBe(0)
    const raw = readFileSync(join(dir, 'raw.csv'), 'utf8')
    expect(raw.charCodeAt(0)).not.toBe(0xfeff)
    expect(raw).toContain('"=HYPERLINK(""x"")"')
  })

  it.each([
    { files: ['a.csv', 'a.csv'], warned: true },
    { files: ['a.csv', 'b.csv'], warned: false }
  ])('warns when messages repeat an earlier message id: $files', async ({ files, warned }) => {
    const a = AMAZON_HEADER + 'm1,t1,,amazon.com,Buyer,Ana,Subject,where is my order,2026-05-08T09:00:00Z\n'
    const b = AMAZON_HEADER + 'm2,t1,,amazon.com,Buyer,Ana,Subject,where is my order,2026-05-08T10:00:00Z\n'
    const result = await cli(['run', ...files, '-o', 'out.csv'], { cwd: tempDir({ 'a.csv': a, 'b.csv': b }) })
    expect(result.code).toBe(0)
    expect(/1 message\(s\) repeat the message id/.test(result.stderr)).toBe(warned)
  })

  const ORDERS = 'amazon-order-id\tpurchase-date\torder-status\n111-1111111-1111111\t2026-05-01\tShipped\n'
  it.each([
    { args: ['-o', 'in.csv'], message: /Refusing to write .*in\.csv: it is the input file/ },
    { args: ['--summary-out', 'in.csv'], message: /Refusing to write .*in\.csv: it is the input file/ },
    { args: ['--report', './in.csv'], message: /Refusing to write .*in\.csv: it is the input file/ },
    { args: ['--rejects', 'in.csv'], message: /Refusing to write .*in\.csv: it is the input file/ },
    { args: ['--orders', 'orders.txt', '--orders-out', 'orders.txt'], message: /Refusing to write .*orders\.txt: it is the input file/ },
    { args: ['--orders', 'orders.txt', '-o', 'orders.txt'], message: /Refusing to write .*orders\.txt: it is the input file/ },
    { args: ['-o', 'same.csv', '--orders-out', 'same.csv'], message: /--orders-out and -o both name .*same\.csv/ },
    { args: ['--summary-out', 's.md', '--report', 's.md'], message: /--report and --summary-out both name .*s\.md/ }
  ])('refuses $args before reading anything, and writes nothing', async ({ args, message }) => {
    const dir = tempDir({ 'in.csv': GENERIC, 'orders.txt': ORDERS })
    const result = await cli(['run', 'in.csv', '--no-summary', ...args], { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe(GENERIC)
    expect(readFileSync(join(dir, 'orders.txt'), 'utf8')).toBe(ORDERS)
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'orders.txt'])
  })

  const failures: Array<{ name: string; files: Record<string, string>; args: string[]; message: RegExp }> = [
    { name: 'a header that fits no profile', files: { 'odd.csv': 'Foo,Bar\n1,2\n' }, args: ['odd.csv'], message: /odd\.csv: the header fits no source profile/ },
    { name: 'a file that does not exist', files: {}, args: ['missing.csv'], message: /missing\.csv/ },
    { name: 'an unknown --source', files: { 'in.csv': GENERIC }, args: ['in.csv', '--source', 'ebay'], message: /Unknown source profile "ebay"/ },
    { name: 'a bad --map', files: { 'in.csv': GENERIC }, args: ['in.csv', '--map', 'text'], message: /expected field=Column/ },
    { name: 'no input', files: {}, args: ['run'], message: /No input file/ },
    { name: 'a bad --now', files: { 'in.csv': GENERIC }, args: ['in.csv', '--now', 'soon'], message: /--now soon/ },
    // An unset variable (--fail-on "$LEVEL") must not silently turn the alert off.
    { name: 'an empty --fail-on', files: { 'in.csv': GENERIC }, args: ['in.csv', '--fail-on', ''], message: /--fail-on : expected dispute:LEVEL/ },
    { name: 'an unknown --source, each profile named once', files: { 'in.csv': GENERIC }, args: ['in.csv', '--source', 'ebay'], message: /Known: amazon, freshdesk, shopee, shopify, zendesk, generic\./ }
  ]
  it.each(failures)('exits 2 with a one-line message, no stack trace, for $name', async ({ files, args, message }) => {
    const result = await cli(args, { cwd: tempDir(files) })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(result.stdout).toBe('')
  })

  it('joins order files and reads several exports into one output', async () => {
    const amazon =
      AMAZON_HEADER +
      'm1,t1,111-1111111-1111111,amazon.com,Buyer,Ana,Order inquiry (Order: 111-1111111-1111111),"Tracking says delivered but I never got it!!",2026-05-08T09:00:00Z\n' +
      'm2,t1,111-1111111-1111111,amazon.com,Buyer,Ana,RE: Order inquiry,Still nothing. Where is my package?,2026-05-09T09:00:00Z\n'
    const orders = 'amazon-order-id\tpurchase-date\torder-status\titem-status\tsales-channel\n111-1111111-1111111\t2026-05-01\tShipped - Delivered to Buyer\tShipped\tAmazon.com\n'
    const dir = tempDir({ 'amazon.csv': amazon, 'orders.txt': orders, 'generic.csv': GENERIC })
    const result = await cli(['run', 'amazon.csv', 'generic.csv', '--orders', 'orders.txt', '--orders-out', 'risk.csv', '--now', '2026-05-10T09:00:00Z', '--no-summary'], { cwd: dir })
    expect(result.code).toBe(0)
    const rows = parse(result.stdout, { columns: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(6)
    const sheet = parse(readFileSync(join(dir, 'risk.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>
    expect(sheet).toHaveLength(5)
    expect(sheet[0]).toMatchObject({ order_id: '111-1111111-1111111', buyer_messages: '2' })
    expect(sheet[0]!.reasons).toMatch(/tracking shows delivered/)
  })

  // The window is 2 rows: the first conversation is finished long before the export's last row.
  const LONG_EXPORT =
    'conversation,created,text\nc1,2026-05-01T09:00:00Z,where is my order??\nc2,2026-05-02T09:00:00Z,thanks\n' +
    'c3,2026-05-03T09:00:00Z,thanks\nc4,2026-05-04T09:00:00Z,thanks\nc5,2026-05-05T09:00:00Z,thanks\nc6,2026-05-10T09:00:00Z,thanks\n'
  it.each([
    { name: 'a file: to its latest message, found before the read', args: ['in.csv'], stdin: undefined, wait: 'waiting 9 days for an answer' },
    { name: '--now: to it', args: ['in.csv', '--now', '2026-05-20T09:00:00Z'], stdin: undefined, wait: 'waiting 19 days for an answer' },
    { name: 'stdin, read once: to the latest message read when the group finished', args: ['-'], stdin: LONG_EXPORT, wait: 'waiting 2 days for an answer' }
  ])('counts waiting clocks of a group finished early, from $name', async ({ args, stdin, wait }) => {
    const dir = tempDir({ 'in.csv': LONG_EXPORT, 'inbox-triage.config.yaml': 'window: 2\n' })
    const result = await cli(['run', ...args, '--format', 'ndjson', '--no-summary'], { cwd: dir, stdin })
    expect(result.code).toBe(0)
    const first = JSON.parse(result.stdout.split('\n')[0]!) as { reasons: string[] }
    expect(first.reasons.join('; ')).toContain(wait)
  })
})
