// Terminal column width of text: East Asian wide characters take two columns, combining marks
// none, so that Japanese, Chinese or Thai messages still fit the 80-column summary.

function charWidth(code: number): number {
  if (code < 0x300) return code < 0x20 ? 0 : 1
  // Combining marks (Latin, Thai vowel and tone marks, variation selectors, zero-width joiner).
  if ((code >= 0x300 && code <= 0x36f) || code === 0xe31 || (code >= 0xe34 && code <= 0xe3a) || (code >= 0xe47 && code <= 0xe4e)) return 0
  if (code === 0x200b || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return 0
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2
  }
  return 1
}

export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += charWidth(char.codePointAt(0)!)
  return width
}

/** Whitespace folded, then cut to at most `width` columns, ending in `…` when cut. */
export function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (displayWidth(flat) <= width) return flat
  let out = ''
  let used = 0
  for (const char of flat) {
    const w = charWidth(char.codePointAt(0)!)
    if (used + w > width - 1) break
    out += char
    used += w
  }
  return `${out}…`
}

/** Pads to `width` columns on the right (or the left with `start`). */
export function pad(text: string, width: number, start = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return start ? fill + text : text + fill
}
