import { createNormalizer } from '../../src/input/normalize.js'
import { bindProfile, findProfile } from '../../src/input/profiles.js'

const AMAZON = ['Message ID', 'Thread ID', 'Order ID', 'Marketplace', 'Sender Role', 'Sender Name', 'Subject', 'Body', 'Date']
const SHOPEE = ['conversation_id', 'message_id', 'shop_id', 'region', 'order_sn', 'from_id', 'from_name', 'to_id', 'to_name', 'message_type', 'content', 'created_timestamp']
const SHOPIFY = ['Conversation ID', 'Message ID', 'Created At', 'Sender', 'Sender Name', 'Customer Email', 'Order', 'Channel', 'Message']

function normalizer(profile: string, header: string[]) {
  return createNormalizer(bindProfile(findProfile(profile), header), 'in.csv')
}

describe('normalize', () => {
  const cases = [
    {
      name: 'amazon buyer row, order id from the subject when the column is empty',
      profile: 'amazon',
      header: AMAZON,
      cells: ['m1', 't1', '', 'amazon.de', 'Buyer', 'Ana', 'Order inquiry from Amazon customer Ana (Order: 302-1234567-1234567)', 'Wo ist mein Paket?', '2026-05-01T10:00:00Z'],
      expected: { conversation_id: 't1', order_id: '302-1234567-1234567', sender_role: 'buyer', marketplace: 'amazon.de', created_at: '2026-05-01T10:00:00.000Z', content_type: 'text' }
    },
    {
      name: 'amazon row without thread id: the conversation is the order',
      profile: 'amazon',
      header: AMAZON,
      cells: ['m2', '', '111-7366207-0755439', 'amazon.com', 'Seller', 'Shop', 'RE: Order inquiry', 'On its way', '2026-05-01T11:00:00Z'],
      expected: { conversation_id: 'order:111-7366207-0755439', sender_role: 'seller' }
    },
    {
      name: 'amazon notices come from the marketplace role',
      profile: 'amazon',
      header: AMAZON,
      cells: ['m3', 't1', '', 'amazon.com', 'Amazon', '', 'Notice', 'x', '2026-05-01T11:00:00Z'],
      expected: { sender_role: 'marketplace' }
    },
    {
      name: 'shopee: the seller is the sender whose id is the shop id; unix seconds',
      profile: 'shopee',
      header: SHOPEE,
      cells: ['c9', 'm1', '555', 'TH', '2605017ABC', '555', 'Shop', '77', 'Buyer', 'text', 'ได้ค่ะ', '1777629600'],
      expected: { sender_role: 'seller', marketplace: 'TH', order_id: '2605017ABC', created_at: '2026-05-01T10:00:00.000Z' }
    },
    {
      name: 'shopee sticker rows carry no words',
      profile: 'shopee',
      header: SHOPEE,
      cells: ['c9', 'm2', '555', 'TH', '', '77', 'Buyer', '555', 'Shop', 'sticker', '', '1777629700'],
      expected: { sender_role: 'buyer', content_type: 'sticker' }
    },
    {
      name: 'shopify order name from the text when the column is empty; bots are bots',
      profile: 'shopify',
      header: SHOPIFY,
      cells: ['42', 'm1', '2026-05-01 10:00:00 +0200', 'Customer', 'Ana', 'a@x.com', '', 'Online Store', 'Where is order #1042?'],
      expected: { order_id: '#1042', sender_role: 'buyer', created_at: '2026-05-01T08:00:00.000Z' }
    },
    {
      name: 'shopify automated greeting',
      profile: 'shopify',
      header: SHOPIFY,
      cells: ['42', 'm0', '2026-05-01 09:59:00 +0200', 'Shopify Inbox', '', '', '', 'Online Store', 'Hi! How can we help?'],
      expected: { sender_role: 'bot' }
    },
    {
      name: "shopify AI agent answers for the shop",
      profile: 'shopify',
      header: SHOPIFY,
      cells: ['42', 'm2', '2026-05-01 10:01:00 +0200', 'AI agent', 'Fern', '', '', 'Online Store', 'It ships today.'],
      expected: { sender_role: 'seller' }
    },
    {
      name: 'zendesk ticket: subject joins the text; "-" is empty',
      profile: 'zendesk',
      header: ['Id', 'Subject', 'Requester', 'Status', 'Tags', 'Via', 'Created at', 'Description'],
      cells: ['881', 'Refund please', 'Ana', 'open', '-', 'Mail', '2026-05-01 10:00:00', 'It broke'],
      expected: { conversation_id: '881', raw_text: 'Refund please\nIt broke', sender_role: 'buyer', created_at_zone_assumed: true }
    }
  ]
  it.each(cases)('$name', ({ profile, header, cells, expected }) => {
    const message = normalizer(profile, header).normalize(cells, 2, 0)
    expect(message).toMatchObject(expected)
    expect(message.source).toBe(profile)
    expect(message.source_row).toBe(2)
  })

  it('marks and counts order ids a spreadsheet turned into numbers, and never uses them as the conversation', () => {
    const n = normalizer('amazon', AMAZON)
    const m = n.normalize(['m1', '', '1.11737E+16', 'amazon.com', 'Buyer', '', 'hi', 'hi', '2026-05-01T10:00:00Z'], 5, 0)
    expect(m.order_id_suspect).toBe(true)
    expect(m.conversation_id).not.toContain('1.11737E+16')
    expect(n.counts.damagedOrderIds).toBe(1)
  })
})
