// Streams messages into groups (an order with its conversations, or an orderless conversation),
// finishes a group when it has not been seen for `window` rows, and releases messages in input
// order once their group is finished. Memory: the window plus the open groups. While the input
// reads as sorted by conversation, a shorter window does: see `sortedWindow`.
import { orderKey } from '../input/orders.js'
import type { Group, Message } from '../types.js'
import { GENERATION_KEYS, RecentKeys } from './recent-keys.js'

interface OpenGroup {
  key: string
  orderId: string
  conversations: string[]
  messages: Message[]
  lastSeq: number
  /** Set when merged into another group (a conversation turned out to belong to an order). */
  into?: OpenGroup
  finished?: Group
  /** Neighbours in the list of open groups, least recently seen first. */
  older?: OpenGroup
  newer?: OpenGroup
}

export interface GrouperOptions {
  /** Rows after which an unseen group is finished. */
  window: number
  /**
   * Rows after which an unseen group is finished while the input reads as sorted by group: no
   * row so far joined a group other than the latest one, no finished conversation or order came
   * back, and at least a third of the rows continued the group of the row before. The first row
   * that joins an earlier group or comes back switches to `window` for the rest of the input. An export
   * sorted by conversation then holds about this many rows instead of the window; one sorted by
   * time interleaves its conversations within its first rows, and keeps the whole window.
   * Default: `window`.
   */
  sortedWindow?: number
  /** Held rows after which the oldest row's group is finished early, whatever the window. */
  maxHeld: number
  /** Fixed reference time; otherwise the latest message time read so far. */
  now?: string
  finish(group: Group): Promise<void> | void
  emit(message: Message, group: Group): Promise<void> | void
}

function resolve(group: OpenGroup): OpenGroup {
  let current = group
  while (current.into) current = current.into
  return current
}

/** Runs `next` after `first`: at once when `first` gave nothing to wait for, else when it settles. */
export function then(first: void | Promise<void>, next: () => void | Promise<void>): void | Promise<void> {
  return first ? first.then(next) : next()
}

function byTime(a: Message, b: Message): number {
  if (a.created_at !== b.created_at) {
    if (!a.created_at) return 1
    if (!b.created_at) return -1
    return a.created_at < b.created_at ? -1 : 1
  }
  return a.seq - b.seq
}

export class Grouper {
  private readonly options: GrouperOptions
  /**
   * Open groups, least recently seen first, as a doubly linked list through the groups: a touch
   * moves a group to the end and the oldest is at the head, each in constant time. (A Map
   * re-inserted on every touch left deleted entries that each look for the oldest walked over.)
   */
  private oldest: OpenGroup | undefined
  private newest: OpenGroup | undefined
  private readonly byConversation = new Map<string, OpenGroup>()
  private readonly byOrder = new Map<string, OpenGroup>()
  private readonly held: Array<{ message: Message; group: OpenGroup }> = []
  private heldStart = 0
  /**
   * Conversations already finished, to count the ones that come back (split by the window). Held
   * as hashes, in memory that does not grow with the file: a Set of their ids grew by every
   * conversation read, and kept each id's input chunk alive with it.
   */
  private readonly closedConversations = new RecentKeys(GENERATION_KEYS)
  /** Orders already finished, to count the ones a later conversation comes back to. */
  private readonly closedOrders = new RecentKeys(GENERATION_KEYS)
  private latest = ''
  private lastSeq = -1
  /** Set by the first row that joins a group other than the latest, or a conversation or order that comes back. */
  private interleaved = false
  /** Rows read, and those that continued the group of the row before. */
  private rows = 0
  private continued = 0
  /** Conversations whose rows lay further apart than the window: scored in parts. */
  splitConversations = 0
  /** Orders a conversation came back to after the order's group was finished: scored in parts. */
  splitOrders = 0
  groupsFinished = 0

  constructor(options: GrouperOptions) {
    this.options = options
  }

  /** Takes a group out of the list of open groups, if it is in it. */
  private unlink(group: OpenGroup): void {
    if (group !== this.oldest && !group.older) return
    if (group.older) group.older.newer = group.newer
    else this.oldest = group.newer
    if (group.newer) group.newer.older = group.older
    else this.newest = group.older
    group.older = group.newer = undefined
  }

  private touch(group: OpenGroup, seq: number): void {
    group.lastSeq = seq
    if (group === this.newest) return
    this.unlink(group)
    group.older = this.newest
    if (this.newest) this.newest.newer = group
    else this.oldest = group
    this.newest = group
  }

