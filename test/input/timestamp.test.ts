import { parseTimestamp } from '../../src/input/timestamp.js'

describe('parseTimestamp', () => {
  const cases: Array<{ input: string; format?: 'auto' | 'unix-seconds' | 'dmy' | 'mdy'; zone?: string; iso?: string; assumed?: boolean; offset?: number }> = [
    { input: '2026-05-01T10:00:00Z', iso: '2026-05-01T10:00:00.000Z', assumed: false },
    { input: '2026-05-01T10:00:00.123+02:00', iso: '2026-05-01T08:00:00.123Z', assumed: false, offset: 120 },
    { input: '2026-05-01 10:00:00 +0200', iso: '2026-05-01T08:00:00.000Z', assumed: false, offset: 120 },
    { input: '2026-05-01 10:00:00', iso: '2026-05-01T10:00:00.000Z', assumed: true },
    { input: '2026-05-01 10:00:00', zone: '+08:00', iso: '2026-05-01T02:00:00.000Z', assumed: true },
    { input: '1777629600', format: 'unix-seconds', iso: '2026-05-01T10:00:00.000Z', assumed: false },
    { input: '1777629600000', iso: '2026-05-01T10:00:00.000Z', assumed: false },
    { input: '25/12/2026 14:30', iso: '2026-12-25T14:30:00.000Z', assumed: true },
    { input: '12/25/2026 2:30 pm', iso: '2026-12-25T14:30:00.000Z', assumed: true },
    { input: '03/04/2026', format: 'mdy', iso: '2026-03-04T00:00:00.000Z', assumed: true },
    { input: '03/04/2026', iso: '2026-04-03T00:00:00.000Z', assumed: true },
    { input: 'yesterday' },
    { input: '' },
    { input: '2026-13-01 10:00' }
  ]
  it.each(cases)('$input', ({ input, format, zone, iso, assumed, offset }) => {
    const parsed = parseTimestamp(input, format, zone)
    if (!iso) {
      expect(parsed).toBeUndefined()
      return
    }
    expect(parsed).toEqual(offset === undefined ? { iso, zoneAssumed: assumed } : { iso, zoneAssumed: assumed, offset })
  })
})
