import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError, UsageError } from '../../src/errors.js'
import { abortPendingWriters, createAtomicWriter } from '../../src/output/atomic-write.js'

const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const path = (name: string) => join(dir, name)
const leftovers = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'))

describe('createAtomicWriter', () => {
  test('the target appears only at commit, whole', async () => {
    const target = path('out.csv')
    writeFileSync(target, 'old\n')
    const writer = await createAtomicWriter(target)
    writer.stream.write('new,')
    expect(readFileSync(target, 'utf8')).toBe('old\n')
    writer.stream.write('content\n')
    await writer.commit()
    expect({ content: readFileSync(target, 'utf8'), leftovers: leftovers() }).toEqual({ content: 'new,content\n', leftovers: [] })
  })

  test('commit also works when the caller ended the stream itself', async () => {
    const target = path('ended.csv')
    const writer = await createAtomicWriter(target)
    await new Promise<void>((resolve) => writer.stream.end('done\n', () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 20))
    await writer.commit()
    expect({ content: readFileSync(target, 'utf8'), leftovers: leftovers() }).toEqual({ content: 'done\n', leftovers: [] })
  })

  test('abort leaves the old file and no temporary file', async () => {
    const target = path('kept.csv')
    writeFileSync(target, 'old\n')
    const writer = await createAtomicWriter(target)
    writer.stream.write('half')
    await writer.abort()
    await writer.abort()
    expect({ content: readFileSync(target, 'utf8'), leftovers: leftovers() }).toEqual({ content: 'old\n', leftovers: [] })
  })

  test('an interrupt aborts every pending writer', async () => {
    const a = await createAtomicWriter(path('a.csv'))
    const b = await createAtomicWriter(path('b.csv'))
    a.stream.write('x')
    b.stream.write('y')
    await abortPendingWriters()
    expect({ a: existsSync(path('a.csv')), b: existsSync(path('b.csv')), leftovers: leftovers() }).toEqual({ a: false, b: false, leftovers: [] })
  })

  test.each([
    { name: 'the same path', output: (input: string) => input },
    { name: 'a symbolic link to it', output: (input: string) => { const link = input + '.link'; symlinkSync(input, link); return link } },
    { name: 'a hard link to it', output: (input: string) => { const link = input + '.hard'; linkSync(input, link); return link } }
  ])('refuses to write over an input file through $name', async ({ name, output }) => {
    const input = path(`input-${name.replaceAll(' ', '-')}.csv`)
    writeFileSync(input, 'a,b\n')
    const error = await createAtomicWriter(output(input), { inputs: ['-', input] }).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/Refusing to write .*: it is the input file .*Choose another output file name/)
    expect(readFileSync(input, 'utf8')).toBe('a,b\n')
  })

  test('makes a missing output folder, as build tools do', async () => {
    const writer = await createAtomicWriter(path('new/folder/out.csv'))
    writer.stream.write('a\n')
    await writer.commit()
    expect(readFileSync(path('new/folder/out.csv'), 'utf8')).toBe('a\n')
  })

  test.each([
    {
      name: 'a file where the output folder should be',
      target: () => {
        writeFileSync(path('plain-file'), 'x')
        return path('plain-file/out.csv')
      },
      type: InputError,
      message: /cannot be written/
    },
    { name: 'a directory as target', target: () => dir, type: UsageError, message: /it is a directory/ }
  ])('$name is a clear error', async ({ target, type, message }) => {
    const error = await createAtomicWriter(target()).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(type)
    expect((error as Error).message).toMatch(message)
  })

  test('a link stays a link: the file it points to is replaced', async () => {
    writeFileSync(path('real.csv'), 'old\n')
    symlinkSync(path('real.csv'), path('link.csv'))
    const writer = await createAtomicWriter(path('link.csv'))
    writer.stream.write('new\n')
    await writer.commit()
    expect({ link: lstatSync(path('link.csv')).isSymbolicLink(), content: readFileSync(path('real.csv'), 'utf8'), leftovers: leftovers() }).toEqual({
      link: true,
      content: 'new\n',
      leftovers: []
    })
  })

  test('a pipe is written straight through, not replaced by a file', async () => {
    const fifo = path('pipe')
    execFileSync('mkfifo', [fifo])
    const read = new Promise<string>((resolve) => {
      const chunks: Buffer[] = []
      createReadStream(fifo)
        .on('data', (chunk) => chunks.push(Buffer.from(chunk)))
        .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    const writer = await createAtomicWriter(fifo)
    expect(writer.direct).toBe(true)
    writer.stream.write('through\n')
    await writer.commit()
    expect({ read: await read, fifo: lstatSync(fifo).isFIFO(), leftovers: leftovers() }).toEqual({ read: 'through\n', fifo: true, leftovers: [] })
  })
})
