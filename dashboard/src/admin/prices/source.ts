import type { IntlShape } from 'react-intl';

/**
 * Where a price comes from, in words, from its version (docs/prices.md): `catalogue@<date>` the LiteLLM catalogue
 * retrieved that day, `config` the operator's `creditgate.prices`, `change-<n>` the admin change number n.
 */
export function sourceText(version: string, intl: IntlShape): string {
  const change = /^change-(\d+)$/.exec(version);
  if (change) return intl.formatMessage({ id: 'admin.prices.source.change' }, { id: change[1] });
  if (version === 'config') return intl.formatMessage({ id: 'admin.prices.source.config' });
  const catalogue = /^catalogue@(.+)$/.exec(version);
  if (catalogue) return intl.formatMessage({ id: 'admin.prices.source.catalogue' }, { date: catalogue[1] });
  if (version === 'default') return intl.formatMessage({ id: 'admin.prices.source.default' });
  return version;
}

/** Whether an admin set this price (so it can be reset to the configured or catalogue price). */
export function setByAdmin(version: string): boolean {
  return version.startsWith('change-');
}
