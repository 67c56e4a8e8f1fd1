import { useEffect, useState, type FormEvent } from 'react';
import { api, type Dataset, type Me } from '../api';
import { labellingProgress, visibleDatasets, type DatasetSort } from '../datasets';
import { DriftNotice } from '../monitors/DriftNotice';
import { isAdmin } from '../roles';
import { datasetRoute, formatRoute } from '../routes';
import { rememberTask } from './datasetView';

/** Tasks as people name them (and as a narrow column wraps them: between words). */
const TASK_TITLES: Record<string, string> = {
  TextClassification: 'Text classification', TokenClassification: 'Token classification', Text2Text: 'Text2Text',
};

export function DatasetsPage({ me, onOpen }: { me: Me; onOpen: (dataset: Dataset) => void }) {
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<DatasetSort>('last_updated');
  const [deleting, setDeleting] = useState<Dataset | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const load = () => api.datasets().then((listed) => {
    listed.forEach((dataset) => rememberTask(dataset.workspace, dataset)); // a first visit's search need not wait
    setDatasets(listed);
  }).catch((e) => setError(String(e.message ?? e)));
  useEffect(() => {
    void load();
  }, []);

  const copyLink = async (dataset: Dataset) => {
    const link = `${window.location.origin}${window.location.pathname}${formatRoute(datasetRoute(dataset.name, dataset.workspace))}`;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(dataset.name);
    } catch {
      window.prompt('Copy the link to this dataset', link);
    }
  };

  if (error) {
    return <p role="alert">Could not list the datasets: {error}</p>;
  }
  if (!datasets) {
    return <p className="loading">Loading datasets…</p>;
  }
  const shown = visibleDatasets(datasets, filter, sort);
  return (
    <main>
      <h1>Datasets</h1>
      <div className="toolbar">
        <label>
          Search by name <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label>
          Sort by{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as DatasetSort)}>
            <option value="last_updated">last updated</option>
            <option value="created_at">created</option>
            <option value="name">name</option>
            <option value="task">task</option>
          </select>
        </label>
      </div>
      <table className="datasets">
        <thead>
          <tr><th>Name</th><th>Task</th><th>Records</th><th>Labelled</th><th>Workspace</th><th>Tags</th><th className="created">Created</th><th>Updated</th><th><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={`${d.workspace}/${d.name}`}>
              <td>
                <a href={formatRoute(datasetRoute(d.name, d.workspace))} onClick={(e) => { e.preventDefault(); onOpen(d); }}>{d.name}</a>
                <DriftNotice dataset={d} workspace={d.workspace} compact />
              </td>
              <td>{TASK_TITLES[d.task] ?? d.task}</td>
              <td className="number">{d.records?.toLocaleString('en') ?? '–'}</td>
              <td><Progress dataset={d} /></td>
              <td>{d.workspace ?? d.owner}</td>
              <td>{Object.entries(d.tags ?? {}).map(([k, v]) => <span className="chip" key={k}>{k}: {v}</span>)}</td>
              <td className="created">{d.created_at?.slice(0, 16).replace('T', ' ')}</td>
              <td>{d.last_updated?.slice(0, 16).replace('T', ' ')}</td>
              <td className="actions">
                <span>
                  <button type="button" className="link" aria-label={`copy link to ${d.name}`} onClick={() => copyLink(d)}>
                    {copied === d.name ? 'Link copied' : 'Copy link'}
                  </button>
                  {isAdmin(me) && (
                    <button type="button" className="link danger" aria-label={`delete ${d.name}`} onClick={() => setDeleting(d)}>Delete</button>
                  )}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p>No dataset{filter ? ` named like “${filter}”` : ''} yet.</p>}
      {deleting && <DeleteDialog dataset={deleting} onClose={(deleted) => {
        setDeleting(null);
        if (deleted) {
          void load();
        }
      }} />}
    </main>
  );
}

/** A dataset's labelling as a bar (validated, then discarded) over its figures; the bar says them in words. */
function Progress({ dataset }: { dataset: Dataset }) {
  const progress = labellingProgress(dataset);
  if (!progress) {
    return <>–</>;
  }
  const width = (part: number) => `${progress.records > 0 ? (part * 100) / progress.records : 0}%`;
  return (
    <div className="labelling">
      <div className="bar" role="progressbar" aria-label={`labelling of ${dataset.name}`} aria-valuemin={0}
        aria-valuemax={progress.records} aria-valuenow={progress.labelled} aria-valuetext={progress.said} title={progress.said}>
        <span className="validated" style={{ width: width(progress.validated) }} />
        <span className="discarded" style={{ width: width(progress.discarded) }} />
      </div>
      <span className="figures" aria-hidden="true">
        {progress.labelled.toLocaleString('en')} / {progress.records.toLocaleString('en')} <small>{progress.percent} %</small>
      </span>
    </div>
  );
}

/** Deleting a dataset removes its records for good: the person types its name to confirm. */
function DeleteDialog({ dataset, onClose }: { dataset: Dataset; onClose: (deleted: boolean) => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.deleteDataset(dataset.name, dataset.workspace);
      onClose(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="dialog-backdrop">
      <form role="dialog" aria-modal="true" aria-labelledby="delete-title" className="dialog" onSubmit={remove}>
        <h2 id="delete-title">Delete {dataset.name}?</h2>
        <p>Its {dataset.records?.toLocaleString('en') ?? ''} records, settings and labels are removed for good. Snapshots stay.</p>
        <label>Type the dataset’s name to confirm <input autoFocus value={typed} onChange={(e) => setTyped(e.target.value)} /></label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="danger" disabled={typed !== dataset.name}>Delete for good</button>
        <button type="button" onClick={() => onClose(false)}>Cancel</button>
      </form>
    </div>
  );
}
