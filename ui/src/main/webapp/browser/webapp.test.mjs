// The web app in a real headless Chromium (Debian's chromium, driven by playwright-core), against the running
// stack (scripts/stack.sh up): log in through Keycloak, the datasets list, a dataset's records, a search, and a
// record whose text is an HTML injection. Screenshots of each screen go to docs/screenshots/.
// Run: npm run browser (RUBRIX_GATEWAY, default http://localhost:6900).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataset, GATEWAY, logIn as logInto, numberIn, SHOTS, withBrowser } from './helpers.mjs';

const XSS = '<img src=x onerror="document.title=\'pwned\'">';

const chrome = withBrowser();

const logIn = (username, password) => logInto(chrome.browser, username, password);

test('an annotator logs in, finds the demo dataset, opens it and searches its records', async () => {
  const page = await logIn('ana', 'ana-password');
  assert.match(await page.locator('header.top').textContent(), /team-a/);
  await page.getByLabel('Search by name').fill('spam-assassin');
  await page.screenshot({ path: `${SHOTS}datasets.png` });
  await page.getByRole('link', { name: 'spam-assassin', exact: true }).click();
  await page.getByText('6,046 records').waitFor();
  const progress = page.getByRole('complementary', { name: 'progress' });
  await progress.getByText('Validated').waitFor();
  assert.match(await progress.textContent(), /Records6,046Validated871 14 %/);
  assert.match(await progress.textContent(), /macro F1 0\.\d\d/);

  // a facet filters, its chip unfilters
  // click, not check(): the box follows the URL, so its state changes with the navigation, not the click
  const validated = page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: /Validated/ });
  await validated.click();
  await page.waitForURL(/f\.status=Validated/);
  await page.getByText('871 records').waitFor();
  assert.equal(await validated.isChecked(), true);
  // the facet's other values stay, with their counts, to add as a second value (issue 26, item 7)
  const byDefault = page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: /Default/ });
  const defaults = numberIn((await byDefault.evaluate((box) => box.closest('label')?.textContent ?? '')).replace('Default', ''));
  assert.ok(defaults > 0, 'Default keeps its count while Validated is ticked');
  await byDefault.click();
  await page.waitForURL(/f\.status=.*f\.status=/);
  await page.getByText(`${(871 + defaults).toLocaleString('en')} records`).waitFor();
  assert.equal(await validated.isChecked(), true);
  assert.equal(await byDefault.isChecked(), true);
  await byDefault.click();
  await page.getByText('871 records').waitFor();
  await page.getByRole('button', { name: 'remove filter Status: Validated' }).click();
  await page.getByText('6,046 records').waitFor();

  await page.getByLabel('Search records').fill('money');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/#\/datasets\/spam-assassin\?w=team-a&q=money/);
  await page.waitForFunction(() => document.querySelector('.total')?.textContent !== '6,046 records');
  const total = Number((await page.locator('.total').textContent()).replace(/[^\d]/g, ''));
  assert.ok(total > 0 && total < 6046, `a search narrows the records: ${total}`);
  assert.equal(await page.locator('li.record').count(), Math.min(total, 20));
  const marked = await page.locator('li.record .text mark').allTextContents();
  assert.ok(marked.length > 0 && marked.every((m) => /^money$/i.test(m)), `the matches are highlighted: ${marked}`);
  await page.screenshot({ path: `${SHOTS}explore.png` });

  await page.reload(); // the view is in the URL: the same search after a reload
  await page.locator('li.record').first().waitFor();
  assert.equal(await page.getByLabel('Search records').inputValue(), 'money');
  assert.equal(Number((await page.locator('.total').textContent()).replace(/[^\d]/g, '')), total);

  // the confidence histogram filters to a bar's range; sorting by confidence orders the records
  const bars = await page.getByRole('button', { name: /^confidence 0\.\d\d to / }).evaluateAll((buttons) =>
    buttons.map((b) => b.getAttribute('aria-label')));
  const counted = bars.map((label) => ({ label, count: Number(/: (\d+) records/.exec(label)[1]) }));
  const fullest = [...counted].sort((a, b) => b.count - a.count)[0];
  const below = counted[counted.indexOf(fullest) - 1]?.count ?? 0;
  await page.getByRole('button', { name: fullest.label }).click();
  await page.waitForURL(/c=0\.\d+~/);
  await page.getByRole('button', { name: 'remove filter Confidence' }).waitFor();
  // the predicate runs in the page: `total` goes in as its argument
  await page.waitForFunction((before) => !document.querySelector('.total')?.textContent?.startsWith(`${before} `),
    total);
  await page.locator('li.record').first().waitFor();
  // scores are stored as 32-bit floats: Elasticsearch's range query and histogram may disagree on a score at a
  // bar's lower edge, so a few records of the bar below may join
  const filtered = Number((await page.locator('.total').textContent()).replace(/[^\d]/g, ''));
  assert.ok(filtered >= fullest.count && filtered <= fullest.count + below, `${fullest.label}: ${filtered} records`);
  await page.getByRole('button', { name: 'remove filter Confidence' }).click();
  await page.getByText(`${total.toLocaleString('en')} records`).waitFor();
  await page.getByRole('combobox', { name: /^Sort by/ }).selectOption('confidence~desc');
  await page.waitForURL(/sort=confidence~desc/);
  // the new page replaces the old one: wait until a full page is shown in descending top confidence (a wrong
  // order never satisfies it and times out)
  await page.waitForFunction(() => {
    const cards = [...document.querySelectorAll('li.record')];
    if (document.querySelector('.loading') || cards.length < 20) return false;
    const tops = cards.map((card) => Math.max(...[...card.querySelectorAll('.chip.prediction')]
      .map((chip) => Number(chip.textContent.split(' ').pop()))));
    return tops.every((t, i) => i === 0 || t <= tops[i - 1]);
  }, null, { timeout: 15_000 });
});

