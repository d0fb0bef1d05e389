// Builders for messages and groups, so stage tests read as tables.
import type { Group, IntentHit, Message } from '../../src/types.js'

let seq = 0

export function message(fields: Partial<Message> & { text?: string } = {}): Message {
  const text = fields.text ?? ''
  seq++
  return {
    seq,
    source: 'test',
    source_file: 'test.csv',
    source_row: seq + 1,
    conversation_id: 'c1',
    message_id: `m${seq}`,
    order_id: '',
    marketplace: '',
    sender_role: 'buyer',
    created_at: '',
    subject: '',
    raw_text: text,
    content_type: 'text',
    ...fields,
    text
  }
}

export function hit(intent: string, text = intent): IntentHit {
  return { intent, rule: `test.${intent}`, weight: 1, span: { start: 0, end: text.length, text } }
}

/** A buyer message with intents and a sentiment score, at an ISO time. */
export function buyer(at: string, intents: string[] = [], score?: number, extra: Partial<Message> = {}): Message {
  const m = message({ created_at: at, sender_role: 'buyer', text: intents.join(' ') || 'hello', ...extra })
  m.intents = intents.map((intent) => hit(intent))
  m.intent = intents[0] ?? 'other'
  if (score !== undefined) {
    m.sentiment = { score, label: score <= -0.05 ? 'negative' : score >= 0.05 ? 'positive' : 'neutral', urgent: false, hits: [] }
  }
  return m
}

export function seller(at: string, extra: Partial<Message> = {}): Message {
  return message({ created_at: at, sender_role: 'seller', text: 'reply', ...extra })
}

export function group(messages: Message[], now: string, orderId = ''): Group {
  return {
    key: orderId ? `order:${orderId}` : 'conversation:c1',
    order_id: orderId,
    conversation_ids: [...new Set(messages.map((m) => m.conversation_id))],
    messages,
    now,
    facts: {}
  }
}
