import { Grouper } from '../../src/pipeline/grouper.js'
import type { Group, Message } from '../../src/types.js'
import { message } from '../helpers/messages.js'

/** Handlers that answer at once, or that make the grouper wait on a promise every time. */
const later = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function runGrouper(rows: Array<Partial<Message>>, window = 1000, maxHeld = 4000, waits = false) {
  const finished: Group[] = []
  const emitted: Array<{ seq: number; key: string }> = []
  const grouper = new Grouper({
    window,
    maxHeld,
    now: '2026-05-10T00:00:00Z',
    finish: (g) => {
      if (!waits) {
        finished.push(g)
        return
      }
      return later().then(() => {
        finished.push(g)
      })
    },
    emit: (m, g) => {
      // A row is emitted only once its group is finished, whatever the handlers wait on.
      expect(finished).toContain(g)
      emitted.push({ seq: m.seq, key: g.key })
      if (waits) return later()
    }
  })
  const messages = rows.map((row, i) => ({ ...message(row), seq: i }))
  for (const m of messages) await grouper.add(m)
  await grouper.end()
  return { finished, emitted, grouper }
}

describe('Grouper', () => {
  it.each([
    { window: 2, maxHeld: 8 },
    { window: 3, maxHeld: 4 },
    { window: 1000, maxHeld: 4000 }
  ])('gives the same groups and order with handlers that wait (window $window, maxHeld $maxHeld)', async ({ window, maxHeld }) => {
    const rows = ['a', 'b', 'a', 'c', 'd', 'b', 'e', 'f', 'a', 'g', 'c', 'h'].map((conversation_id, i) => ({ conversation_id, order_id: i % 5 === 0 ? 'O1' : '' }))
    const sync = await runGrouper(rows, window, maxHeld)
    const waiting = await runGrouper(rows, window, maxHeld, true)
    expect(waiting.emitted).toEqual(sync.emitted)
    expect(waiting.finished.map((g) => g.key)).toEqual(sync.finished.map((g) => g.key))
    expect(sync.emitted.map((e) => e.seq)).toEqual(rows.map((_, i) => i))
  })

  it('groups conversations of one order, and keeps input order on output', async () => {
    const { finished, emitted } = await runGrouper([
      { conversation_id: 'a', order_id: 'O1' },
      { conversation_id: 'b' },
      { conversation_id: 'c', order_id: 'O1' },
      { conversation_id: 'a' }
    ])
    expect(emitted.map((e) => e.seq)).toEqual([0, 1, 2, 3])
    expect(finished.map((g) => [g.key, g.conversation_ids])).toEqual(
      expect.arrayContaining([
        ['order:O1', ['a', 'c']],
        ['conversation:b', ['b']]
      ])
    )
    expect(finished).toHaveLength(2)
  })

  it('merges a conversation into its order once a later message names it', async () => {
    const { finished } = await runGrouper([
      { conversation_id: 'a' },
      { conversation_id: 'b', order_id: '#1001' },
      { conversation_id: 'a', order_id: '1001' }
    ])
    expect(finished).toHaveLength(1)
    expect(finished[0]!.conversation_ids.sort()).toEqual(['a', 'b'])
    expect(finished[0]!.messages).toHaveLength(3)
  })

  it('never joins an order id a spreadsheet damaged', async () => {
    const { finished } = await runGrouper([
      { conversation_id: 'a', order_id: '1.11737E+16', order_id_suspect: true },
      { conversation_id: 'b', order_id: '1.11737E+16', order_id_suspect: true }
    ])
    expect(finished).toHaveLength(2)
  })

  it('finishes groups unseen for a window and bounds the rows it holds', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ conversation_id: `c${i % 3 === 0 ? 'long' : i}` }))
    const { finished, emitted, grouper } = await runGrouper(rows, 10, 40)
    expect(emitted).toHaveLength(300)
    expect(emitted.map((e) => e.seq)).toEqual(rows.map((_, i) => i))
    // The long conversation spans the whole file: it is cut into parts, and that is counted.
    expect(finished.filter((g) => g.conversation_ids[0] === 'clong').length).toBeGreaterThan(1)
    expect(grouper.splitConversations).toBeGreaterThan(0)
  })
})
