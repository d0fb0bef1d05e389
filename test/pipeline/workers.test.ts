import { join } from 'node:path'
import { writeSyntheticExport } from '../../scripts/bench/synthetic.js'
import { cli, tempDir } from '../helpers/cli.js'

describe('worker threads', () => {
  it('give the same output with 0, 1 and 2 workers', async () => {
    const dir = tempDir()
    await writeSyntheticExport(join(dir, 'export.csv'), 3000, 7)
    const outputs: string[] = []
    for (const workers of ['0', '1', '2']) {
      const result = await cli(['run', 'export.csv', '--workers', workers, '--no-summary', '--format', 'ndjson'], { cwd: dir })
      expect(result.code).toBe(0)
      outputs.push(result.stdout)
    }
    expect(outputs[0]!.split('\n')).toHaveLength(3001)
    expect(outputs[1]).toBe(outputs[0])
    expect(outputs[2]).toBe(outputs[0])
  })
})
