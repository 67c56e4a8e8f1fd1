import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RecordView } from '../api';
import { DatasetPage } from '../pages/DatasetPage';
import { NO_FILTERS, type DatasetRoute } from '../routes';

const ANNOTATOR = { username: 'ana', roles: ['annotator'] };
const route: DatasetRoute = { page: 'dataset', name: 'mails', query: '', pageNumber: 1, filters: NO_FILTERS, mode: 'annotate' };

const record = (id: string, extra: Partial<RecordView> = {}): RecordView => ({
  id, inputs: { text: `mail ${id}` }, status: 'Default', version: '1.1', multi_label: false,
  prediction: { agent: 'nb', labels: [{ class: 'spam', confidence: 0.9 }, { class: 'ham', confidence: 0.1 }] }, ...extra,
});

interface Call { method: string; url: string; headers: Record<string, string>; body?: Record<string, unknown> }

/** A fake API: the page's reads, labels answered by {@code onLabel}, and what {@code other} answers first. */
function fakeApi(records: RecordView[], onLabel: (call: Call) => Response, other?: (call: Call) => Response | undefined) {
  const calls: Call[] = [];
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const call = { method: init?.method ?? 'GET', url, headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const answered = other?.(call);
    if (answered) {
      return answered;
    }
    if (url.includes('/annotation') || url.includes('bulk-annotations') || url.includes('/api/jobs/')) {
      return onLabel(call);
    }
    if (url.includes(':summary')) {
      return json({ total: 41, status: { Default: 41 }, annotated_as: {} });
    }
    if (url.includes(':search')) {
      return json({ total: 41, records, aggregations: { predicted_as: { spam: 30, ham: 11 }, status: { Default: 41 } } });
    }
    return json({ name: 'mails', task: 'TextClassification', settings: { labels: [], guidelines: 'Spam is mail nobody asked for.' } });
  }) as typeof fetch;
  return calls;
}

const labelled = (call: Call, agent = 'ana') => {
  const id = /records\/([^/]+)\/annotation/.exec(call.url)?.[1] ?? '?';
  const body = call.body as { annotation?: RecordView['annotation']; status?: string };
  return new Response(JSON.stringify({ version: '1.2', record: record(id, {
    annotation: body.annotation ? { ...body.annotation, agent } : { agent, labels: [{ class: 'spam' }] }, status: body.status ?? 'Validated',
  }) }), { status: 200, headers: { 'Content-Type': 'application/json' } });
};

/** The page has its records and its label choices (read from the whole dataset). */
const ready = async (id: string) => {
  await screen.findByText(`mail ${id}`);
  await screen.findAllByRole('button', { name: '2 spam' });
};

const key = (k: string) => act(() => { fireEvent.keyDown(document.body, { key: k }); });

