// Streams messages into groups (an order with its conversations, or an orderless conversation),
// finishes a group when it has not been seen for `window` rows, and releases messages in input
// order once their group is finished. Memory: the window plus the open groups.
import { orderKey } from '../input/orders.js'
import type { Group, Message } from '../types.js'
import { RecentKeys } from './recent-keys.js'

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
  /** Held rows after which the oldest row's group is finished early, whatever the window. */
  maxHeld: number
  /** Fixed reference time; otherwise the latest message time read so far. */
  now?: string
  finish(group: Group): Promise<void> | void
  emit(message: Message, group: Group): Promise<void> | void
}

/** Finished conversations remembered at least (in two generations of this many). */
const CLOSED_CONVERSATIONS = 500_000

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
  private readonly closedConversations = new RecentKeys(CLOSED_CONVERSATIONS)
  private latest = ''
  private lastSeq = -1
  /** Conversations whose rows lay further apart than the window: scored in parts. */
  splitConversations = 0
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
    if (this.closedConversations.has(message.conversation_id)) this.splitConversations++
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
    group.messages.push(message)
    this.touch(group, message.seq)
    this.held.push({ message, group })
    const pending = this.finishStale(message.seq)
    return pending ? pending.then(() => this.release()) : this.release()
  }

  private finishStale(seq: number): void | Promise<void> {
    const { window, maxHeld } = this.options
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
    if (group.orderId && this.byOrder.get(orderKey(group.orderId)) === group) this.byOrder.delete(orderKey(group.orderId))
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
