import { useEffect, useState } from 'react';
import { api, type Dataset } from '../api';
import { visibleDatasets, type DatasetSort } from '../datasets';

export function DatasetsPage({ onOpen }: { onOpen: (name: string) => void }) {
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<DatasetSort>('last_updated');

  useEffect(() => {
    api.datasets().then(setDatasets).catch((e) => setError(String(e.message ?? e)));
  }, []);

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
          <tr><th>Name</th><th>Task</th><th>Workspace</th><th>Tags</th><th>Created</th><th>Updated</th></tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={`${d.workspace}/${d.name}`}>
              <td><a href={`#/datasets/${d.name}`} onClick={(e) => { e.preventDefault(); onOpen(d.name); }}>{d.name}</a></td>
              <td>{d.task}</td>
              <td>{d.workspace ?? d.owner}</td>
              <td>{Object.entries(d.tags ?? {}).map(([k, v]) => <span className="chip" key={k}>{k}: {v}</span>)}</td>
              <td>{d.created_at?.slice(0, 16).replace('T', ' ')}</td>
              <td>{d.last_updated?.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p>No dataset{filter ? ` named like “${filter}”` : ''} yet.</p>}
    </main>
  );
}
