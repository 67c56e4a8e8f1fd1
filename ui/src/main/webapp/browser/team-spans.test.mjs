// Team labelling of spans in a real headless Chromium against the running stack (issue 27): two annotators answer a
// record of a two-answer span dataset with different spans; the reviewer sees each answer as the words it covers,
// opens one answer as a decision, adds the other's span with the keyboard and saves it: the record's annotation is
// both spans, by the reviewer. Screenshots of the open decision at 1440 and 1024 px go to docs/screenshots/.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, cleanUp, dataset, GATEWAY, logIn, SHOTS, token, withBrowser } from './helpers.mjs';

const chrome = withBrowser();
after(cleanUp);
const T = 'TokenClassification';
const W = '?workspace=team-a';
const TEXT = 'Ada Lovelace met Charles Babbage';
const ADA = { start: 0, end: 12, label: 'PER' };
const CHARLES = { start: 17, end: 32, label: 'PER' };

test('a reviewer edits one answer of a span disagreement into a decision with the keyboard', async () => {
  const name = await dataset('team-spans', T, [
    { id: 's1', raw_text: TEXT, tokens: ['Ada', 'Lovelace', 'met', 'Charles', 'Babbage'] },
  ]);
  const admin = await token('admin', 'admin-password');
  assert.equal((await call(admin, 'PUT', `/api/datasets/${name}/settings${W}`, { labels: ['PER', 'ORG'] })).status, 200);
  const team = await call(admin, 'PUT', `/api/datasets/${name}/settings/team${W}`, { min_submitted: 2, resolution: 'review' });
  assert.equal(team.status, 200, JSON.stringify(team));
  // ana marks Ada, cara marks Charles: they disagree
  for (const [user, entity] of [['ana', ADA], ['cara', CHARLES]]) {
    const bearer = await token(user, `${user}-password`);
    const next = await call(bearer, 'POST', `/api/datasets/${name}/${T}/queue:next${W}`);
    assert.equal(next.status, 200, JSON.stringify(next));
    const answered = await call(bearer, 'PUT', `/api/datasets/${name}/${T}/records/s1/responses/me${W}`,
      { status: 'submitted', annotation: { entities: [entity] } });
    assert.equal(answered.status, 200, JSON.stringify(answered));
  }

  const rita = await logIn(chrome.browser, 'rita', 'rita-password');
  await rita.goto(`${GATEWAY}/#/datasets/${name}?mode=review&w=team-a`);
  const card = rita.getByRole('listitem', { name: 'record s1' });
  // the review search sees the answers once the index has refreshed
  for (let tries = 0; tries < 10 && !(await card.isVisible()); tries++) {
    await rita.getByRole('button', { name: 'Reload' }).click();
    await rita.waitForTimeout(500);
  }
  const responses = card.getByRole('list', { name: 'responses to record s1' });
  assert.match(await responses.getByRole('listitem', { name: 'response of ana' }).textContent(), /PER “Ada Lovelace”/);
  assert.match(await responses.getByRole('listitem', { name: 'response of cara' }).textContent(), /PER “Charles Babbage”/);

  // ana's answer opened as a decision; the token cursor to "Charles", extended over "Babbage", labelled PER (key 1)
  await responses.getByRole('listitem', { name: 'response of ana' }).getByRole('button', { name: 'Edit' }).click();
  await card.getByText('starting from ana’s answer').waitFor();
  for (let i = 0; i < 3; i++) await rita.keyboard.press('ArrowRight');
  await rita.keyboard.press('Shift+ArrowRight');
  await rita.keyboard.press('1');
  for (const width of [1440, 1024]) {
    await rita.setViewportSize({ width, height: 900 });
    await rita.waitForTimeout(150);
    await rita.screenshot({ path: `${SHOTS}team-review-spans-${width}.png`, fullPage: true });
  }
  await rita.keyboard.press('v');
  await card.getByText('Decided: PER “Ada Lovelace”, PER “Charles Babbage” (Validated).').waitFor();

  const decided = await call(admin, 'GET', `/api/datasets/${name}/${T}/records/s1/annotation${W}`);
  assert.equal(decided.body.record.status, 'Validated');
  assert.equal(decided.body.record.annotation.agent, 'rita');
  assert.deepEqual(decided.body.record.annotation.entities.map(({ start, end, label }) => ({ start, end, label }))
    .sort((a, b) => a.start - b.start), [ADA, CHARLES]);
});
