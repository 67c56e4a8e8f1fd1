import { useEffect, useState, type FormEvent } from 'react';
import { api, type AnnotatorProgress, type Dataset, type Me, type Series } from '../api';
import { AnnotatorTable } from '../team/AgreementPanel';
import { Chart } from '../components/Chart';
import { confidenceLines, dataBounds, intervalFor, linesOf, okShareLine, presetBounds, RANGES } from '../monitoring';
import { DriftNotice } from '../monitors/DriftNotice';
import { seedFromView } from '../monitors/monitors';
import { isAdmin } from '../roles';
import { datasetRoute, formatRoute, monitorsRoute, type MonitoringRoute, type Route } from '../routes';

/** Production predictions over time: per label, per agent, confidence, ok/ko as people label, labelling pace. */
export function MonitoringPage({ route, go, me }: { route: MonitoringRoute; go: (route: Route) => void; me: Me }) {
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [series, setSeries] = useState<Series | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the dataset's records, for saying how many of them the charts show (those without an event time count nowhere)
  const [records, setRecords] = useState<number | null>(null);
  // what each person answered (team labelling): every record of the dataset, not the charts' range
  const [annotators, setAnnotators] = useState<AnnotatorProgress[] | null>(null);
  const [from, setFrom] = useState(route.from?.slice(0, 16) ?? '');
  const [to, setTo] = useState(route.to?.slice(0, 16) ?? '');
  const [query, setQuery] = useState(route.query ?? '');
  useEffect(() => setQuery(route.query ?? ''), [route.name, route.query]);
  // only the records matching the view's query (the search box's syntax), in the charts and the data's own range
  const recordQuery = route.query ? { query_text: route.query } : {};
  // another dataset, or another range from the URL: the custom fields show its bounds, never the last dataset's
  useEffect(() => {
    setFrom(route.from?.slice(0, 16) ?? '');
    setTo(route.to?.slice(0, 16) ?? '');
  }, [route.name, route.from, route.to]);

  useEffect(() => {
    setSeries(null);
    setError(null);
    setRecords(null);
    const load = async () => {
      const found = await api.dataset(route.name);
      setDataset(found);
      setAnnotators(null);
      api.agreement(route.name, found.task, {}).then((a) => setAnnotators(a.annotators)).catch(() => undefined);
      const now = new Date();
      let bounds = route.range === 'custom'
        ? { from: new Date(route.from ?? now.getTime() - 7 * 86_400_000), to: new Date(route.to ?? now) }
        : presetBounds(route.range, now);
      if (!bounds) {
        // the data's own range: its first and last event times, past a stray few at either end (a mail dated year 2
        // would otherwise stretch the range over two thousand years): the 0.1 % earliest and latest are left out
        const edge = (order: 'asc' | 'desc', at: number) => api.search(route.name, found.task,
          { query: recordQuery, sort: [{ field: 'event_timestamp', order }] }, at, 1);
        const start = await edge('asc', 0);
        setRecords(start.total);
        const stray = Math.min(9_999, Math.floor(start.total * 0.001));
        const [first, last] = (await Promise.all([edge('asc', stray), edge('desc', stray)]))
          .map((page) => page.records[0]?.event_timestamp);
        if (!first || !last) {
          bounds = { from: new Date(now.getTime() - 7 * 86_400_000), to: now };
        } else {
          bounds = route.range === 'all' ? { from: new Date(first), to: now } : dataBounds(new Date(first), new Date(last), now);
        }
      }
      setSeries(await api.series(route.name, found.task, {
        ...(route.query ? { query: recordQuery } : {}),
        from: bounds.from.toISOString(), to: bounds.to.toISOString(), interval: intervalFor(bounds.from, bounds.to),
      }));
    };
    load().catch((e) => setError(String(e.message ?? e)));
  }, [formatRoute(route)]);

  const custom = (event: FormEvent) => {
    event.preventDefault();
    go({ page: 'monitoring', name: route.name, workspace: route.workspace, range: 'custom', query: route.query,
      from: from ? new Date(from).toISOString() : undefined, to: to ? new Date(to).toISOString() : undefined });
  };
  const narrow = (event: FormEvent) => {
    event.preventDefault();
    go({ ...route, query: query.trim() || undefined });
  };
  // a drift monitor of what this page shows: its query, and its range (or its sliding window), in the monitor form
  const monitorThisView = () => go({ page: 'monitors', name: route.name, workspace: route.workspace,
    seed: seedFromView(route, { from: series?.from, to: series?.to }) });

  const buckets = series?.buckets ?? [];
  const times = buckets.map((b) => b.time);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const labelled = buckets.reduce((sum, b) => sum + (b.labelled ?? 0), 0);
  return (
    <main>
      <h1>{route.name} <small>{dataset?.task}</small></h1>
      <DriftNotice dataset={dataset?.name === route.name ? dataset : null} workspace={route.workspace} />
      <nav className="tabs" aria-label="dataset views">
        <a href={formatRoute(datasetRoute(route.name, route.workspace))}>Explore</a>
        <a href={formatRoute({ ...datasetRoute(route.name, route.workspace), mode: 'annotate' })}>Annotate</a>
        <a href={formatRoute(route)} aria-current="page">Monitoring</a>
        <a href={formatRoute(monitorsRoute(route.name, route.workspace))}>Monitors</a>
      </nav>
      <section className="toolbar" aria-label="range of the charts">
        <label>
          Time range{' '}
          <select value={route.range} onChange={(e) => go({ page: 'monitoring', name: route.name, workspace: route.workspace, range: e.target.value, query: route.query })}>
            {RANGES.map((r) => <option key={r.value} value={r.value}>{r.title}</option>)}
            {route.range === 'custom' && <option value="custom">custom</option>}
          </select>
        </label>
        <form onSubmit={custom} className="inline">
          <label>From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label>To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit">Apply</button>
        </form>
        <form onSubmit={narrow} className="inline" role="search" aria-label="records of the charts">
          <label>Records matching <input type="search" value={query} placeholder="all records" onChange={(e) => setQuery(e.target.value)} /></label>
          <button type="submit">Show</button>
        </form>
        {isAdmin(me) && (
          <button type="button" className="monitor-view" onClick={monitorThisView} disabled={!series}
            title="a drift monitor of this view: its query, and its range as the reference">Monitor this view</button>
        )}
      </section>
      {error && <p role="alert">{error}</p>}
      {!series && !error && <p className="loading">Loading series…</p>}
      {series && (
        <>
          {total === 0 && (
            <p className="problem" role="status">
              No prediction has its event time in this range.{' '}
              {route.range !== 'data' && (
                <button type="button" className="link"
                  onClick={() => go({ page: 'monitoring', name: route.name, workspace: route.workspace, range: 'data', query: route.query })}>
                  Show the data&apos;s own range
                </button>
              )}
            </p>
          )}
          <p className="total" aria-live="polite">
            {total.toLocaleString('en')} predictions and {labelled.toLocaleString('en')} labelling actions
            {series.from && series.to && <> from {new Date(series.from).toLocaleString('en')} to {new Date(series.to).toLocaleString('en')}</>}
            {' '}· buckets of {series.interval}
            {route.query && <> · records matching <code>{route.query}</code></>}
            {records !== null && records > total && (
              <> · {(records - total).toLocaleString('en')} of the {route.query ? 'matching' : "dataset's"} {records.toLocaleString('en')} records
                are outside this range or have no event time</>
            )}
          </p>
          <div className="charts">
            <Chart title="Records per predicted label" times={times} kind="bar" lines={linesOf(buckets, (b) => b.predicted_as)} />
            <Chart title="Records per prediction agent" times={times} kind="line" lines={linesOf(buckets, (b) => b.predicted_by)} />
            <Chart title="Confidence of the top prediction" times={times} kind="line" unit lines={confidenceLines(buckets)} />
            <Chart title="Share of ok among labelled records" times={times} kind="line" unit lines={okShareLine(buckets)} />
            <Chart title="Annotation throughput per person" times={times} kind="bar" lines={linesOf(buckets, (b) => b.labelled_by)} />
          </div>
          {annotators && (
            <section className="monitoring-team" aria-labelledby="team-progress-title">
              <h2 id="team-progress-title">Answers per person</h2>
              <AnnotatorTable annotators={annotators} caption="Submitted, discarded and draft answers of each person, and the records they answered in the last hour (all the dataset's records)" />
            </section>
          )}
          <details className="data-table">
            <summary>Data table</summary>
            <table>
              <thead><tr><th>bucket</th><th>records</th><th>mean confidence</th><th>ok</th><th>ko</th><th>labelling actions</th></tr></thead>
              <tbody>
                {buckets.filter((b) => b.count > 0 || (b.labelled ?? 0) > 0).map((b) => (
                  <tr key={b.time}>
                    <td>{new Date(b.time).toLocaleString('en')}</td><td>{b.count}</td>
                    <td>{b.confidence?.mean?.toFixed(3) ?? '–'}</td><td>{b.ok ?? 0}</td><td>{b.ko ?? 0}</td><td>{b.labelled ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </main>
  );
}
