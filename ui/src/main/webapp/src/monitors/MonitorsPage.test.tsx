import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Monitor } from '../api';
import type { Route } from '../routes';
import { DriftNotice } from './DriftNotice';
import { MonitorsPage } from './MonitorsPage';

const ADMIN = { username: 'admin', roles: ['admin'] };
const VIEWER = { username: 'vic', roles: ['viewer'] };

const MONITOR: Monitor = {
  name: 'production', description: 'news model', reference: { kind: 'preceding' }, window: '1h', every: '5m', min_records: 50,
  measures: [{ kind: 'predicted_labels', statistic: 'psi', threshold: 0.2 }, { kind: 'confidence', statistic: 'ks', threshold: 0.1 }],
  webhook: { url: 'https://hooks.example.com/…', secret_set: true },
};
const STATUS = {
  evaluated_at: '2026-12-06T10:05:00Z', alerting: ['predicted_labels'],
  measures: [
    { at: '2026-12-06T10:05:00Z', measure: 'predicted_labels', statistic: 'psi', value: 0.7167, threshold: 0.2, reading: 'drift', reference_count: 100, live_count: 100 },
    { at: '2026-12-06T10:05:00Z', measure: 'confidence', statistic: 'ks', value: 0.04, threshold: 0.1, reading: 'ok', reference_count: 100, live_count: 100 },
  ],
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The API as the page reads it; the monitor was never evaluated in full (no histograms: no canvas in jsdom). */
function answer(put?: (init: RequestInit) => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    if (init?.method === 'PUT' && put) return put(init);
    if (url.endsWith('/monitors')) return json({ monitors: [{ monitor: MONITOR, status: STATUS }] });
    if (url.includes('/monitors/production/evaluations')) return json({ points: [] });
    if (url.includes('/monitors/production/alerts')) return json({ alerts: [] });
    if (url.includes('/monitors/production')) return json({ monitor: MONITOR, status: STATUS });
    return json({ name: 'news', task: 'TextClassification', settings: { monitors: { production: MONITOR } } });
  }) as typeof fetch;
  return calls;
}

