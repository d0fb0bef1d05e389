// `inbox-triage profiles`: the source and order-file profiles and how each is recognised.
import { Command } from 'commander'
import { orderProfiles, type OrderProfile } from '../input/orders.js'
import { builtinProfiles, headerKey, type Profile } from '../input/profiles.js'
import type { CliIo } from './io.js'

export function commandProfiles(io: CliIo): Command {
  return new Command('profiles')
    .description('list source profiles and how each is detected')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExample:\n  $ inbox-triage profiles\n  Shows each profile, the columns that identify it, and the aliases of each field.')
    .action((options: { format: string }) => {
      const profiles = builtinProfiles()
      const orders = orderProfiles()
      if (options.format === 'json') {
        io.stdout.write(`${JSON.stringify({ sources: profiles, orders }, null, 2)}\n`)
        return
      }
      io.stdout.write(profilesText(profiles, orders))
    })
}

const SOURCE_INDENT = ' '.repeat(13)
const ORDER_INDENT = ' '.repeat(18)

function profilesText(profiles: Profile[], orders: OrderProfile[]): string {
  const lines: string[] = [
    'Source profiles (detected from the header row; force with --source NAME).',
    'Each field reads the first of its header aliases the file has; letter case does not matter, and _ and - count as spaces.'
  ]
  for (const profile of profiles) {
    const signature = profile.detect.signature.map((field) => profile.fields[field]?.[0] ?? field)
    lines.push('', `  ${profile.name.padEnd(10)} ${profile.description ?? ''}`.trimEnd(), `${SOURCE_INDENT}needs: ${signature.join(', ')}`)
    lines.push(...aliasLines(Object.entries(profile.fields), SOURCE_INDENT))
  }
  lines.push('', 'Order files (--orders FILE, detected from the header row; joined to messages by the key column).')
  for (const profile of orders) {
    const signature = profile.detect.signature.map((field) => (field === 'key' ? profile.key[0] : profile.fields[field]?.[0]) ?? field)
    lines.push('', `  ${profile.name.padEnd(15)} ${profile.description ?? ''}`.trimEnd(), `${ORDER_INDENT}needs: ${signature.join(', ')}`)
    lines.push(...aliasLines([['key', profile.key], ...Object.entries(profile.fields)], ORDER_INDENT))
  }
  return `${lines.join('\n')}\n`
}

/** One line per field: its name, then its aliases, each spelling that matches differently once. */
function aliasLines(fields: Array<[string, string[]]>, indent: string): string[] {
  let width = 0
  for (const [field] of fields) width = Math.max(width, field.length)
  return fields.map(([field, aliases]) => `${indent}${field.padEnd(width)}  ${distinctAliases(aliases).join(', ')}`)
}

function distinctAliases(aliases: string[]): string[] {
  const seen = new Set<string>()
  const kept: string[] = []
  for (const alias of aliases) {
    const key = headerKey(alias)
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(alias)
  }
  return kept
}
