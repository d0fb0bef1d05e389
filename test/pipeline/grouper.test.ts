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

  /** Conversations of `sizes` rows each, one after the other: an export sorted by conversation. */
  const sortedRows = (sizes: number[]): Array<Partial<Message>> => sizes.flatMap((size, c) => Array.from({ length: size }, () => ({ conversation_id: `s${c}` })))

  /** The most rows held at once while the rows are added, with the sorted window on or off. */
  async function peakHeld(rows: Array<Partial<Message>>, sortedWindow?: number) {
    const finished: Group[] = []
    const grouper = new Grouper({ window: 100, sortedWindow, maxHeld: 1000, finish: (g) => void finished.push(g), emit: () => undefined })
    let peak = 0
    for (const [i, row] of rows.entries()) {
      await grouper.add({ ...message(row), seq: i })
      peak = Math.max(peak, grouper.heldRows)
    }
    await grouper.end()
    return { peak, finished, grouper }
  }

  it.each([
    { name: 'sorted by conversation: the short window holds', rows: sortedRows([3, 1, 4, 2, 5, 1, 3, 2, 4, 3, 1, 2, 5, 4, 3, 2, 1, 3, 2, 4]), peakAtMost: 10, splits: 0 },
    {
      name: 'interleaved from the first rows (sorted by time): the whole window holds',
      rows: Array.from({ length: 60 }, (_, i) => ({ conversation_id: `t${i % 20}` })),
      peakAtMost: 60,
      splits: 0
    },
    {
      // A time-sorted export whose first rows are all new conversations: no evidence of sorting.
      name: 'many new conversations before the first comes back',
      rows: [...Array.from({ length: 10 }, (_, i) => ({ conversation_id: `n${i}` })), { conversation_id: 'n0' }, { conversation_id: 'n1' }],
      peakAtMost: 12,
      splits: 0
    },
    {
      // s0 comes back after the short window finished it: split, and the whole window holds from
      // then on, so s3 coming back 10 rows later is joined.
      name: 'a conversation coming back after the short window',
      rows: [...sortedRows([2, 3, 2, 3]), { conversation_id: 's0' }, ...sortedRows([0, 0, 0, 0, 0, 3, 3, 3]), { conversation_id: 's3' }],
      peakAtMost: 20,
      splits: 1
    }
  ])('with a sorted window of 3: $name', async ({ rows, peakAtMost, splits }) => {
    const on = await peakHeld(rows, 3)
    const off = await peakHeld(rows)
    expect(on.peak).toBeLessThanOrEqual(peakAtMost)
    expect(on.grouper.splitConversations).toBe(splits)
    expect(off.grouper.splitConversations).toBe(0)
    // Without splits, the groups are the same whichever window finished them.
    if (splits === 0) expect(on.finished.map((g) => g.messages.map((m) => m.seq))).toEqual(off.finished.map((g) => g.messages.map((m) => m.seq)))
  })

  it('counts an order that a later conversation comes back to, and then keeps the whole window', async () => {
    const pairs = (prefix: string) => Array.from({ length: 6 }, (_, i) => ({ conversation_id: `${prefix}${i >> 1}` }))
    const rows = [
      { conversation_id: 'a', order_id: '111-1111111-1111111' },
      { conversation_id: 'a', order_id: '111-1111111-1111111' },
      ...pairs('x'),
      { conversation_id: 'b', order_id: '111-1111111-1111111' },
      { conversation_id: 'c', order_id: '222-2222222-2222222' },
      ...pairs('y'),
      { conversation_id: 'd', order_id: '222-2222222-2222222' }
    ]
    const { grouper, finished } = await peakHeld(rows, 3)
    expect(grouper.splitOrders).toBe(1)
    expect(grouper.splitConversations).toBe(0)
    // After the split the whole window holds: the second order's two conversations are one group.
    expect(finished.find((g) => g.order_id === '222-2222222-2222222')?.conversation_ids).toEqual(['c', 'd'])
  })
})
