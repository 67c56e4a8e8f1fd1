// Each main screen checked by axe-core (WCAG 2.1 A and AA) in the real Chromium: no serious or critical
// violation. The keyboard-only annotation loop is in annotate.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, dataset, GATEWAY, logIn, withBrowser } from './helpers.mjs';

const chrome = withBrowser();

test('the datasets list, explore, annotate, history, shortcuts and monitoring screens pass axe-core', async () => {
  const name = await dataset('e2e-a11y', 'TextClassification', [
    { id: 'a1', inputs: { text: 'Win a free cruise now' }, metadata: { source: 'web' },
      prediction: { agent: 'm1', labels: [{ class: 'spam', confidence: 0.8 }, { class: 'ham', confidence: 0.2 }] },
      annotation: { agent: 'ana', labels: [{ class: 'spam' }] }, status: 'Validated' },
    { id: 'a2', inputs: { text: 'Minutes of the Monday meeting' }, metadata: { source: 'mail' },
      prediction: { agent: 'm1', labels: [{ class: 'ham', confidence: 0.7 }, { class: 'spam', confidence: 0.3 }] } },
    // enough records for a second page: the pager's page jump is checked too
    ...Array.from({ length: 21 }, (_, i) => ({ id: `n${i}`, inputs: { text: `Notes ${i} of the weekly call` }, metadata: { source: 'mail' } })),
  ]);
  const page = await logIn(chrome.browser, 'admin', 'admin-password', { bypassCSP: true });
  const screens = [
    ['datasets', async () => page.getByRole('heading', { name: 'Datasets' }).waitFor()],
    ['explore', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?q=free&w=team-a`);
      await page.getByText('1 record', { exact: true }).waitFor();
    }],
    ['explore, compact, with pages', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?w=team-a`);
      await page.getByText('23 records').waitFor();
      await page.getByLabel('Compact').check();
      await page.getByLabel('Go to page').waitFor();
    }],
    ['annotate', async () => {
      await page.getByLabel('Compact').uncheck();
      await page.evaluate(() => document.activeElement?.blur()); // the keys that follow are shortcuts, not the box's
      await page.goto(`${GATEWAY}/#/datasets/${name}?mode=annotate&w=team-a`);
      await page.getByRole('button', { name: '2 spam' }).first().waitFor();
    }],
    ['history', async () => {
      await page.keyboard.press('h');
      await page.getByRole('region', { name: /^history of record/ }).getByText(/No one|set|imported/).first().waitFor();
    }],
    ['shortcuts', async () => {
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    }],
    ['monitoring', async () => {
      await page.keyboard.press('Escape');
      await page.goto(`${GATEWAY}/#/datasets/${name}/monitoring?range=all&w=team-a`);
      await page.locator('figure.chart canvas').first().waitFor();
    }],
  ];
  const found = [];
  for (const [screen, open] of screens) {
    await open();
    found.push(...(await accessibilityViolations(page)).map((v) => `${screen}: ${v}`));
  }
  assert.deepEqual(found, []);
});