test('records show their model: the attribution heat map, entity spans, and metadata one click from a filter', async () => {
  const page = await logIn('ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?f.predicted_as=spam`);
  await page.locator('li.record .token').first().waitFor();
  const hover = await page.locator('li.record .token').first().getAttribute('title');
  assert.match(hover, /^spam: -?\d\.\d{3}$/);
  await page.getByLabel('attribution legend').first().waitFor();
  await page.locator('li.record details.metadata summary').first().click();
  const group = await page.locator('li.record details.metadata dd button').first().textContent();
  await page.locator('li.record details.metadata dd button').first().click();
  await page.waitForURL(new RegExp(`m\\.group=${group}`));
  await page.getByRole('button', { name: `remove filter group: ${group}` }).waitFor();
  await page.locator('li.record').first().waitFor();
  const filtered = Number((await page.locator('.total').textContent()).replace(/[^\d]/g, ''));
  const facetCount = Number((await page.getByRole('group', { name: 'Metadata: group' })
    .locator('label', { hasText: group }).locator('.count').textContent()).replace(/[^\d]/g, ''));
  assert.equal(filtered, facetCount, 'the filtered total is the facet count it was chosen from');
  await page.screenshot({ path: `${SHOTS}text-classification.png` });

  await page.goto(`${GATEWAY}/#/datasets/spam-assassin-subjects?f.predicted_as=URL`);
  await page.locator('li.record mark.entity.prediction').first().waitFor();
  assert.equal(await page.locator('li.record mark.entity').first().getAttribute('title'), 'URL (prediction)');
  await page.screenshot({ path: `${SHOTS}token-classification.png` });
});

test('metadata keys Elasticsearch cannot name an aggregation after (a>b, tags[0]) stay facets to filter by (issue 26, item 2)', async () => {
  const name = await dataset('e2e-oddkeys', 'TextClassification', [
    { id: 'o1', inputs: { text: 'first' }, metadata: { 'a>b': 'yes', 'tags[0]': 'red', plain: 'p' } },
    { id: 'o2', inputs: { text: 'second' }, metadata: { 'a>b': 'no', 'tags[0]': 'red', plain: 'p' } },
    { id: 'o3', inputs: { text: 'third' }, metadata: { 'a>b': 'yes', 'tags[0]': 'blue', plain: 'q' } },
  ]);
  const page = await logIn('ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/${name}?w=team-a`);
  await page.getByText('3 records').waitFor();
  const odd = page.getByRole('group', { name: 'Metadata: a>b' });
  assert.deepEqual((await odd.locator('label').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()), ['yes 2', 'no 1']);
  await odd.getByRole('checkbox', { name: /yes/ }).click();
  await page.getByText('2 records').waitFor();
  const tags = page.getByRole('group', { name: 'Metadata: tags[0]' });
  await tags.getByRole('checkbox', { name: /blue/ }).click();
  await page.getByText('1 record', { exact: true }).waitFor();
  assert.equal(await page.locator('li.record').getAttribute('aria-label'), 'record o3');
  await page.reload(); // the filters are in the URL, odd keys included
  await page.getByText('1 record', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'remove filter tags[0]: blue' }).count(), 1);
});

