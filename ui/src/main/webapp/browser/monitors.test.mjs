// Drift monitors in a real headless Chromium against the running stack (issue 29, ADR 0014). A dataset of its own with
// a known drift: a reference hour a week ago where 20 % of the predictions are "positive", a live hour (the last one)
// where 60 % are (PSI 0.7167 against a threshold of 0.2), the confidence alike in both (KS 0). The admin writes a
// monitor in the page's form (a query Elasticsearch cannot read is refused beside its field), previews it, saves it
// with a webhook to a receiver of this test, evaluates it now, and reads the drift: the reading, both histograms with
// their counts, the series with its threshold, the alert with its Kafka and webhook delivery, and the line on the
// dataset's pages and in the datasets list; then raises the threshold and sees the alert cleared. From the monitoring
// page, "Monitor this view" opens the form with the view's query and range. A viewer reads the page without any
// control. Screenshots at 1440 and 1024 px go to docs/screenshots/monitors-*.png.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, call, dataset, GATEWAY, logIn, SHOTS, token, withBrowser } from './helpers.mjs';

const chrome = withBrowser();
const T = 'TextClassification';
const W = '?workspace=team-a';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SECRET = 'monitors-browser-test-secret';
const PSI = 'psi';

// the reference: a whole hour a week ago (whole minutes, as the form's inputs take them)
const referenceFrom = Math.floor((Date.now() - 7 * 24 * HOUR) / MINUTE) * MINUTE;
const referenceTo = referenceFrom + HOUR;

/** 100 records a week ago (20 positive), 100 in the last hour (60 positive); the same confidences in both. */
function records() {
  const now = Date.now();
  const record = (id, positive, at, i, text) => ({
    id, inputs: { text }, metadata: { channel: i % 2 ? 'web' : 'mail' }, event_timestamp: new Date(at).toISOString(),
    prediction: { agent: 'news-model-v3', labels: [{ class: positive ? 'positive' : 'negative', confidence: 0.6 + (i % 5) * 0.07 }] },
  });
  return [
    ...Array.from({ length: 100 }, (_, i) => record(`ref-${i}`, i < 20, referenceFrom + 30_000 + i * 30_000, i, `Reference story ${i} about the markets`)),
    ...Array.from({ length: 100 }, (_, i) => record(`live-${i}`, i < 60, now - 50 * MINUTE + i * 25_000, i, `Live story ${i} about the markets`)),
  ];
}

