// Per-stage cost of the default pipeline, measured in-process through the library API.
import { createPipeline } from '../../src/pipeline/pipeline.js'
import { createNormalizer } from '../../src/input/normalize.js'
import { bindProfile, findProfile } from '../../src/input/profiles.js'
import { openTable } from '../../src/input/read-table.js'
import type { Message } from '../../src/types.js'

export async function stageCosts(file: string, limit: number): Promise<Record<string, number>> {
  const table = await openTable(file)
  const normalizer = createNormalizer(bindProfile(findProfile('amazon'), table.header), file)
  async function* messages(): AsyncGenerator<Message> {
    let seq = 0
    for await (const record of table.records) {
      if (record.kind !== 'row') continue
      yield normalizer.normalize(record.cells, record.line, seq++)
      if (seq >= limit) return
    }
  }
  const pipeline = await createPipeline({ workers: 0 })
  const stats = await pipeline.run(messages(), { emit() {} })
  return stats.stageMs
}
