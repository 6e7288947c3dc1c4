import { describe, expect, it } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import { fiona } from '../../test/people';
import type { ReconciliationReport, ReconciliationRow } from '../types';
import { ReconciliationPage } from './ReconciliationPage';

// The data grid renders slowly in jsdom on a busy machine: wait longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });

const row = (day: string | undefined, model: string, drift: number | null, flaggedMeasures: string[]): ReconciliationRow => ({
  day, model, side: 'BOTH',
  ours: { calls: 2, estimatedCalls: flaggedMeasures.length ? 1 : 0, inputTokens: 2_200, cachedInputTokens: 200, outputTokens: 400, costCredits: 1_700 },
  theirs: { requests: 2, inputTokens: 2_300, cachedInputTokens: 200, outputTokens: 380 },
  drift: { requests: 0, inputTokens: drift ?? undefined, cachedInputTokens: 0, outputTokens: 5.26 },
  flaggedMeasures, flagged: flaggedMeasures.length > 0,
});

const report: ReconciliationReport = {
  from: '2026-12-01', to: '2026-12-07', source: 'openai', readAt: '2026-12-07T10:00:00Z', tolerancePercent: 0.5, flaggedRows: 1,
  rows: [row('2026-12-01', 'gpt-4o', -4.35, ['inputTokens', 'outputTokens']), row('2026-12-01', 'gpt-4o-mini', 0, [])],
  totals: [row(undefined, 'gpt-4o', -4.35, ['inputTokens', 'outputTokens'])],
};

describe('reconciliation', { timeout: 60_000 }, () => {
  it('shows each day and model beside the provider, highlights the drift beyond the tolerance, and links the CSV', async () => {
    const calls = stubFetch({ 'GET /api/finance/reconciliation': report });
    renderWith(<ReconciliationPage />, { me: fiona });
    const days = await screen.findByRole('grid', { name: 'By day and model' });
    expect(await within(days).findByText('gpt-4o-mini')).toBeInTheDocument();
    expect(within(days).getByLabelText('-4.35 %, Beyond tolerance')).toBeInTheDocument();
    expect(within(days).getAllByText('Within tolerance')).toHaveLength(1);
    expect(screen.getByText(/Provider: openai, read at/)).toBeInTheDocument();
    expect(screen.getByText('1 day and model beyond the tolerance.')).toBeInTheDocument();
    expect(screen.getByRole('grid', { name: 'Totals by model' })).toBeInTheDocument();
    const asked = calls.urls('/api/finance/reconciliation')[0];
    expect(asked.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const csv = screen.getByRole('link', { name: /the reconciliation/ });
    expect(csv.getAttribute('href')).toContain('/api/finance/reconciliation?from=');
    expect(csv.getAttribute('href')).toContain('format=csv');
  });

  it('says which setting is missing when no provider is configured', async () => {
    stubFetch({
      'GET /api/finance/reconciliation': json({ error: {
        message: 'no provider to reconcile with: set creditgate.reconciliation.source', code: 'reconciliation_not_configured',
      } }, 503),
    });
    renderWith(<ReconciliationPage />, { me: fiona });
    expect(await screen.findByText('No provider to reconcile with')).toBeInTheDocument();
    expect(screen.getByText(/set creditgate\.reconciliation\.source/)).toBeInTheDocument();
  });

  it('says the provider could not be read when it is down', async () => {
    stubFetch({
      'GET /api/finance/reconciliation': json({ error: {
        message: 'the provider\'s usage could not be read: the provider answered HTTP 500', code: 'reconciliation_source_unavailable',
      } }, 503),
    });
    renderWith(<ReconciliationPage />, { me: fiona });
    expect(await screen.findByText('The provider’s usage could not be read')).toBeInTheDocument();
  });
});
