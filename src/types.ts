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
  /** Minutes east of UTC the export wrote beside the time (`+0200`): the shop's local time. */
  local_offset?: number
  subject: string
  /** The raw text as read from the file (before clean-up). */
  raw_text: string
  /** The cleaned text, written by the clean stage. */
  text: string
  content_type: ContentType
  order_status?: string
  delivery_status?: string
  return_status?: string
  /** A marketplace claim (A-to-z) on the order, from the order files. */
  claim_status?: string
  /** When the order file says the order was delivered (UTC ISO), if known. */
  delivered_at?: string

  /** The input row's cells as read, for writing it back untouched; `input_table` indexes the run's inputs. */
  input_cells?: string[]
  input_table?: number
  /** The message's part of its annotated CSV row, when the pipeline renders rows (`csvRows`); the input cells are then dropped. */
  csv_part?: string

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

/** A transform of a batch of messages: writes into message fields. */
export type Transform = (batch: Message[]) => void | Promise<void>

/**
 * One finished order (all its conversations) or orderless conversation: what group stages see.
 * `messages` are sorted by time (input order breaks ties).
 */
export interface Group {
  key: string
  order_id: string
  conversation_ids: string[]
  messages: Message[]
  /** Reference time for waiting clocks (UTC ISO). */
  now: string
  /** Facts written by group stages, by stage name (e.g. `facts.conversation`). */
  facts: Record<string, unknown>
  /** Written by the risk stage. */
  risk?: OrderRisk
}

export type GroupTransform = (group: Group) => void | Promise<void>

interface StageBase {
  name: string
  /** JSON Schema of the options, validated before the run starts. */
  optionsSchema?: object
}

/** A message stage gets batches of messages in input order. */
export interface MessageStage<Options = Record<string, unknown>> extends StageBase {
  scope?: 'message'
  /**
   * The message fields it reads, besides those earlier message stages write. Worker threads
   * are sent only the fields the message stages read; a stage that does not say gets them all.
   */
  reads?: Array<keyof Message>
  create(options: Options, context: RunContext): Transform | Promise<Transform>
}

/** A group stage gets each finished group once. */
export interface GroupStage<Options = Record<string, unknown>> extends StageBase {
  scope: 'group'
  create(options: Options, context: RunContext): GroupTransform | Promise<GroupTransform>
}

export type Stage<Options = Record<string, unknown>> = MessageStage<Options> | GroupStage<Options>
