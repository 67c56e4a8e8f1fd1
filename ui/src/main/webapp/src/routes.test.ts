import { formatRoute, monitorsRoute, nextPage, NO_FILTERS, numberRange, parseRange, parseRoute, setRange, toggle, toQuery,
  type DatasetRoute } from './routes';
import { labellingProgress, recordText, visibleDatasets } from './datasets';

describe('the view in the URL', () => {
  it('round-trips a dataset view with its query and page', () => {
    const route = parseRoute('#/datasets/spam-assassin?q=money%20AND%20free&page=3');
    expect(route).toEqual({ page: 'dataset', name: 'spam-assassin', query: 'money AND free', pageNumber: 3, filters: NO_FILTERS });
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the datasets list, and to page 1 on nonsense', () => {
    expect(parseRoute('')).toEqual({ page: 'datasets' });
    expect(parseRoute('#/datasets/../etc')).toEqual({ page: 'datasets' });
    expect(parseRoute('#/datasets/news?page=-4')).toMatchObject({ pageNumber: 1 });
    expect(formatRoute({ page: 'dataset', name: 'news', query: '', pageNumber: 1, filters: NO_FILTERS })).toBe('#/datasets/news');
  });
});

describe('filters', () => {
  it('live in the URL: facet values, metadata values, and unknown facets are ignored', () => {
    const route = parseRoute('#/datasets/mails?f.status=Validated&f.predicted_as=spam&f.predicted_as=ham&m.group=spam-1&f.bogus=x');
    expect(route).toMatchObject({ filters: { facets: { status: ['Validated'], predicted_as: ['spam', 'ham'] },
      metadata: { group: ['spam-1'] } } });
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('toggle on and off, and become the API query', () => {
    let filters = toggle(NO_FILTERS, 'facet', 'status', 'Validated');
    filters = toggle(filters, 'metadata', 'group', 'spam-1');
    filters = toggle(filters, 'facet', 'predicted', 'ko');
    expect(toQuery('money', filters)).toEqual({ query_text: 'money', status: ['Validated'], predicted: 'ko',
      metadata: { group: ['spam-1'] } });
    filters = toggle(toggle(filters, 'facet', 'status', 'Validated'), 'metadata', 'group', 'spam-1');
    expect(toQuery('', filters)).toEqual({ predicted: 'ko' });
    expect(toQuery('', toggle(filters, 'facet', 'predicted', 'ok'))).toEqual({});
  });
});

describe('the datasets list', () => {
  const datasets = [
    { name: 'news', task: 'TextClassification' as const, last_updated: '2026-11-01T10:00:00Z' },
    { name: 'spam-assassin', task: 'TextClassification' as const, last_updated: '2026-11-28T10:00:00Z' },
    { name: 'ner', task: 'TokenClassification' as const, last_updated: '2026-11-20T10:00:00Z' },
  ];

  it('filters by name and sorts newest first or by name', () => {
    expect(visibleDatasets(datasets, '', 'last_updated').map((d) => d.name)).toEqual(['spam-assassin', 'ner', 'news']);
    expect(visibleDatasets(datasets, 'N', 'name').map((d) => d.name)).toEqual(['ner', 'news', 'spam-assassin']);
    expect(visibleDatasets(datasets, 'spam', 'name').map((d) => d.name)).toEqual(['spam-assassin']);
  });

  it('shows a record as its inputs, named when there are several', () => {
    expect(recordText({ inputs: { text: 'hello' } })).toBe('hello');
    expect(recordText({ inputs: { title: 'A', body: 'B' } })).toBe('title: A\nbody: B');
    expect(recordText({ raw_text: 'Ada Lovelace' })).toBe('Ada Lovelace');
  });
});

const NO_VIEW = { page: 'dataset' as const, name: 'news', query: '', pageNumber: 1, filters: NO_FILTERS };

describe('views beyond filters', () => {
  it('keeps sort, confidence range, cursor and mode in the URL', () => {
    const route = { page: 'dataset' as const, name: 'mails', query: 'x', pageNumber: 502, cursor: 'abc_-',
      filters: { facets: {}, metadata: {}, confidence: { from: 0.9, to: 1 } }, sort: { field: 'confidence', order: 'asc' as const },
      mode: 'annotate' as const };
    const hash = formatRoute(route);
    expect(hash).toBe('#/datasets/mails?q=x&c=0.9~1&sort=confidence~asc&page=502&after=abc_-&mode=annotate');
    expect(parseRoute(hash)).toEqual(route);
    expect(toQuery('', route.filters)).toEqual({ confidence: { from: 0.9, to: 1 } });
  });

  it('pages by number inside Elasticsearch’s window and by cursor past it', () => {
    const route = { page: 'dataset' as const, name: 'm', query: '', pageNumber: 499, filters: { facets: {}, metadata: {} } };
    expect(nextPage(route, 20, 'c1')).toEqual({ ...route, pageNumber: 500 });
    expect(nextPage({ ...route, pageNumber: 500 }, 20, 'c2')).toEqual({ ...route, pageNumber: 501, cursor: 'c2' });
  });

  it('reads and writes the monitoring page with a preset or a custom range', () => {
    expect(parseRoute('#/datasets/mails/monitoring?range=24h')).toEqual({ page: 'monitoring', name: 'mails', range: '24h', from: undefined, to: undefined });
    const custom = { page: 'monitoring' as const, name: 'mails', range: 'custom', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' };
    expect(parseRoute(formatRoute(custom))).toEqual(custom);
    // the view's query narrows the charts, and goes with the view
    const narrowed = { page: 'monitoring' as const, name: 'mails', range: '7d', from: undefined, to: undefined, query: 'metadata.region:eu' };
    expect(formatRoute(narrowed)).toBe('#/datasets/mails/monitoring?range=7d&q=metadata.region%3Aeu');
    expect(parseRoute(formatRoute(narrowed))).toEqual(narrowed);
  });

  it('reads and writes the monitors page, the monitor shown, and a new monitor’s form prefilled from a view', () => {
    expect(parseRoute('#/datasets/mails/monitors')).toEqual({ page: 'monitors', name: 'mails' });
    expect(formatRoute(monitorsRoute('mails', 'team-a', 'Prod_1'))).toBe('#/datasets/mails/monitors?w=team-a&m=Prod_1');
    expect(parseRoute('#/datasets/mails/monitors?w=team-a&m=Prod_1')).toEqual({ page: 'monitors', name: 'mails', workspace: 'team-a', monitor: 'Prod_1' });
    const seeded = { page: 'monitors' as const, name: 'mails', seed: { query: 'eu', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' } };
    expect(parseRoute(formatRoute(seeded))).toEqual(seeded);
    expect(parseRoute(formatRoute({ page: 'monitors', name: 'mails', seed: { window: '1d' } }))).toEqual({ page: 'monitors', name: 'mails', seed: { window: '1d' } });
    expect(parseRoute('#/datasets/mails/monitors?new=1')).toEqual({ page: 'monitors', name: 'mails', seed: {} });
  });
});

describe('workspaces', () => {
  it('names the dataset’s workspace in the URL for people in several', () => {
    const hash = formatRoute({ ...NO_VIEW, workspace: 'team-b', mode: 'annotate' });
    expect(hash).toBe('#/datasets/news?w=team-b&mode=annotate');
    expect(parseRoute(hash)).toMatchObject({ name: 'news', workspace: 'team-b', mode: 'annotate' });
    expect(parseRoute('#/datasets/news/monitoring?w=team-b&range=24h')).toMatchObject({ page: 'monitoring', workspace: 'team-b', range: '24h' });
  });
});

describe('numeric metadata ranges', () => {
  it('live in the URL, either end open, and nonsense is ignored', () => {
    const route = parseRoute('#/datasets/shop?r.price=1.5~10&r.pages=~5&r.weight=2~&r.bad=abc~1&r.none=~&m.split=train');
    expect(route).toMatchObject({ filters: { metadata: { split: ['train'] },
      ranges: { price: { from: 1.5, to: 10 }, pages: { to: 5 }, weight: { from: 2 } } } });
    expect((route as DatasetRoute).filters.ranges).not.toHaveProperty('bad');
    expect((route as DatasetRoute).filters.ranges).not.toHaveProperty('none');
    expect(formatRoute(route)).toBe('#/datasets/shop?m.split=train&r.price=1.5~10&r.pages=~5&r.weight=2~');
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/datasets/shop')).toEqual({ ...NO_VIEW, name: 'shop' });
  });

  it('become inclusive API ranges beside the values of other fields', () => {
    const filters = setRange(toggle(NO_FILTERS, 'metadata', 'split', 'train'), 'price', { from: 1.5, to: 10 });
    expect(toQuery('', setRange(filters, 'pages', { to: 5 }))).toEqual({
      metadata: { split: ['train'], price: { gte: 1.5, lte: 10 }, pages: { lte: 5 } } });
  });

  it('replace the chosen values of their field, and a value replaces the range', () => {
    const valued = toggle(NO_FILTERS, 'metadata', 'price', '3.25');
    const ranged = setRange(valued, 'price', { from: 1 });
    expect(ranged.metadata).toEqual({});
    expect(ranged.ranges).toEqual({ price: { from: 1 } });
    const back = toggle(ranged, 'metadata', 'price', '3.25');
    expect(back.metadata).toEqual({ price: ['3.25'] });
    expect(back.ranges).toBeUndefined();
    expect(setRange(ranged, 'price', undefined)).toEqual({ facets: {}, metadata: {} });
  });

  it('take their ends in either order, and no end at all is no range', () => {
    expect(numberRange(10, 2)).toEqual({ from: 2, to: 10 });
    expect(numberRange(undefined, 2)).toEqual({ to: 2 });
    expect(numberRange()).toBeUndefined();
    expect(parseRange('10~2')).toEqual({ from: 2, to: 10 });
    expect(parseRange('-1.5e3~')).toEqual({ from: -1500 });
  });
});

describe('the datasets list’s labelling progress', () => {
  it('counts validated and discarded records as labelled, in words for the bar', () => {
    expect(labellingProgress({ name: 'mails', task: 'TextClassification', records: 4500, labelled: 1204, validated: 1100,
      discarded: 104 })).toEqual({ labelled: 1204, validated: 1100, discarded: 104, records: 4500, percent: 26,
      said: '1,204 of 4,500 records labelled (26 %): 1,100 validated, 104 discarded' });
    expect(labellingProgress({ name: 'e', task: 'TextClassification', records: 0, labelled: 0 })).toMatchObject({ percent: 0 });
    expect(labellingProgress({ name: 'almost', task: 'TextClassification', records: 1000, labelled: 999 }))
      .toMatchObject({ percent: 99 });
    expect(labellingProgress({ name: 'old', task: 'TextClassification' })).toBeUndefined();
  });
});
