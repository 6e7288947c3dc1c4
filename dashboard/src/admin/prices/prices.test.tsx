import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWith } from '../../test/render';
import { stubFetch } from '../../test/fetchStub';
import { olga } from '../../test/people';
import { PricesPage } from './PricesPage';

describe('prices', () => {
  it('shows the gateway’s table with fractional prices as given', async () => {
    stubFetch({
      'GET /api/prices': {
        unit: 'credits per token', models: {
          'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, cacheWrite: 0.15, output: 0.6, reasoning: 0.6, maxOutputTokens: null },
        },
      },
    });
    renderWith(<PricesPage />, { me: olga });
    expect(await screen.findByText('gpt-4o-mini', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('0.075')).toBeInTheDocument();
    expect(screen.getByText('default')).toBeInTheDocument();
    // The server writes every CSV: the grid offers no export of its own.
    expect(screen.queryByRole('button', { name: /export/i })).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
  });

  it('says so when the gateway cannot be reached', async () => {
    stubFetch({ 'GET /api/prices': () => { throw new TypeError('Failed to fetch'); } });
    renderWith(<PricesPage />, { me: olga });
    expect(await screen.findByText(/could not be reached/, {}, { timeout: 10_000 })).toBeInTheDocument();
  });
});
