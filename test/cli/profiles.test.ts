// `profiles`: each profile with the columns that identify it and the header aliases of each field.
import { describe, expect, test } from '@jest/globals'
import { orderProfiles } from '../../src/input/orders.js'
import { builtinProfiles } from '../../src/input/profiles.js'
import { cli } from '../helpers/cli.js'

interface Listed {
  needs: string[]
  /** Field → the aliases on its line. */
  fields: Map<string, string[]>
}

/** The text output read back: profile name → what its block lists. */
function parseListing(text: string): Map<string, Listed> {
  const listed = new Map<string, Listed>()
  let current: Listed | undefined
  for (const line of text.split('\n')) {
    const head = /^ {2}(\S+)/.exec(line)
    if (head !== null) {
      current = { needs: [], fields: new Map() }
      listed.set(head[1]!, current)
      continue
    }
    const needs = /^ +needs: (.+)$/.exec(line)
    if (needs !== null && current !== undefined) {
      current.needs = needs[1]!.split(', ')
      continue
    }
    const field = /^ {13,}([a-z_]+) {2,}(\S.*)$/.exec(line)
    if (field !== null && current !== undefined) current.fields.set(field[1]!, field[2]!.split(', '))
    if (line === '') current = undefined
  }
  return listed
}

describe('profiles', () => {
  let listing: Map<string, Listed>
  beforeAll(async () => {
    const result = await cli(['profiles'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    listing = parseListing(result.stdout)
  })

  test.each([
    { profile: 'amazon', field: 'text', alias: 'Message Body' },
    { profile: 'amazon', field: 'order_id', alias: 'amazon-order-id' },
    { profile: 'zendesk', field: 'text', alias: 'Comment' },
    { profile: 'generic', field: 'created_at', alias: 'sent_at' },
    { profile: 'shopee', field: 'order_id', alias: 'order_sn' },
    { profile: 'shopee-orders', field: 'key', alias: 'Order SN' },
    { profile: 'amazon-orders', field: 'delivered_at', alias: 'actual-delivery-date' },
    { profile: 'shopify-orders', field: 'shipment_status', alias: 'Fulfillment: Shipment Status' }
  ])('$profile lists `$alias` under $field', ({ profile, field, alias }) => {
    expect(listing.get(profile)?.fields.get(field)).toContain(alias)
  })

  test('every field of every profile is listed with every alias that matches differently', () => {
    for (const profile of builtinProfiles()) expect([...listing.get(profile.name)!.fields.keys()]).toEqual(Object.keys(profile.fields))
    for (const profile of orderProfiles()) expect([...listing.get(profile.name)!.fields.keys()]).toEqual(['key', ...Object.keys(profile.fields)])
    // `thread_id` matches the same headers as `Thread ID`: listed once.
    expect(listing.get('amazon')!.fields.get('conversation_id')).toEqual(['Thread ID', 'ThreadId', 'Conversation ID'])
  })

  test('the columns a profile needs are named by their first alias', () => {
    expect(listing.get('amazon')!.needs).toEqual(['Sender Role', 'Order ID', 'Subject', 'Body', 'Date'])
    expect(listing.get('amazon-returns')!.needs).toEqual(['Order ID', 'Return request status', 'A-to-Z Claim'])
  })

  test('--format json gives the profile data as loaded', async () => {
    const result = await cli(['profiles', '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify({ sources: builtinProfiles(), orders: orderProfiles() })))
  })
})
