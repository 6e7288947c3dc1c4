// Finance in a browser: the organisation's reports, purchases and replay, with no admin action in sight; an admin's
// pages are refused. axe-core checks each page; screenshots go to CG_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  acceptInvitation, assertAccessible, chat, closeBrowser, email, env, invitationLink, inviteByApi, personAt, screenshot,
  signIn,
} from './support.mjs';

const fiona = email('fiona');
const password = `fiona-password-${env.run}`;
let page;

before(async () => {
  await chat(email('carol'));
  const admin = await personAt();
  await signIn(admin, env.adminEmail, env.adminPassword);
  await inviteByApi(admin, fiona, ['finance']);
  page = await personAt({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  await acceptInvitation(page, await invitationLink(fiona), password);
  await signIn(page, fiona, password);
});

after(closeBrowser);

test('finance opens the reports, in Portuguese from the browser, and sees the organisation spend', async () => {
  // Invited people get their email as their own account, so finance lands on their overview; the nav leads on.
  await page.getByRole('link', { name: 'Relatórios da organização' }).click();
  await page.waitForURL(/\/app\/finance\/reports/);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.getByText('gpt-4o-mini').first().waitFor();
  await assertAccessible(page, 'the finance reports');
  await screenshot(page, 'finance-reports');
});

test('finance reads the reconciliation with the provider’s bill, in Portuguese', async () => {
  await page.getByRole('link', { name: 'Conciliação' }).click();
  await page.waitForURL(/\/app\/finance\/reconciliation/);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // carol's chat, above, is on both sides: the demo upstream bills what it answered, as OpenAI's usage API.
  await page.getByRole('grid').first().getByText('gpt-4o-mini').first().waitFor();
  await assertAccessible(page, 'the reconciliation');
  await screenshot(page, 'finance-reconciliation');
});

test('finance reads purchases and the replay, and has no admin pages', async () => {
  await page.goto(`${env.console}/app/finance/purchases`);
  await page.getByRole('grid').first().waitFor();
  await assertAccessible(page, 'the purchases');
  await page.goto(`${env.console}/app/finance/replay`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await assertAccessible(page, 'the replay page');
  await screenshot(page, 'finance-replay');
  await page.goto(`${env.console}/app/admin/users`);
  await page.getByText('Acesso restrito').waitFor();
  const grant = await page.evaluate(async () => {
    const xsrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
    const response = await fetch('/api/admin/accounts/anyone/grants', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
      body: JSON.stringify({ credits: 1, reason: 'finance may not grant' }),
    });
    return response.status;
  });
  assert.equal(grant, 403);
});
