import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../../test/render';
import { json, stubFetch } from '../../test/fetchStub';
import { fiona, olga } from '../../test/people';
import { PricesPage } from './PricesPage';

const slow = { timeout: 10_000 };

const mini = { input: 0.15, cachedInput: 0.075, cacheWrite: 0.15, output: 0.6, reasoning: 0.6, maxOutputTokens: 16384, contextWindow: 128000 };

const table = {
  unit: 'credits per token', catalogue: 'catalogue@2026-12-07', lastChange: 12,
  models: {
    'gpt-4o-mini': { price: mini, version: 'catalogue@2026-12-07' },
    'gpt-4o': { price: { ...mini, input: 2.5, cachedInput: 1.25, cacheWrite: 2.5, output: 10, reasoning: 10 }, version: 'change-12' },
    'house-model': { price: { ...mini, maxOutputTokens: null, contextWindow: null }, version: 'config' },
  },
  aliases: { 'team-default': 'gpt-4o-mini' },
};

function recorded(id: number, action: string, model: string, extra: object = {}) {
  return {
    id, version: `change-${id}`, action, model, actor: 'ops@example.com', reason: 'r',
    effectiveAt: '2026-12-07T10:00:00Z', recordedAt: '2026-12-07T10:00:00Z', ...extra,
  };
}

/** The JSON bodies the page posted, as sent (text). */
async function posted(calls: Request[]): Promise<string[]> {
  return Promise.all(calls.filter((c) => c.method === 'POST').map((c) => c.clone().text()));
}

