// Parses the timestamp shapes exports use into UTC ISO strings, noting when a zone was assumed.

export interface ParsedTime {
  iso: string
  zoneAssumed: boolean
  /** Minutes east of UTC, when the value wrote a numeric offset (`+02:00`): the writer's local time. */
  offset?: number
}

export type TimeFormat = 'auto' | 'unix-seconds' | 'unix-ms' | 'dmy' | 'mdy'

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i

/** `+02:00`, `-0530`, `Z` → minutes east of UTC. */
export function offsetMinutes(zone: string): number {
  // Most exports write UTC times with a Z: no expression to run for them.
  if (zone === 'Z' || /^(z|utc|gmt)$/i.test(zone)) return 0
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

function fromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  zone: string | undefined,
  assumedZone: string
): ParsedTime | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined
  const offset = offsetMinutes(zone ?? assumedZone)
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000
  if (Number.isNaN(time)) return undefined
  const parsed: ParsedTime = { iso: new Date(time).toISOString(), zoneAssumed: zone === undefined }
  // A numeric offset (`+02:00`) tells the writer's local time; a name (Z, UTC, GMT) does not.
  if (zone !== undefined && (zone[0] === '+' || zone[0] === '-')) parsed.offset = offset
  return parsed
}

/** Returns undefined when the value is not a time this parser understands. */
export function parseTimestamp(value: string, format: TimeFormat = 'auto', assumedZone = 'UTC'): ParsedTime | undefined {
  const text = value.trim()
  if (!text) return undefined
  if (/^\d{9,13}(\.\d+)?$/.test(text)) {
    const number = Number(text)
    const ms = format === 'unix-ms' || (format !== 'unix-seconds' && number > 1e11) ? number : number * 1000
    return { iso: new Date(ms).toISOString(), zoneAssumed: false }
  }
  let match = ISO_LIKE.exec(text)
  if (match) {
    const millis = match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0
    return fromParts(
      Number(match[1]), Number(match[2]), Number(match[3]),
      Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0), millis,
      match[8], assumedZone
    )
  }
  match = SLASHED.exec(text)
  if (match) {
    const first = Number(match[1])
    const second = Number(match[2])
    // Day-first unless told otherwise or impossible: most exports outside the US are day-first.
    const monthFirst = format === 'mdy' || (format !== 'dmy' && first <= 12 && second > 12)
    let hour = Number(match[4] ?? 0)
    const meridiem = match[7]?.toLowerCase()
    if (meridiem === 'pm' && hour < 12) hour += 12
    if (meridiem === 'am' && hour === 12) hour = 0
    return fromParts(
      Number(match[3]), monthFirst ? first : second, monthFirst ? second : first,
      hour, Number(match[5] ?? 0), Number(match[6] ?? 0), 0, match[8], assumedZone
    )
  }
  const parsed = Date.parse(text)
  if (Number.isNaN(parsed)) return undefined
  return { iso: new Date(parsed).toISOString(), zoneAssumed: !/(z|utc|gmt|[+-]\d{2}:?\d{2})\s*$/i.test(text) }
}
