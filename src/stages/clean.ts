// The clean stage: HTML to text, marketplace relay boilerplate and quoted replies removed,
// whitespace folded, and optional masking of personal data.
import { decodeHTML } from 'entities'
import type { Message, Stage } from '../types.js'

export interface CleanOptions {
  /** Steps to run; default all. */
  steps?: Array<'html' | 'amazon-relay' | 'quoted-replies' | 'whitespace'>
  /** Mask emails, phone numbers and street addresses. */
  redact?: boolean
}

const BLOCK_TAG = /<\s*(br|\/p|p|\/div|div|\/li|li|\/tr|tr|hr)\b[^>]*>/gi
const ANY_TAG = /<\/?[a-z][^>]*>/gi
const SCRIPT_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi
const HTML_HINT = /<\s*\/?\s*[a-z][^>]*>|&(#\d+|#x[\da-f]+|[a-z]+);/i

const RELAY_BEGIN = /-{3,}\s*Begin message\s*-{3,}/i
const RELAY_END = /-{3,}\s*End message\s*-{3,}/i
const AMAZON_NOTICES: RegExp[] = [
  /\[commMgrTok:[^\]]*\]/gi,
  /For Your Information:\s*To help arbitrate disputes[\s\S]*?(?:\n\s*\n|$)/gi,
  /To mark this message as no response needed[\s\S]*?(?:\n\s*\n|$)/gi,
  /Was this email helpful\?[\s\S]*$/i,
  /We['’]re sending you this message on behalf of[\s\S]*?(?:\n\s*\n|$)/gi
]
/** One cheap test per message before the specific patterns run (most messages have none). */
const RELAY_HINT = /begin message|commMgrTok|For Your Information|no response needed|Was this email helpful|on behalf of/i
const QUOTE_HINT = /original message|forwarded message|wrote:|schrieb|a écrit|escribió|^from:|^>/im

/** Where a quoted earlier message starts; everything from there on is dropped. */
const QUOTE_STARTS: RegExp[] = [
  /^-{2,}\s*Original message\s*-{2,}/im,
  /^-{2,}\s*Forwarded message\s*-{2,}/im,
  /^\s*On .{4,120}wrote:\s*$/im,
  /^\s*Am .{4,120}schrieb .{1,80}:\s*$/im,
  /^\s*Le .{4,120}a écrit\s*:\s*$/im,
  /^\s*El .{4,120}escribió\s*:\s*$/im,
  /^\s*From:\s.+\n\s*(Sent|Date):\s/im,
  /^(>.*(\n|$)){2,}/m
]

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g
// A phone number may open with its area code in brackets: "(415) 555-0134".
const PHONE = /(?<![\w-])(?:\+|\()?\d[\d\s().-]{7,}\d(?![\w-])/g
/** A house number, with a letter as in "221B". */
const HOUSE = String.raw`\d{1,5}[A-Za-z]?`
/** Words of a street's name. */
const NAME = String.raw`[\p{L}.'’-]+`
/** Street words written after the name (English), or before it (French, Spanish, Portuguese, Malay, Indonesian). */
const STREET_AFTER = 'street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|terrace|crescent'
const STREET_BEFORE = 'rue|avenue|boulevard|bd|chemin|allée|impasse|calle|avenida|rua|jalan|jln|jl'
/** Street words that open a name with the number after it, capitalised as addresses are ("sent via DHL 2 days ago" is none). */
const STREET_OPENING = 'Rue|Calle|Avenida|Via|Viale|Piazza|Corso|Rua|Jalan|Jln|Jl'
/** Street names that end in their street word, the number after them (German, Dutch, Polish, Turkish). */
const STREET_SUFFIX = String.raw`\p{L}*(?:straße|strasse|str\.|weg|gasse|platz|allee|straat|laan|gracht|ulica|caddesi|sokak)`
/** A postcode and town after the street: ", 10115 Berlin", ", 75002 Paris". */
const TOWN = String.raw`(?:,?\s+\d{4,5}\s+\p{Lu}[\p{L}-]+)?`
/** The number first: "12 Main Street", "221B Baker Street", "12 rue de la Paix". */
const ADDRESS_NUMBER_FIRST = new RegExp(
  String.raw`\b${HOUSE},?\s+(?:(?:${NAME}\s+){0,4}(?:${STREET_AFTER})\b\.?|(?:${STREET_BEFORE})\b\.?(?:\s+${NAME}){1,4})${TOWN}`,
  'giu'
)
/** The name first: "Hauptstraße 12", "Calle Mayor 5", "Via Roma 10", "Jalan Ampang 12". */
const ADDRESS_NAME_FIRST = new RegExp(
  String.raw`(?<![\p{L}])(?:${STREET_SUFFIX}|(?:${STREET_OPENING})\.?(?:\s+${NAME}){1,3})\s+(?:[Nn]o\.?\s*)?${HOUSE}\b${TOWN}`,
  'gu'
)

export function htmlToText(text: string): string {
  if (!HTML_HINT.test(text)) return text
  return decodeHTML(text.replace(SCRIPT_STYLE, ' ').replace(BLOCK_TAG, '\n').replace(ANY_TAG, ''))
}

export function stripAmazonRelay(text: string): string {
  if (!RELAY_HINT.test(text)) return text
  let out = text
  const begin = RELAY_BEGIN.exec(out)
  if (begin) {
    out = out.slice(begin.index + begin[0].length)
    const end = RELAY_END.exec(out)
    if (end) out = out.slice(0, end.index)
  }
  for (const notice of AMAZON_NOTICES) out = out.replace(notice, '\n')
  return out
}

export function stripQuotedReplies(text: string): string {
  if (!QUOTE_HINT.test(text)) return text
  let cut = text.length
  for (const start of QUOTE_STARTS) {
    const match = start.exec(text)
    if (match && match.index < cut && match.index > 0) cut = match.index
  }
  return text.slice(0, cut)
}

const NEEDS_FOLDING = /[\u00a0\t\f\v\n]|\s\s|^\s|\s$/

export function foldWhitespace(text: string): string {
  if (!NEEDS_FOLDING.test(text)) return text
  return text.replace(/\u00a0/g, ' ').replace(/[ \t\f\v]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim()
}

export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]').replace(ADDRESS_NUMBER_FIRST, '[address]').replace(ADDRESS_NAME_FIRST, '[address]')
}

export function cleanText(text: string, options: CleanOptions = {}): string {
  const steps = new Set(options.steps ?? ['html', 'amazon-relay', 'quoted-replies', 'whitespace'])
  let out = text
  if (steps.has('html')) out = htmlToText(out)
  if (steps.has('amazon-relay')) out = stripAmazonRelay(out)
  if (steps.has('quoted-replies')) out = stripQuotedReplies(out)
  if (steps.has('whitespace')) out = foldWhitespace(out)
  if (options.redact) out = redact(out)
  return out
}

export const cleanStage: Stage<CleanOptions> = {
  name: 'clean',
  reads: ['raw_text'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      steps: { type: 'array', items: { enum: ['html', 'amazon-relay', 'quoted-replies', 'whitespace'] } },
      redact: { type: 'boolean' }
    }
  },
  create(options) {
    return (batch: Message[]) => {
      for (const message of batch) message.text = cleanText(message.raw_text, options)
    }
  }
}
