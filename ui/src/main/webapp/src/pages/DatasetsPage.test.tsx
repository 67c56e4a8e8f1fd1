import { render, screen } from '@testing-library/react';
import { DatasetsPage } from './DatasetsPage';

describe('the datasets page', () => {
  it('shows how far each dataset’s labelling is, as a bar with its figures in words', async () => {
    globalThis.fetch = vi.fn(async () => new Response(JSON.stringify([
      { name: 'mails', task: 'TextClassification', workspace: 'team-a', records: 4500, labelled: 1204, validated: 1100,
        discarded: 104, last_updated: '2026-12-01T10:00:00Z' },
      { name: 'fresh', task: 'TokenClassification', workspace: 'team-a', records: 0, labelled: 0, validated: 0, discarded: 0,
        last_updated: '2026-11-01T10:00:00Z' },
    ]), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
    render(<DatasetsPage me={{ username: 'vic', roles: ['viewer'] }} onOpen={() => {}} />);

    const bar = await screen.findByRole('progressbar', { name: 'labelling of mails' });
    expect(bar.getAttribute('aria-valuenow')).toBe('1204');
    expect(bar.getAttribute('aria-valuemax')).toBe('4500');
    expect(bar.getAttribute('aria-valuetext')).toBe('1,204 of 4,500 records labelled (26 %): 1,100 validated, 104 discarded');
    expect(screen.getByRole('columnheader', { name: 'Labelled' })).toBeTruthy();
    const row = screen.getByRole('row', { name: /mails/ });
    expect(row.textContent).toContain('1,204 / 4,500 26 %');
    expect(screen.getByRole('progressbar', { name: 'labelling of fresh' }).getAttribute('aria-valuetext'))
      .toBe('0 of 0 records labelled (0 %): 0 validated, 0 discarded');
  });
});
