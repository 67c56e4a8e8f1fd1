import { render, screen, waitFor } from '@testing-library/react';
import { DatasetPage } from './DatasetPage';

const XSS = '<img src=x onerror="window.pwned=true">';

describe('a dataset page', () => {
  beforeEach(() => {
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      const body = url.includes(':search')
        ? { total: 41, records: [{ id: 'x1', inputs: { text: XSS }, status: 'Default',
            prediction: { agent: 'm', labels: [{ class: 'spam', confidence: 0.93 }] } }] }
        : { name: 'mails', task: 'TextClassification' };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
  });

  it('renders record text as text, never as HTML, with its prediction and the page count', async () => {
    render(<DatasetPage route={{ page: 'dataset', name: 'mails', query: '', pageNumber: 1 }} go={() => {}} />);
    await waitFor(() => expect(screen.getByText('41 records')).toBeTruthy());
    expect(screen.getByText(XSS)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
    expect(screen.getByText('spam 0.93')).toBeTruthy();
    expect(screen.getByText('page 1 of 3')).toBeTruthy();
  });
});
