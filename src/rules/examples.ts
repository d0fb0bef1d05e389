// Executing the examples of every rule: `match` texts must be hit by the rule, `no_match` texts
// must not. A failure is a problem placed on the example's own line.
import type { CompiledRule, IntentPack } from './pack.js'
import { matchIntents } from './match.js'
import type { RuleProblem } from './problems.js'

export interface RuleExampleResult {
  rule: CompiledRule
  passed: number
  failures: RuleProblem[]
}

export function runRuleExamples(pack: IntentPack, rule: CompiledRule): RuleExampleResult {
  const failures: RuleProblem[] = []
  let passed = 0
  const lang = rule.languages[0]
  for (const example of rule.examples.match) {
    const hits = matchIntents(pack, example.text, lang)
    if (hits.some((hit) => hit.rule === rule.id)) {
      passed++
      continue
    }
    failures.push({
      location: example.location,
      ruleId: 'example-failed',
      severity: 'error',
      message: `\`${rule.id}\` does not match its example ${quote(example.text)}`,
      hint: hits.length > 0 ? `It is matched by ${hits.map((hit) => hit.rule).join(', ')}; widen this rule or move the example.` : 'Widen the matcher (folded text: lower case, no accents, repeated letters once) or fix the example.',
      intentRule: rule.id
    })
  }
  for (const example of rule.examples.noMatch) {
    const hit = matchIntents(pack, example.text, lang).find((candidate) => candidate.rule === rule.id)
    if (hit === undefined) {
      passed++
      continue
    }
    failures.push({
      location: example.location,
      ruleId: 'example-failed',
      severity: 'error',
      message: `\`${rule.id}\` matches its no_match example ${quote(example.text)} at ${quote(hit.span.text)}`,
      hint: 'Narrow the matcher, e.g. add a `not:` for the words that make this text different.',
      intentRule: rule.id
    })
  }
  return { rule, passed, failures }
}

export function runAllExamples(pack: IntentPack): RuleExampleResult[] {
  return pack.rules.map((rule) => runRuleExamples(pack, rule))
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)
}
