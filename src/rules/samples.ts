// Annotated sample files (`*.samples.txt`): a line `# expect: <intent>` or `# ok: <intent>`
// before a message says the message must (or must not) get that intent; `# lang: xx` sets the
// language of the messages below it (default: the folder name when it is a language code).
import { readFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { FileLocation } from '../types.js'
import { matchIntents } from './match.js'
import type { IntentPack } from './pack.js'
import type { RuleProblem } from './problems.js'

export interface SampleCase {
  text: string
  lang: string
  expect: string[]
  ok: string[]
  location: FileLocation
}

export interface SampleParse {
  cases: SampleCase[]
  problems: RuleProblem[]
}

const DIRECTIVE = /^#\s*(expect|ok|lang)\s*:\s*(.*?)\s*$/

export function parseSamples(file: string, text: string, knownLanguages: ReadonlySet<string>): SampleParse {
  const folder = basename(dirname(file))
  let lang = knownLanguages.has(folder) ? folder : 'und'
  let expect: string[] = []
  let ok: string[] = []
  let pendingLine = 0
  const cases: SampleCase[] = []
  const problems: RuleProblem[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '') continue
    const directive = DIRECTIVE.exec(line)
    if (directive !== null) {
      const [, kind, value] = directive
      if (kind === 'lang') {
        if (!knownLanguages.has(value)) problems.push(sampleProblem(file, i + 1, `unknown language code \`${value}\``, 'Use a code declared under `languages:` in the pack, e.g. `en`.'))
        lang = value
        continue
      }
      const ids = value.split(/[;,\s]+/).filter((id) => id.length > 0)
      if (ids.length === 0) problems.push(sampleProblem(file, i + 1, `\`# ${kind}:\` names no intent`, 'Write e.g. `# expect: order/status`.'))
      if (kind === 'expect') expect.push(...ids)
      else ok.push(...ids)
      if (pendingLine === 0) pendingLine = i + 1
      continue
    }
    if (line.startsWith('#')) continue
    if (expect.length > 0 || ok.length > 0) {
      cases.push({ text: line, lang, expect, ok, location: { file, line: pendingLine, column: 1 } })
    }
    expect = []
    ok = []
    pendingLine = 0
  }
  if (pendingLine !== 0) problems.push(sampleProblem(file, pendingLine, 'annotation without a message after it', 'Put the message on the line after the annotation.'))
  return { cases, problems }
}

export async function readSamples(file: string, knownLanguages: ReadonlySet<string>): Promise<SampleParse> {
  return parseSamples(file, await readFile(file, 'utf8'), knownLanguages)
}

export interface SampleResult {
  sample: SampleCase
  intents: string[]
  failures: RuleProblem[]
}

/** `expect: other` passes when nothing matches; any other id must be among the hits. */
export function runSample(pack: IntentPack, sample: SampleCase): SampleResult {
  const hits = matchIntents(pack, sample.text, sample.lang)
  const intents = [...new Set(hits.map((hit) => hit.intent))]
  const failures: RuleProblem[] = []
  for (const id of sample.expect) {
    const passed = id === 'other' ? intents.length === 0 : intents.includes(id)
    if (passed) continue
    failures.push(sampleProblem(sample.location.file, sample.location.line, `expected ${id} for ${JSON.stringify(sample.text)}, got ${intents.join(', ') || 'other'}`, 'Add or widen a rule for it, or fix the annotation.', 'error', 'sample-failed'))
  }
  for (const id of sample.ok) {
    const hit = id === 'other' ? hits[0] : hits.find((candidate) => candidate.intent === id)
    if (hit === undefined) continue
    failures.push(sampleProblem(sample.location.file, sample.location.line, `${JSON.stringify(sample.text)} must not get ${id}, but rule ${hit.rule} matched ${JSON.stringify(hit.span.text)}`, 'Narrow that rule with `not:`, or fix the annotation.', 'error', 'sample-failed', hit.rule))
  }
  return { sample, intents, failures }
}

function sampleProblem(file: string, line: number, message: string, hint: string, severity: 'error' | 'warning' = 'error', ruleId = 'sample-syntax', intentRule?: string): RuleProblem {
  return { location: { file, line, column: 1 }, ruleId, severity, message, hint, intentRule }
}
