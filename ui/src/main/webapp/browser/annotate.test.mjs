// Labelling in a real headless Chromium against the running stack: an annotator's keyboard loop, a conflict with
// another person's change, a query-wide bulk validation, a record's history, the monitoring page; span and
// sentence editing; a viewer who cannot label; an admin deleting a dataset. Each test logs its own dataset
// (deleted at the end), so runs never depend on one another. Screenshots go to docs/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, dataset, GATEWAY, logIn, numberIn, SHOTS, token, withBrowser } from './helpers.mjs';

const chrome = withBrowser();

const HOUR = 3_600_000;

/** 30 mails, every third about an invoice; predictions spam for invoices, ham otherwise; over the last 30 hours. */
function mails() {
  return Array.from({ length: 30 }, (_, i) => {
    const invoice = i % 3 === 0;
    return {
      id: `m${String(i).padStart(2, '0')}`,
      inputs: { text: invoice ? `Your invoice ${i} is attached, please pay it today` : `Lunch on Friday ${i}? Bring the slides` },
      prediction: { agent: 'mail-model-v2', labels: invoice
        ? [{ class: 'spam', confidence: 0.6 + i / 100 }, { class: 'ham', confidence: 0.4 - i / 100 }]
        : [{ class: 'ham', confidence: 0.9 }, { class: 'spam', confidence: 0.1 }] },
      metadata: { folder: i % 2 ? 'inbox' : 'archive' },
      event_timestamp: new Date(Date.now() - (i + 1) * HOUR).toISOString(),
    };
  });
}

const records = (page) => page.locator('li.record');
const focusedId = async (page) => (await page.locator('li.record[aria-current="true"]').getAttribute('aria-label')).replace('record ', '');

async function annotation(bearer, name, id) {
  return call(bearer, 'GET', `/api/datasets/${name}/TextClassification/records/${id}/annotation`);
}

