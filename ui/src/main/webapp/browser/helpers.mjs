// Shared by the browser tests: Chromium as the issue asks for it, the Keycloak login form, tokens and API calls
// for setting up data, and the datasets a test made, deleted when it ends.
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const GATEWAY = process.env.RUBRIX_GATEWAY ?? 'http://localhost:6900';
const REALM = process.env.RUBRIX_REALM ?? 'http://127.0.0.1:8180/realms/rubrix';
export const SHOTS = fileURLToPath(new URL('../../../../../docs/screenshots/', import.meta.url));

export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Chromium for the tests of one file, closed after them, and the datasets they made deleted: `.browser`. */
export function withBrowser() {
  const chrome = { browser: undefined };
  before(async () => {
    chrome.browser = await launch();
  });
  after(async () => {
    await chrome.browser?.close();
    await cleanUp();
  });
  return chrome;
}

/**
 * A new browser context logged in through Keycloak's login form, on the datasets page. {@code bypassCSP} lets a
 * test inject a checking script (axe-core) past the gateway's Content-Security-Policy.
 */
export async function logIn(browser, username, password, { bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP });
  const page = await context.newPage();
  await page.goto(`${GATEWAY}/`);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.getByRole('heading', { name: 'Datasets' }).waitFor();
  return page;
}

export async function token(username, password) {
  const answer = await fetch(`${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'rubrix-client', username, password }),
  });
  return (await answer.json()).access_token;
}

/** An API call through the gateway with a bearer token: {status, body}. */
export async function call(bearer, method, path, body, headers = {}) {
  const answer = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? JSON.parse(text) : undefined };
}

const made = [];

const WORKSPACE_OF = { ana: 'team-a', bob: 'team-b' };

/** Logs records into a new dataset (as ana in team-a, or bob in team-b); the dataset is deleted by {@link cleanUp}. */
export async function dataset(prefix, task, records, user = 'ana') {
  const name = `${prefix}-${Date.now().toString(36)}`;
  const logged = await call(await token(user, `${user}-password`), 'POST', `/api/datasets/${name}/${task}:bulk`, { records });
  if (logged.status !== 200 || logged.body.failed !== 0) {
    throw new Error(`could not log the test records: ${JSON.stringify(logged)}`);
  }
  made.push([name, WORKSPACE_OF[user]]);
  return name;
}

export async function cleanUp() {
  const admin = await token('admin', 'admin-password');
  for (const [name, workspace] of made.splice(0)) {
    await call(admin, 'DELETE', `/api/datasets/${name}?workspace=${workspace}`);
  }
}

export const numberIn = (text) => Number(String(text).replace(/[^\d]/g, ''));

/**
 * The WCAG 2 A/AA rules axe-core finds broken on the page, serious and critical ones, as "rule: element" lines.
 */
export async function accessibilityViolations(page) {
  await page.addScriptTag({ path: fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)) });
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? v.help})`)));
  return violations;
}
