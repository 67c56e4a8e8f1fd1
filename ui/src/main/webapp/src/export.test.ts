import { exportFormats, exportUrl, MAX_EXPORT_URL } from './api';
import { NO_FILTERS, toggle, toQuery } from './routes';

describe('the export link', () => {
  it('asks for every record in the chosen format when nothing filters', () => {
    expect(exportUrl('news', 'TextClassification', {}, 'csv')).toBe('/api/datasets/news/TextClassification/data?format=csv');
  });

  it('carries the query as shown (text, facets, metadata, confidence) as JSON, and the workspace of the URL', () => {
    let filters = toggle(NO_FILTERS, 'facet', 'status', 'Validated');
    filters = toggle(filters, 'metadata', 'group', 'spam & eggs');
    filters = { ...filters, confidence: { from: 0.5, to: 0.75 } };
    const query = toQuery('money AND "free + fast"', filters);
    const url = exportUrl('spam-assassin', 'TextClassification', query, 'jsonl', 'team-b');

    const [path, search] = url.split('?');
    expect(path).toBe('/api/datasets/spam-assassin/TextClassification/data');
    expect(search).not.toMatch(/[ +]/); // a space is %20: a '+' would reach the server as a plus
    const params = new URLSearchParams(search);
    expect(params.get('format')).toBe('jsonl');
    expect(params.get('workspace')).toBe('team-b');
    expect(JSON.parse(params.get('query') ?? '')).toEqual({
      query_text: 'money AND "free + fast"', status: ['Validated'], metadata: { group: ['spam & eggs'] },
      confidence: { from: 0.5, to: 0.75 },
    });
    expect([...params.keys()]).toEqual(['format', 'query', 'workspace']);
  });

  it('offers CoNLL for token classification only', () => {
    expect(exportFormats('TokenClassification')).toEqual(['jsonl', 'csv', 'conll']);
    expect(exportFormats('TextClassification')).toEqual(['jsonl', 'csv']);
    expect(exportFormats('Text2Text')).toEqual(['jsonl', 'csv']);
  });

  it('measures an address in the bytes a service reads: non-ASCII text is percent-encoded', () => {
    const url = exportUrl('news', 'Text2Text', { query_text: 'é'.repeat(700) }, 'csv');
    expect(url).toMatch(/^[\x20-\x7e]+$/);
    expect(url.length).toBeGreaterThan(MAX_EXPORT_URL); // 700 characters, 4,200 bytes once encoded
  });
});
