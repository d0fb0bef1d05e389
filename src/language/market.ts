// Which languages a marketplace or region suggests: amazon.de → de, "Shopee TH" → th.

export interface MarketTables {
  domains: Map<string, string[]>
  regions: Map<string, string[]>
}

const NONE: readonly string[] = []

/**
 * The languages of a marketplace value: its domain (`amazon.co.jp`, `www.amazon.de`), else its
 * last two-letter part read as a region (`TH`, `Shopee MY`, `shopee.co.th`); none when unknown.
 */
export function marketLanguages(marketplace: string, tables: MarketTables): readonly string[] {
  const value = marketplace.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '')
  if (!value) return NONE
  const domain = tables.domains.get(value)
  if (domain) return domain
  const parts = value.split(/[\s._-]+/)
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]
    if (part.length !== 2) continue
    return tables.regions.get(part) ?? NONE
  }
  return NONE
}
