import { formatRoute, parseRoute } from './routes';
import { recordText, visibleDatasets } from './datasets';

describe('the view in the URL', () => {
  it('round-trips a dataset view with its query and page', () => {
    const route = parseRoute('#/datasets/spam-assassin?q=money%20AND%20free&page=3');
    expect(route).toEqual({ page: 'dataset', name: 'spam-assassin', query: 'money AND free', pageNumber: 3 });
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the datasets list, and to page 1 on nonsense', () => {
    expect(parseRoute('')).toEqual({ page: 'datasets' });
    expect(parseRoute('#/datasets/../etc')).toEqual({ page: 'datasets' });
    expect(parseRoute('#/datasets/news?page=-4')).toMatchObject({ pageNumber: 1 });
    expect(formatRoute({ page: 'dataset', name: 'news', query: '', pageNumber: 1 })).toBe('#/datasets/news');
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
