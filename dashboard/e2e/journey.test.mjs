// The acceptance, in a browser, in order: the first admin signs in, finds alice's chat costs, grants her
// credits and invites her; alice follows the mailed link, sees her balance, watches a chat's cost appear without a
// reload, buys a pack on the demo Stripe and sees the balance rise; she cannot open an admin page nor read another
// person's data; her dashboard speaks Portuguese. axe-core checks every main page; screenshots go to CG_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptInvitation, assertAccessible, chat, closeBrowser, email, env, invitationLink, personAt, screenshot, signIn,
} from './support.mjs';

const alice = email('alice');
const alicePassword = `alice-password-${env.run}`;
const GRANT = 1_000_000;
const STARTER_PACK = 5_000_000;
let admin;
let page;

/** The balance the overview shows, in credits (digits of the balance card, whatever the language's grouping). */
async function shownBalance(p) {
  const text = await p.getByTestId('balance-credits').innerText();
  const digits = text.replace(/[^\d-]/g, '');
  assert.ok(digits.length > 0, `a balance in "${text}"`);
  return Number(digits);
}

async function balanceBecomes(p, expected, what) {
  const deadline = Date.now() + 15_000;
  let seen;
  while (Date.now() < deadline) {
    seen = await shownBalance(p).catch(() => undefined);
    if (seen === expected) {
      return;
    }
    await p.waitForTimeout(200);
  }
  assert.equal(seen, expected, what);
}

before(async () => {
  // alice uses LibreChat before anyone invites her: her account opens at her first call.
  await chat(alice);
  await chat(alice, 'Explique a fatura em uma frase.');
  admin = await personAt();
  page = await personAt();
});

after(closeBrowser);

test('the first admin signs in and finds alice among the users, with her chat costs', async () => {
  await signIn(admin, env.adminEmail, env.adminPassword);
  await admin.getByRole('link', { name: 'Users' }).click();
  await admin.getByLabel('Search user id').fill(alice);
  const row = admin.getByRole('row', { name: new RegExp(alice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await row.waitFor();
  await assertAccessible(admin, 'the users grid');
  await screenshot(admin, 'admin-users');
  await row.click();
  await admin.waitForURL(/\/app\/admin\/users\//);
  await admin.getByRole('heading', { name: 'Spend by model (last 30 days)' }).waitFor();
  await admin.getByText('gpt-4o-mini').first().waitFor();
  await assertAccessible(admin, "a user's page");
  await screenshot(admin, 'admin-user');
});

test('the admin grants alice credits, giving a reason', async () => {
  await admin.getByRole('button', { name: 'Grant credits' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /^Credits/ }).fill(String(GRANT));
  await dialog.getByRole('button', { name: 'Grant' }).click();
  // No reason, no grant: the dialog says why and stays open.
  await dialog.getByText('Say why: the reason is required and kept in the audit log.').waitFor();
  await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Welcome credits for the pilot');
  await dialog.getByRole('button', { name: 'Grant' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await admin.getByText('Welcome credits for the pilot').first().waitFor();
});

test('the admin invites alice from the people page', async () => {
  await admin.getByRole('link', { name: 'People' }).click();
  await admin.getByRole('button', { name: 'Invite a person' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /^Email/ }).fill(alice);
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('Alice');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await admin.getByText(`Invitation sent to ${alice}.`).waitFor();
  await assertAccessible(admin, 'the people page');
});

let balanceBeforeChat;

test('alice follows the mailed link, signs in and sees the credits the admin granted', async () => {
  await acceptInvitation(page, await invitationLink(alice), alicePassword);
  await signIn(page, alice, alicePassword);
  await page.getByRole('heading', { name: 'Balance' }).waitFor();
  balanceBeforeChat = await shownBalance(page);
  assert.ok(balanceBeforeChat > GRANT, `the balance ${balanceBeforeChat} holds the grant of ${GRANT}`);
  await page.getByRole('heading', { name: 'Spend by model (last 30 days)' }).waitFor();
  await assertAccessible(page, "alice's overview");
  await screenshot(page, 'user-overview');
});

test("a chat's cost appears on alice's page without a reload", async () => {
  const answer = await chat(alice, 'Mais uma pergunta, por favor.');
  assert.ok(answer.usage.total_tokens > 0);
  const deadline = Date.now() + 15_000;
  let now = balanceBeforeChat;
  while (Date.now() < deadline && now === balanceBeforeChat) {
    await page.waitForTimeout(250);
    now = await shownBalance(page);
  }
  assert.ok(now < balanceBeforeChat, `the balance fell after the chat (${balanceBeforeChat} → ${now})`);
});

test('alice buys the starter pack on the demo Stripe and sees her balance rise by its credits', async () => {
  const before = await shownBalance(page);
  await page.getByRole('link', { name: 'Buy credits' }).click();
  await page.getByRole('button', { name: /^Buy Starter \(5 USD\) for / }).click();
  await page.waitForURL(/\/c\/pay\/cs_/);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL(/\/app\/buy\?checkout=success/);
  await page.getByText('Thank you for your purchase').waitFor();
  await assertAccessible(page, 'the buy page after paying');
  await screenshot(page, 'user-buy');
  await page.getByRole('link', { name: 'Overview' }).click();
  await balanceBecomes(page, before + STARTER_PACK, 'the balance rose by the pack');
});

test('alice cannot open an admin page, nor read the admin area or another account through the API', async () => {
  await page.goto(`${env.console}/app/admin/users`);
  await page.getByText('Not for you').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0, 'no admin navigation for a user');
  const statuses = await page.evaluate(async (other) => {
    const get = async (path) => (await fetch(path)).status;
    return {
      accounts: await get('/api/admin/accounts'),
      other: await get(`/api/accounts/${encodeURIComponent(other)}`),
      people: await get('/api/people'),
    };
  }, email('someone-else'));
  assert.deepEqual(statuses, { accounts: 403, other: 403, people: 403 });
});

test("alice's dashboard speaks Brazilian Portuguese", async () => {
  await page.goto(`${env.console}/app/`);
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Português (Brasil)' }).click();
  await page.getByRole('heading', { name: 'Saldo' }).waitFor();
  await page.getByRole('link', { name: 'Comprar créditos' }).waitFor();
  const text = await page.getByTestId('balance-credits').innerText();
  assert.match(text, /^\d{1,3}(\.\d{3})* créditos$/, 'credits grouped the Brazilian way');
  await assertAccessible(page, 'the overview in Portuguese');
  await screenshot(page, 'user-overview-pt-BR');
});
