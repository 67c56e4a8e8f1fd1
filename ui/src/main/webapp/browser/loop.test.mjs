// The labelling loop as a team uses it all day (issue 26): the first records of a fresh tab without waiting for
// /api/me, numeric ids in numeric order, facet counts that follow the labels, skip, undo, the next page from the
// last record, a page number to jump to, and the compact list. Against the running stack, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, dataset, GATEWAY, logIn, SHOTS, token, withBrowser } from './helpers.mjs';

const chrome = withBrowser();

/** 45 tickets, ids 1 to 45 (numbers), every fifth about a refund; predictions refund / other. */
function tickets() {
  return Array.from({ length: 45 }, (_, i) => {
    const refund = i % 5 === 0;
    return {
      id: i + 1,
      inputs: { text: refund ? `Ticket ${i + 1}: I want my money back for order ${1000 + i}` : `Ticket ${i + 1}: where is my parcel? `.repeat(4) },
      prediction: { agent: 'ticket-model', labels: [{ class: refund ? 'refund' : 'other', confidence: 0.8 }] },
      metadata: { channel: i % 2 ? 'mail' : 'chat' },
    };
  });
}

const focusedId = async (page) => (await page.locator('li.record[aria-current="true"]').getAttribute('aria-label')).replace('record ', '');
const shownIds = async (page) => (await page.locator('li.record').evaluateAll((items) => items.map((li) => li.getAttribute('aria-label'))))
  .map((label) => Number(label.replace('record ', '')));
const statusCount = async (page, status) => {
  const text = await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: new RegExp(status) })
    .evaluate((box) => box.closest('label')?.textContent ?? '');
  return Number(text.replace(status, '').replace(/[^\d]/g, ''));
};

test('a fresh tab on a dataset link reads it, its records and the session together; a wrong remembered task costs a retry only', async () => {
  const name = await dataset('e2e-fresh', 'TextClassification', tickets().slice(0, 5));
  const logged = await logIn(chrome.browser, 'ana', 'ana-password'); // the datasets list: this browser knows the task
  const open = async () => {
    const page = await logged.context().newPage();
    const events = [];
    page.on('request', (request) => events.push(`sent ${new URL(request.url()).pathname}`));
    page.on('requestfinished', (request) => events.push(`answered ${new URL(request.url()).pathname}`));
    await page.goto(`${GATEWAY}/#/datasets/${name}?w=team-a`);
    await page.getByText('5 records').waitFor();
    await page.close();
    return { at: (event) => events.indexOf(event), events, searches: events.filter((e) => e.startsWith('sent') && e.endsWith(':search')) };
  };
  const known = await open();
  const search = `sent /api/datasets/${name}/TextClassification:search`;
  assert.ok(known.at(search) >= 0 && known.at(search) < known.at('answered /api/me')
    && known.at(search) < known.at(`answered /api/datasets/${name}`),
  `the search goes out with /api/me and the dataset, before either answers: ${known.events.join(', ')}`);
  assert.equal(known.searches.length, 1, 'one search');

  // a task this browser remembers wrongly (the dataset was made again as another task): one refused search, then the right one
  await logged.evaluate((key) => {
    const tasks = JSON.parse(localStorage.getItem('rubrix.tasks') ?? '{}');
    localStorage.setItem('rubrix.tasks', JSON.stringify({ ...tasks, [key]: 'TokenClassification' }));
  }, `team-a/${name}`);
  const wrong = await open();
  assert.deepEqual(wrong.searches, [`sent /api/datasets/${name}/TokenClassification:search`, search]);
  assert.ok(wrong.at(search) > wrong.at(`answered /api/datasets/${name}`), 'the second search follows the descriptor');

  // the descriptor put the right task back: the next fresh tab searches at once again
  const again = await open();
  assert.deepEqual(again.searches, [search]);
  assert.ok(again.at(search) < again.at(`answered /api/datasets/${name}`));
});

