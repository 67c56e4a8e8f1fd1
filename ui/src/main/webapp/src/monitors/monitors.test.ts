import { ApiError, type Monitor } from '../api';
import { fieldProblems } from '../rules/rules';
import {
  binLabel, driftLines, driftSummary, driftText, emptyForm, formFromMonitor, formFromSeed, formProblems, localInput, measureProblems,
  monitorBody, newMeasure, overlapsLive, pairBins, seedFromView, seriesByMeasure, spanOf, statisticsFor, statisticText,
  unplacedProblems, versusText, webhookText,
} from './monitors';

const SAVED: Monitor = {
  name: 'production', description: 'news model', query: 'metadata.region:eu',
  reference: { kind: 'range', from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' },
  window: '1h', every: '5m', min_records: 50,
  measures: [
    { kind: 'predicted_labels', statistic: 'psi', threshold: 0.2 },
    { kind: 'metadata', field: 'price', type: 'numeric', statistic: 'wasserstein', threshold: 0.1 },
  ],
  webhook: { url: 'https://hooks.example.com/…', secret_set: true },
  author: 'admin',
};

describe('pairing the reference and live histograms', () => {
  it('pairs categories by key, the reference’s order first, and gives each window’s shares', () => {
    const rows = pairBins(
      { count: 100, bins: [{ key: 'negative', count: 80 }, { key: 'positive', count: 20 }] },
      { count: 100, bins: [{ key: 'positive', count: 60 }, { key: 'negative', count: 30 }, { key: 'neutral', count: 10 }] },
    );
    expect(rows).toEqual([
      { label: 'negative', reference: 80, live: 30, referenceShare: 0.8, liveShare: 0.3 },
      { label: 'positive', reference: 20, live: 60, referenceShare: 0.2, liveShare: 0.6 },
      { label: 'neutral', reference: 0, live: 10, referenceShare: 0, liveShare: 0.1 },
    ]);
  });

  it('shares are of the binned records: a multi-label window adds up to 1 though its labels outnumber its records', () => {
    const rows = pairBins({ count: 10, bins: [{ key: 'a', count: 10 }, { key: 'b', count: 5 }] }, { count: 10, bins: [] });
    expect(rows.map((r) => r.referenceShare)).toEqual([10 / 15, 5 / 15]);
    expect(rows.map((r) => r.liveShare)).toEqual([0, 0]);
  });

  it('orders numeric bins by range and names the open outer bins that saw no value', () => {
    const bins = [
      { from: 0.05, to: 0.05, count: 0 }, { from: 0.05, to: 0.1, count: 2 }, { from: 0.9, to: 0.95, count: 3 },
      { from: 0.95, to: 0.95, count: 0 },
    ];
    const rows = pairBins({ count: 5, bins }, { count: 4, bins: [...bins].reverse().map((b, i) => ({ ...b, count: i })) });
    expect(rows.map((r) => r.label)).toEqual(['< 0.05', '0.05–0.1', '0.9–0.95', '≥ 0.95']);
    expect(rows.map((r) => r.live)).toEqual([3, 2, 1, 0]);
    expect(binLabel({ from: 11, to: 11.950000000000001, count: 1 })).toBe('11–11.95');
    expect(binLabel({ from: 1234.5678, to: 25_000.4, count: 1 })).toBe('1,235–25,000');
  });

  it('has no rows when neither window has a bin (accuracy and F1 compare figures)', () => {
    expect(pairBins({ count: 60, figure: 0.9 }, { count: 55, figure: 0.8 })).toEqual([]);
  });
});

describe('the request a form makes', () => {
  it('leaves the defaults to the server: no statistic or threshold unless given, no webhook unless ticked', () => {
    const form = { ...emptyForm(), name: 'prod' };
    expect(monitorBody(form)).toEqual({
      reference: { kind: 'preceding' }, window: '1h', every: '5m', min_records: 50,
      measures: [{ kind: 'predicted_labels' }, { kind: 'confidence' }],
    });
  });

  it('sends a range reference in UTC, a metadata field with its type, a threshold as a number, and the secret', () => {
    const form = {
      ...emptyForm(), name: 'prod', description: ' eu news ', query: 'metadata.region:eu', referenceKind: 'range' as const,
      from: localInput('2026-11-01T00:00:00Z'), to: localInput('2026-11-08T00:00:00Z'), window: '2h', every: '10m', minRecords: '20',
      measures: [{ ...newMeasure('metadata'), field: 'price', type: 'numeric' as const, statistic: 'ks' as const, threshold: '0.3' }],
      webhook: true, webhookUrl: 'https://hooks.example.com/T0/B0', webhookSecret: '0123456789abcdef',
    };
    expect(monitorBody(form)).toEqual({
      description: 'eu news', query: 'metadata.region:eu',
      reference: { kind: 'range', from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' },
      window: '2h', every: '10m', min_records: 20,
      measures: [{ kind: 'metadata', field: 'price', type: 'numeric', statistic: 'ks', threshold: 0.3 }],
      webhook: { url: 'https://hooks.example.com/T0/B0', secret: '0123456789abcdef' },
    });
  });

  it('edits a saved monitor: its fields back, the cut URL kept, the secret left out (the server keeps it)', () => {
    const form = formFromMonitor(SAVED);
    expect(form).toMatchObject({ name: 'production', referenceKind: 'range', window: '1h', minRecords: '50', webhook: true,
      webhookUrl: 'https://hooks.example.com/…', webhookSecret: '', secretSet: true });
    const body = monitorBody(form);
    expect(body.reference).toEqual(SAVED.reference);
    expect(body.measures).toEqual(SAVED.measures);
    expect(body.webhook).toEqual({ url: 'https://hooks.example.com/…' });
    expect(formProblems(form)).toEqual({});
    // a bound changed in its input is sent as the input says; the other stays to the millisecond
    const moved = monitorBody({ ...form, from: localInput('2026-10-01T00:00:00Z') });
    expect(moved.reference).toEqual({ kind: 'range', from: '2026-10-01T00:00:00.000Z', to: '2026-11-08T00:00:00Z' });
  });

  it('a query reference sends its query, and its range only when given', () => {
    const form = { ...emptyForm(), referenceKind: 'query' as const, referenceQuery: ' predicted_by:v1 ' };
    expect(monitorBody(form).reference).toEqual({ kind: 'query', query: 'predicted_by:v1' });
  });
});

describe('what the form finds before asking', () => {
  it('keys its problems as the server names fields', () => {
    const form = {
      ...emptyForm(), name: '-bad', referenceKind: 'range' as const, window: '1 hour', every: '', minRecords: 'ten',
      measures: [{ ...newMeasure('metadata'), field: 'a.b' }, { ...newMeasure('confidence'), threshold: '-1' }],
      webhook: true, webhookUrl: 'ftp://x', webhookSecret: 'short',
    };
    expect(formProblems(form)).toEqual({
      name: expect.any(String), 'reference.from': 'a range reference needs from and to', window: expect.any(String),
      every: expect.any(String), min_records: expect.any(String), 'measures[0].field': expect.any(String),
      'measures[1].threshold': 'a number above 0', 'webhook.url': expect.any(String), 'webhook.secret': expect.any(String),
    });
    expect(formProblems({ ...emptyForm(), name: '' }, false)).toEqual({});
  });

  it('finds a measure asked twice, and a reference ending after it starts', () => {
    const form = { ...emptyForm(), name: 'm', referenceKind: 'range' as const, from: '2026-11-08T00:00', to: '2026-11-01T00:00',
      measures: [newMeasure('agents'), newMeasure('agents')] };
    expect(formProblems(form)).toEqual({ 'reference.from': 'must be before to', 'measures[1]': 'Prediction agents is measured twice' });
  });

  it('offers ordered statistics to numbers only, and drop to accuracy and F1', () => {
    expect(statisticsFor({ kind: 'predicted_labels' })).toEqual(['psi', 'jensen_shannon']);
    expect(statisticsFor({ kind: 'metadata', type: 'numeric' })).toEqual(['psi', 'jensen_shannon', 'wasserstein', 'ks']);
    expect(statisticsFor({ kind: 'f1' })).toEqual(['drop']);
  });

  it('says when a fixed reference reaches into the live window', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    const form = { ...emptyForm(), referenceKind: 'range' as const, from: localInput('2026-12-01T00:00:00Z'), window: '1h' };
    expect(overlapsLive({ ...form, to: localInput('2026-12-06T09:30:00Z') }, now)).toBe(true);
    expect(overlapsLive({ ...form, to: localInput('2026-12-06T08:30:00Z') }, now)).toBe(false);
    expect(overlapsLive({ ...form, referenceKind: 'preceding' }, now)).toBe(false);
  });
});

describe('reading the server’s field errors', () => {
  const refused = new ApiError(400, 'window: is required', { status: 400, errors: [
    { field: 'window', reason: 'is required: the live window’s length' },
    { field: 'measures[1].statistic', reason: 'ks needs ordered values' },
    { field: 'measures[1]', reason: 'measure \'agents\' appears more than once' },
    { field: 'body', reason: 'give a monitor' },
  ] });

  it('places each beside its field, a measure’s beside that measure, and the rest above the form', () => {
    const problems = fieldProblems(refused);
    expect(problems.window).toBe('is required: the live window’s length');
    expect(measureProblems(problems, 1)).toEqual({ statistic: 'ks needs ordered values', '': 'measure \'agents\' appears more than once' });
    expect(measureProblems(problems, 0)).toEqual({});
    expect(unplacedProblems(problems)).toEqual(['body: give a monitor']);
  });

  it('a problem without fields is said above the form', () => {
    expect(unplacedProblems(fieldProblems(new ApiError(403, 'Forbidden')))).toEqual(['Forbidden']);
  });
});

describe('monitoring this view', () => {
  it('a custom range becomes a range reference, with the view’s query', () => {
    const seed = seedFromView({ page: 'monitoring', name: 'news', range: 'custom', from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-08T00:00:00.000Z', query: 'eu' });
    expect(seed).toEqual({ query: 'eu', from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' });
    const form = formFromSeed(seed);
    expect(form.referenceKind).toBe('range');
    expect(form.query).toBe('eu');
    expect(monitorBody(form).reference).toEqual({ kind: 'range', from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' });
  });

  it('a range back from now slides: a preceding reference with the range as the live window', () => {
    const seed = seedFromView({ page: 'monitoring', name: 'news', range: '24h' });
    expect(seed).toEqual({ window: '1d' });
    expect(formFromSeed(seed)).toMatchObject({ referenceKind: 'preceding', window: '1d' });
    expect(seedFromView({ page: 'monitoring', name: 'news', range: '1h' })).toEqual({ window: '1h' });
  });

  it('the data’s own range is the range the charts show', () => {
    expect(seedFromView({ page: 'monitoring', name: 'news', range: 'data' }, { from: '2002-01-01T00:00:00Z', to: '2003-01-01T00:00:00Z' }))
      .toEqual({ from: '2002-01-01T00:00:00Z', to: '2003-01-01T00:00:00Z' });
    expect(formFromSeed({})).toMatchObject({ referenceKind: 'preceding', window: '1h' });
  });

  it('lengths as spans', () => {
    expect([spanOf(3_600_000), spanOf(90_000), spanOf(7 * 86_400_000), spanOf(1500)]).toEqual(['1h', '90s', '7d', '2s']);
  });
});

describe('saying where monitors stand', () => {
  it('a line per monitor alerting', () => {
    const lines = driftLines([
      { monitor: { ...SAVED, name: 'production' }, status: { alerting: ['predicted_labels', 'confidence'] } },
      { monitor: { ...SAVED, name: 'quiet' }, status: { alerting: [] } },
      { monitor: { ...SAVED, name: 'new' } },
      { monitor: { ...SAVED, name: 'one' }, status: { alerting: ['f1'] } },
    ]);
    expect(lines.map(driftText)).toEqual(['2 measures drifting in monitor production', '1 measure drifting in monitor one']);
    // many monitors alerting are said in one line
    expect(driftSummary(lines)).toBe('3 measures drifting in 2 monitors');
    expect(driftSummary(lines.slice(1))).toBe('1 measure drifting in monitor one');
  });

  it('values against thresholds', () => {
    expect(versusText(0.7167037876912219, 0.2)).toBe('0.7167 > 0.2');
    expect(versusText(0.1, 0.1)).toBe('0.1 ≤ 0.1');
    expect(versusText(null, 0.05)).toBe('– (threshold 0.05)');
    expect(statisticText(undefined)).toBe('-');
  });

  it('a series per measure, oldest first', () => {
    const point = (at: string, measure: string, value: number | null) => ({ at, measure, statistic: 'psi' as const, value,
      threshold: 0.2, reading: 'ok' as const, reference_count: 1, live_count: 1 });
    const series = seriesByMeasure([point('2026-12-06T10:05:00Z', 'a', 0.3), point('2026-12-06T10:00:00Z', 'a', 0.1),
      point('2026-12-06T10:00:00Z', 'b', null)]);
    expect(series.map((s) => [s.measure, s.values])).toEqual([['a', [0.1, 0.3]], ['b', [null]]]);
  });

  it('a webhook’s delivery in words', () => {
    const alert = { event_id: 'al-1', type: 'raised' as const, at: '', measure: 'f1', statistic: 'drop' as const, threshold: 0.05, published: true };
    expect(webhookText(alert)).toBe('no webhook');
    expect(webhookText({ ...alert, webhook: { state: 'delivered', attempts: 1, last_status: 200 } })).toBe('delivered (HTTP 200, 1 attempt)');
    expect(webhookText({ ...alert, webhook: { state: 'failed', attempts: 8, last_status: 500, last_error: 'HTTP 500' } }))
      .toBe('failed (HTTP 500, 8 attempts): HTTP 500');
  });
});
