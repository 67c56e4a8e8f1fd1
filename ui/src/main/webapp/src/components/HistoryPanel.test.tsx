import { render, screen, waitFor } from '@testing-library/react';
import { HistoryPanel } from './HistoryPanel';

describe('a record history', () => {
  it('tells a label imported with rb.log from one set in the app', async () => {
    globalThis.fetch = vi.fn(async () => new Response(JSON.stringify([
      { event_id: 'e2', action: 'annotate', at: '2026-12-02T10:00:00Z', agent: 'bob', record_id: 'r1',
        before: { status: 'Validated', annotation: { agent: 'ana', labels: [{ class: 'spam' }] } },
        after: { status: 'Validated', annotation: { agent: 'bob', labels: [{ class: 'ham' }] } } },
      { event_id: 'e1', action: 'import', at: '2026-12-02T09:00:00Z', agent: 'ana', record_id: 'r1',
        before: { status: 'Default' },
        after: { status: 'Validated', annotation: { agent: 'ana', labels: [{ class: 'spam' }] } } },
    ]), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;

    render(<HistoryPanel dataset="mails" task="TextClassification" record={{ id: 'r1', inputs: { text: 'x' } }} />);

    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    const [changed, imported] = screen.getAllByRole('listitem');
    expect(changed.textContent).toContain('bob');
    expect(changed.textContent).toContain('set ');
    expect(imported.textContent).toContain('ana');
    expect(imported.textContent).toContain('imported ');
    expect(imported.textContent).not.toContain('set ');
  });

  it('shows a comment as "ana commented: …" with its time, as text, among the label changes', async () => {
    globalThis.fetch = vi.fn(async () => new Response(JSON.stringify([
      { event_id: 'e3', action: 'annotate', at: '2026-12-02T11:00:00Z', agent: 'bob', record_id: 'r1',
        before: { status: 'Default' }, after: { status: 'Validated', annotation: { agent: 'bob', labels: [{ class: 'ham' }] } } },
      { event_id: 'e2', action: 'comment', at: '2026-12-02T10:30:00Z', agent: 'ana', record_id: 'r1',
        record_version: '1.4', before: null, after: null, text: 'ambiguous: <b>sarcasm</b>?\nthe guideline does not say' },
    ]), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;

    render(<HistoryPanel dataset="mails" task="TextClassification" record={{ id: 'r1', inputs: { text: 'x' } }} />);

    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    const [labelled, comment] = screen.getAllByRole('listitem');
    expect(labelled.textContent).toContain('bob set ham (Validated)');
    expect(comment.textContent).toContain('ana commented: ambiguous: <b>sarcasm</b>?\nthe guideline does not say');
    expect(comment.textContent).not.toContain('set ');
    expect(comment.querySelector('b')).toBeNull();
    expect(comment.querySelector('time')?.getAttribute('dateTime')).toBe('2026-12-02T10:30:00Z');
  });
});
