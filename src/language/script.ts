// Unicode script of a UTF-16 code unit, by ranges: the first and cheapest layer of detection.

export const Script = {
  None: 0,
  Latin: 1,
  Han: 2,
  Kana: 3,
  Hangul: 4,
  Thai: 5,
  Arabic: 6,
  Cyrillic: 7,
  Greek: 8,
  Hebrew: 9,
  Devanagari: 10,
  /** A letter of any other script. */
  Other: 11,
  /** A combining mark: the text is not in NFC (decomposed accents). */
  Mark: 12
} as const
export type Script = (typeof Script)[keyof typeof Script]

/** How many Script values there are, for count arrays. */
export const SCRIPT_COUNT = 13

/** ISO 15924 codes for `LanguageDecision.script`. */
export const SCRIPT_CODES: Readonly<Partial<Record<Script, string>>> = {
  [Script.Latin]: 'Latn',
  [Script.Han]: 'Hani',
  [Script.Kana]: 'Jpan',
  [Script.Hangul]: 'Kore',
  [Script.Thai]: 'Thai',
  [Script.Arabic]: 'Arab',
  [Script.Cyrillic]: 'Cyrl',
  [Script.Greek]: 'Grek',
  [Script.Hebrew]: 'Hebr',
  [Script.Devanagari]: 'Deva',
  [Script.Other]: 'Zyyy'
}

const LETTER = /\p{L}/u

export function scriptOf(code: number): Script {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? Script.Latin : Script.None
  }
  if (code < 0x250) return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 ? Script.Latin : Script.None
  if (code >= 0x300 && code < 0x370) return Script.Mark
  if (code >= 0x1e00 && code < 0x1f00) return Script.Latin
  if (code >= 0x4e00 && code < 0xa000) return Script.Han
  if (code >= 0xac00 && code < 0xd7b0) return Script.Hangul
  if (code >= 0x3040 && code < 0x3100) return code === 0x30fb || code === 0x30fc ? Script.None : Script.Kana
  if (code >= 0x0e00 && code < 0x0e80) return (code >= 0x0e01 && code <= 0x0e3a) || (code >= 0x0e40 && code <= 0x0e4e) ? Script.Thai : Script.None
  if (code >= 0x0600 && code < 0x0700) return code >= 0x0660 && code <= 0x066d ? Script.None : Script.Arabic
  if (code >= 0x0400 && code < 0x0530) return Script.Cyrillic
  if (code >= 0x0370 && code < 0x0400) return Script.Greek
  if (code >= 0x0590 && code < 0x0600) return Script.Hebrew
  if (code >= 0x0900 && code < 0x0980) return Script.Devanagari
  if (code >= 0x3400 && code < 0x4dc0) return Script.Han
  if (code >= 0xf900 && code < 0xfb00) return Script.Han
  if (code >= 0x1100 && code < 0x1200) return Script.Hangul
  if (code >= 0x3130 && code < 0x3190) return Script.Hangul
  if (code >= 0x31f0 && code < 0x3200) return Script.Kana
  if (code >= 0xff66 && code < 0xffa0) return Script.Kana
  if (code >= 0xff21 && code < 0xff5b) return code <= 0xff3a || code >= 0xff41 ? Script.Latin : Script.None
  if (code >= 0x0750 && code < 0x0780) return Script.Arabic
  if (code >= 0xfb50 && code < 0xfe00) return Script.Arabic
  if (code >= 0xfe70 && code < 0xff00) return Script.Arabic
  // Supplementary Han (extensions B and later) arrives as a high surrogate in D840..D8BF.
  if (code >= 0xd840 && code < 0xd8c0) return Script.Han
  if (code >= 0xd800 && code < 0xe000) return Script.None
  return LETTER.test(String.fromCharCode(code)) ? Script.Other : Script.None
}
