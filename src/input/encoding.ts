// Decides a file's encoding from its first bytes: byte-order mark, then valid UTF-8, then
// UTF-16 without a mark, then chardet limited to the legacy encodings sellers' files come in.
import chardet from 'chardet'
import iconv from 'iconv-lite'

export interface EncodingChoice {
  /** Shown to the user: 'utf-8', 'utf-8-bom', 'utf-16le', 'gb18030', … */
  name: string
  /** The name iconv-lite decodes with. */
  codec: string
  /** How the choice was made, for the summary and `explain`. */
  method: 'forced' | 'bom' | 'valid-utf-8' | 'mostly-utf-8' | 'nul-pattern' | 'detected'
}

/** The legacy encodings we pick among for files that are not UTF-8, by chardet's names. */
const LEGACY: Record<string, string> = {
  'GB18030': 'gb18030',
  'Shift_JIS': 'shift_jis',
  'Big5': 'big5',
  'windows-1252': 'windows-1252',
  // chardet reports Western European text without 0x80–0x9F bytes as ISO-8859-1; Windows-1252 is
  // its superset and what Excel writes.
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-15': 'windows-1252'
}
/** The last tie-break: the most common first among the sellers the tool is for. */
const CANDIDATES = ['gb18030', 'shift_jis', 'big5', 'windows-1252']

/** Whether iconv-lite can decode with this name. */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name)
}

export function chooseEncoding(head: Uint8Array, forced?: string): EncodingChoice {
  if (forced !== undefined) return { name: forced.toLowerCase(), codec: forced, method: 'forced' }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: 'utf-8-bom', codec: 'utf-8', method: 'bom' }
  if (head[0] === 0xff && head[1] === 0xfe) return { name: 'utf-16le', codec: 'utf-16le', method: 'bom' }
  if (head[0] === 0xfe && head[1] === 0xff) return { name: 'utf-16be', codec: 'utf-16be', method: 'bom' }
  // Before the UTF-8 test: UTF-16 text is mostly ASCII bytes and NULs, which is valid UTF-8.
  const utf16 = utf16ByNulPattern(head)
  if (utf16) return { name: utf16, codec: utf16, method: 'nul-pattern' }
  if (isValidUtf8(head)) return { name: 'utf-8', codec: 'utf-8', method: 'valid-utf-8' }
  // A UTF-8 export with a row or two pasted from a legacy encoding is still UTF-8: those rows are
  // rejected, not the whole file decoded as something it is not.
  if (mostlyUtf8(head)) return { name: 'utf-8', codec: 'utf-8', method: 'mostly-utf-8' }
  const legacy = detectLegacy(head)
  return { name: legacy, codec: legacy, method: 'detected' }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Whether the non-ASCII bytes are mostly well-formed UTF-8 sequences: at least two, and at least
 * four times as many as the bytes that fit no sequence. Text in a legacy encoding forms a valid
 * sequence only now and then, by chance.
 */