test('a record whose text is HTML shows those characters and runs nothing', async () => {
  const name = await dataset('e2e-xss', 'TextClassification', [{ id: 'xss', inputs: { text: XSS } }]);

  const page = await logIn('ana', 'ana-password');
  let dialogs = 0;
  page.on('dialog', (dialog) => { dialogs += 1; dialog.dismiss(); });
  await page.goto(`${GATEWAY}/#/datasets/${name}`);
  await page.getByText(XSS, { exact: true }).waitFor();
  assert.equal(await page.locator('li.record img').count(), 0);
  assert.notEqual(await page.title(), 'pwned');
  assert.equal(dialogs, 0);
  await page.screenshot({ path: `${SHOTS}record-as-text.png` });
});

test('a long record is read whole on request, and an unbroken text never widens the page (issue 26, items 1 and 6)', async () => {
  const long = Array.from({ length: 60 }, (_, i) => `line ${i + 1} of a long mail`).join('\n') + '\nthe needle at the end';
  const unbroken = 'x'.repeat(50000);
  const name = await dataset('e2e-long', 'TextClassification', [
    { id: 'long', inputs: { text: long } }, { id: 'unbroken', inputs: { text: unbroken } }]);

  const page = await logIn('ana', 'ana-password');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${GATEWAY}/#/datasets/${name}?q=needle`);
    const card = page.getByRole('listitem', { name: 'record long' });
    await card.locator('mark').first().waitFor();
    const text = card.locator('p.text');
    const folded = await text.evaluate((p) => ({ shown: p.clientHeight, whole: p.scrollHeight }));
    assert.ok(folded.whole > folded.shown * 3, `a long text is folded at first: ${JSON.stringify(folded)}`);
    await page.screenshot({ path: `${SHOTS}long-record-${width}.png` });
    await card.getByRole('button', { name: 'Show all' }).click();
    const opened = await text.evaluate((p) => ({ shown: p.clientHeight, whole: p.scrollHeight }));
    assert.ok(opened.shown >= opened.whole, `the whole text shows: ${JSON.stringify(opened)}`);
    const needle = await card.locator('mark').first().boundingBox();
    const box = await text.boundingBox();
    assert.ok(needle && needle.y + needle.height <= box.y + box.height + 1, 'the match at the end is within the text shown');
    await card.screenshot({ path: `${SHOTS}long-record-whole-${width}.png` });
    await card.getByRole('button', { name: 'Show less' }).click();
    assert.ok(await text.evaluate((p) => p.scrollHeight > p.clientHeight), 'folded back');

    await page.goto(`${GATEWAY}/#/datasets/${name}`);
    await page.getByRole('listitem', { name: 'record unbroken' }).waitFor();
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= width, `a 50,000-character word stays within the ${width} px page: ${pageWidth}`);

    await page.goto(`${GATEWAY}/#/`);
    await page.getByRole('link', { name: 'spam-assassin', exact: true }).waitFor();
    const listWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(listWidth <= width, `the datasets list fits the ${width} px screen: ${listWidth}`);
    await page.screenshot({ path: `${SHOTS}datasets-${width}.png` });
  }
});

test('no dead ends: a refused search, a page past the window and another team\'s dataset say so in place (issue 26, item 5)', async () => {
  const theirs = await dataset('e2e-theirs', 'TextClassification', [{ id: 'b1', inputs: { text: 'in team b' } }], 'bob');
  const page = await logIn('ana', 'ana-password');

  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?q=${encodeURIComponent('subject:(')}`);
  const refused = page.getByRole('alert');
  await refused.waitFor();
  assert.match(await refused.textContent(), /This search could not be made/);
  assert.equal(await page.getByLabel('Search records').inputValue(), 'subject:(');
  await page.screenshot({ path: `${SHOTS}search-refused.png` });
  await refused.getByRole('button', { name: 'Clear the search' }).click();
  await page.getByText('6,046 records').waitFor();

  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?page=999`);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /Page 999 is beyond the first 10,000 records/);
  await page.getByRole('button', { name: 'Back to the first page' }).click();
  await page.getByText('page 1 of 303').waitFor();

  await page.goto(`${GATEWAY}/#/datasets/${theirs}`);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /not found/);
  await page.getByRole('link', { name: 'Back to the datasets' }).click();
  await page.getByRole('heading', { name: 'Datasets' }).waitFor();
});

