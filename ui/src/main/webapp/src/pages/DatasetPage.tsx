import { useEffect, useState, type FormEvent } from 'react';
import { api, type Dataset, type DatasetSummary, type SearchResults } from '../api';
import { FacetList, FilterChips } from '../components/FacetList';
import { ProgressSidebar } from '../components/ProgressSidebar';
import { RecordCard } from '../components/RecordCard';
import { formatRoute, toggle, toQuery, type Route } from '../routes';

const PAGE_SIZE = 20;

type DatasetRoute = Extract<Route, { page: 'dataset' }>;

export function DatasetPage({ route, go }: { route: DatasetRoute; go: (route: Route) => void }) {
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [summary, setSummary] = useState<DatasetSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState(route.query);

  useEffect(() => {
    setDraft(route.query);
    setResults(null); // never show the records of the previous view under the new filters
    api.dataset(route.name).then((found) => {
      setDataset(found);
      api.summary(route.name, found.task).then(setSummary).catch(() => setSummary(null));
      return api.search(route.name, found.task, toQuery(route.query, route.filters),
        (route.pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
    }).then(setResults).catch((e) => setError(String(e.message ?? e)));
    // the route's text is the key: a new object for the same view must not search again
  }, [formatRoute(route)]);

  const onToggle = (kind: 'facet' | 'metadata', key: string, value: string) =>
    go({ ...route, filters: toggle(route.filters, kind, key, value), pageNumber: 1 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...route, query: draft, pageNumber: 1 });
  };

  if (error) {
    return <main><p role="alert">{error}</p></main>;
  }
  const pages = results ? Math.max(1, Math.ceil(results.total / PAGE_SIZE)) : 1;
  return (
    <main>
      <h1>{route.name} <small>{dataset?.task}</small></h1>
      <form role="search" onSubmit={submit} className="toolbar">
        <label>
          Search records <input type="search" name="q" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <FilterChips filters={route.filters} onToggle={onToggle} />
      {!results ? <p className="loading">Loading records…</p> : (
        <div className="explore">
          {results.aggregations && <FacetList aggregations={results.aggregations} filters={route.filters} onToggle={onToggle} />}
          <section className="results">
          <p className="total" aria-live="polite">{results.total.toLocaleString('en')} records</p>
          <ol className="records">
            {results.records.map((record) => (
              <RecordCard key={String(record.id)} record={record} onMetadata={(field, value) => onToggle('metadata', field, value)} />
            ))}
          </ol>
          <nav className="pager" aria-label="pages">
            <button disabled={route.pageNumber <= 1} onClick={() => go({ ...route, pageNumber: route.pageNumber - 1 })}>Previous</button>
            <span>page {route.pageNumber} of {pages.toLocaleString('en')}</span>
            <button disabled={route.pageNumber >= pages} onClick={() => go({ ...route, pageNumber: route.pageNumber + 1 })}>Next</button>
          </nav>
          </section>
          {summary && <ProgressSidebar summary={summary} />}
        </div>
      )}
    </main>
  );
}