test('numeric ids in order, facets that follow labels, skip, undo, the next page from the last record, page jumps, compact', async () => {
  const name = await dataset('e2e-loop', 'TextClassification', tickets());
  const page = await logIn(chrome.browser, 'ana', 'ana-password');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${GATEWAY}/#/datasets/${name}?w=team-a&sort=id~asc&mode=annotate`);
  await page.getByText('45 records').waitFor();
  // sorted by id: 1, 2, 3 … not 1, 10, 11 (issue 26, item 12)
  assert.deepEqual(await shownIds(page), Array.from({ length: 20 }, (_, i) => i + 1));
  assert.equal(await statusCount(page, 'Default'), 45);

  // a label: the record moves on, and the Status facet counts it without a reload (issue 26, item 7)
  await page.getByRole('button', { name: '2 refund' }).first().waitFor();
  assert.equal(await focusedId(page), '1');
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') === 'record 2');
  await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: /Validated/ }).waitFor();
  assert.equal(await statusCount(page, 'Validated'), 1);
  assert.equal(await statusCount(page, 'Default'), 44);

  // skip: on to record 3, record 2 untouched and marked skipped
  await page.keyboard.press('s');
  await page.waitForFunction(() => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') === 'record 3');
  assert.equal(await page.getByRole('listitem', { name: 'record 2' }).locator('.skipped').textContent(), 'skipped');
  const ana = await token('ana', 'ana-password');
  assert.equal((await call(ana, 'GET', `/api/datasets/${name}/TextClassification/records/2/annotation`)).body.record.status, 'Default');

  // undo: record 1 goes back to no annotation, and the focus with it
  assert.equal((await call(ana, 'GET', `/api/datasets/${name}/TextClassification/records/1/annotation`)).body.record.status, 'Validated');
  await page.keyboard.press('u');
  await page.getByRole('status').getByText('Undone: record 1 is back to no annotation (Default).').waitFor();
  const undone = (await call(ana, 'GET', `/api/datasets/${name}/TextClassification/records/1/annotation`)).body.record;
  assert.equal(undone.status, 'Default');
  assert.equal(undone.annotation, undefined);
  assert.equal(await focusedId(page), '1');
  assert.equal(await page.getByRole('button', { name: 'u Undo' }).isDisabled(), true, 'nothing left to undo');
  await page.screenshot({ path: `${SHOTS}loop-undo.png` });

  // two changes of one record, undone one after the other: back through both (the walk-through found the second refused)
  const focusIs = (id) => page.waitForFunction((want) => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') === `record ${want}`, id);
  await page.keyboard.press('2');
  await focusIs(2);
  await page.keyboard.press('k');
  await focusIs(1);
  await page.keyboard.press('1');
  await focusIs(2);
  await page.keyboard.press('u');
  await page.getByRole('status').getByText('Undone: record 1 is back to refund (Validated).').waitFor();
  await page.keyboard.press('u');
  await page.getByRole('status').getByText('Undone: record 1 is back to no annotation (Default).').waitFor();
  assert.equal((await call(ana, 'GET', `/api/datasets/${name}/TextClassification/records/1/annotation`)).body.record.status, 'Default');
  assert.equal(await focusedId(page), '1');

  // undo refuses to overwrite someone else's later change
  await page.keyboard.press('1');
  await page.waitForFunction(() => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') === 'record 2');
  const admin = await token('admin', 'admin-password');
  const now = await call(admin, 'GET', `/api/datasets/${name}/TextClassification/records/1/annotation?workspace=team-a`);
  assert.equal((await call(admin, 'PUT', `/api/datasets/${name}/TextClassification/records/1/annotation?workspace=team-a`,
    { status: 'Discarded' }, { 'If-Match': now.body.version })).status, 200);
  await page.keyboard.press('u');
  await page.getByRole('status').getByText('Not undone: record 1 was changed by someone else since.').waitFor();
  assert.equal((await call(ana, 'GET', `/api/datasets/${name}/TextClassification/records/1/annotation`)).body.record.status, 'Discarded');

  // j from the last record of the page opens the next page at its first record (issue 26, item 8)
  for (let i = 0; i < 18; i += 1) {
    await page.keyboard.press('j');
  }
  await page.waitForFunction(() => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') === 'record 20');
  await page.keyboard.press('j');
  await page.getByText('page 2 of 3').waitFor();
  await page.waitForURL(/page=2&after=/);
  assert.deepEqual(await shownIds(page), Array.from({ length: 20 }, (_, i) => i + 21));
  assert.equal(await focusedId(page), '21');
  // and k from the first record goes back to the page before, at its last record
  await page.keyboard.press('k');
  await page.getByText('page 1 of 3').waitFor();
  await focusIs(20);
  await page.keyboard.press('j');
  await page.getByText('page 2 of 3').waitFor();
  await focusIs(21);

  // a page by its number
  await page.getByRole('link', { name: 'Explore' }).click();
  await page.getByLabel('Go to page').fill('3');
  await page.getByLabel('Go to page').press('Enter');
  await page.getByText('page 3 of 3').waitFor();
  assert.deepEqual(await shownIds(page), [41, 42, 43, 44, 45]);

  // the compact list: about twice the records on a 900 px screen (issue 26, item 6)
  await page.getByRole('button', { name: 'First' }).click();
  await page.getByText('page 1 of 3').waitFor();
  const onScreen = () => page.locator('li.record').evaluateAll((items) => items.filter((li) => li.getBoundingClientRect().bottom <= window.innerHeight).length);
  const roomy = await onScreen();
  await page.getByLabel('Compact').check();
  const compact = await onScreen();
  assert.ok(compact >= roomy * 1.6, `compact shows ${compact} whole records on screen, the full view ${roomy}`);
  await page.screenshot({ path: `${SHOTS}compact-1440.png` });
  await page.setViewportSize({ width: 1024, height: 900 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1024), 'nothing wider than the screen');
  await page.screenshot({ path: `${SHOTS}compact-1024.png` });
  await page.reload(); // a preference of the browser: still compact
  await page.locator('li.record').first().waitFor();
  assert.equal(await page.getByLabel('Compact').isChecked(), true);
  await page.getByLabel('Compact').uncheck();
});
