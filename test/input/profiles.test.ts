import { builtinProfiles, detectProfile } from '../../src/input/profiles.js'
import { InputError } from '../../src/errors.js'

describe('detectProfile', () => {
  const cases: Array<{ header: string[]; expected: string }> = [
    { header: ['Message ID', 'Thread ID', 'Order ID', 'Marketplace', 'Sender Role', 'Sender Name', 'Subject', 'Body', 'Date'], expected: 'amazon' },
    { header: [' message id ', 'THREAD ID', 'order id', 'marketplace', 'sender role', 'subject', 'body', 'date'], expected: 'amazon' },
    {
      header: ['conversation_id', 'message_id', 'shop_id', 'region', 'order_sn', 'from_id', 'from_name', 'to_id', 'to_name', 'message_type', 'content', 'created_timestamp'],
      expected: 'shopee'
    },
    { header: ['Conversation ID', 'Message ID', 'Created At', 'Sender', 'Sender Name', 'Customer Email', 'Order', 'Channel', 'Message'], expected: 'shopify' },
    { header: ['Id', 'Subject', 'Requester', 'Status', 'Tags', 'Via', 'Created at', 'Priority'], expected: 'zendesk' },
    { header: ['Ticket ID', 'Subject', 'Description', 'Status', 'Created time', 'Priority'], expected: 'freshdesk' },
    { header: ['id', 'text'], expected: 'generic' },
    { header: ['Message'], expected: 'generic' }
  ]
  it.each(cases)('$expected from $header', ({ header, expected }) => {
    expect(detectProfile(header, 'x.csv', builtinProfiles()).profile.name).toBe(expected)
  })

  it('names the closest profiles and what they miss when nothing fits', () => {
    expect(() => detectProfile(['Thread ID', 'Order ID', 'Sender Role'], 'odd.csv', builtinProfiles())).toThrow(InputError)
    try {
      detectProfile(['Thread ID', 'Order ID', 'Sender Role'], 'odd.csv', builtinProfiles())
    } catch (error) {
      const message = (error as Error).message
      expect(message).toMatch(/^odd\.csv: the header fits no source profile/)
      expect(message).toMatch(/amazon \(missing Subject, Body, Date\)/)
      expect(message).toMatch(/--map text=Column/)
    }
  })

  it('lets --map make a generic file of any header', () => {
    const bound = detectProfile(['Kommentar', 'Datum'], 'de.csv', builtinProfiles(), { text: 'Kommentar' })
    expect(bound.profile.name).toBe('generic')
    expect(bound.columns.text).toBe(0)
  })
})
