// Each main screen checked by axe-core (WCAG 2.1 A and AA) in the real Chromium: no serious or critical
// violation. The keyboard-only annotation loop is in annotate.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, call, dataset, GATEWAY, logIn, token, withBrowser } from './helpers.mjs';

const chrome = withBrowser();

test('the datasets list, explore, annotate, history, shortcuts, monitoring, team labelling and rules screens pass axe-core', async () => {
  const name = await dataset('e2e-a11y', 'TextClassification', [
    { id: 'a1', inputs: { text: 'Win a free cruise now' }, metadata: { source: 'web' },
      prediction: { agent: 'm1', labels: [{ class: 'spam', confidence: 0.8 }, { class: 'ham', confidence: 0.2 }] },
      annotation: { agent: 'ana', labels: [{ class: 'spam' }] }, status: 'Validated' },
    { id: 'a2', inputs: { text: 'Minutes of the Monday meeting' }, metadata: { source: 'mail' },
      prediction: { agent: 'm1', labels: [{ class: 'ham', confidence: 0.7 }, { class: 'spam', confidence: 0.3 }] } },
    // enough records for a second page: the pager's page jump is checked too
    ...Array.from({ length: 21 }, (_, i) => ({ id: `n${i}`, inputs: { text: `Notes ${i} of the weekly call` }, metadata: { source: 'mail' } })),
  ]);
  // team labelling: two answers per record, two people disagree on a2 (the review page has a record to show)
  const W = '?workspace=team-a';
  await call(await token('admin', 'admin-password'), 'PUT', `/api/datasets/${name}/settings/team${W}`, { min_submitted: 2 });
  for (const [user, label] of [['ana', 'ham'], ['cara', 'spam']]) {
    const answered = await call(await token(user, `${user}-password`), 'PUT',
      `/api/datasets/${name}/TextClassification/records/a2/responses/me${W}`, { status: 'submitted', annotation: { labels: [{ class: label }] } });
    assert.equal(answered.status, 200, JSON.stringify(answered));
  }
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
      await page.getByRole('heading', { name: 'Answers per person' }).waitFor();
    }],
    ['queue', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?mode=queue&w=team-a`);
      await page.locator('article.queue-record').waitFor();
    }],
    ['queue shortcuts', async () => {
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts of your queue' }).waitFor();
      await page.keyboard.press('Escape');
    }],
    ['review', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?mode=review&w=team-a`);
      await page.getByRole('listitem', { name: 'record a2' }).waitFor();
    }],
    ['review, a decision open', async () => {
      await page.keyboard.press('e');
      await page.getByRole('button', { name: 'v Save decision' }).waitFor();
    }],
    ['agreement', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?mode=agreement&w=team-a`);
      await page.locator('section.agreement').waitFor();
      await page.getByRole('list', { name: 'answers per person' }).waitFor();
    }],
    ['rules', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?mode=rules&w=team-a`);
      await page.getByLabel(/^Rule query/).fill('free OR notes');
      await page.locator('section.rule-figures [data-figure="coverage"]').waitFor();
      await page.getByRole('region', { name: 'records the query matches' }).locator('mark').first().waitFor();
    }],
    ['rules, saved', async () => {
      await page.getByLabel(/^Rule name/).fill('free-or-notes');
      await page.getByRole('button', { name: 'Save rule' }).click();
      await page.locator('table.rules-table tr[data-rule="free-or-notes"]').waitFor();
    }],
    ['settings', async () => {
      await page.goto(`${GATEWAY}/#/datasets/${name}?mode=settings&w=team-a`);
      await page.getByLabel('Answers per record').waitFor();
    }],
  ];
  const found = [];
  for (const [screen, open] of screens) {
    await open();
    found.push(...(await accessibilityViolations(page)).map((v) => `${screen}: ${v}`));
  }
  assert.deepEqual(found, []);
});