test('monitoring opens on the range that holds the data, in sensible buckets, and says what it shows (issue 26, item 3)', async () => {
  const page = await logIn('ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?w=team-a`);
  await page.getByRole('link', { name: 'Monitoring' }).click();
  await page.waitForURL(/\/monitoring\?w=team-a&range=data$/);
  const total = page.locator('.total');
  await total.getByText(/predictions/).waitFor();
  const said = await total.textContent();
  const shown = numberIn(said.match(/^([\d,]+) predictions/)[1]);
  // 390 demo mails carry no date, and the 0.1 % earliest and latest (a mail dated year 2, one dated 2028) are left out
  assert.ok(shown > 5600, `nearly all of the demo's dated records are charted: ${said}`);
  assert.match(said, /of the dataset's 6,046 records are outside this range or have no event time/);
  assert.match(said, /from .*2002/, `the range is the data's (2002), not the last 7 days: ${said}`);
  assert.match(said, /buckets of (1d|7d|30d)/, `buckets a person can read: ${said}`);
  assert.doesNotMatch(await page.locator('main').textContent(), /Invalid Date/);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}monitoring-default-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.screenshot({ path: `${SHOTS}monitoring-default-1024.png`, fullPage: true });

  await page.getByRole('combobox', { name: /^Time range/ }).selectOption('7d');
  await page.getByText(/No prediction has its event time in this range/).waitFor();
  await page.getByRole('button', { name: "Show the data's own range" }).click();
  await page.waitForURL(/range=data$/);
  await total.getByText(/predictions/).waitFor();
});

test('a Text2Text record shows its predicted sentences with scores and its annotation', async () => {
  const name = await dataset('e2e-t2t', 'Text2Text', [{ id: 't1', text: 'Le chat dort.',
    prediction: { agent: 'mt-v1', sentences: [{ text: 'The cat sleeps.', score: 0.91 }] },
    annotation: { agent: 'ana', sentences: [{ text: 'The cat is sleeping.' }] } }]);
  const page = await logIn('ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/${name}`);
  await page.locator('.sentence.prediction').waitFor();
  assert.equal(await page.locator('.sentence.prediction').textContent(), 'prediction 0.91The cat sleeps.');
  assert.equal(await page.locator('.sentence.annotation').textContent(), 'annotationThe cat is sleeping.');
  await page.screenshot({ path: `${SHOTS}text2text.png` });
});

test('someone in two workspaces opens a dataset of each from the list, and copies a link that opens it', async () => {
  const ours = await dataset('e2e-ws', 'TextClassification', [{ id: 'a', inputs: { text: 'in team a' } }]);
  const theirs = await dataset('e2e-ws', 'TextClassification', [{ id: 'b1', inputs: { text: 'in team b' } },
    { id: 'b2', inputs: { text: 'also in team b' } }], 'bob');
  const page = await logIn('admin', 'admin-password');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: GATEWAY });
  await page.getByLabel('Search by name').fill('e2e-ws-');
  const row = page.getByRole('row', { name: new RegExp(theirs) });
  assert.match(await row.textContent(), /team-b/);
  assert.equal(await row.getByRole('cell').nth(2).textContent(), '2');
  await row.getByRole('button', { name: `copy link to ${theirs}` }).click();
  await row.getByText('Link copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${GATEWAY}/#/datasets/${theirs}?w=team-b`);
  await page.getByRole('link', { name: theirs, exact: true }).click();
  await page.getByText('also in team b').waitFor();
  await page.getByText('2 records').waitFor();
  await page.goto(`${GATEWAY}/#/`);
  await page.getByRole('link', { name: ours, exact: true }).click();
  await page.getByText('in team a', { exact: true }).waitFor();
  await page.goto(link);
  await page.getByText('also in team b').waitFor();
});

test('a shared link opened before logging in is where the login ends (issue 26, item 4)', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?w=team-a&q=money&mode=annotate`);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.locator('#username').fill('ana');
  await page.locator('#password').fill('ana-password');
  await page.locator('#kc-login').click();
  await page.waitForURL(/#\/datasets\/spam-assassin\?w=team-a&q=money&mode=annotate$/);
  await page.locator('li.record mark').first().waitFor();
  assert.equal(await page.getByLabel('Search records').inputValue(), 'money');
  await context.close();
});

test('a visitor without a session is offered the login, and the API refuses it', async () => {
  const page = await chrome.browser.newPage();
  await page.goto(`${GATEWAY}/`);
  await page.getByRole('link', { name: 'Log in' }).waitFor();
  const api = await page.evaluate(async () => (await fetch('/api/datasets/')).status);
  assert.equal(api, 401);
});

// -------------------------------------------------------------------------------------------------------------------
// Export of the view on screen (issue 26): one plain download link per format, streamed to disk by the browser.
// (Kept at the end of the file, on its own, so that it merges with others' additions.)
// -------------------------------------------------------------------------------------------------------------------

/** Rows of a CSV text: line ends outside quotes (a mail's own line breaks are inside quotes; "" toggles twice). */
const csvRows = (text) => {
  let rows = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) rows += 1;
  }
  return rows;
};

const downloaded = async (page, link) => {
  const { readFileSync } = await import('node:fs');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
};

test('Export gives the records of the filtered view as a file, as many as the total shown (issue 26, export)', async () => {
  const page = await logIn('ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?w=team-a&q=money&f.status=Validated`);
  await page.locator('li.record').first().waitFor();
  const total = numberIn(await page.locator('.total').textContent());
  assert.ok(total > 0 && total < 871, `a search and a facet narrow the validated records: ${total}`);
  const exports = page.getByRole('group', { name: 'export' });
  const count = `${total.toLocaleString('en')} ${total === 1 ? 'record' : 'records'}`;
  assert.equal(await exports.getByRole('link', { name: /CoNLL/ }).count(), 0, 'no CoNLL for text classification');

  const jsonl = await downloaded(page, exports.getByRole('link', { name: `Export ${count} as JSONL` }));
  assert.equal(jsonl.name, 'spam-assassin.jsonl');
  const lines = jsonl.text.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, total, 'a line per record of the view');
  assert.ok(lines.map((line) => JSON.parse(line)).every((record) => record.status === 'Validated'));

  const csv = await downloaded(page, exports.getByRole('link', { name: `Export ${count} as CSV` }));
  assert.equal(csv.name, 'spam-assassin.csv');
  assert.match(csv.text, /^id,inputs\./);
  assert.equal(csvRows(csv.text), total + 1, 'a header, then a row per record');
  await page.setViewportSize({ width: 1024, height: 900 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 1024, 'the export links fit 1024 px');
});

