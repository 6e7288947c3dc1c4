// What every browser test needs: the platform's addresses (from DashboardBrowserTest), Debian's Chromium through
// playwright-core, signing in on the console's page, the mail catcher's invitation links, a LibreChat-shaped chat,
// the axe-core check and screenshots.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through DashboardBrowserTest (./mvnw verify), which starts the platform`);
  }
  return value;
}

export const env = {
  console: required('CG_CONSOLE_URL'),
  gateway: required('CG_GATEWAY_URL'),
  serviceKey: required('CG_SERVICE_KEY'),
  adminEmail: required('CG_ADMIN_EMAIL'),
  adminPassword: required('CG_ADMIN_PASSWORD'),
  mailbox: required('CG_MAILBOX'),
  run: required('CG_RUN'),
  chromium: required('CG_CHROMIUM'),
  screenshots: required('CG_SCREENSHOTS'),
};

/** A unique email for this run (the platform is shared by every test class of its module). */
export function email(name) {
  return `${name}-${env.run}@example.com`;
}

// Without the background-networking flags Chromium's connections to the closed network pile up (STACK-NOTES).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser;

/** A fresh browser context (its own cookies): a person at their own computer, in their language and time zone. */
export async function personAt({ locale = 'en-US', timezoneId = 'America/Sao_Paulo' } = {}) {
  browser ??= await chromium.launch({ executablePath: env.chromium, args: FLAGS });
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

// The console's pages speak the browser's language.
const PAGE_TEXT = {
  en: { email: 'Email', password: 'Password', signIn: 'Sign in', newPassword: 'New password', repeat: 'Repeat it', setPassword: 'Set password' },
  'pt-BR': { email: 'E-mail', password: 'Senha', signIn: 'Entrar', newPassword: 'Nova senha', repeat: 'Repita a senha', setPassword: 'Definir senha' },
};

async function pageText(page) {
  const lang = await page.evaluate(() => document.documentElement.lang);
  return PAGE_TEXT[lang] ?? assert.fail(`the console's page is in ${lang}`);
}

/** Signs in on the console's own page, as a person would, and lands on the dashboard. */
export async function signIn(page, who, password) {
  await page.goto(`${env.console}/login`);
  const text = await pageText(page);
  await page.getByLabel(text.email).fill(who);
  await page.getByLabel(text.password).fill(password);
  await page.getByRole('button', { name: text.signIn }).click();
  await page.waitForURL(/\/app\//);
}

/** The set-password link of the newest invitation mailed to this address (waits for the mail catcher). */
export async function invitationLink(to, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = readdirSync(env.mailbox).filter((f) => f.endsWith(`-${to}.eml`)).sort((a, b) => parseInt(a) - parseInt(b));
    if (files.length > 0) {
      const raw = readFileSync(join(env.mailbox, files[files.length - 1]), 'utf8');
      // Quoted-printable bodies wrap long lines with '=' and encode '=' as =3D.
      const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const link = text.match(/https?:\/\/\S+\/set-password#token=[A-Za-z0-9_-]+/);
      if (link) {
        return link[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no invitation mailed to ${to} within ${timeoutMs} ms (mailbox ${env.mailbox})`);
}

/** Follows a mailed invitation and chooses a password, as the invited person does. */
export async function acceptInvitation(page, link, password) {
  await page.goto(link);
  const text = await pageText(page);
  await page.getByLabel(text.newPassword).fill(password);
  await page.getByLabel(text.repeat).fill(password);
  await page.getByRole('button', { name: text.setPassword }).click();
  await page.waitForURL(/\/login\?password-set/);
}

/** One chat through the gateway as LibreChat sends it (the banner's librechat.yaml names the user in X-User-Id). */
export async function chat(user, content = 'Olá! Quanto custa esta conversa?') {
  const response = await fetch(`${env.gateway}/v1/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env.serviceKey}`, 'X-User-Id': user, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, `the chat as ${user}: ${body}`);
  return JSON.parse(body);
}

/**
 * axe-core on the page once it is still: no serious or critical violation. MUI fades alerts and dialogs in; a colour
 * measured halfway through a fade is not the colour a person reads, so running transitions finish first.
 */
export async function assertAccessible(page, what) {
  // Endless ones (a spinner, a skeleton's pulse) never finish and are left alone.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'
    || animation.effect?.getComputedTiming().endTime === Infinity), null, { timeout: 5_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
    `${what}: axe-core found serious violations`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(env.screenshots, `${name}.png`), fullPage: true });
}

/** Invites a person through the console's API from a signed-in admin's page (CSRF header from the XSRF-TOKEN cookie). */
export async function inviteByApi(adminPage, who, roles) {
  const status = await adminPage.evaluate(async ({ who, roles }) => {
    const xsrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? '');
    const response = await fetch('/api/people', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf },
      body: JSON.stringify({ email: who, name: who.split('@')[0], roles }),
    });
    return response.status;
  }, { who, roles });
  assert.equal(status, 201, `invite ${who}`);
}