describe('annotation mode', () => {
  it('labels three records with the keyboard: number keys label and move on, j/k move, v validates, d discards', async () => {
    const calls = fakeApi([record('a'), record('b'), record('c'), record('d')], (call) => labelled(call));
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    // labels are numbered in a stable (alphabetical) order: 1 ham, 2 spam
    expect(screen.getByRole('group', { name: 'label record a' }).textContent).toMatch(/1 ham.*2 spam/);
    await key('2');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'record b' }).getAttribute('aria-current')).toBe('true'));
    await key('v');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'record c' }).getAttribute('aria-current')).toBe('true'));
    await key('k');
    await key('j');
    await key('d');
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'record d' }).getAttribute('aria-current')).toBe('true'));
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => [c.url.replace(/.*records\//, ''), c.headers['If-Match'], c.body])).toEqual([
      ['a/annotation', '1.1', { annotation: { labels: [{ class: 'spam' }] }, status: 'Validated' }],
      ['b/annotation', '1.1', { status: 'Validated' }],
      ['c/annotation', '1.1', { status: 'Discarded' }],
    ]);
    expect(screen.getByRole('listitem', { name: 'record a' }).textContent).toContain('Validated');
    expect(screen.getByRole('listitem', { name: 'record c' }).textContent).toContain('Discarded');
  });

  it('toggles labels of a multi-label record and saves them with v', async () => {
    const calls = fakeApi([record('m', { multi_label: true })], (call) => labelled(call));
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('m');
    await key('1');
    await key('2');
    expect(screen.getByRole('button', { name: /ham/ }).getAttribute('aria-pressed')).toBe('true');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await key('v');
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      annotation: { labels: [{ class: 'ham' }, { class: 'spam' }] }, status: 'Validated' });
  });

  it('shows the other person’s change on a conflict and re-applies mine on their version', async () => {
    let first = true;
    const calls = fakeApi([record('a')], (call) => {
      if (first) {
        first = false;
        return new Response(JSON.stringify({ status: 409, title: 'Conflict', detail: 'changed meanwhile', version: '2.7',
          record: record('a', { annotation: { agent: 'bob', labels: [{ class: 'ham' }] }, status: 'Validated', version: undefined }) }),
        { status: 409, headers: { 'Content-Type': 'application/problem+json' } });
      }
      return labelled(call);
    });
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    await key('2');
    const conflict = await screen.findByRole('alert');
    expect(conflict.textContent).toContain('bob changed this record meanwhile: ham (Validated). Yours: spam (Validated).');
    fireEvent.click(screen.getByRole('button', { name: 'Apply mine over theirs' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.headers['If-Match'])).toEqual(['1.1', '2.7']);
    expect(puts[1].body).toEqual({ annotation: { labels: [{ class: 'spam' }] }, status: 'Validated' });
    expect(screen.getByRole('listitem', { name: 'record a' }).textContent).toMatch(/spam.*Validated/);
  });

  it('keeps theirs when asked, without writing', async () => {
    const calls = fakeApi([record('a')], () => new Response(JSON.stringify({ version: '2.7',
      record: record('a', { annotation: { agent: 'bob', labels: [{ class: 'ham' }] }, status: 'Validated' }) }), { status: 409 }));
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    await key('2');
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Keep theirs' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(screen.getByRole('listitem', { name: 'record a' }).querySelector('.chip.annotation')?.textContent).toBe('ham');
  });

  it('lists the shortcuts on ?, and shows the guidelines', async () => {
    fakeApi([record('a')], (call) => labelled(call));
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    await key('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toContain('validate');
    await key('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Spam is mail nobody asked for.')).toBeTruthy();
  });

  it('creates a label on the fly when the dataset has no schema', async () => {
    const calls = fakeApi([record('a')], (call) => labelled(call));
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    fireEvent.change(screen.getByLabelText('New label'), { target: { value: 'phishing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('button', { name: '3 phishing' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      annotation: { labels: [{ class: 'phishing' }] }, status: 'Validated' }));
  });

  it('shows a viewer no labelling controls, even with the annotate URL', async () => {
    fakeApi([record('a')], () => new Response('{}', { status: 403 }));
    render(<DatasetPage route={route} go={() => {}} me={{ username: 'vic', roles: ['viewer'] }} />);
    await screen.findByText('mail a');
    expect(screen.queryByRole('group', { name: 'label record a' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Annotate' })).toBeNull();
    expect(screen.getByText('Annotate').getAttribute('title')).toBe('your role may not label records');
  });

  it('discards the records selected on the page by ids, with the versions seen, and waits for the job', async () => {
    const calls = fakeApi([record('a'), record('b', { version: '3.9' }), record('c')], () => new Response(JSON.stringify({
      id: 'j2', kind: 'annotate', state: 'done', total: 2, done: 2, failed: 0, conflicts: 0 }), { status: 200 }));
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    fireEvent.click(screen.getByRole('checkbox', { name: 'select record a' }));
    await key('j');
    await key('x');
    expect(screen.getByText('2 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discard 2' }));
    await screen.findByText('Bulk change done: 2 of 2 changed');
    expect(calls.find((c) => c.url.includes('bulk-annotations'))?.body).toEqual({
      ids: ['a', 'b'], versions: { a: '1.1', b: '3.9' }, status: 'Discarded' });
    expect(screen.getByText('0 selected')).toBeTruthy();
  });

  it('validates all results of a query as a job, with its progress', async () => {
    let polls = 0;
    const calls = fakeApi([record('a'), record('b')], (call) => {
      const job = (state: string, done: number) => new Response(JSON.stringify({ id: 'j1', kind: 'annotate', state, total: 41, done,
        failed: 0, conflicts: state === 'done' ? 1 : 0 }), { status: call.method === 'POST' ? 202 : 200 });
      if (call.url.includes('bulk-annotations')) {
        return job('running', 0);
      }
      polls += 1;
      return polls < 2 ? job('running', 20) : job('done', 40);
    });
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select page' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Select all 41 results of this query' }));
    fireEvent.click(screen.getByRole('button', { name: 'Validate 41' }));
    expect(calls.some((c) => c.url.includes('bulk-annotations'))).toBe(false); // not before the person confirms
    expect(screen.getByRole('alertdialog', { name: 'confirm the bulk change' }).textContent)
      .toContain('Validate all 41 results of this query?');
    fireEvent.click(screen.getByRole('button', { name: 'Yes, validate 41' }));
    await screen.findByText(/Bulk change done: 40 of 41 changed, 1 changed by someone else/, undefined, { timeout: 3000 });
    expect(screen.getByText('0 selected')).toBeTruthy(); // the selection ends with the job
    expect(calls.find((c) => c.url.includes('bulk-annotations'))?.body).toEqual({ query: {}, status: 'Validated' });
    expect((screen.getByRole('progressbar', { name: 'bulk change progress' }) as HTMLProgressElement).value).toBe(41);
  });

  it('comments on the focused record with c and Ctrl+Enter, says so and shows it in the record\'s history', async () => {
    const kept: Record<string, unknown>[] = [];
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const calls = fakeApi([record('a'), record('b')], (call) => labelled(call), (call) => {
      if (call.url.endsWith('/comments')) {
        const comment = { event_id: `c${kept.length}`, action: 'comment', at: '2026-12-06T10:00:00Z', agent: 'ana',
          record_id: 'a', text: (call.body as { text: string }).text };
        kept.unshift(comment);
        return json(comment, 201);
      }
      return call.url.endsWith('/history') ? json(kept) : undefined;
    });
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');

    await key('c');
    const box = screen.getByRole('textbox', { name: 'Comment on record a' });
    expect(document.activeElement).toBe(box);
    expect(within(screen.getByRole('group', { name: 'label record a' })).getByRole('button', { name: 'c Comment' })
      .getAttribute('aria-expanded')).toBe('true');
    fireEvent.change(box, { target: { value: '  ambiguous: <b>sarcasm</b>?  ' } });
    expect(screen.getByText(/^26 \/ 2000 characters/)).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Comment saved'));
    const posted = calls.filter((c) => c.method === 'POST' && c.url.endsWith('/comments'));
    expect(posted.map((c) => [c.url, c.body])).toEqual([
      ['/api/datasets/mails/TextClassification/records/a/comments', { text: 'ambiguous: <b>sarcasm</b>?' }]]);
    expect(screen.queryByRole('textbox', { name: 'Comment on record a' })).toBeNull();
    const history = await screen.findByRole('region', { name: 'history of record a' });
    await waitFor(() => expect(history.textContent).toContain('ana commented: ambiguous: <b>sarcasm</b>?'));
    expect(history.querySelector('b')).toBeNull();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('keeps an empty comment from going out, shows the server\'s reason and the text on a refusal, and closes with Esc', async () => {
    const calls = fakeApi([record('a')], (call) => labelled(call), (call) => call.url.endsWith('/comments')
      ? new Response(JSON.stringify({ status: 400, title: 'Bad Request', detail: 'text: is 2001 characters long; a comment has at most 2000' }),
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } })
      : undefined);
    render(<DatasetPage route={route} go={() => {}} me={ANNOTATOR} />);
    await ready('a');

    fireEvent.click(screen.getByRole('button', { name: 'c Comment' }));
    const box = screen.getByRole('textbox', { name: 'Comment on record a' });
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write something first.');
    expect(calls.filter((c) => c.url.endsWith('/comments'))).toHaveLength(0);

    fireEvent.change(box, { target: { value: 'too long for the server' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('text: is 2001 characters long; a comment has at most 2000'));
    expect((screen.getByRole('textbox', { name: 'Comment on record a' }) as HTMLTextAreaElement).value).toBe('too long for the server');

    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Comment on record a' })).toBeNull());
  });
});