test('an annotator labels with the keyboard, resolves a conflict, bulk-validates a query and watches the numbers move', async () => {
  const name = await dataset('e2e-label', 'TextClassification', mails());
  const page = await logIn(chrome.browser, 'ana', 'ana-password');
  await page.getByLabel('Search by name').fill(name);
  assert.equal(await page.getByRole('row', { name: new RegExp(name) }).getByRole('cell').nth(2).textContent(), '30');

  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('link', { name: 'Annotate' }).click();
  await page.waitForURL(/mode=annotate/);
  await page.getByLabel('Search records').fill('invoice');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('10 records').waitFor();
  // a facet narrows the search; its chip widens it again
  // click, not check(): the box is controlled by the URL, and check() fails when the search answers after its look
  const inbox = page.getByRole('group', { name: 'Metadata: folder' }).getByRole('checkbox', { name: /inbox/ });
  await inbox.click();
  await page.getByText('5 records').waitFor();
  assert.equal(await inbox.isChecked(), true);
  assert.equal(await records(page).count(), 5);
  await page.getByRole('button', { name: 'remove filter folder: inbox' }).click();
  await page.getByText('10 records').waitFor();
  const progress = page.getByRole('complementary', { name: 'progress' });
  await progress.getByText('Validated').waitFor();
  assert.match(await progress.textContent(), /Records30Validated0/);

  // three records with the keyboard: 2 = spam (labels are the dataset's, alphabetical: 1 ham, 2 spam), 1 = ham,
  // v = validate the prediction; each moves to the next record
  await page.getByRole('button', { name: '2 spam' }).first().waitFor();
  const first = await focusedId(page);
  await page.keyboard.press('2');
  await page.waitForFunction((id) => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') !== `record ${id}`, first);
  const second = await focusedId(page);
  await page.keyboard.press('1');
  await page.waitForFunction((id) => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') !== `record ${id}`, second);
  const third = await focusedId(page);
  await page.keyboard.press('v');
  await page.waitForFunction((id) => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') !== `record ${id}`, third);
  await page.screenshot({ path: `${SHOTS}annotate.png` });
  const ana = await token('ana', 'ana-password');
  for (const [id, label] of [[first, 'spam'], [second, 'ham'], [third, 'spam']]) {
    const saved = await annotation(ana, name, id);
    assert.equal(saved.body.record.status, 'Validated', id);
    assert.equal(saved.body.record.annotation.agent, 'ana', id);
    assert.deepEqual(saved.body.record.annotation.labels.map((l) => l.class), [label], id);
    assert.match(await page.getByRole('listitem', { name: `record ${id}` }).locator('.chip.annotation').textContent(), new RegExp(label));
  }
  await page.waitForFunction(() => /Validated3 /.test(document.querySelector('aside.progress')?.textContent ?? ''));

  // the admin labels the focused record behind ana's back: ana's label is a conflict, shown, then re-applied
  const contested = await focusedId(page);
  const admin = await token('admin', 'admin-password');
  const current = await call(admin, 'GET', `/api/datasets/${name}/TextClassification/records/${contested}/annotation?workspace=team-a`);
  const theirs = await call(admin, 'PUT', `/api/datasets/${name}/TextClassification/records/${contested}/annotation?workspace=team-a`,
    { annotation: { labels: [{ class: 'ham' }] } }, { 'If-Match': current.body.version });
  assert.equal(theirs.status, 200);
  await page.keyboard.press('2');
  const conflict = page.locator('.conflict');
  await conflict.waitFor();
  assert.equal(await conflict.locator('p').textContent(),
    'admin changed this record meanwhile: ham (Validated). Yours: spam (Validated).');
  await page.screenshot({ path: `${SHOTS}conflict.png` });
  await page.getByRole('button', { name: 'Apply mine over theirs' }).click();
  await conflict.waitFor({ state: 'detached' });
  const resolved = await annotation(ana, name, contested);
  assert.equal(resolved.body.record.annotation.agent, 'ana');
  assert.deepEqual(resolved.body.record.annotation.labels.map((l) => l.class), ['spam']);

  // its history: the admin's label, then ana's over it
  await page.keyboard.press('h');
  const history = page.getByRole('region', { name: `history of record ${contested}` });
  await history.locator('li').nth(1).waitFor();
  const events = await history.locator('li').allTextContents();
  assert.match(events[0], /ana set spam \(Validated\) \(was ham \(Validated\)\)/);
  assert.match(events[1], /admin set ham \(Validated\) \(was no annotation \(Default\)\)/);
  await page.screenshot({ path: `${SHOTS}history.png` });

  // the shortcuts
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.screenshot({ path: `${SHOTS}shortcuts.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  // all 30 results of the empty query, validated as one job with its progress; the sidebar follows
  await page.getByLabel('Search records').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('30 records').waitFor();
  await page.getByRole('checkbox', { name: 'Select page' }).check();
  await page.getByRole('button', { name: 'Select all 30 results of this query' }).click();
  await page.getByRole('button', { name: 'Validate 30' }).click();
  // a change over a query's results asks first, naming how many records it changes (issue 26, item 9)
  await page.getByRole('alertdialog', { name: 'confirm the bulk change' }).getByText('Validate all 30 results of this query?').waitFor();
  await page.getByRole('button', { name: 'Yes, validate 30' }).click();
  await page.getByText(/Bulk change done: 30 of 30 changed/).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Select page' }).isChecked(), false, 'the selection ends with the job');
  assert.equal(await page.getByRole('progressbar', { name: 'bulk change progress' }).getAttribute('value'), '30');
  await page.waitForFunction(() => /Validated30 100 %/.test(document.querySelector('aside.progress')?.textContent ?? ''));
  await page.screenshot({ path: `${SHOTS}bulk.png` });

  // monitoring: the data's own range by default (live data: up to now), and the labelling just done
  await page.getByRole('link', { name: 'Monitoring' }).click();
  await page.waitForURL(/\/monitoring\?w=team-a&range=data/);
  await page.getByText(/^30 predictions and \d+ labelling actions/).waitFor();
  const actions = numberIn((await page.locator('.total').textContent()).match(/and (\d+) labelling/)[1]);
  assert.ok(actions >= 35, `3 keyboard labels, the admin's, ana's re-applied one and 30 bulk: ${actions}`);
  const captions = await page.locator('figure.chart figcaption').allTextContents();
  assert.deepEqual(captions, ['Records per predicted label', 'Records per prediction agent', 'Confidence of the top prediction',
    'Share of ok among labelled records', 'Annotation throughput per person']);
  assert.equal(await page.locator('figure.chart canvas').count(), 5);
  await page.getByText('Data table').click();
  const counts = await page.locator('details.data-table tbody tr td:nth-child(2)').allTextContents();
  assert.equal(counts.reduce((sum, c) => sum + Number(c), 0), 30);
  await page.screenshot({ path: `${SHOTS}monitoring.png`, fullPage: true });
  await page.getByRole('combobox', { name: /^Time range/ }).selectOption('24h');
  await page.waitForURL(/range=24h/);
  await page.getByText(/^23 predictions/).waitFor();
});

for (const [user, role] of [['vic', 'viewer'], ['rita', 'reviewer']]) test(`a ${role} sees records but no labelling control, and the server refuses a label anyway`, async () => {
  // a reviewer reads as a viewer does until team labelling's review is built (ADR 0012)
  const name = await dataset('e2e-viewer', 'TextClassification', mails().slice(0, 3));
  const page = await logIn(chrome.browser, user, `${user}-password`);
  assert.match(await page.locator('header.top').textContent(), new RegExp(role));
  await page.goto(`${GATEWAY}/#/datasets/${name}?mode=annotate`);
  await page.getByText('3 records').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Annotate' }).count(), 0);
  assert.equal(await page.getByText('Annotate', { exact: true }).getAttribute('title'), 'your role may not label records');
  assert.equal(await page.getByRole('group', { name: /^label record/ }).count(), 0);
  assert.equal(await page.getByRole('region', { name: 'bulk changes' }).count(), 0);
  const version = (await call(await token('ana', 'ana-password'), 'GET', `/api/datasets/${name}/TextClassification/records/m00/annotation`)).body.version;
  const refused = await page.evaluate(async ([dataset, ifMatch]) => (await fetch(`/api/datasets/${dataset}/TextClassification/records/m00/annotation`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': ifMatch }, body: JSON.stringify({ status: 'Validated' }),
  })).status, [name, version]);
  assert.equal(refused, 403);
});

test('spans are drawn with the keyboard and the mouse; a sentence is edited; an admin deletes a dataset', async () => {
  const name = await dataset('e2e-spans', 'TokenClassification', [
    { id: 's1', raw_text: 'Ana flew to New York today', tokens: ['Ana', 'flew', 'to', 'New', 'York', 'today'],
      prediction: { agent: 'ner-v1', entities: [{ start: 0, end: 3, label: 'PER' }] } },
    { id: 's2', raw_text: 'Bob lives in Paris', tokens: ['Bob', 'lives', 'in', 'Paris'] },
  ]);
  const page = await logIn(chrome.browser, 'ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/${name}?mode=annotate&sort=id~asc`);
  await page.getByRole('button', { name: '1 PER' }).first().waitFor();
  await page.getByLabel('New label').fill('LOC');
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('button', { name: '2 LOC' }).first().waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // keyboard: to "New", extend over "York", label 2 (LOC), validate
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'Shift+ArrowRight', '2']) {
    await page.keyboard.press(key);
  }
  await page.getByRole('listitem', { name: 'record s1' }).locator('.tok.entity[title="LOC"]').nth(1).waitFor();
  // every span says its label after its last token, and the labels in use have a legend (issue 26, item 10)
  assert.deepEqual(await page.getByRole('listitem', { name: 'record s1' }).locator('.span-label').allTextContents(), ['PER', 'LOC']);
  assert.match(await page.getByRole('listitem', { name: 'record s1' }).getByLabel('entity types').textContent(), /PER.*LOC|LOC.*PER/);
  await page.screenshot({ path: `${SHOTS}spans.png` });
  await page.keyboard.press('v');
  await page.getByRole('listitem', { name: 'record s2' }).and(page.locator('[aria-current="true"]')).waitFor();
  // mouse: drag over "Bob", then pick PER
  const bob = page.getByRole('listitem', { name: 'record s2' }).locator('[data-token="0"]');
  const box = await bob.boundingBox();
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  assert.equal(await page.evaluate(() => window.getSelection()?.toString()), '', 'the browser leaves no selection over the tokens');
  await page.getByRole('listitem', { name: 'record s2' }).getByRole('button', { name: '1 PER' }).click();
  await page.getByRole('listitem', { name: 'record s2' }).getByRole('button', { name: /Validate/ }).click();
  const ana = await token('ana', 'ana-password');
  const entities = async (id) => {
    for (let i = 0; i < 20; i += 1) {
      const answer = await call(ana, 'GET', `/api/datasets/${name}/TokenClassification/records/${id}/annotation`);
      if (answer.body.record.status === 'Validated') return answer.body.record.annotation.entities;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${id} was not validated`);
  };
  assert.deepEqual(await entities('s1'), [{ start: 0, end: 3, label: 'PER' }, { start: 12, end: 20, label: 'LOC' }]);
  assert.deepEqual(await entities('s2'), [{ start: 0, end: 3, label: 'PER' }]);

  const sentences = await dataset('e2e-edit', 'Text2Text', [{ id: 't1', text: 'Le chat dort.',
    prediction: { agent: 'mt-v1', sentences: [{ text: 'The cat sleeps.', score: 0.91 }] } }]);
  await page.goto(`${GATEWAY}/#/datasets/${sentences}?mode=annotate`);
  await page.getByRole('button', { name: /Edit sentence/ }).waitFor();
  await page.keyboard.press('e');
  const editor = page.getByLabel('Annotation sentence');
  assert.equal(await editor.inputValue(), 'The cat sleeps.');
  await editor.fill('The cat is asleep.');
  await page.keyboard.press('Control+Enter');
  await page.locator('.sentence.annotation').waitFor();
  assert.equal(await page.locator('.sentence.annotation').textContent(), 'annotationThe cat is asleep.');
  const saved = await call(ana, 'GET', `/api/datasets/${sentences}/Text2Text/records/t1/annotation`);
  assert.deepEqual(saved.body.record.annotation.sentences.map((s) => s.text), ['The cat is asleep.']);

  const adminPage = await logIn(chrome.browser, 'admin', 'admin-password');
  await adminPage.getByLabel('Search by name').fill(name);
  await adminPage.getByRole('button', { name: `delete ${name}` }).click();
  const confirm = adminPage.getByRole('dialog', { name: `Delete ${name}?` });
  assert.equal(await confirm.getByRole('button', { name: 'Delete for good' }).isDisabled(), true);
  await confirm.getByLabel('Type the dataset’s name to confirm').fill(name);
  await confirm.getByRole('button', { name: 'Delete for good' }).click();
  await confirm.waitFor({ state: 'detached' });
  await adminPage.getByText(`No dataset named like “${name}” yet.`).waitFor();
  assert.equal((await call(ana, 'GET', `/api/datasets/${name}`)).status, 404);
});

// ---------------------------------------------------------------------------------------------------------------------
// Comments on a record (issue 26). Written without a run: the shared browser stack was in use by someone else when
// they were added; the same loop is covered by Vitest (src/annotate/annotation.test.tsx) and by annotation-service's
// CommentResourceTest against Elasticsearch.
// ---------------------------------------------------------------------------------------------------------------------

test('an annotator comments on the focused record with c and Ctrl+Enter; the admin sees it with its time and answers', async () => {
  const name = await dataset('e2e-comment', 'TextClassification', mails().slice(0, 3));
  const page = await logIn(chrome.browser, 'ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/${name}?mode=annotate&sort=id~asc`);
  await page.getByRole('button', { name: '2 spam' }).first().waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const id = await focusedId(page);
  assert.equal(id, 'm00');

  // c opens a box on the focused record, with the focus in it; Ctrl+Enter posts; the box closes and says so
  await page.keyboard.press('c');
  const box = page.getByRole('textbox', { name: `Comment on record ${id}` });
  await box.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
  await page.keyboard.type('ambiguous: <b>sarcasm</b>?');
  assert.equal(await box.inputValue(), 'ambiguous: <b>sarcasm</b>?', 'c itself is not typed into the box');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('listitem', { name: `record ${id}` }).getByRole('status').filter({ hasText: 'Comment saved' }).waitFor();
  await box.waitFor({ state: 'detached' });

  // the record's history opens with it, as text (never HTML)
  const history = page.getByRole('region', { name: `history of record ${id}` });
  await history.getByText(/ana commented: ambiguous: <b>sarcasm<\/b>\?/).waitFor();
  assert.equal(await history.locator('b').count(), 0);

  // Esc closes an empty box without posting; the keyboard is the page's again
  await page.keyboard.press('c');
  await box.waitFor();
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  await page.keyboard.press('j');
  await page.waitForFunction((was) => document.querySelector('li.record[aria-current="true"]')?.getAttribute('aria-label') !== `record ${was}`, id);

  // the API holds it in the history, by ana; and a comment is not a labelling action in the monitoring
  const admin = await token('admin', 'admin-password');
  const events = await call(admin, 'GET', `/api/datasets/${name}/TextClassification/records/${id}/history?workspace=team-a`);
  assert.equal(events.status, 200);
  assert.deepEqual(events.body.map((e) => [e.action, e.agent, e.text]), [['comment', 'ana', 'ambiguous: <b>sarcasm</b>?']]);
  await page.getByRole('link', { name: 'Monitoring' }).click();
  await page.getByText(/^3 predictions and 0 labelling actions/).waitFor();

  // the admin, in a session of their own at 1024 px, opens the record's history: ana's comment with its time
  const adminPage = await logIn(chrome.browser, 'admin', 'admin-password');
  await adminPage.setViewportSize({ width: 1024, height: 800 });
  await adminPage.goto(`${GATEWAY}/#/datasets/${name}?w=team-a&mode=annotate&sort=id~asc`);
  await adminPage.getByRole('button', { name: '2 spam' }).first().waitFor();
  const card = adminPage.getByRole('listitem', { name: `record ${id}` });
  await card.getByRole('button', { name: 'h History' }).click();
  const seen = adminPage.getByRole('region', { name: `history of record ${id}` });
  await seen.getByText(/ana commented: ambiguous/).waitFor();
  assert.match(await seen.locator('li').first().textContent(), /^\d+\/\d+\/\d{4}, \d+:\d{2}:\d{2} [AP]M ana commented: ambiguous: <b>sarcasm<\/b>\?$/);

  // and answers with the button; the history shows both, newest first; nothing is wider than the screen
  await card.getByRole('button', { name: 'c Comment' }).click();
  await adminPage.getByRole('textbox', { name: `Comment on record ${id}` }).fill('spam: the guideline says so (2.1)');
  await adminPage.getByRole('button', { name: 'Post comment' }).click();
  await seen.getByText(/admin commented: spam: the guideline says so \(2\.1\)/).waitFor();
  const lines = (await seen.locator('li').allTextContents()).map((line) => line.replace(/^.*?[AP]M /, ''));
  assert.deepEqual(lines, ['admin commented: spam: the guideline says so (2.1)', 'ana commented: ambiguous: <b>sarcasm</b>?']);
  assert.ok(await adminPage.evaluate(() => document.documentElement.scrollWidth <= 1024), 'fits 1024 px');
  await adminPage.screenshot({ path: `${SHOTS}comments.png` });
});