function mostlyUtf8(head: Uint8Array): boolean {
  const n = completeUtf8Length(head)
  let valid = 0
  let invalid = 0
  for (let i = 0; i < n; ) {
    const b = head[i]!
    if (b < 0x80) {
      i++
      continue
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    let ok = need > 0 && i + need < n
    for (let k = 1; ok && k <= need; k++) ok = (head[i + k]! & 0xc0) === 0x80
    if (ok) {
      valid++
      i += need + 1
    } else {
      invalid++
      i++
    }
  }
  return valid >= 2 && valid >= 4 * invalid
}

/** Valid UTF-8, allowing a sequence cut off at the end of the sample. */
function isValidUtf8(head: Uint8Array): boolean {
  try {
    strictUtf8.decode(head.subarray(0, completeUtf8Length(head)))
    return true
  } catch {
    return false
  }
}

/** The length of `bytes` without a trailing multi-byte sequence that the sample cut short. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back]
    if (b < 0x80) return n
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2
      return need > back ? n - back : n
    }
  }
  return n
}

/**
 * ASCII text in UTF-16 has a NUL in every other byte; a file without a byte-order mark whose
 * even (LE: odd) bytes are mostly NUL is UTF-16.
 */
function utf16ByNulPattern(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, 4096) & ~1
  if (n < 4) return undefined
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++
    if (head[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le'
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be'
  return undefined
}

/**
 * chardet ranks by character statistics, which need more text than many exports' first rows
 * hold. So each candidate decodes the sample and is judged: characters that betray a wrong
 * guess first (replacement characters, C1 controls, half-width katakana, private use, runs of
 * accented Latin letters), then byte pairs a real text of that encoding rarely uses, then
 * chardet's confidence, then the order of CANDIDATES.
 */
function detectLegacy(head: Uint8Array): string {
  // Cut at the last LF: it is a single byte in every candidate, so no sequence is split there.
  const lastLF = head.lastIndexOf(0x0a)
  const sample = Buffer.from(head.buffer, head.byteOffset, lastLF > 0 ? lastLF : head.length)
  const confidence = new Map<string, number>()
  for (const match of chardet.analyse(sample)) {
    const codec = LEGACY[match.name]
    if (codec && !confidence.has(codec)) confidence.set(codec, match.confidence)
  }
  let best = CANDIDATES[0]
  let bestScore: number[] | undefined
  for (const codec of CANDIDATES) {
    const score = [wrongSigns(iconv.decode(sample, codec), codec), rarePairs(sample, codec), -(confidence.get(codec) ?? 0)]
    if (!bestScore || isLess(score, bestScore)) {
      best = codec
      bestScore = score
    }
  }
  return best
}

function isLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i]
  return false
}

/** Characters a correct decoding of a seller's export would not produce. */
function wrongSigns(text: string, codec: string): number {
  let count = 0
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      run = 0
      continue
    }
    run++
    if (c === 0xfffd || c <= 0x9f || (c >= 0xff61 && c <= 0xff9f) || (c >= 0xe000 && c <= 0xf8ff)) count++
    // Western text puts one or two accented letters between ASCII ones; CJK bytes read as
    // Windows-1252 give long runs of them.
    else if (codec === 'windows-1252' && run >= 3) count++
  }
  return count
}

/**
 * Windows-1252 bytes for characters Western European text hardly uses (ƒ ˆ ‰ ‹ › ˜ † ‡ ¤ ¦ ¨ ¯ ¸
 * ¹ ¾ ¬ Ð Þ ð þ) but Shift_JIS lead bytes and GBK/Big5 halves turn into.
 */
const RARE_1252 = new Set([0x83, 0x88, 0x89, 0x8b, 0x9b, 0x98, 0x86, 0x87, 0xa4, 0xa6, 0xa8, 0xaf, 0xb8, 0xb9, 0xbe, 0xac, 0xd0, 0xde, 0xf0, 0xfe])

/**
 * Codes outside the common block of each encoding: GBK's extension and GB18030's four-byte
 * codes, Big5's user-defined and HKSCS leads, Shift_JIS's vendor extensions, and RARE_1252.
 */
function rarePairs(bytes: Uint8Array, codec: string): number {
  let count = 0
  if (codec === 'windows-1252') {
    for (let i = 0; i < bytes.length; i++) if (RARE_1252.has(bytes[i])) count++
    return count
  }
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]
    if (lead < 0x80 || (codec === 'shift_jis' && lead >= 0xa1 && lead <= 0xdf)) {
      i++
      continue
    }
    const trail = bytes[i + 1] ?? 0
    if (codec === 'gb18030') {
      if (trail >= 0x30 && trail <= 0x39) {
        count++
        i += 4
        continue
      }
      if (lead < 0xa1 || trail < 0xa1) count++
    } else if (codec === 'big5') {
      if (lead < 0xa1 || lead > 0xf9) count++
    } else if (lead >= 0xed) {
      count++
    }
    i += 2
  }
  return count
}
