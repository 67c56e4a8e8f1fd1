// Labelling rules in a real headless Chromium against the running stack (issue 28, ADR 13): ana types a query on
// spam-assassin and sees its figures as the API answers them for the same query, and its records with the terms
// highlighted; a query Elasticsearch cannot read is said in place; she saves rules (unique names), sees them in the
// table with their figures and the set's totals, edits one, deletes one after confirming. On a small dataset of its
// own (never spam-assassin) she applies rules with the majority vote and sees the job's accuracy. A viewer reads the
// page without writing controls. Screenshots of the page with four rules at 1440 and 1024 px go to docs/screenshots/.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, GATEWAY, logIn, SHOTS, token, withBrowser } from './helpers.mjs';

const chrome = withBrowser();
const T = 'TextClassification';
const W = '?workspace=team-a';
const suffix = Date.now().toString(36);
const copy = `rules-ui-e2e-${suffix}`;
const RULES = `/api/datasets/spam-assassin/${T}/labeling/rules`;
// the rules this test writes on spam-assassin, deleted at the end whatever happens
const mine = [`free-money-${suffix}`, `click-here-${suffix}`, `pills-${suffix}`, `tech-${suffix}`];

after(async () => {
  const ana = await token('ana', 'ana-password');
  for (const rule of mine) {
    await call(ana, 'DELETE', `${RULES}/${rule}${W}`);
  }
  await call(await token('admin', 'admin-password'), 'DELETE', `/api/datasets/${copy}${W}`);
});

/** The page's way of writing a share (rules.ts percent). */
function percent(share) {
  if (share === null || share === undefined) return '-';
  const value = share * 100;
  if ((value > 0 && value < 10) || (value > 99 && value < 100)) return `${value.toFixed(1)} %`;
  return `${Math.round(value)} %`;
}

async function shoot(page, file) {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}${file}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const figures = (page) => page.locator('section.rule-figures');
const row = (page, rule) => page.locator(`table.rules-table tr[data-rule="${rule}"]`);

/** Waits until the live figures answer for {@code query}: the coverage shown is the API's for the same query and label. */
async function figuresFor(page, ana, query, label, rules = RULES) {
  const answer = await call(ana, 'POST', `${rules}:figures${W}`, { query, labels: [label] });
  assert.equal(answer.status, 200, JSON.stringify(answer));
  const f = answer.body.figures;
  await page.waitForFunction(([expected, detail]) => {
    const section = document.querySelector('section.rule-figures');
    return section?.querySelector('[data-figure="coverage"]')?.textContent === expected
      && section.textContent.includes(detail);
  }, [percent(f.coverage), `${f.matched.toLocaleString('en')} of ${f.total_records.toLocaleString('en')} records`]);
  return f;
}

