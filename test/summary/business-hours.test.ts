// The shipped business hours: each market judged in its own zone, Monday to Friday 09:00-18:00.
import { describe, expect, test } from '@jest/globals'
import { defaultConfig } from '../../src/pipeline/config.js'
import { createHoursClock, type ConversationOptions } from '../../src/stages/conversation.js'

const options = defaultConfig().pipeline.find((entry) => entry.stage === 'conversation')?.options as ConversationOptions
const clock = createHoursClock(options.businessHours)

describe('default business hours', () => {
  test.each([
    // Monday 2026-11-23, 07:30 UTC.
    { marketplace: 'amazon.de', at: '2026-11-23T07:30:00Z', outside: true }, // 08:30 Berlin
    { marketplace: 'amazon.de', at: '2026-11-23T08:30:00Z', outside: false }, // 09:30 Berlin
    { marketplace: 'TH', at: '2026-11-23T07:30:00Z', outside: false }, // 14:30 Bangkok
    { marketplace: 'th', at: '2026-11-23T11:30:00Z', outside: true }, // 18:30 Bangkok; keys ignore case
    { marketplace: 'VN', at: '2026-11-23T01:30:00Z', outside: true }, // 08:30 Ho Chi Minh City
    { marketplace: 'VN', at: '2026-11-23T02:30:00Z', outside: false }, // 09:30 Ho Chi Minh City
    { marketplace: 'BR', at: '2026-11-23T12:30:00Z', outside: false }, // 09:30 São Paulo
    { marketplace: 'amazon.com', at: '2026-11-23T13:30:00Z', outside: true }, // 08:30 New York
    { marketplace: 'amazon.co.jp', at: '2026-11-21T03:00:00Z', outside: true }, // Saturday noon in Tokyo
    { marketplace: 'Online Store', at: '2026-11-23T08:30:00Z', outside: true } // a Shopify channel: the default zone, UTC
  ])('$marketplace at $at: outside $outside', ({ marketplace, at, outside }) => {
    expect(clock.isOutside(at, marketplace)).toBe(outside)
  })

  test('every marketplace zone is a zone this Node knows', () => {
    const zones = Object.values(options.businessHours?.marketplaces ?? {}).map((hours) => hours.zone!)
    expect(zones.length).toBeGreaterThan(20)
    for (const zone of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow()
  })
})
