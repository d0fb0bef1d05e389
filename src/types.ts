// The shared vocabulary of the engine: the normalised message, stages, hits and risk.

/** Where a rule-file problem is: 1-based line and column. */
export interface FileLocation {
  file: string
  line: number
  column: number
}

/** Where an input row is: `row` is the 1-based physical line the record starts on. */
export interface RowLocation {
  file: string
  row: number
}

export type SenderRole = 'buyer' | 'seller' | 'marketplace' | 'bot' | 'system'
export type ContentType = 'text' | 'image' | 'sticker' | 'order' | 'event'

/** A span of the cleaned text, as UTF-16 offsets into `Message.text`. */
export interface Span {
  start: number
  end: number
  text: string
}

export interface IntentHit {
  intent: string
  rule: string
  weight: number
  span: Span
}

export interface LanguageDecision {
  /** BCP 47 primary subtag (`en`, `zh`, `tl`) or `und`. */
  lang: string
  /** 0..1 */
  confidence: number
  /** Which layer decided: `script`, `lexicon`, `franc`, `conversation`, `prior`, `forced`, `none`. */
  method: string
  /** Runner-up candidates with scores, best first, for `explain`. */
  candidates?: Array<{ lang: string; score: number }>
  /** Script detail, e.g. `Hans` / `Hant` for Chinese. */
  script?: string
}

export interface SentimentResult {
  /** In [-1, 1]. */
  score: number
  label: 'positive' | 'neutral' | 'negative'
  urgent: boolean
  /** Lexicon and heuristic hits for `explain` and `reasons`. */
  hits: Array<{ term: string; valence: number; modifiers?: string[]; span?: Span }>
  urgencyReasons?: string[]
}

/** The normalised message every stage reads and writes. */
export interface Message {
  /** Position in the run's whole input stream, 0-based; output order follows it. */
  seq: number
  source: string
  source_file: string
  source_row: number
  conversation_id: string
  message_id: string
  order_id: string
  /** Set when the order id looks damaged by a spreadsheet (1.11737E+16): never joined. */
  order_id_suspect?: boolean
  marketplace: string
  sender_role: SenderRole
  /** UTC ISO 8601, or '' when the row had no usable timestamp. */
  created_at: string
  /** True when the input carried no zone and one was assumed. */
  created_at_zone_assumed?: boolean
  subject: string
  /** The raw text as read from the file (before clean-up). */
  raw_text: string
  /** The cleaned text, written by the clean stage. */
  text: string
  content_type: ContentType
  order_status?: string
  delivery_status?: string
  return_status?: string
  /** When the order file says the order was delivered (UTC ISO), if known. */
  delivered_at?: string

  // Written by stages.
  language?: LanguageDecision
  intents?: IntentHit[]
  /** The primary intent id, or `other`. */
  intent?: string
  sentiment?: SentimentResult
  /** Per-row conversation facts, e.g. `chaser_index`; stage-specific keys. */
  conversation?: Record<string, unknown>
  /** Free slot for user stages: `data[stageName] = …`. */
  data?: Record<string, unknown>
}

export interface RiskReason {
  /** Signal id from the risk rule file, e.g. `not-received-while-delivered`. */
  signal: string
  kind: 'dispute' | 'return'
  points: number
  /** Plain words for the user. */
  text: string
}

export type RiskLevel = 'none' | 'low' | 'medium' | 'high'
export type Priority = 'P1' | 'P2' | 'P3' | 'P4'

/** One order (or orderless conversation) with its risk: a row of the order-risk sheet. */
export interface OrderRisk {
  key: string
  order_id: string
  conversation_ids: string[]
  source: string
  marketplace: string
  buyer_messages: number
  last_buyer_message_at: string
  /** Hours the last buyer message has waited for a seller answer at the run's `now`; null when answered. */
  hours_unanswered: number | null
  first_response_hours: number | null
  dispute_score: number
  dispute_risk: RiskLevel
  return_score: number
  return_risk: RiskLevel
  priority: Priority
  top_intents: string[]
  reasons: RiskReason[]
  suggested_action: string
  last_buyer_message: string
}

/** What every stage gets besides its options. */
export interface RunContext {
  /** Reference time for waiting clocks (UTC ISO): latest message time in the input, or `--now`. */
  now?: string
  /** Directory of the built-in `rules/`. */
  rulesDir: string
  /** Allowed languages for detection and rules. */
  languages: string[]
  /** Collect a warning for the summary / stderr. */
  warn(message: string): void
  /** Shared, read-only resources loaded before the run (rule packs, lexicons, risk model). */
  resources: Record<string, unknown>
}

/** A transform of a batch: writes into message fields. */
export type Transform = (batch: Message[]) => void | Promise<void>

/**
 * A group stage sees whole conversations and orders once their messages are all in:
 * it gets the messages of one group (in time order) and returns order-level results.
 */
export interface Stage<Options = Record<string, unknown>> {
  name: string
  /** `message`: called on batches of messages; `group`: called on complete groups. */
  scope?: 'message' | 'group'
  optionsSchema?: object
  create(options: Options, context: RunContext): Transform | Promise<Transform>
}
