// Turns one table row into a normalised message, following a bound source profile.
import type { ContentType, Message, SenderRole } from '../types.js'
import { isSpreadsheetDamagedId } from './order-id.js'
import type { BoundProfile } from './profiles.js'
import { parseTimestamp } from './timestamp.js'

export interface Normalizer {
  readonly source: string
  readonly file: string
  /** Counts of facts the summary reports (assumed zones, damaged order ids, unparseable dates). */
  readonly counts: { zoneAssumed: number; damagedOrderIds: number; badDates: number }
  normalize(cells: string[], line: number, seq: number): Message
}

function valueMap<T extends string>(table: Partial<Record<T, string[]>> | undefined): Map<string, T> {
  const map = new Map<string, T>()
  if (!table) return map
  for (const [target, values] of Object.entries(table) as Array<[T, unknown]>) {
    if (!Array.isArray(values)) continue
    for (const value of values as string[]) map.set(value.trim().toLowerCase(), target)
  }
  return map
}

const SUBJECT_PREFIX = /^\s*((re|fw|fwd|aw|wg|tr|r|rv|res)\s*:\s*)+/i

export function createNormalizer(bound: BoundProfile, file: string): Normalizer {
  const { profile, columns } = bound
  const roles = valueMap<SenderRole>(profile.roles as Partial<Record<SenderRole, string[]>>)
  const contentTypes = valueMap<ContentType>(profile.content_types)
  const defaultRole: SenderRole = profile.roles?.default ?? 'buyer'
  const sellerWhenEqual = profile.roles?.seller_when_equal
  const empties = new Set((profile.empty_values ?? []).map((value) => value.trim()))
  const format = profile.timestamp?.format ?? 'auto'
  const zone = profile.timestamp?.zone ?? 'UTC'
  const fromSubject = profile.order_id?.from_subject ? new RegExp(profile.order_id.from_subject, 'i') : undefined
  const fromText = profile.order_id?.from_text ? new RegExp(profile.order_id.from_text, 'i') : undefined
  const counts = { zoneAssumed: 0, damagedOrderIds: 0, badDates: 0 }

  function cell(cells: string[], field: string): string {
    const at = columns[field]
    if (at === undefined) return ''
    const value = cells[at] ?? ''
    return empties.has(value.trim()) ? '' : value
  }

  function senderRole(cells: string[]): SenderRole {
    if (sellerWhenEqual) {
      const [a, b] = sellerWhenEqual
      const left = cell(cells, a).trim()
      if (left && left === cell(cells, b).trim()) return 'seller'
    }
    const value = cell(cells, 'sender_role').trim().toLowerCase()
    if (!value) return defaultRole
    return roles.get(value) ?? defaultRole
  }

  return {
    source: profile.name,
    file,
    counts,
    normalize(cells, line, seq) {
      const subject = cell(cells, 'subject').trim()
      const body = cell(cells, 'text')
      const rawText = profile.text_from_subject && subject && !body.startsWith(subject) ? (body ? `${subject}\n${body}` : subject) : body
      let orderId = cell(cells, 'order_id').trim()
      let suspect = false
      if (orderId && isSpreadsheetDamagedId(orderId)) {
        suspect = true
        counts.damagedOrderIds++
      }
      if (!orderId && fromSubject) orderId = fromSubject.exec(subject)?.[1] ?? ''
      if (!orderId && fromText) orderId = fromText.exec(body)?.[1] ?? ''
      const rawType = cell(cells, 'content_type').trim().toLowerCase()
      const contentType: ContentType = rawType ? (contentTypes.get(rawType) ?? 'event') : 'text'
      const time = parseTimestamp(cell(cells, 'created_at'), format, zone)
      if (time?.zoneAssumed) counts.zoneAssumed++
      if (!time && cell(cells, 'created_at').trim()) counts.badDates++
      let conversationId = cell(cells, 'conversation_id').trim()
      if (!conversationId) {
        const usableOrder = suspect ? '' : orderId
        const thread = subject.replace(SUBJECT_PREFIX, '').trim()
        conversationId = usableOrder ? `order:${usableOrder}` : thread && profile.level !== 'ticket' ? `subject:${thread}` : `${file}#${line}`
      }
      const message: Message = {
        seq,
        source: profile.name,
        source_file: file,
        source_row: line,
        conversation_id: conversationId,
        message_id: cell(cells, 'message_id').trim(),
        order_id: orderId,
        marketplace: cell(cells, 'marketplace').trim(),
        sender_role: senderRole(cells),
        created_at: time?.iso ?? '',
        subject,
        raw_text: rawText,
        text: rawText,
        content_type: contentType
      }
      if (suspect) message.order_id_suspect = true
      if (time?.zoneAssumed) message.created_at_zone_assumed = true
      if (time?.offset !== undefined) message.local_offset = time.offset
      return message
    }
  }
}
