// Writes samples/ from scripts/samples/scenarios.yaml: the Amazon, Shopee and Shopify exports,
// their order files, expected.json (what a careful CS lead expects) and README.md.
// Deterministic: ids and jitter come from generators seeded by scenario ids.
// Run: npx tsx scripts/make-samples.ts          (writes samples/)
//      npx tsx scripts/make-samples.ts --check  (exit 1 when samples/ is not what the scenarios generate)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { buildAmazon } from './samples/amazon.js'
import type { PlatformOutput } from './samples/common.js'
import { loadScenarios, type Platform, type Scenario } from './samples/model.js'
import { renderReadme } from './samples/readme.js'
import { buildShopee } from './samples/shopee.js'
import { buildShopify } from './samples/shopify.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const scenarioFile = join(root, 'scripts/samples/scenarios.yaml')
const riskFile = join(root, 'rules/risk.yaml')
const outDir = join(root, 'samples')

// What issue #2 asks of every export.
const MIN_MESSAGES = 150
const MIN_LANGUAGES = 4

function riskSignals(): Set<string> {
  const risk = parse(readFileSync(riskFile, 'utf8')) as { signals: Array<{ id: string }> }
  return new Set(risk.signals.map((signal) => signal.id))
}

/** Writes the file, or with `check` only reports whether it differs from what is on disk. */
function emit(path: string, content: string, check: boolean, stale: string[]): void {
  if (!check) {
    writeFileSync(path, content)
    return
  }
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined
  if (current !== content) stale.push(path)
}

function main(check: boolean): number {
  const signals = riskSignals()
  const file = loadScenarios(scenarioFile, signals)
  const byPlatform = (platform: Platform): Scenario[] => file.scenarios.filter((scenario) => scenario.platform === platform)
  const outputs: Record<Platform, PlatformOutput> = {
    amazon: buildAmazon(file, byPlatform('amazon')),
    shopee: buildShopee(file, byPlatform('shopee')),
    shopify: buildShopify(file, byPlatform('shopify'))
  }
  const problems: string[] = []
  for (const [platform, output] of Object.entries(outputs)) {
    if (output.textRows < MIN_MESSAGES) problems.push(`${platform}: ${output.textRows} buyer and seller text messages, at least ${MIN_MESSAGES} needed; add scenarios`)
    if (output.languages.size < MIN_LANGUAGES) problems.push(`${platform}: buyers write in ${output.languages.size} languages, at least ${MIN_LANGUAGES} needed`)
  }
  const used = new Set(file.scenarios.flatMap((scenario) => scenario.expected.signals))
  const unused = [...signals].filter((signal) => !used.has(signal))
  if (unused.length > 0) problems.push(`no scenario exercises the risk signals ${unused.join(', ')}; add one`)

  const stale: string[] = []
  if (!check) mkdirSync(outDir, { recursive: true })
  for (const output of Object.values(outputs)) {
    for (const { name, content } of output.files) emit(join(outDir, name), content, check, stale)
  }
  const expected = {
    reference_time: new Date(file.referenceTime).toISOString().replace('.000Z', 'Z'),
    generated_by: 'scripts/make-samples.ts from scripts/samples/scenarios.yaml',
    orders: Object.values(outputs).flatMap((output) => output.expected)
  }
  emit(join(outDir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`, check, stale)
  const template = readFileSync(join(root, 'scripts/samples/README.template.md'), 'utf8')
  emit(join(outDir, 'README.md'), renderReadme(template, outputs), check, stale)
  for (const path of stale) problems.push(`${relative(root, path)} is not what scripts/samples/scenarios.yaml generates; run npx tsx scripts/make-samples.ts`)

  for (const [platform, output] of Object.entries(outputs)) {
    const calm = output.expected.filter((entry) => entry.calm).length
    console.log(
      `${platform}: ${output.rows} rows (${output.textRows} buyer/seller texts), ${output.expected.length} conversations (${calm} calm), languages ${[...output.languages].sort().join(' ')}`
    )
  }
  for (const problem of problems) console.error(`make-samples: ${problem}`)
  return problems.length > 0 ? 1 : 0
}

process.exitCode = main(process.argv.includes('--check'))
