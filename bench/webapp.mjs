// The web app on a large dataset (issue 7: "usable at 1,000,000 records"), in headless Chromium against the local
// stack: how long until the first page of records, the facets and the progress sidebar show, in explore and in
// annotation mode, against the same first-page query sent straight to Elasticsearch; and which requests the
// page made (none may ask for more than one page). Load the dataset first with
//   bench/run.sh search --records 1000000
// then: bench/run.sh webapp [--records 1000000] [--rounds 5]
import { performance } from 'node:perf_hooks';
import { chromium } from '../ui/src/main/webapp/node_modules/playwright-core/index.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const records = Number(arg('--records', '1000000'));
const rounds = Number(arg('--rounds', '5'));
const GATEWAY = process.env.RUBRIX_GATEWAY ?? 'http://localhost:6900';
const ELASTICSEARCH = process.env.RUBRIX_ELASTICSEARCH ?? 'http://127.0.0.1:9200';
const dataset = `bench-search-${records}`;
const index = `rubrix.records.team-a.${dataset}`;
const shown = records.toLocaleString('en');

const count = await (await fetch(`${ELASTICSEARCH}/${index}/_count`)).json();
if (count.count !== records) {
  console.error(`${index} holds ${count.count ?? 0} records, not ${records}: run bench/run.sh search --records ${records} first`);
  process.exit(2);
}

