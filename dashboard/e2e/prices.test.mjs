// Issue 13 in a browser: the admin changes gpt-4o-mini's price on the Prices page, giving a reason; the next chat
// through the gateway is charged at that price (its X-Creditgate-Cost header); the change is in Audit → Prices; the
// admin resets the price at the end (every test file shares one platform, and the other journeys chat with
// gpt-4o-mini). axe-core checks the pages; screenshots go to CG_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, closeBrowser, email, env, personAt, screenshot, signIn } from './support.mjs';

const MODEL = 'gpt-4o-mini';
// One rate for every kind of input token and one for every kind of output token, so the cost is the same whatever the
// upstream reports as cached or reasoning: ceil(prompt × INPUT + completion × OUTPUT). Decimals on purpose.
const INPUT = '1.125';
const OUTPUT = '4.5';
const REASON = `Journey price for ${MODEL} (${env.run})`;
const RESET_REASON = `Journey over, back to the catalogue (${env.run})`;
const bob = email('bob-prices');
let admin;
let version;

/** A chat through the gateway as LibreChat sends it, answering its usage and the credits it was charged. */
async function chargedChat(user) {
  const response = await fetch(`${env.gateway}/v1/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env.serviceKey}`, 'X-User-Id': user, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'Quanto custa esta conversa agora?' }] }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, `the chat as ${user}: ${body}`);
  const cost = response.headers.get('x-creditgate-cost');
  assert.ok(cost, 'a non-streaming call says what it cost (X-Creditgate-Cost)');
  return { usage: JSON.parse(body).usage, cost: Number(cost) };
}

/** What the set price charges for a call's usage, in credits (the gateway rounds the whole call up, once). */
function atSetPrice(usage) {
  return Math.ceil(usage.prompt_tokens * Number(INPUT) + usage.completion_tokens * Number(OUTPUT));
}

/** The admin's page's view of a model's price (GET /api/prices/resolve through the console). */
async function resolved(page, model) {
  return page.evaluate(async (m) => (await fetch(`/api/prices/resolve?model=${encodeURIComponent(m)}`)).json(), model);
}

/** The price grid's quick filter narrowed to the model, and its row (on the prices page, not the one before it). */
async function modelRow(page) {
  await page.waitForURL(/\/app\/admin\/prices/);
  const grid = page.getByRole('grid', { name: 'Price per model' });
  await grid.waitFor();
  await page.getByRole('searchbox').first().fill(MODEL);
  const row = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: MODEL, exact: true }) });
  await row.waitFor();
  return row;
}

before(async () => {
  admin = await personAt();
  await signIn(admin, env.adminEmail, env.adminPassword);
});

after(async () => {
  // Whatever happened above, leave gpt-4o-mini at its catalogue or configured price for the other test files.
  if (admin && (await resolved(admin, MODEL).catch(() => ({}))).version?.startsWith('change-')) {
    await admin.evaluate(async ({ model, reason }) => {
      const xsrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
      await fetch('/api/admin/price-changes', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
        body: JSON.stringify({ action: 'RESET', model, reason }),
      });
    }, { model: MODEL, reason: RESET_REASON });
  }
  await closeBrowser();
});

test('the admin opens the prices page and sees where each price comes from', async () => {
  await admin.getByRole('link', { name: 'Prices' }).click();
  await admin.waitForURL(/\/app\/admin\/prices/);
  const row = await modelRow(admin);
  await row.getByText(/^Catalogue \(|^Your configuration$|^Changed by an admin \(change \d+\)$/).waitFor();
  await assertAccessible(admin, 'the prices page');
});

test("the admin changes gpt-4o-mini's price with a reason, and the page names the version", async () => {
  const row = await modelRow(admin);
  await row.getByRole('button', { name: `Change the price of ${MODEL}` }).click();
  const dialog = admin.getByRole('dialog', { name: `Change the price of ${MODEL}` });
  for (const [label, value] of [['Input', INPUT], ['Cached input', INPUT], ['Cache write', INPUT], ['Output', OUTPUT], ['Reasoning', OUTPUT]]) {
    await dialog.getByRole('textbox', { name: new RegExp(`^${label}( \\*)?$`) }).fill(value);
  }
  // No reason, no change: the dialog says why and stays open.
  await dialog.getByRole('button', { name: 'Save price' }).click();
  await dialog.getByText('Say why: the reason is required and kept in the audit log.').waitFor();
  await dialog.getByRole('textbox', { name: /^Reason( \*)?$/ }).fill(REASON);
  await dialog.getByRole('button', { name: 'Save price' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const notice = await admin.getByText(new RegExp(`^${MODEL}: new price recorded as change-\\d+\\.`)).innerText();
  version = notice.match(/change-\d+/)[0];
  // The table was read again: the row says an admin set it, with the change's number.
  await (await modelRow(admin)).getByText(`Changed by an admin (change ${version.slice('change-'.length)})`).waitFor();
  await assertAccessible(admin, 'the prices page after a change');
  await screenshot(admin, 'admin-prices');
});

test('the next chat through the gateway is charged at the new price', async () => {
  // The gateway that took the change applied it before answering; any other applies it within a second.
  const deadline = Date.now() + 5_000;
  let call;
  do {
    call = await chargedChat(bob);
    if (call.cost === atSetPrice(call.usage)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < deadline);
  assert.equal(call.cost, atSetPrice(call.usage),
    `charged ${call.cost} credits for ${JSON.stringify(call.usage)} at ${INPUT}/${OUTPUT} credits per token`);
  const now = await resolved(admin, MODEL);
  assert.equal(now.version, version);
  assert.equal(String(now.price.input), INPUT, 'the rate is kept exactly as typed');
});

test('the page answers what a name is charged as', async () => {
  await admin.getByRole('textbox', { name: 'What would this model be charged as?' }).fill(`openai/${MODEL}`);
  await admin.getByRole('button', { name: 'Look up' }).click();
  await admin.getByText(`openai/${MODEL} is charged as ${MODEL} — Changed by an admin`).waitFor();
});

test('the change is in Audit → Prices with its version, reason and the admin who made it', async () => {
  await admin.getByRole('link', { name: 'Audit log' }).click();
  await admin.getByRole('tab', { name: 'Prices' }).click();
  await admin.getByRole('searchbox', { name: 'Model or alias (exact)' }).fill(MODEL);
  const row = admin.getByRole('row').filter({ hasText: REASON });
  await row.waitFor();
  await row.getByText(version, { exact: true }).waitFor();
  await row.getByText(env.adminEmail).waitFor();
  await assertAccessible(admin, 'the price audit');
});

test('the admin resets the price, and calls are charged at the catalogue price again', async () => {
  await admin.getByRole('link', { name: 'Prices' }).click();
  const row = await modelRow(admin);
  await row.getByRole('button', { name: `Reset ${MODEL} to its catalogue or configured price` }).click();
  const dialog = admin.getByRole('dialog', { name: `Reset the price of ${MODEL}` });
  await dialog.getByRole('textbox', { name: /^Reason( \*)?$/ }).fill(RESET_REASON);
  await dialog.getByRole('button', { name: 'Reset price' }).click();
  await admin.getByText(new RegExp(`^${MODEL} is charged at its configured or catalogue price again`)).waitFor();
  const now = await resolved(admin, MODEL);
  assert.ok(!now.version.startsWith('change-'), `back to the catalogue or configured price, not ${now.version}`);
  const call = await chargedChat(bob);
  assert.ok(call.cost < atSetPrice(call.usage), `charged ${call.cost} credits, less than at the journey's price`);
});
