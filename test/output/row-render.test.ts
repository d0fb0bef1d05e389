import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { groupCells, messageCells } from '../../src/output/annotate.js'
import { csvOptions, createRowRenderer } from '../../src/output/row-render.js'
import { neutralizeCell } from '../../src/output/excel-safe.js'
import { toMessage } from '../../src/pipeline/pipeline.js'
import type { Group, Message } from '../../src/types.js'

function message(cells: string[], table: number): Message {
  return {
    ...toMessage({ text: cells[1] ?? '' }, 0),
    input_cells: cells,
    input_table: table,
    language: { lang: 'fr', confidence: 0.9, method: 'lexicon' },
    intents: [{ intent: 'order/damaged', rule: 'r', weight: 1, span: { start: 0, end: 4, text: 'cass' } }],
    intent: 'order/damaged',
    sentiment: { score: -0.51234, label: 'negative', urgent: true, hits: [] }
  }
}

const group: Group = {
  key: 'order:1',
  order_id: '1',
  conversation_ids: ['c'],
  messages: [],
  now: '',
  facts: {},
  risk: {
    key: 'order:1', order_id: '1', conversation_ids: ['c'], source: 'api', marketplace: '', buyer_messages: 1,
    last_buyer_message_at: '', hours_unanswered: null, first_response_hours: null,
    dispute_score: 70, dispute_risk: 'high', return_score: 45, return_risk: 'medium', priority: 'P1', top_intents: [],
    reasons: [{ signal: 's', kind: 'dispute', points: 70, text: 'says "broken", twice' }], suggested_action: '', last_buyer_message: ''
  }
}

// Two inputs whose headers differ: the second puts its text first and lacks a column.
const layout = { delimiter: ',', width: 3, maps: [[0, 1, 2], [1, 0]] }

describe('createRowRenderer', () => {
  const cases = [
    { name: 'plain cells', cells: ['1', 'arrivé cassé', '2026-11-01'], table: 0, excel: false },
    { name: 'quotes, delimiters and line breaks', cells: ['1', 'il est "cassé",\nvraiment', 'a\rb'], table: 0, excel: false },
    { name: 'formula-looking cells, spreadsheet-safe', cells: ['=1+1', '-rien', '+33 6 12'], table: 0, excel: true },
    { name: 'the second input mapped onto the union header', cells: ['texte, ici', '7'], table: 1, excel: true }
  ]
  it.each(cases)('joins its parts into the row one stringify gives: $name', ({ cells, table, excel }) => {
    const renderer = createRowRenderer({ ...layout, excel })
    const m = message(cells, table)
    const input = new Array<string>(layout.width).fill('')
    cells.forEach((cell, i) => (input[layout.maps[table]![i]!] = cell))
    const whole = [...input, ...messageCells(m), ...groupCells(group)]
    const expected = stringify([excel ? whole.map(neutralizeCell) : whole], csvOptions({ delimiter: ',', excel }))
    const row = renderer.row(renderer.messagePart(m), renderer.groupPart(group))
    expect(row).toBe(expected)
    expect((parse(row) as string[][])[0]).toHaveLength(layout.width + 10)
  })
})
