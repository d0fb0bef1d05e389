import { join } from 'node:path'
import { writeSyntheticExport } from '../../scripts/bench/synthetic.js'
import { cli, tempDir } from '../helpers/cli.js'

describe('worker threads', () => {
  // CSV rows are rendered in the worker that analysed them; NDJSON records on the main thread.
  it.each(['csv', 'ndjson'])('give the same %s output with 0, 1 and 2 workers', async (format) => {
    const dir = tempDir()
    await writeSyntheticExport(join(dir, 'export.csv'), 2000, 7)
    const outputs: string[] = []
    for (const workers of ['0', '1', '2']) {
      const result = await cli(['run', 'export.csv', '--workers', workers, '--no-summary', '--format', format], { cwd: dir })
      expect(result.code).toBe(0)
      outputs.push(result.stdout)
    }
    if (format === 'ndjson') expect(outputs[0]!.split('\n')).toHaveLength(2001)
    expect(outputs[1]).toBe(outputs[0])
    expect(outputs[2]).toBe(outputs[0])
  })
})