test('ana writes rules on spam-assassin with live figures, and applies rules to a dataset of her own', async () => {
  const ana = await token('ana', 'ana-password');
  const page = await logIn(chrome.browser, 'ana', 'ana-password');
  await page.goto(`${GATEWAY}/#/datasets/spam-assassin?w=team-a`);
  await page.getByRole('link', { name: 'Rules' }).click();
  await page.getByLabel(/^Rule query/).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Rules' }).getAttribute('aria-current'), 'page');
  // spam-assassin has no schema: the labels come from its predictions and annotations
  await page.getByLabel(/^Label/).selectOption('spam');

  // typing a query: the figures follow, as the API counts them for the same query and label
  await page.getByLabel(/^Rule query/).pressSequentially('free OR money', { delay: 30 });
  const free = await figuresFor(page, ana, 'free OR money', 'spam');
  assert.equal(await figures(page).locator('[data-figure="precision"]').textContent(), percent(free.precision));
  assert.equal(await figures(page).locator('[data-figure="correct"]').textContent(), `${free.correct} / ${free.incorrect}`);
  assert.match(await figures(page).locator('[data-figure="coverage-annotated"]').textContent(), / %$/);
  // its first 20 records, the query's terms highlighted
  const matches = page.getByRole('region', { name: 'records the query matches' });
  await matches.locator('li.record').first().waitFor();
  assert.equal(await matches.locator('li.record').count(), 20);
  assert.match(await page.locator('#rule-matches-title').textContent(), new RegExp(`the first 20 of ${free.matched.toLocaleString('en')}`));
  const marked = (await matches.locator('mark').allTextContents()).map((t) => t.toLowerCase());
  assert.ok(marked.length > 0 && marked.every((t) => t === 'free' || t === 'money'), marked.join(','));

  // a query Elasticsearch cannot read is said in place, not a crash
  await page.getByLabel(/^Rule query/).fill('free AND (');
  await figures(page).getByRole('alert').waitFor();
  assert.match(await figures(page).getByRole('alert').textContent(), /This query cannot be used: .*free AND \(/);
  await page.getByLabel(/^Rule query/).fill('free OR money');
  await figuresFor(page, ana, 'free OR money', 'spam');

  // a name the server would refuse is said by the field before anything is sent
  await page.getByLabel(/^Rule name/).fill('free money');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await page.locator('#rule-name-problem').getByText('letters, digits, - and _ only').waitFor();
  // saved under a good name: the table has it with its figures
  await page.getByLabel(/^Rule name/).fill(mine[0]);
  await page.getByLabel('Description').fill('free offers and money');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await page.getByText(`Rule ${mine[0]} saved.`).waitFor();
  await row(page, mine[0]).waitFor();
  assert.equal(await row(page, mine[0]).locator('[data-figure="coverage"]').textContent(), percent(free.coverage));
  assert.equal(await row(page, mine[0]).locator('[data-figure="correct"]').textContent(), `${free.correct} / ${free.incorrect}`);
  assert.match(await row(page, mine[0]).textContent(), new RegExp(`free OR moneyspam.*ana`));

  // three more rules: two typed, one written meanwhile through the API (it shows with the next read of the list)
  for (const [rule, query, label] of [[mine[3], 'perl OR python OR linux', 'ham'], [mine[2], 'viagra OR pills', 'spam']]) {
    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByLabel(/^Rule query/).fill(query);
    await page.getByLabel(/^Label/).selectOption(label);
    await figuresFor(page, ana, query, label);
    await page.getByLabel(/^Rule name/).fill(rule);
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText(`Rule ${rule} saved.`).waitFor();
    await row(page, rule).waitFor();
    if (rule === mine[3]) {
      const written = await call(ana, 'PUT', `${RULES}/${mine[1]}${W}`, { query: '"click here"', labels: ['spam'], description: 'calls to action' });
      assert.equal(written.status, 201, JSON.stringify(written));
    }
  }
  await row(page, mine[1]).waitFor();
  const listed = (await call(ana, 'GET', `${RULES}${W}`)).body;
  const totals = row(page, 'totals');
  assert.equal(await totals.locator('[data-figure="coverage"]').textContent(), percent(listed.totals.coverage));
  assert.equal(await totals.locator('[data-figure="overlaps"]').textContent(), listed.totals.overlaps.toLocaleString('en'));
  assert.equal(await totals.locator('[data-figure="conflicts"]').textContent(), listed.totals.conflicts.toLocaleString('en'));
  assert.equal(await totals.locator('[data-figure="correct"]').textContent(), `${listed.totals.correct.toLocaleString('en')} / ${listed.totals.incorrect.toLocaleString('en')}`);

  // edit loads a rule into the editor; its figures are then compared with the other rules only
  await page.getByRole('button', { name: `Edit ${mine[3]}` }).click();
  assert.equal(await page.getByLabel(/^Rule query/).inputValue(), 'perl OR python OR linux');
  assert.equal(await page.getByLabel(/^Rule name/).inputValue(), mine[3]);
  await page.getByText(`Editing rule ${mine[3]}`).waitFor();
  await page.getByLabel(/^Rule query/).fill('perl OR python OR linux OR debian');
  await figuresFor(page, ana, 'perl OR python OR linux OR debian', 'ham');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await page.getByText(`Rule ${mine[3]} replaced.`).waitFor();
  await page.waitForFunction((rule) => document.querySelector(`tr[data-rule="${rule}"] td.query`)?.textContent
    === 'perl OR python OR linux OR debian', mine[3]);

  // the page with four rules and a query being written, at both widths
  await page.getByRole('button', { name: 'New rule' }).click();
  await page.getByLabel(/^Label/).selectOption('ham');
  await page.getByLabel(/^Rule query/).fill('rpm OR razor');
  await figuresFor(page, ana, 'rpm OR razor', 'ham');
  await page.getByRole('region', { name: 'records the query matches' }).locator('mark').first().waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await shoot(page, 'rules');

  // delete asks first; keeping it changes nothing, confirming deletes it
  await page.getByRole('button', { name: `Delete ${mine[2]}` }).click();
  await page.getByRole('button', { name: 'Keep' }).click();
  await row(page, mine[2]).waitFor();
  await page.getByRole('button', { name: `Delete ${mine[2]}` }).click();
  await page.getByText(`Delete ${mine[2]}?`).waitFor();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText(`Rule ${mine[2]} deleted.`).waitFor();
  await row(page, mine[2]).waitFor({ state: 'detached' });
  assert.ok(!(await call(ana, 'GET', `${RULES}${W}`)).body.rules.some((r) => r.name === mine[2]));

  // a viewer reads the rules and the figures, with no control to write them
  const vic = await logIn(chrome.browser, 'vic', 'vic-password');
  await vic.goto(`${GATEWAY}/#/datasets/spam-assassin?mode=rules&w=team-a`);
  await row(vic, mine[0]).waitFor();
  assert.equal(await vic.getByRole('button', { name: 'Save rule' }).count(), 0);
  assert.equal(await vic.getByRole('button', { name: `Delete ${mine[0]}` }).count(), 0);
  assert.equal(await vic.getByRole('button', { name: 'Apply rules' }).count(), 0);
  await vic.getByText('Your role may read the rules; annotators and admins write them.').waitFor();
  await vic.getByLabel(/^Rule query/).fill('free OR money');
  await vic.getByLabel(/^Label/).selectOption('spam');
  await figuresFor(vic, ana, 'free OR money', 'spam');
  await vic.context().close();

  // the rules applied to a small dataset of its own: 20 mails, 8 of them labelled by people
  const admin = await token('admin', 'admin-password');
  const records = Array.from({ length: 20 }, (_, i) => {
    const spam = i % 2 === 0;
    const text = spam ? `Win a prize ${i}: claim your free money now` : `Agenda ${i} for the team meeting on Monday`;
    return { id: `m${i}`, inputs: { text }, ...(i < 8 ? { annotation: { agent: 'admin', labels: [{ class: spam ? 'spam' : 'ham' }] }, status: 'Validated' } : {}) };
  });
  // one labelled mail the rules get wrong: accuracy below 1
  records[2] = { ...records[2], annotation: { agent: 'admin', labels: [{ class: 'ham' }] } };
  const logged = await call(admin, 'POST', `/api/datasets/${copy}/${T}:bulk${W}`, { records, tags: {} });
  assert.equal(logged.status, 200, JSON.stringify(logged));
  assert.equal(logged.body.failed, 0);
  const copyRules = `/api/datasets/${copy}/${T}/labeling/rules`;
  assert.equal((await call(ana, 'PUT', `${copyRules}/agenda${W}`, { query: 'agenda OR meeting', labels: ['ham'] })).status, 201);
  await page.goto(`${GATEWAY}/#/datasets/${copy}?mode=rules&w=team-a`);
  await row(page, 'agenda').waitFor();
  await page.getByLabel(/^Label/).selectOption('spam');
  await page.getByLabel(/^Rule query/).fill('prize OR win');
  const prize = await figuresFor(page, ana, 'prize OR win', 'spam', copyRules);
  assert.equal(prize.matched, 10);
  await page.getByLabel(/^Rule name/).fill('prize');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await row(page, 'prize').waitFor();
  await page.getByLabel('majority vote').check();
  await page.getByText('by agent rules:majority').waitFor();
  const started = page.waitForResponse((r) => r.url().includes('/labeling/rules:apply') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Apply rules' }).click();
  const answer = await started;
  assert.equal(answer.status(), 202);
  const jobId = (await answer.json()).id;
  await page.locator('[data-figure="accuracy"]').waitFor();
  const job = (await call(ana, 'GET', `/api/jobs/${jobId}`)).body;
  assert.equal(job.state, 'done', JSON.stringify(job));
  const against = job.outcome.against_annotations;
  const predictions = (await call(ana, 'POST', `/api/datasets/${copy}/${T}:search?limit=20&workspace=team-a`, { query: {} })).body.records
    .map((r) => `${r.id}:${r.prediction?.agent}:${r.prediction?.labels?.map((l) => `${l.class}=${l.confidence}`).join('/')}:${r.annotation?.labels?.[0]?.class}`);
  assert.equal(against.annotated, 8, JSON.stringify(job));
  assert.equal(against.correct, 7, `${JSON.stringify(job)} ${predictions.join(' ')}`);
  assert.equal(await page.locator('[data-figure="accuracy"]').textContent(), against.accuracy.toFixed(2));
  assert.equal(await page.locator('[data-figure="macro-f1"]').textContent(), against.macro_f1.toFixed(2));
  assert.match(await page.locator('.apply-outcome').textContent(), /7 of 8 annotated records/);
  assert.match(await page.locator('.apply-job').textContent(), /Done: 20 of 20 records/);
  // the weak labels are the records' predictions by rules:majority; the people's labels stay
  const m2 = (await call(ana, 'GET', `/api/datasets/${copy}/${T}/records/m2/annotation${W}`)).body.record;
  assert.equal(m2.prediction.agent, 'rules:majority');
  assert.equal(m2.prediction.labels[0].class, 'spam');
  assert.deepEqual(m2.annotation.labels.map((l) => l.class), ['ham']);

  // the generative model: each rule's learnt accuracy beside its figures
  // the records' predictions are rules:majority's now: another agent's, replaced only when asked
  await page.getByLabel('generative model').check();
  await page.getByLabel('replace other models’ predictions').check();
  const again = page.waitForResponse((r) => r.url().includes('/labeling/rules:apply') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Apply rules' }).click();
  const generative = (await (await again).json()).id;
  await page.locator('th', { hasText: 'learnt accuracy' }).waitFor();
  await page.locator('[data-figure="accuracy"]').waitFor();
  const fitted = (await call(ana, 'GET', `/api/jobs/${generative}`)).body;
  assert.equal(fitted.state, 'done', JSON.stringify(fitted));
  assert.equal(fitted.outcome.agent, 'rules:generative');
  for (const rule of fitted.outcome.rules) {
    assert.equal(await row(page, rule.name).locator('[data-figure="learnt-accuracy"]').textContent(),
      rule.learnt_accuracy === null ? '-' : rule.learnt_accuracy.toFixed(2));
  }
  assert.equal(await page.locator('[data-figure="accuracy"]').textContent(), fitted.outcome.against_annotations.accuracy.toFixed(2));
  assert.equal(fitted.outcome.kept_predictions, 0, JSON.stringify(fitted.outcome));
  assert.equal((await call(ana, 'GET', `/api/datasets/${copy}/${T}/records/m0/annotation${W}`)).body.record.prediction.agent, 'rules:generative');
  await shoot(page, 'rules-applied');
});