describe('the prices page', () => {
  it('shows each model’s rates as given, its limits and where its price comes from', async () => {
    stubFetch({ 'GET /api/prices': table });
    renderWith(<PricesPage />, { me: olga });
    expect(await screen.findByText('house-model', {}, slow)).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /gpt-4o-mini/ });
    expect(within(row).getByText('0.075')).toBeInTheDocument();
    expect(within(row).getByText('Catalogue (2026-12-07)')).toBeInTheDocument();
    expect(within(row).getByText('128,000')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /^gpt-4o / })).getByText('Changed by an admin (change 12)')).toBeInTheDocument();
    const house = screen.getByRole('row', { name: /house-model/ });
    expect(within(house).getByText('Your configuration')).toBeInTheDocument();
    expect(within(house).getByText('default')).toBeInTheDocument();
    expect(within(house).getByText('unknown')).toBeInTheDocument();
    // The server writes every CSV: the grid offers no export of its own; the quick filter stays.
    expect(screen.queryByRole('button', { name: /export/i })).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
    // Only a price an admin set can be reset.
    expect(screen.getByRole('button', { name: 'Reset gpt-4o to its catalogue or configured price' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Reset gpt-4o-mini/ })).not.toBeInTheDocument();
  }, 60_000);

  it('changes a price with the rates exactly as typed and a reason, names the version and reads the table again', async () => {
    const calls = stubFetch({
      'GET /api/prices': table,
      'POST /api/admin/price-changes': () => json(recorded(13, 'SET', 'gpt-4o-mini'), 201),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    await user.click(await screen.findByRole('button', { name: 'Change the price of gpt-4o-mini' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Change the price of gpt-4o-mini' });
    expect(within(dialog).getByRole('textbox', { name: /^Cached input/ })).toHaveValue('0.075');
    await user.clear(within(dialog).getByRole('textbox', { name: /^Input/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Input/ }), '0.165');
    await user.clear(within(dialog).getByRole('textbox', { name: /^Output/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Output/ }), '0,66');
    // No reason, no change: the dialog says why and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Save price' }));
    expect(within(dialog).getByText('Say why: the reason is required and kept in the audit log.')).toBeInTheDocument();
    expect(await posted(calls.calls)).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'OpenAI price change');
    await user.click(within(dialog).getByRole('button', { name: 'Save price' }));
    expect(await screen.findByText('gpt-4o-mini: new price recorded as change-13. Every gateway charges it within a second.')).toBeInTheDocument();
    expect(await posted(calls.calls)).toEqual(['{"action":"SET","model":"gpt-4o-mini","price":{"input":0.165,"cachedInput":0.075,'
      + '"cacheWrite":0.15,"output":0.66,"reasoning":0.6,"maxOutputTokens":16384,"contextWindow":128000},"reason":"OpenAI price change"}']);
    await waitFor(() => expect(calls.urls('/api/prices')).toHaveLength(2));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  }, 60_000);

  it('keeps a model’s long-prompt rates when its price is changed, and says so', async () => {
    const tiered = { ...mini, input: 3, output: 15, longContext: { aboveTokens: 200000, input: 6, output: 22.5 } };
    const calls = stubFetch({
      'GET /api/prices': { ...table, models: { 'claude-sonnet-4-5': { price: tiered, version: 'catalogue@2026-12-07' } } },
      'POST /api/admin/price-changes': () => json(recorded(16, 'SET', 'claude-sonnet-4-5'), 201),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    await user.click(await screen.findByRole('button', { name: 'Change the price of claude-sonnet-4-5' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Change the price of claude-sonnet-4-5' });
    expect(within(dialog).getByText(/dearer for prompts above 200,000 tokens/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'same price');
    await user.click(within(dialog).getByRole('button', { name: 'Save price' }));
    await screen.findByText(/recorded as change-16/);
    const [body] = await posted(calls.calls);
    expect(JSON.parse(body).price.longContext).toEqual({ aboveTokens: 200000, input: 6, output: 22.5 });
  }, 60_000);

  it('shows the gateway’s refusal as given and keeps the dialog open', async () => {
    const message = "'price.input' must be from 0 to 1000000 credits per token, with at most 12 decimal places.";
    stubFetch({
      'GET /api/prices': table,
      'POST /api/admin/price-changes': () => json({ error: { message, type: 'invalid_request_error', code: 'invalid_price_input', param: 'price.input' } }, 400),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    await user.click(await screen.findByRole('button', { name: 'Change the price of gpt-4o-mini' }, slow));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'Try');
    await user.click(within(dialog).getByRole('button', { name: 'Save price' }));
    expect(await within(dialog).findByText(`Refused: ${message}`)).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  }, 60_000);

  it('prices a new model from a moment in the admin’s time zone, and refuses rates it cannot send', async () => {
    const calls = stubFetch({
      'GET /api/prices': table,
      'POST /api/admin/price-changes': () => json(recorded(14, 'SET', 'acme/fast-1', { effectiveAt: '2027-01-01T03:00:00Z' }), 201),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    await user.click(await screen.findByRole('button', { name: 'Price a new model' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Price a new model' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Model/ }), 'acme/fast-1');
    await user.type(within(dialog).getByRole('textbox', { name: /^Input/ }), '1e-7');
    await user.type(within(dialog).getByRole('textbox', { name: /^Output/ }), '0.000000000001');
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'New upstream');
    await user.click(within(dialog).getByRole('button', { name: 'Save price' }));
    expect(within(dialog).getByText('A number from 0 to 1,000,000 with at most 12 decimals.')).toBeInTheDocument();
    expect(await posted(calls.calls)).toEqual([]);

    await user.clear(within(dialog).getByRole('textbox', { name: /^Input/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Input/ }), '0.0000001');
    fireEvent.change(within(dialog).getByLabelText(/^Effective from/), { target: { value: '2027-01-01T00:00' } });
    await user.click(within(dialog).getByRole('button', { name: 'Save price' }));
    expect(await screen.findByText(/^acme\/fast-1: new price recorded as change-14, charged from /)).toBeInTheDocument();
    const [body] = await posted(calls.calls);
    expect(body).toBe(`{"action":"SET","model":"acme/fast-1","price":{"input":0.0000001,"output":0.000000000001},`
      + `"effectiveAt":"${new Date('2027-01-01T00:00').toISOString()}","reason":"New upstream"}`);
  }, 60_000);

  it('resets an admin’s price with a reason', async () => {
    const calls = stubFetch({
      'GET /api/prices': table,
      'POST /api/admin/price-changes': () => json(recorded(15, 'RESET', 'gpt-4o'), 201),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    await user.click(await screen.findByRole('button', { name: 'Reset gpt-4o to its catalogue or configured price' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Reset the price of gpt-4o' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'Promotion over');
    await user.click(within(dialog).getByRole('button', { name: 'Reset price' }));
    expect(await screen.findByText('gpt-4o is charged at its configured or catalogue price again (recorded as change-15).')).toBeInTheDocument();
    expect(await posted(calls.calls)).toEqual(['{"action":"RESET","model":"gpt-4o","reason":"Promotion over"}']);
  }, 60_000);

  it('lists the aliases, removes one and adds one pointing at a priced model', async () => {
    let next = 16;
    const calls = stubFetch({
      'GET /api/prices': table,
      'POST /api/admin/price-changes': async (request: Request) => {
        const body = await request.clone().json() as { action: string; model: string; aliasOf?: string };
        return json(recorded(next++, body.action, body.model, { aliasOf: body.aliasOf }), 201);
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    const aliases = await screen.findByRole('region', { name: 'Aliases' }, slow);
    expect(within(aliases).getByText('team-default')).toBeInTheDocument();
    expect(within(aliases).getByText('charged as gpt-4o-mini')).toBeInTheDocument();

    await user.click(within(aliases).getByRole('button', { name: 'Remove the alias team-default' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove the alias team-default' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'Team moved');
    await user.click(within(dialog).getByRole('button', { name: 'Remove alias' }));
    expect(await screen.findByText('The alias team-default is removed (recorded as change-16).')).toBeInTheDocument();

    await user.click(within(aliases).getByRole('button', { name: 'Add alias' }));
    dialog = await screen.findByRole('dialog', { name: 'Add an alias' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Alias/ }), 'team-fast');
    await user.type(within(dialog).getByRole('combobox', { name: /^Charged as/ }), 'gpt-4o-m');
    await user.click(await screen.findByRole('option', { name: 'gpt-4o-mini' }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason( \*)?$/ }), 'Cheaper default');
    await user.click(within(dialog).getByRole('button', { name: 'Add alias' }));
    expect(await screen.findByText('team-fast now means gpt-4o-mini (recorded as change-17).')).toBeInTheDocument();
    expect(await posted(calls.calls)).toEqual([
      '{"action":"UNALIAS","model":"team-default","reason":"Team moved"}',
      '{"action":"ALIAS","model":"team-fast","aliasOf":"gpt-4o-mini","reason":"Cheaper default"}',
    ]);
  }, 60_000);

  it('says what a name would be charged as, or the gateway’s reason it would not', async () => {
    const calls = stubFetch({
      'GET /api/prices': table,
      'GET /api/prices/resolve': (_r: Request, url: URL) => (url.searchParams.get('model') === 'openai/gpt-4o'
        ? { model: 'openai/gpt-4o', pricedAs: 'gpt-4o', price: table.models['gpt-4o'].price, version: 'change-12' }
        : json({ error: { message: "The model 'nope' has no price here.", type: 'invalid_request_error', code: 'model_not_found' } }, 404)),
    });
    const user = userEvent.setup({ delay: null });
    renderWith(<PricesPage />, { me: olga });
    const field = await screen.findByRole('textbox', { name: 'What would this model be charged as?' }, slow);
    await user.type(field, 'openai/gpt-4o{Enter}');
    expect(await screen.findByText('openai/gpt-4o is charged as gpt-4o — Changed by an admin (change 12) (change-12):')).toBeInTheDocument();
    expect(screen.getByText(/Input 2\.5 · Cached input 1\.25 · Cache write 2\.5 · Output 10 · Reasoning 10/)).toBeInTheDocument();
    expect(calls.urls('/api/prices/resolve')[0].searchParams.get('model')).toBe('openai/gpt-4o');

    await user.clear(field);
    await user.type(field, 'nope');
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByText("The model 'nope' has no price here.")).toBeInTheDocument();
  }, 60_000);

  it('offers no changes to someone who is not an admin', async () => {
    stubFetch({ 'GET /api/prices': table });
    renderWith(<PricesPage />, { me: fiona });
    expect(await screen.findByText('house-model', {}, slow)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Price a new model' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Change the price/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add alias' })).not.toBeInTheDocument();
  }, 60_000);

  it('says so when the gateway cannot be reached', async () => {
    stubFetch({ 'GET /api/prices': () => { throw new TypeError('Failed to fetch'); } });
    renderWith(<PricesPage />, { me: olga });
    expect(await screen.findByText(/could not be reached/, {}, slow)).toBeInTheDocument();
  });
});
