import { useEffect, useState } from 'react';
import { api, type Job, type LabelChange, type RecordView } from '../api';
import type { Annotating } from '../annotate/useAnnotation';

interface Props {
  dataset: string;
  task: string;
  records: RecordView[];
  total: number;
  query: Record<string, unknown>;
  labels: string[];
  annotating: Annotating;
  /** Called when a change is done, to read the records and the sidebar again. */
  done: () => void;
}

/**
 * Bulk changes: the records selected on the page (waited for), or all the query's results (a job on the
 * server, its progress polled and shown).
 */
export function BulkBar({ dataset, task, records, total, query, labels, annotating, done }: Props) {
  const [allResults, setAllResults] = useState(false);
  const [label, setLabel] = useState('');
  // a job over a query's results, kept for the tab: its progress is found again after a switch to another view
  const jobKey = `rubrix.job.${dataset}`;
  const [job, setJob] = useState<Job | null>(() => {
    const kept = sessionStorage.getItem(jobKey);
    return kept ? JSON.parse(kept) as Job : null;
  });
  const [error, setError] = useState<string | null>(null);
  // a change over all the query's results waits for a second click that names how many records it changes
  const [confirming, setConfirming] = useState<{ change: LabelChange; verb: string } | null>(null);
  const selected = annotating.selected;
  const pageIds = records.map((r) => String(r.id));
  const wholePage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  useEffect(() => setAllResults(false), [pageIds.join('\n')]);

  // poll a running job until it ends
  useEffect(() => {
    if (!job || job.state !== 'running') {
      return undefined;
    }
    const timer = setTimeout(() => api.job(job.id).then((next) => {
      setJob(next);
      if (next.state !== 'running') {
        sessionStorage.removeItem(jobKey);
        setAllResults(false);
        annotating.setSelected(new Set());
        done();
      }
    }).catch((e) => setError(String(e.message ?? e))), 400);
    return () => clearTimeout(timer);
  }, [job]);

  const apply = async (change: LabelChange) => {
    setError(null);
    try {
      if (allResults) {
        const started = await api.bulkLabel(dataset, task, { query }, change);
        sessionStorage.setItem(jobKey, JSON.stringify(started));
        setJob(started);
      } else {
        const ids = pageIds.filter((id) => selected.has(id));
        const versions = Object.fromEntries(records.filter((r) => selected.has(String(r.id)) && r.version)
          .map((r) => [String(r.id), String(r.version)]));
        const finished = await api.bulkLabel(dataset, task, { ids, versions }, change);
        setJob(finished);
        annotating.setSelected(new Set());
        done();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const count = allResults ? total : selected.size;
  const running = job?.state === 'running';
  const ask = (change: LabelChange, verb: string) => (allResults ? setConfirming({ change, verb }) : apply(change));
  return (
    <section className="bulk" aria-label="bulk changes">
      <label>
        <input type="checkbox" checked={wholePage}
          onChange={() => annotating.setSelected(wholePage ? new Set() : new Set(pageIds))} />
        Select page
      </label>
      {wholePage && total > records.length && !allResults && (
        <button type="button" className="link" onClick={() => setAllResults(true)}>
          Select all {total.toLocaleString('en')} results of this query
        </button>
      )}
      {allResults && <span>All {total.toLocaleString('en')} results selected</span>}
      <span className="count">{count.toLocaleString('en')} selected</span>
      {task === 'TextClassification' && (
        <>
          <label>
            Bulk label{' '}
            <select value={label} onChange={(e) => setLabel(e.target.value)}>
              <option value="">choose…</option>
              {labels.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </label>
          <button type="button" disabled={count === 0 || !label || running}
            onClick={() => ask({ annotation: { labels: [{ class: label }] }, status: 'Validated' }, `label as ${label}`)}>Label {count.toLocaleString('en')}</button>
        </>
      )}
      <button type="button" disabled={count === 0 || running} onClick={() => ask({ status: 'Validated' }, 'validate')}>
        Validate {count.toLocaleString('en')}
      </button>
      <button type="button" disabled={count === 0 || running} onClick={() => ask({ status: 'Discarded' }, 'discard')}>
        Discard {count.toLocaleString('en')}
      </button>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label="confirm the bulk change">
          <span>{`${confirming.verb[0].toUpperCase()}${confirming.verb.slice(1)} all ${count.toLocaleString('en')} results of this query?`}</span>
          <button type="button" className="danger" onClick={() => { const { change } = confirming; setConfirming(null); void apply(change); }}>
            {`Yes, ${confirming.verb} ${count.toLocaleString('en')}`}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>Cancel</button>
        </div>
      )}
      {job && (
        <div className="job" role="status">
          <progress max={Math.max(1, job.total)} value={job.done + job.failed + job.conflicts} aria-label="bulk change progress" />
          <span>
            {job.state === 'running' ? 'Working: ' : `Bulk change ${job.state}: `}
            {job.done.toLocaleString('en')} of {job.total.toLocaleString('en')} changed
            {job.conflicts > 0 && `, ${job.conflicts} changed by someone else meanwhile (left as they were)`}
            {job.failed > 0 && `, ${job.failed} failed`}
          </span>
          {running && <button type="button" onClick={() => api.cancelJob(job.id).then(setJob)}>Cancel</button>}
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
