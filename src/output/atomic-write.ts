// Writes an output file through a temporary file beside it, renamed over the target only when
// the run succeeds: an interrupted or failed run never leaves a half-written file behind. A
// device or a pipe (/dev/stdout, /dev/null) is no file to rename over: it is written directly.
import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, realpath, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { InputError, UsageError } from '../errors.js'

export interface AtomicWriter {
  /** Write the output here. */
  stream: NodeJS.WritableStream
  /** The temporary file `stream` writes to, until commit or abort; the target itself when `direct`. */
  readonly temp: string
  /**
   * The target is no regular file (a device such as /dev/null, a pipe, a terminal): it is
   * written straight through, since renaming over it would replace it, and abort cannot undo.
   */
  readonly direct: boolean
  /** Flushes, syncs and renames the temporary file over the target. */
  commit(): Promise<void>
  /** Drops the temporary file; the target is untouched (unless `direct`). Safe to call after commit or twice. */
  abort(): Promise<void>
}

export interface AtomicWriterOptions {
  /** Input files of the run: writing over one of them (same file, even through a link) is refused. */
  inputs?: string[]
}

/** Writers not yet committed or aborted, so an interrupt can remove their temporary files. */
const pending = new Set<AtomicWriter>()

/** Targets committed by this process, so that an interrupt can say which outputs were already written. */
export const committedTargets: string[] = []

export async function createAtomicWriter(target: string, options: AtomicWriterOptions = {}): Promise<AtomicWriter> {
  await refuseInputs(target, options.inputs ?? [])
  // A link is followed: the file it points to is replaced, and the link stays a link.
  const linked = await realpath(target).catch(() => undefined)
  const existing = await stat(linked ?? target).catch(() => undefined)
  if (existing && !existing.isFile()) return directWriter(target)
  if (linked) target = linked
  // An output folder that does not exist yet is made, as for any build output.
  await mkdir(dirname(target), { recursive: true }).catch(() => undefined)
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  // `flush` syncs the data to disk before the file is closed, so the rename never exposes an empty file.
  const opened = await openStream(createWriteStream(temp, { flags: 'wx', mode: await modeOf(target), flush: true }), target)
  const { stream } = opened

  let settled = false
  const writer: AtomicWriter = {
    stream,
    temp,
    direct: false,
    async commit() {
      if (settled) return
      settled = true
      pending.delete(writer)
      try {
        if (opened.failure) throw opened.failure
        // The caller may have ended the stream already (a writer that owns its end); the data is
        // on disk only once the file is closed.
        if (!stream.closed) {
          await new Promise<void>((resolve) => {
            stream.once('close', resolve)
            if (!stream.writableEnded) stream.end()
          })
        }
        if (opened.failure) throw opened.failure
        await rename(temp, target)
        committedTargets.push(target)
      } catch (error) {
        stream.destroy()
        await unlink(temp).catch(() => undefined)
        throw new InputError(`${target}: writing failed (${describe(error)}); the previous file, if any, is unchanged.`)
      }
    },
    async abort() {
      if (settled) return
      settled = true
      pending.delete(writer)
      await new Promise<void>((resolve) => {
        if (stream.closed) return resolve()
        stream.once('close', resolve)
        stream.destroy()
      })
      await unlink(temp).catch(() => undefined)
    }
  }
  pending.add(writer)
  return writer
}

/** Waits for a file stream to open; `failure` keeps the first error it reports after. */
async function openStream(stream: WriteStream, target: string): Promise<{ stream: WriteStream; failure: Error | undefined }> {
  const opened: { stream: WriteStream; failure: Error | undefined } = { stream, failure: undefined }
  stream.on('error', (error) => {
    opened.failure ??= error
  })
  await new Promise<void>((resolve, reject) => {
    stream.once('ready', resolve)
    stream.once('error', reject)
  }).catch((error: unknown) => {
    throw new InputError(`${target}: cannot be written (${describe(error)}).`)
  })
  return opened
}

/** A writer straight to a target that is no regular file (a device, a pipe). */
async function directWriter(target: string): Promise<AtomicWriter> {
  const opened = await openStream(createWriteStream(target, { flags: 'w' }), target)
  const { stream } = opened
  const closed = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (stream.closed) return resolve()
      stream.once('close', resolve)
      if (!stream.writableEnded) stream.end()
    })
  return {
    stream,
    temp: target,
    direct: true,
    async commit() {
      await closed()
      if (opened.failure) throw new InputError(`${target}: writing failed (${describe(opened.failure)}).`)
    },
    async abort() {
      if (!stream.closed) stream.destroy()
    }
  }
}

/** Aborts every writer not yet committed: call it from the CLI's interrupt handler. */
export async function abortPendingWriters(): Promise<void> {
  await Promise.all([...pending].map((writer) => writer.abort()))
}

/**
 * Checks a command's outputs before it reads anything: each must differ from every input (the
 * message exports and the order files alike) and from every other output, so that no run writes
 * over what it reads or writes two outputs to one file. `outputs` are [option, resolved path].
 */
export async function refuseOutputs(outputs: Array<[string, string | undefined]>, inputs: string[]): Promise<void> {
  const named = outputs.filter((output): output is [string, string] => output[1] !== undefined && output[1] !== '-')
  for (let i = 0; i < named.length; i++) {
    const [option, path] = named[i]!
    await refuseInputs(path, inputs)
    for (let j = 0; j < i; j++) {
      const [other, otherPath] = named[j]!
      if (await sameFile(path, otherPath)) {
        throw new UsageError(`${option} and ${other} both name ${path}: one would overwrite the other. Give each output its own file.`)
      }
    }
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)])
  // Devices and pipes (-o /dev/null twice) take any number of writers.
  if (first && !first.isFile()) return false
  if (a === b) return true
  return first !== undefined && second !== undefined && first.dev === second.dev && first.ino === second.ino
}

/** Writes a whole file through a temporary file, as `createAtomicWriter` does. */
export async function writeFileAtomic(target: string, content: string, options: AtomicWriterOptions = {}): Promise<void> {
  const writer = await createAtomicWriter(target, options)
  try {
    writer.stream.end(content)
    await writer.commit()
  } catch (error) {
    await writer.abort()
    throw error
  }
}

/** Refuses a directory, or an input file as target. The same file means the same device and inode, so links and `./x` vs `x` are caught too. */
async function refuseInputs(target: string, inputs: string[]): Promise<void> {
  const targetStat = await stat(target).catch(() => undefined)
  if (!targetStat) return
  if (targetStat.isDirectory()) throw new UsageError(`Cannot write ${target}: it is a directory. Name an output file.`)
  for (const input of inputs) {
    if (input === '-') continue
    const inputStat = await stat(input).catch(() => undefined)
    if (inputStat && inputStat.dev === targetStat.dev && inputStat.ino === targetStat.ino) {
      throw new UsageError(`Refusing to write ${target}: it is the input file ${input}. Choose another output file name.`)
    }
  }
}

/** Keep the permissions of a file being replaced; new files get the usual default. */
async function modeOf(target: string): Promise<number> {
  const existing = await stat(target).catch(() => undefined)
  return existing ? existing.mode & 0o777 : 0o666
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'its directory does not exist'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOSPC') return 'the disk is full'
  if (code === 'EISDIR') return 'it is a directory'
  return (error as Error).message
}