test('Export of a token-classification view offers CoNLL: a block per record (issue 26, export)', async () => {
  const page = await logIn('ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/spam-assassin-subjects?w=team-a&f.predicted_as=URL`);
  await page.locator('li.record').first().waitFor();
  const total = numberIn(await page.locator('.total').textContent());
  const count = `${total.toLocaleString('en')} ${total === 1 ? 'record' : 'records'}`;
  const conll = await downloaded(page, page.getByRole('group', { name: 'export' })
    .getByRole('link', { name: `Export ${count} as CoNLL` }));
  assert.equal(conll.name, 'spam-assassin-subjects.conll');
  assert.equal(conll.text.match(/^# id = /gm)?.length, total, 'a block per record of the view');
  assert.match(conll.text, /\tB-URL\n/);
});

// ---------------------------------------------------------------------------------------------------------------------
// Issue 26 (branch ranges-progress): numeric metadata as range filters, and each dataset's labelling progress in the
// datasets list. Appended as a block of its own so that it merges beside other additions to this file.
// ---------------------------------------------------------------------------------------------------------------------

test('a numeric metadata field filters by a range typed into from and to, kept in the URL and removable (issue 26)', async () => {
  // price's first value is a decimal, so Elasticsearch maps the field as a number with decimals
  const name = await dataset('e2e-range', 'TextClassification', [
    { id: 'p1', inputs: { text: 'a cheap one' }, metadata: { price: 1.5, shop: 'north' } },
    { id: 'p2', inputs: { text: 'a fair one' }, metadata: { price: 9.75, shop: 'north' } },
    { id: 'p3', inputs: { text: 'a dear one' }, metadata: { price: 42.25, shop: 'south' } },
    { id: 'p4', inputs: { text: 'a luxury one' }, metadata: { price: 99.5, shop: 'south' } }]);
  const page = await logIn('ana', 'ana-password');
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(`${GATEWAY}/#/datasets/${name}`);
  await page.getByText('4 records').waitFor();
  const price = page.getByRole('group', { name: 'Metadata: price' });
  assert.equal(await price.getByRole('checkbox').count(), 0, 'a number is a range, not a list of values');
  const histogram = price.getByRole('img');
  assert.equal(await histogram.getAttribute('aria-label'), 'price: 4 records with a price from 1.5 to 99.5');
  assert.equal(await price.getByRole('spinbutton', { name: 'price from' }).getAttribute('placeholder'), '1.5');

  const shown = () => page.locator('li.record .text').allTextContents();
  await price.getByRole('spinbutton', { name: 'price from' }).fill('2');
  // moving to the other input is no change yet: Enter applies both ends
  await price.getByRole('spinbutton', { name: 'price from' }).press('Tab');
  await price.getByRole('spinbutton', { name: 'price to' }).fill('50');
  await price.getByRole('spinbutton', { name: 'price to' }).press('Enter');
  await page.waitForURL(/r\.price=2~50/);
  await page.getByText('2 records').waitFor();
  assert.deepEqual((await shown()).sort(), ['a dear one', 'a fair one']);
  // the range's own facet is counted without it (facets=multi): its histogram still shows the dataset's four prices
  assert.equal(await histogram.getAttribute('aria-label'), 'price: 4 records with a price from 1.5 to 99.5');
  const shop = page.getByRole('group', { name: 'Metadata: shop' });
  assert.match(await shop.locator('label', { hasText: 'north' }).textContent(), /north\s*1$/);
  await page.getByRole('button', { name: 'remove filter price range' }).waitFor();
  await page.screenshot({ path: `${SHOTS}metadata-range-1024.png` });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 1024, 'the page fits 1024 px');

  await page.reload(); // the range is in the URL
  await page.getByText('2 records').waitFor();
  assert.equal(await price.getByRole('spinbutton', { name: 'price to' }).inputValue(), '50');

  // an open end: from emptied, applied when the focus leaves the pair
  await price.getByRole('spinbutton', { name: 'price from' }).fill('');
  await page.getByLabel('Search records').focus();
  await page.waitForURL(/r\.price=~50/);
  await page.getByText('3 records').waitFor();

  await price.getByRole('button', { name: 'clear price range' }).click();
  await page.getByText('4 records').waitFor();
  assert.doesNotMatch(page.url(), /r\.price/);

  // a bound no numeric field holds is said in place, with the way out (the walk-through typed 20 nines)
  await page.goto(`${GATEWAY}/#/datasets/${name}?r.price=99999999999999999999~`);
  const refused = page.getByRole('alert');
  await refused.getByText(/query\.metadata\.price.*beyond what a numeric field holds/).waitFor();
  assert.doesNotMatch(await refused.textContent(), /failed to create query|\[\[/, 'no engine internals');
  await refused.getByRole('button', { name: 'Remove the filters' }).click();
  await page.getByText('4 records').waitFor();
});

test('the datasets list shows how far each dataset\'s labelling is, a bar with its figures, within 1024 px (issue 26)', async () => {
  const annotation = { agent: 'ana', labels: [{ class: 'spam' }] };
  const name = await dataset('e2e-progress', 'TextClassification', [
    { id: 'v', inputs: { text: 'validated' }, annotation, status: 'Validated' },
    { id: 'd', inputs: { text: 'discarded' }, annotation, status: 'Discarded' },
    { id: 'e', inputs: { text: 'edited, not decided' }, annotation, status: 'Edited' },
    { id: 'n', inputs: { text: 'not labelled' } }]);
  const page = await logIn('ana', 'ana-password');
  await page.getByRole('columnheader', { name: 'Labelled' }).waitFor();
  const demo = page.getByRole('progressbar', { name: 'labelling of spam-assassin', exact: true });
  assert.match(await demo.getAttribute('aria-valuetext'), /^[\d,]+ of 6,046 records labelled \(\d+ %\): [\d,]+ validated, [\d,]+ discarded$/);

  await page.getByLabel('Search by name').fill(name);
  const row = page.getByRole('row', { name: new RegExp(name) });
  const bar = row.getByRole('progressbar', { name: `labelling of ${name}`, exact: true });
  assert.equal(await bar.getAttribute('aria-valuetext'), '2 of 4 records labelled (50 %): 1 validated, 1 discarded');
  assert.equal(await bar.getAttribute('aria-valuenow'), '2');
  assert.equal(await bar.getAttribute('aria-valuemax'), '4');
  assert.match(await row.getByRole('cell').nth(3).textContent(), /^2 \/ 4\s*50 %$/);
  assert.equal(await row.getByRole('cell').nth(2).textContent(), '4', 'the records column stays where it was');

  await page.getByLabel('Search by name').fill('');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const listWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(listWidth <= width, `the datasets list with its progress column fits ${width} px: ${listWidth}`);
    await page.screenshot({ path: `${SHOTS}datasets-progress-${width}.png` });
  }
});