  private groupFor(message: Message): OpenGroup {
    const order = message.order_id && !message.order_id_suspect ? orderKey(message.order_id) : ''
    let group = this.byConversation.get(message.conversation_id)
    if (group) group = resolve(group)
    const orderGroup = order ? this.byOrder.get(order) : undefined
    if (group && order && !group.orderId) {
      if (!orderGroup && this.closedOrders.has(order)) {
        this.splitOrders++
        this.interleaved = true
      }
      if (orderGroup && orderGroup !== group) {
        this.merge(group, orderGroup)
        return orderGroup
      }
      group.orderId = message.order_id
      group.key = `order:${order}`
      this.byOrder.set(order, group)
      return group
    }
    if (group) return group
    if (orderGroup) {
      orderGroup.conversations.push(message.conversation_id)
      this.byConversation.set(message.conversation_id, orderGroup)
      return orderGroup
    }
    if (this.closedConversations.has(message.conversation_id)) {
      this.splitConversations++
      this.interleaved = true
    } else if (order && this.closedOrders.has(order)) {
      this.splitOrders++
      this.interleaved = true
    }
    const fresh: OpenGroup = {
      key: order ? `order:${order}` : `conversation:${message.conversation_id}`,
      orderId: order ? message.order_id : '',
      conversations: [message.conversation_id],
      messages: [],
      lastSeq: message.seq
    }
    this.byConversation.set(message.conversation_id, fresh)
    if (order) this.byOrder.set(order, fresh)
    return fresh
  }

  private merge(from: OpenGroup, into: OpenGroup): void {
    for (const conversation of from.conversations) {
      into.conversations.push(conversation)
      this.byConversation.set(conversation, into)
    }
    for (const message of from.messages) into.messages.push(message)
    from.messages = []
    from.into = into
    this.unlink(from)
  }

  /**
   * Takes the next message. Returns a promise only when a handler it ran did: most messages
   * finish nothing and release nothing, and a promise per message was a good part of the
   * garbage this thread made.
   */
  add(message: Message): void | Promise<void> {
    if (message.seq <= this.lastSeq) throw new Error(`messages must arrive in input order (seq ${message.seq} after ${this.lastSeq})`)
    this.lastSeq = message.seq
    if (message.created_at > this.latest) this.latest = message.created_at
    const group = this.groupFor(message)
    this.rows++
    if (group.messages.length > 0) {
      if (group === this.newest) this.continued++
      else this.interleaved = true
    }
    group.messages.push(message)
    this.touch(group, message.seq)
    this.held.push({ message, group })
    const pending = this.finishStale(message.seq)
    return pending ? pending.then(() => this.release()) : this.release()
  }

  /**
   * Whether the input reads as sorted by conversation: no row has joined an earlier group yet, and
   * conversations do run on over consecutive rows (a third of the rows continue the row before's
   * group). A busy shop's export sorted by time starts with rows of as many conversations, none
   * continued, and may take more than the short window to come back to the first one.
   */
  private readsSorted(): boolean {
    return !this.interleaved && this.continued * 3 >= this.rows
  }

  private finishStale(seq: number): void | Promise<void> {
    const { maxHeld } = this.options
    const window = this.readsSorted() ? Math.min(this.options.sortedWindow ?? Infinity, this.options.window) : this.options.window
    while (this.oldest && this.oldest.lastSeq <= seq - window) {
      const pending = this.finish(this.oldest)
      if (pending) return pending.then(() => this.finishStale(seq))
    }
    while (this.held.length - this.heldStart > maxHeld) {
      const oldest = resolve(this.held[this.heldStart]!.group)
      if (oldest.finished) break
      const pending = then(this.finish(oldest), () => this.release())
      if (pending) return pending.then(() => this.finishStale(seq))
    }
  }

  private finish(group: OpenGroup): void | Promise<void> {
    this.unlink(group)
    for (const conversation of group.conversations) {
      if (this.byConversation.get(conversation) === group) this.byConversation.delete(conversation)
      this.closedConversations.add(conversation)
    }
    if (group.orderId) {
      const order = orderKey(group.orderId)
      if (this.byOrder.get(order) === group) this.byOrder.delete(order)
      this.closedOrders.add(order)
    }
    group.messages.sort(byTime)
    const finished: Group = {
      key: group.key,
      order_id: group.orderId,
      conversation_ids: group.conversations,
      messages: group.messages,
      now: this.options.now ?? this.latest,
      facts: {}
    }
    return then(this.options.finish(finished), () => {
      group.finished = finished
      group.messages = []
      this.groupsFinished++
    })
  }

  private release(): void | Promise<void> {
    while (this.heldStart < this.held.length) {
      const entry = this.held[this.heldStart]!
      const group = resolve(entry.group).finished
      if (!group) break
      this.held[this.heldStart] = undefined as never
      this.heldStart++
      const pending = this.options.emit(entry.message, group)
      if (pending) return pending.then(() => this.release())
    }
    // Compact the queue now and then instead of shifting on every row.
    if (this.heldStart > 4096 && this.heldStart * 2 > this.held.length) {
      this.held.splice(0, this.heldStart)
      this.heldStart = 0
    }
  }

  /** Finish every open group and release the rest, in input order. */
  async end(): Promise<void> {
    while (this.oldest) await this.finish(this.oldest)
    await this.release()
  }

  /** The latest message time read (UTC ISO), '' when no message had one. */
  get latestTime(): string {
    return this.latest
  }

  get heldRows(): number {
    return this.held.length - this.heldStart
  }
}