/** An instant as a datetime-local input takes it (this machine's time zone, which Chromium shares). */
function local(ms) {
  const at = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

// the webhook's receiver: every POST with its headers, answered 200
const received = [];
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    received.push({ url: request.url, headers: request.headers, body });
    response.writeHead(200).end('ok');
  });
});
let hook;
before(async () => {
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${receiver.address().port}/hooks/rubrix/T000-secret-path`;
});
after(() => new Promise((resolve) => receiver.close(resolve)));

async function shoot(page, file) {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(400); // the charts redraw at the new width
    await page.screenshot({ path: `${SHOTS}monitors-${file}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Pixels of each colour (#rrggbb) on the chart's canvas: what ECharts drew, read back. */
function colours(chart, hexes) {
  return chart.evaluate((element, wanted) => {
    const canvas = element.querySelector('canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const rgb = wanted.map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
    const counts = rgb.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      rgb.forEach(([r, g, b], k) => {
        if (data[i + 3] > 200 && Math.abs(data[i] - r) < 10 && Math.abs(data[i + 1] - g) < 10 && Math.abs(data[i + 2] - b) < 10) counts[k] += 1;
      });
    }
    return counts;
  }, hexes);
}

const REFERENCE_GREY = '#8a93a8';
const LIVE_BLUE = '#3f6fd8';
const THRESHOLD_RED = '#b3261e';

const measureCard = (page, measure) => page.locator(`.monitor-detail article.measure-result[data-measure="${measure}"]`);
const binRow = (card, bin) => card.locator(`tr[data-bin="${bin}"] td`);

test('an admin writes a monitor in the form, evaluates it and reads the drift; a viewer reads it without controls', async () => {
  const name = await dataset('e2e-drift', T, records());
  const admin = await token('admin', 'admin-password');
  const page = await logIn(chrome.browser, 'admin', 'admin-password', { bypassCSP: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // from the dataset's navigation, next to Monitoring
  await page.goto(`${GATEWAY}/#/datasets/${name}?w=team-a`);
  await page.getByText('200 records').waitFor();
  await page.getByRole('navigation', { name: 'dataset views' }).getByRole('link', { name: 'Monitors' }).click();
  await page.waitForURL(/\/monitors\?w=team-a$/);
  await page.getByText('No monitor yet').waitFor();

  // the form: a range reference (the hour a week ago), the live last hour, the default measures, a webhook
  await page.getByRole('button', { name: 'New monitor' }).click();
  const form = page.locator('form.monitor-form');
  await form.getByLabel(/^Name/).fill('production');
  await form.getByLabel(/^Description/).fill('news model in production');
  await form.getByRole('radio', { name: 'a time range' }).check();
  await form.getByLabel(/^From/).fill(local(referenceFrom));
  await form.getByLabel(/^To/).fill(local(referenceTo));
  await form.getByLabel(/^Window/).fill('1h');
  await form.getByLabel(/^Evaluated every/).fill('1h');
  await form.getByLabel(/^Least records/).fill('50');
  assert.deepEqual(await form.locator('[data-measure-row] select[id$="-kind"]').evaluateAll((s) => s.map((e) => e.value)),
    ['predicted_labels', 'confidence']);
  await form.getByLabel('Post alerts to a URL, signed').check();
  await form.getByLabel(/^URL/).fill(hook);
  await form.getByLabel(/^Secret/).fill(SECRET);

  // a query Elasticsearch cannot read: the server's 400 names the field, the problem shows beside it
  await form.getByLabel(/^Records/).fill('inputs.text:(((');
  await form.getByRole('button', { name: 'Save monitor' }).click();
  const refused = form.locator('[data-field="query"] [data-problem="query"]');
  await refused.waitFor();
  assert.match(await refused.textContent(), /Elasticsearch cannot read this query/);
  assert.equal(await form.getByLabel(/^Records/).getAttribute('aria-invalid'), 'true');
  assert.equal((await call(admin, 'GET', `/api/datasets/${name}/${T}/monitors${W}`)).body.monitors.length, 0, 'nothing was saved');
  await form.getByLabel(/^Records/).fill('');

  // the preview: the evaluation now, before saving
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('section.evaluation.preview');
  await preview.locator('article[data-measure="predicted_labels"] [data-figure="value"]').waitFor();
  assert.equal(await preview.locator('article[data-measure="predicted_labels"] [data-figure="value"]').textContent(), '0.7167');
  assert.equal(await preview.locator('article[data-measure="predicted_labels"] [data-reading]').textContent(), 'drift');
  assert.equal(await preview.locator('article[data-measure="confidence"] [data-reading]').textContent(), 'ok');
  assert.match(await preview.locator('[data-figure="windows"]').textContent(), /^Reference 100 records from .*Live 100 records from .*1 of 2 measures drifting$/);
  await shoot(page, 'form');

  await form.getByRole('button', { name: 'Save monitor' }).click();
  await page.waitForURL(/\/monitors\?w=team-a&m=production$/);
  await page.getByText('Monitor production created.').waitFor();
  const saved = (await call(admin, 'GET', `/api/datasets/${name}/${T}/monitors/production${W}`)).body.monitor;
  assert.deepEqual(saved.reference, { kind: 'range', from: new Date(referenceFrom).toISOString().replace('.000Z', 'Z'),
    to: new Date(referenceTo).toISOString().replace('.000Z', 'Z') });
  assert.deepEqual([saved.window, saved.every, saved.min_records, saved.webhook], ['1h', '1h', 50,
    { url: `http://127.0.0.1:${receiver.address().port}/…`, secret_set: true }]);

  // evaluate now (the schedule may have evaluated it too: the alert is raised once)
  const detail = page.locator('section.monitor-detail');
  await detail.getByRole('button', { name: 'Evaluate now' }).click();
  await detail.getByText(/^Evaluated at .*: 1 of 2 measures drifting\.$/).waitFor();

  // the list: the measure drifting marked, each last value against its threshold
  const row = page.locator('table.monitors-table tr[data-monitor="production"]');
  assert.equal(await row.locator('[data-figure="status"]').textContent(), '1 measure drifting');
  assert.equal(await row.locator('li[data-measure="predicted_labels"]').textContent(), 'Predicted labels 0.7167 > 0.2 drift');
  assert.equal(await row.locator('li[data-measure="confidence"]').textContent(), 'Confidence 0 ≤ 0.1 ok');
  assert.equal(await detail.locator('[data-figure="alerting"]').textContent(), 'Drifting: Predicted labels');

  // the drifting measure: its value, threshold and reading, both windows' records and bins, both histograms drawn
  const labels = measureCard(page, 'predicted_labels');
  assert.equal(await labels.locator('[data-reading]').textContent(), 'drift');
  assert.equal(await labels.locator('[data-figure="value"]').textContent(), '0.7167');
  assert.equal(await labels.locator('[data-figure="threshold"]').textContent(), '0.2');
  assert.equal(await labels.locator('[data-figure="versus"]').textContent(), '0.7167 > 0.2');
  assert.equal(await labels.locator('[data-figure="reference-count"]').textContent(), '100');
  assert.equal(await labels.locator('[data-figure="live-count"]').textContent(), '100');
  assert.deepEqual(await binRow(labels, 'negative').allTextContents(), ['80', '80 %', '40', '40 %']);
  assert.deepEqual(await binRow(labels, 'positive').allTextContents(), ['20', '20 %', '60', '60 %']);
  const [grey, blue] = await colours(labels.locator('.histogram-canvas'), [REFERENCE_GREY, LIVE_BLUE]);
  assert.ok(grey > 2000 && blue > 2000, `both histograms are drawn: reference ${grey} px, live ${blue} px`);
  // the confidence alike in both windows: every bin the same count
  const confidence = measureCard(page, 'confidence');
  assert.equal(await confidence.locator('[data-reading]').textContent(), 'ok');
  await confidence.locator('details.bins summary').click();
  const confidenceBins = await confidence.locator('tbody tr').evaluateAll((rows) => rows.map((r) =>
    [...r.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(confidenceBins.length, 20);
  assert.ok(confidenceBins.every(([ref, , live]) => ref === live), JSON.stringify(confidenceBins));
  assert.equal(confidenceBins.reduce((sum, [ref]) => sum + Number(ref), 0), 100);
  await confidence.locator('details.bins summary').click(); // folded again, as it opens

  // the statistic over time: as many evaluations as the API has, the line and the threshold drawn
  const points = (await call(admin, 'GET', `/api/datasets/${name}/${T}/monitors/production/evaluations${W}&measure=predicted_labels`)).body.points;
  assert.ok(points.length >= 1 && points.every((p) => p.reading === 'drift'));
  const over = labels.locator('figure', { has: page.locator('.series-canvas') });
  assert.equal(await over.locator('figcaption').textContent(), `PSI over time ${points.length} ${points.length === 1 ? 'evaluation' : 'evaluations'}`);
  const [line, threshold] = await colours(over.locator('.series-canvas'), [LIVE_BLUE, THRESHOLD_RED]);
  assert.ok(line > 20 && threshold > 100, `the series and its threshold are drawn: ${line} px, ${threshold} px`);

  // the alert: raised once, published to Kafka, delivered to the webhook (the page reads it again meanwhile)
  const alerts = page.locator('table.alerts-table tbody tr');
  await page.waitForFunction(() => document.querySelector('table.alerts-table td[data-figure="webhook"]')?.textContent.startsWith('delivered'),
    undefined, { timeout: 30_000 });
  assert.equal(await alerts.count(), 1);
  assert.deepEqual((await alerts.first().locator('td').allTextContents()).slice(1),
    ['raised', `Predicted labels PSI`, '0.7167', '0.2', 'published', 'delivered (HTTP 200, 1 attempt)']);
  assert.equal(received.length, 1);
  const [{ url, headers, body }] = received;
  assert.equal(url, '/hooks/rubrix/T000-secret-path');
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(headers['x-rubrix-signature']);
  assert.equal(v1, createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex'), 'signed with the secret');
  assert.deepEqual(Object.entries(JSON.parse(body)).filter(([k]) => ['type', 'dataset', 'monitor', 'measure', 'statistic', 'threshold'].includes(k)),
    [['type', 'raised'], ['dataset', name], ['monitor', 'production'], ['measure', 'predicted_labels'], ['statistic', PSI], ['threshold', 0.2]]);
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.deepEqual(errors, []);
  await shoot(page, 'detail');

  // the line on the dataset's pages and in the datasets list, linking to the monitor
  await page.goto(`${GATEWAY}/#/datasets/${name}?w=team-a`);
  const drift = page.getByRole('list', { name: `drift in ${name}` });
  await drift.waitFor();
  assert.equal(await drift.textContent(), '1 measure drifting in monitor production');
  await page.goto(`${GATEWAY}/#/`);
  await page.getByLabel('Search by name').fill(name);
  const listed = page.locator('table.datasets').getByRole('list', { name: `drift in ${name}` });
  await listed.waitFor();
  assert.equal(await listed.textContent(), '1 measure drifting in monitor production');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}monitors-datasets-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await listed.getByRole('link').click();
  await page.waitForURL(new RegExp(`#/datasets/${name}/monitors\\?w=team-a&m=production$`));
  await page.locator('section.monitor-detail[data-monitor="production"]').waitFor();

  // a viewer reads the same page: the drift, the histograms, the alert; no form and no button
  const viewer = await logIn(chrome.browser, 'vic', 'vic-password');
  await viewer.goto(`${GATEWAY}/#/datasets/${name}/monitors?w=team-a&m=production`);
  await viewer.locator('.monitor-detail article[data-measure="predicted_labels"] [data-figure="value"]').waitFor();
  assert.equal(await viewer.locator('.monitor-detail article[data-measure="predicted_labels"] [data-figure="versus"]').textContent(), '0.7167 > 0.2');
  assert.equal(await viewer.locator('table.alerts-table tbody tr').count(), 1);
  assert.match(await viewer.locator('.monitor-detail').textContent(), /secret set/);
  assert.equal(await viewer.getByRole('button').count(), 0, 'no button at all');
  assert.equal(await viewer.locator('form.monitor-form').count(), 0);
  assert.match(await viewer.locator('.monitors-list').textContent(), /Your role reads the monitors; admins write and evaluate them\./);
  // nor from a prefilled link: the form is for admins
  await viewer.goto(`${GATEWAY}/#/datasets/${name}/monitors?w=team-a&new=1&window=1d`);
  await viewer.locator('table.monitors-table').waitFor();
  assert.equal(await viewer.locator('form.monitor-form').count(), 0);
  await shoot(viewer, 'viewer');
  await viewer.context().close();

  // the admin raises the threshold above the value: evaluated now, the measure reads ok and its alert is cleared
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.locator('form.monitor-form');
  assert.equal(await edit.getByLabel(/^Name/).isDisabled(), true);
  assert.equal(await edit.locator('.secret-set').textContent(), 'secret set');
  assert.equal(await edit.getByLabel(/^Secret/).inputValue(), '');
  await edit.locator('[data-measure-row="0"]').getByLabel(/^Threshold/).fill('1');
  await edit.getByRole('button', { name: 'Save monitor' }).click();
  await page.getByText('Monitor production saved.').waitFor();
  const kept = (await call(admin, 'GET', `/api/datasets/${name}/${T}/monitors/production${W}`)).body.monitor;
  assert.equal(kept.measures[0].threshold, 1);
  assert.deepEqual(kept.webhook, saved.webhook, 'the webhook and its secret are kept when the secret is left empty');
  await page.getByRole('button', { name: 'Evaluate now' }).click();
  await page.getByText(/^Evaluated at .*: 0 of 2 measures drifting\.$/).waitFor();
  assert.equal(await row.locator('[data-figure="status"]').textContent(), 'no drift');
  assert.equal(await measureCard(page, 'predicted_labels').locator('[data-figure="versus"]').textContent(), '0.7167 ≤ 1');
  assert.deepEqual(await alerts.locator('td:nth-child(2)').allTextContents(), ['cleared', 'raised']);

  // deleted: gone from the list (its history stays in the drift index)
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('Monitor production deleted.').waitFor();
  await page.getByText('No monitor yet').waitFor();
  assert.equal((await call(admin, 'GET', `/api/datasets/${name}/${T}/monitors${W}`)).body.monitors.length, 0);
});

test('"Monitor this view" on the monitoring page opens the form with the view’s query and range', async () => {
  const name = await dataset('e2e-drift-view', T, records());
  const page = await logIn(chrome.browser, 'admin', 'admin-password');
  const from = new Date(referenceFrom).toISOString();
  const to = new Date(referenceTo).toISOString();
  await page.goto(`${GATEWAY}/#/datasets/${name}/monitoring?w=team-a&from=${from}&to=${to}`);
  // the view narrowed to a query: the charts count its records only
  await page.getByLabel('Records matching').fill('inputs.text:reference');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/q=inputs.text%3Areference/);
  await page.locator('.total').getByText(/^100 predictions/).waitFor();
  await page.getByRole('button', { name: 'Monitor this view' }).click();
  await page.getByRole('heading', { name: 'New monitor' }).waitFor();
  assert.match(page.url(), /\/monitors\?w=team-a&new=1&q=inputs.text%3Areference&from=.*&to=/);
  const form = page.locator('form.monitor-form');
  assert.equal(await form.getByLabel(/^Records/).inputValue(), 'inputs.text:reference');
  assert.equal(await form.getByRole('radio', { name: 'a time range' }).isChecked(), true);
  assert.equal(await form.getByLabel(/^From/).inputValue(), local(referenceFrom));
  assert.equal(await form.getByLabel(/^To/).inputValue(), local(referenceTo));
  // previewed as it stands: the reference is the view's 100 records; the live hour holds none matching the query
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('section.evaluation.preview');
  await preview.locator('[data-figure="windows"]').waitFor();
  assert.match(await preview.locator('[data-figure="windows"]').textContent(), /^Reference 100 records from .*Live 0 records from/);
  assert.equal(await preview.locator('article[data-measure="predicted_labels"] [data-reading]').textContent(), 'too few records');

  // a range back from now slides: a preceding reference with its length as the live window
  await page.goto(`${GATEWAY}/#/datasets/${name}/monitoring?w=team-a&range=24h`);
  await page.getByRole('button', { name: 'Monitor this view' }).click();
  await page.getByRole('heading', { name: 'New monitor' }).waitFor();
  const sliding = page.locator('form.monitor-form');
  assert.equal(await sliding.getByRole('radio', { name: 'the window before the live one' }).isChecked(), true);
  assert.equal(await sliding.getByLabel(/^Window/).inputValue(), '1d');
  await sliding.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(/\/monitors\?w=team-a$/);
  assert.equal(await page.locator('form.monitor-form').count(), 0);
});