describe('the monitors page', () => {
  it('lists the monitors with the measures drifting marked and each last value against its threshold', async () => {
    answer();
    render(<MonitorsPage route={{ page: 'monitors', name: 'news' }} go={() => {}} me={VIEWER} />);
    const row = await screen.findByRole('row', { name: /production/ });
    expect(within(row).getByText('1 measure drifting')).toBeTruthy();
    expect(row.querySelector('[data-measure="predicted_labels"]')?.textContent).toBe('Predicted labels 0.7167 > 0.2 drift');
    expect(row.querySelector('[data-measure="confidence"]')?.textContent).toBe('Confidence 0.04 ≤ 0.1 ok');
    expect(row.className).toContain('alerting');
  });

  it('says when the last evaluation failed, and why', async () => {
    const failed = { ...STATUS, error: 'Elasticsearch refused the evaluation: Field [metadata.price] of type [keyword] is not supported' };
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith('/monitors')) return json({ monitors: [{ monitor: MONITOR, status: failed }] });
      if (url.includes('/evaluations')) return json({ points: [] });
      if (url.includes('/alerts')) return json({ alerts: [] });
      return json({ monitor: MONITOR, status: failed });
    }) as typeof fetch;
    render(<MonitorsPage route={{ page: 'monitors', name: 'news', monitor: 'production' }} go={() => {}} me={VIEWER} />);
    const row = await screen.findByRole('row', { name: /production/ });
    expect(within(row).getByText('evaluation failed').getAttribute('title')).toContain('type [keyword]');
    expect((await screen.findByText(/Last evaluation failed:/)).textContent).toContain('[metadata.price]');
  });

  it('a viewer reads it: no form, no buttons', async () => {
    answer();
    render(<MonitorsPage route={{ page: 'monitors', name: 'news', monitor: 'production' }} go={() => {}} me={VIEWER} />);
    await screen.findByRole('heading', { name: /production/, level: 2 });
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/Your role reads the monitors/)).toBeTruthy();
    expect(screen.getByText(/secret set/)).toBeTruthy();
  });

  it('an admin’s monitor refused by the server shows each problem beside the field it names', async () => {
    const calls = answer(() => json({ status: 400, title: 'Bad Request', detail: 'window: is required', errors: [
      { field: 'window', reason: 'is required: the live window’s length, e.g. 15m, 1h or 7d' },
      { field: 'measures[1].statistic', reason: 'ks needs ordered values' },
    ] }, 400));
    const went: Route[] = [];
    render(<MonitorsPage route={{ page: 'monitors', name: 'news' }} go={(r) => went.push(r)} me={ADMIN} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New monitor' }));
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'eu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save monitor' }));
    const window = await waitFor(() => {
      const found = document.querySelector('[data-problem="window"]');
      expect(found).toBeTruthy();
      return found!;
    });
    expect(window.textContent).toBe('is required: the live window’s length, e.g. 15m, 1h or 7d');
    expect(window.closest('[data-field]')?.getAttribute('data-field')).toBe('window');
    expect(document.querySelector('[data-measure-row="1"] [data-problem="measures[1].statistic"]')?.textContent).toBe('ks needs ordered values');
    expect(screen.getByLabelText(/^Window/).getAttribute('aria-invalid')).toBe('true');
    const put = calls.find((c) => c.init?.method === 'PUT');
    expect(put?.url).toBe('/api/datasets/news/TextClassification/monitors/eu');
    expect(JSON.parse(String(put?.init?.body))).toEqual({ reference: { kind: 'preceding' }, window: '1h', every: '5m', min_records: 50,
      measures: [{ kind: 'predicted_labels' }, { kind: 'confidence' }] });
    expect(went).toEqual([]);
  });

  it('an admin opening "monitor this view" gets the form prefilled with the view’s query and range', async () => {
    answer();
    render(<MonitorsPage route={{ page: 'monitors', name: 'news', seed: { query: 'eu', from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' } }}
      go={() => {}} me={ADMIN} />);
    await screen.findByRole('heading', { name: 'New monitor' });
    expect((screen.getByLabelText(/^Records/) as HTMLInputElement).value).toBe('eu');
    expect((screen.getByRole('radio', { name: 'a time range' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/^From/) as HTMLInputElement).value).not.toBe('');
  });
});

describe('the drift line of a dataset', () => {
  const watched = (n: number) => Array.from({ length: n }, (_, i) => ({ monitor: { ...MONITOR, name: `m${i}` }, status: { alerting: ['f1', 'accuracy'] } }));
  const dataset = { name: 'news', task: 'TextClassification' as const, settings: { monitors: { m0: MONITOR } } };

  it('names up to four monitors alerting, then counts the rest on one line to the monitors page', async () => {
    globalThis.fetch = vi.fn(async () => json({ monitors: [...watched(6), { monitor: { ...MONITOR, name: 'quiet' }, status: { alerting: [] } }] })) as typeof fetch;
    render(<DriftNotice dataset={dataset} workspace="team-a" />);
    const list = await screen.findByRole('list', { name: 'drift in news' });
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['2 measures drifting in monitor m0', '2 measures drifting in monitor m1',
      '2 measures drifting in monitor m2', 'and 6 measures drifting in 3 monitors']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#/datasets/news/monitors?w=team-a&m=m0',
      '#/datasets/news/monitors?w=team-a&m=m1', '#/datasets/news/monitors?w=team-a&m=m2', '#/datasets/news/monitors?w=team-a']);
  });

  it('in the datasets list, one line; nothing asked for a dataset without monitors', async () => {
    globalThis.fetch = vi.fn(async () => json({ monitors: watched(2) })) as typeof fetch;
    render(<DriftNotice dataset={dataset} workspace="team-a" compact />);
    expect((await screen.findByRole('link')).textContent).toBe('4 measures drifting in 2 monitors');
    const fetched = vi.fn();
    globalThis.fetch = fetched as unknown as typeof fetch;
    render(<DriftNotice dataset={{ ...dataset, name: 'quiet', settings: {} }} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetched).not.toHaveBeenCalled();
  });
});
