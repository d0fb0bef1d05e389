// `inbox-triage profiles`: the source and order-file profiles and how each is recognised.
import { Command } from 'commander'
import { orderProfiles } from '../input/orders.js'
import { builtinProfiles } from '../input/profiles.js'
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
      const lines: string[] = ['Source profiles (detected from the header row; force with --source NAME):', '']
      for (const profile of profiles) {
        const signature = profile.detect.signature.map((field) => profile.fields[field]?.[0] ?? field)
        lines.push(`  ${profile.name.padEnd(10)} ${profile.description ?? ''}`, `             needs: ${signature.join(', ')}`)
      }
      lines.push('', 'Order files (--orders FILE, detected from the header row):', '')
      for (const profile of orders) {
        lines.push(`  ${profile.name.padEnd(15)} ${profile.description ?? ''}; key ${profile.key[0]}`)
      }
      io.stdout.write(`${lines.join('\n')}\n`)
    })
}