const facet = (field, size) => ({ [field]: { terms: { field, size } } });
const firstPage = {
  size: 20, track_total_hits: true, sort: [{ _score: 'desc' }, { id: { order: 'asc', missing: '_last' } }],
  aggs: { ...facet('predicted_as', 100), ...facet('annotated_as', 100), ...facet('predicted_by', 100),
    ...facet('annotated_by', 100), ...facet('status', 100), ...facet('predicted', 100), ...facet('words', 50),
    confidence: { histogram: { field: 'score', interval: 0.05, min_doc_count: 0, extended_bounds: { min: 0, max: 1 } } },
    ...facet('metadata.source', 100), ...facet('metadata.split', 100), ...facet('metadata.length', 100) },
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function raw() {
  const start = performance.now();
  const answer = await fetch(`${ELASTICSEARCH}/${index}/_search`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(firstPage) });
  await answer.json();
  return performance.now() - start;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${GATEWAY}/login`);
  await page.locator('#username').fill('ana');
  await page.locator('#password').fill('ana-password');
  await page.locator('#kc-login').click();
  await page.getByRole('heading', { name: 'Datasets' }).waitFor();
  const requests = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/')) {
      requests.push(`${request.method()} ${request.url().replace(GATEWAY, '')}`);
    }
  });

  const times = { records: [], sidebar: [], annotate: [], raw: [] };
  for (let round = 0; round < rounds + 1; round += 1) {
    times.raw.push(await raw());
    await page.goto(`${GATEWAY}/#/`);
    await page.getByRole('heading', { name: 'Datasets' }).waitFor();
    requests.length = 0;
    const start = performance.now();
    await page.goto(`${GATEWAY}/#/datasets/${dataset}?w=team-a`);
    await page.getByText(`${shown} records`).waitFor({ timeout: 120_000 });
    const recordsAt = performance.now() - start;
    await page.getByRole('complementary', { name: 'progress' }).waitFor({ timeout: 120_000 });
    const sidebarAt = performance.now() - start;
    const annotateStart = performance.now();
    await page.getByRole('link', { name: 'Annotate' }).click();
    await page.locator('.label-buttons button').first().waitFor({ timeout: 120_000 });
    const annotateAt = performance.now() - annotateStart;
    if (round > 0) { // the first round warms caches on both paths
      times.records.push(recordsAt);
      times.sidebar.push(sidebarAt);
      times.annotate.push(annotateAt);
    }
  }
  // a fresh tab on the dataset's link (issue 26, speed): /api/me, the dataset and its search are asked for together;
  // the first record should show after the search's own time plus one round trip (the descriptor, which names the task)
  const fresh = { records: [], app: [], search: [], dataset: [], me: [] };
  for (let round = 0; round < rounds + 1; round += 1) {
    const tab = await context.newPage();
    const took = {};
    let appAsked; // the app's first request (/api/me): the page is loaded and the app runs
    tab.on('request', (request) => {
      if (appAsked === undefined && new URL(request.url()).pathname === '/api/me') {
        appAsked = performance.now();
      }
    });
    tab.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      const name = path.endsWith(':search') ? 'search' : path === '/api/me' ? 'me' : path === `/api/datasets/${dataset}` ? 'dataset' : null;
      if (name && took[name] === undefined) {
        took[name] = request.timing().responseEnd;
      }
    });
    const start = performance.now();
    await tab.goto(`${GATEWAY}/#/datasets/${dataset}?w=team-a`);
    await tab.getByText(`${shown} records`).waitFor({ timeout: 120_000 });
    const shownAt = performance.now();
    await tab.close();
    if (round > 0) {
      fresh.records.push(shownAt - start);
      fresh.app.push(shownAt - appAsked);
      for (const name of ['search', 'dataset', 'me']) {
        fresh[name].push(took[name]);
      }
    }
  }

  // past Elasticsearch's 10,000 window: page 500 by number, then Next by cursor
  const last = requests.slice();
  await page.goto(`${GATEWAY}/#/datasets/${dataset}?w=team-a&page=500`);
  await page.getByText(`page 500 of ${(records / 20).toLocaleString('en')}`).waitFor({ timeout: 120_000 });
  const before = await page.locator('li.record').first().getAttribute('aria-label');
  const pagingStart = performance.now();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL(/page=501&after=/);
  await page.getByText('page 501 of').waitFor();
  await page.waitForFunction((id) => document.querySelector('li.record')?.getAttribute('aria-label') !== id, before);
  const pagingAt = performance.now() - pagingStart;
  const beyond = (await page.locator('li.record').count()) === 20;
  requests.length = 0;
  requests.push(...last);
  const tooLarge = requests.filter((r) => /\/data\b/.test(r) || Number((/limit=(\d+)/.exec(r) ?? [])[1] ?? 0) > 20);
  console.log(`web app on ${shown} records (${dataset}), median of ${rounds} rounds after one warm-up:`);
  console.log(`  raw Elasticsearch first-page _search (20 hits, all aggregations): ${median(times.raw).toFixed(0)} ms`);
  console.log(`  explore: first page and facets shown after ${median(times.records).toFixed(0)} ms `
    + `(${(median(times.records) / median(times.raw)).toFixed(2)}x the raw query), progress sidebar after ${median(times.sidebar).toFixed(0)} ms`);
  console.log(`  annotate: label buttons ready after ${median(times.annotate).toFixed(0)} ms`);
  const chain = median(fresh.me) + median(fresh.dataset) + median(fresh.search);
  console.log(`  fresh tab on the dataset's link: first records ${median(fresh.records).toFixed(0)} ms after the navigation, `
    + `${median(fresh.app).toFixed(0)} ms after the app's first request; /api/me ${median(fresh.me).toFixed(0)} ms, `
    + `the dataset ${median(fresh.dataset).toFixed(0)} ms, its search ${median(fresh.search).toFixed(0)} ms `
    + `(one after another they would take ${chain.toFixed(0)} ms; goal: the search plus one round trip, `
    + `${(median(fresh.search) + median(fresh.dataset)).toFixed(0)} ms)`);
  console.log(`  page 501 (records 10,001-10,020, by cursor): ${beyond ? '20 records' : 'NOT SHOWN'} after ${pagingAt.toFixed(0)} ms`);
  console.log(`  requests of one round:\n    ${requests.join('\n    ')}`);
  console.log(`  requests asking for more than one page: ${tooLarge.length}`);
  if (tooLarge.length > 0 || !beyond) {
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
