import { useEffect, useState, type FormEvent } from 'react';
import { api, type Dataset, type Series } from '../api';
import { Chart } from '../components/Chart';
import { confidenceLines, intervalFor, linesOf, okShareLine, presetBounds, RANGES } from '../monitoring';
import { datasetRoute, formatRoute, type MonitoringRoute, type Route } from '../routes';

/** Production predictions over time: per label, per agent, confidence, ok/ko as people label, labelling pace. */
export function MonitoringPage({ route, go }: { route: MonitoringRoute; go: (route: Route) => void }) {
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [series, setSeries] = useState<Series | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState(route.from?.slice(0, 16) ?? '');
  const [to, setTo] = useState(route.to?.slice(0, 16) ?? '');

  useEffect(() => {
    setSeries(null);
    setError(null);
    const load = async () => {
      const found = await api.dataset(route.name);
      setDataset(found);
      const now = new Date();
      let bounds = route.range === 'custom'
        ? { from: new Date(route.from ?? now.getTime() - 7 * 86_400_000), to: new Date(route.to ?? now) }
        : presetBounds(route.range, now);
      if (!bounds) {
        // all time: from the earliest event time (one record sorted by it) up to now, as people label later
        const earliest = await api.search(route.name, found.task,
          { query: {}, sort: [{ field: 'event_timestamp', order: 'asc' }] }, 0, 1);
        const first = earliest.records[0]?.event_timestamp;
        bounds = { from: first ? new Date(first) : new Date(now.getTime() - 7 * 86_400_000), to: now };
      }
      setSeries(await api.series(route.name, found.task, {
        from: bounds.from.toISOString(), to: bounds.to.toISOString(), interval: intervalFor(bounds.from, bounds.to),
      }));
    };
    load().catch((e) => setError(String(e.message ?? e)));
  }, [formatRoute(route)]);

  const custom = (event: FormEvent) => {
    event.preventDefault();
    go({ page: 'monitoring', name: route.name, workspace: route.workspace, range: 'custom',
      from: from ? new Date(from).toISOString() : undefined, to: to ? new Date(to).toISOString() : undefined });
  };

  const buckets = series?.buckets ?? [];
  const times = buckets.map((b) => b.time);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const labelled = buckets.reduce((sum, b) => sum + (b.labelled ?? 0), 0);
  return (
    <main>
      <h1>{route.name} <small>{dataset?.task}</small></h1>
      <nav className="tabs" aria-label="dataset views">
        <a href={formatRoute(datasetRoute(route.name, route.workspace))}>Explore</a>
        <a href={formatRoute({ ...datasetRoute(route.name, route.workspace), mode: 'annotate' })}>Annotate</a>
        <a href={formatRoute(route)} aria-current="page">Monitoring</a>
      </nav>
      <section className="toolbar" aria-label="range of the charts">
        <label>
          Time range{' '}
          <select value={route.range} onChange={(e) => go({ page: 'monitoring', name: route.name, workspace: route.workspace, range: e.target.value })}>
            {RANGES.map((r) => <option key={r.value} value={r.value}>{r.title}</option>)}
            {route.range === 'custom' && <option value="custom">custom</option>}
          </select>
        </label>
        <form onSubmit={custom} className="inline">
          <label>From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label>To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit">Apply</button>
        </form>
      </section>
      {error && <p role="alert">{error}</p>}
      {!series && !error && <p className="loading">Loading series…</p>}
      {series && (
        <>
          <p className="total" aria-live="polite">
            {total.toLocaleString('en')} predictions and {labelled.toLocaleString('en')} labelling actions
            {series.from && series.to && <> from {new Date(series.from).toLocaleString('en')} to {new Date(series.to).toLocaleString('en')}</>}
            {' '}· buckets of {series.interval}
          </p>
          <div className="charts">
            <Chart title="Records per predicted label" times={times} kind="bar" lines={linesOf(buckets, (b) => b.predicted_as)} />
            <Chart title="Records per prediction agent" times={times} kind="line" lines={linesOf(buckets, (b) => b.predicted_by)} />
            <Chart title="Confidence of the top prediction" times={times} kind="line" unit lines={confidenceLines(buckets)} />
            <Chart title="Share of ok among labelled records" times={times} kind="line" unit lines={okShareLine(buckets)} />
            <Chart title="Annotation throughput per person" times={times} kind="bar" lines={linesOf(buckets, (b) => b.labelled_by)} />
          </div>
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
