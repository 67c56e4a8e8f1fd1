import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Dataset, type DriftAlert, type DriftPoint, type Monitor, type MonitorDetail as Detail } from '../api';
import { AlertsTable } from './AlertsTable';
import { EvaluationView } from './EvaluationView';
import {
  measureDefaults, measureId, measureTitle, referenceText, seriesByMeasure, STATISTIC_TITLES, statisticText, when,
} from './monitors';

/** How often the alerts are read again while one is being delivered. */
const DELIVERY_POLL = 3000;

/**
 * One monitor: what it compares, its last evaluation (each measure's histograms, value, threshold, reading and its
 * statistic over time) and its alerts with their delivery. Admins evaluate it now, edit it and delete it.
 */
export function MonitorDetail({ dataset, name, admin, onEdit, onChanged, onDeleted }: {
  dataset: Dataset; name: string; admin: boolean; onEdit: (monitor: Monitor) => void; onChanged: () => Promise<unknown>;
  onDeleted: (name: string) => void;
}) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [points, setPoints] = useState<DriftPoint[] | null>(null);
  const [alerts, setAlerts] = useState<DriftAlert[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(() => Promise.all([
    api.monitor(dataset.name, dataset.task, name).then(setDetail),
    api.monitorSeries(dataset.name, dataset.task, name).then((s) => setPoints(s.points)),
    api.monitorAlerts(dataset.name, dataset.task, name).then((a) => setAlerts(a.alerts)),
  ]).then(() => setError(null)).catch((e: Error) => setError(e.message)), [dataset.name, dataset.task, name]);

  useEffect(() => {
    setDetail(null);
    setPoints(null);
    setAlerts(null);
    setNote(null);
    setConfirming(false);
    void load();
  }, [load]);

  // alerts are delivered after their evaluation (Kafka, then the webhook with retries): read again while one is on its way
  useEffect(() => {
    if (!alerts?.some((a) => !a.published || a.webhook?.state === 'pending')) return undefined;
    const timer = setTimeout(() => {
      api.monitorAlerts(dataset.name, dataset.task, name).then((a) => setAlerts(a.alerts)).catch(() => undefined);
    }, DELIVERY_POLL);
    return () => clearTimeout(timer);
  }, [alerts, dataset.name, dataset.task, name]);

  const series = useMemo(() => new Map(seriesByMeasure(points ?? []).map((s) => [s.measure, s])), [points]);

  const evaluate = () => {
    setEvaluating(true);
    setNote(null);
    api.evaluateMonitor(dataset.name, dataset.task, name).then((evaluation) => {
      const drifting = evaluation.measures.filter((m) => m.reading === 'drift').length;
      // said once the page shows it: the list, this evaluation, its series and alerts read again
      return Promise.all([onChanged(), load()]).then(() => setNote(`Evaluated at ${when(evaluation.at)}: ${drifting} of `
        + `${evaluation.measures.length} ${evaluation.measures.length === 1 ? 'measure' : 'measures'} drifting.`));
    }).catch((e: Error) => setNote(`Not evaluated: ${e.message}`)).finally(() => setEvaluating(false));
  };

  const remove = () => api.deleteMonitor(dataset.name, dataset.task, name)
    .then(() => onDeleted(name)).catch((e: Error) => setNote(`Not deleted: ${e.message}`));

  if (error) return <p role="alert" className="problem">The monitor {name} could not be read: {error}</p>;
  if (!detail) return <p className="loading">Loading the monitor…</p>;
  const { monitor, status, last_evaluation: last } = detail;
  const alerting = status?.alerting ?? [];
  return (
    <section className="monitor-detail" aria-labelledby="monitor-title" data-monitor={monitor.name}>
      <header className="monitor-head">
        <h2 id="monitor-title">
          {monitor.name} {monitor.description && <small>{monitor.description}</small>}
        </h2>
        {admin && (
          <div className="monitor-actions">
            <button type="button" className="primary" onClick={evaluate} disabled={evaluating}>{evaluating ? 'Evaluating…' : 'Evaluate now'}</button>
            <button type="button" onClick={() => onEdit(monitor)}>Edit</button>
            {confirming ? (<>
              <span className="confirm">Delete {monitor.name}? Its evaluations and alerts stay.</span>
              <button type="button" className="danger" onClick={() => { setConfirming(false); void remove(); }}>Yes, delete</button>
              <button type="button" onClick={() => setConfirming(false)}>Keep</button>
            </>) : <button type="button" onClick={() => setConfirming(true)}>Delete</button>}
          </div>
        )}
      </header>
      <p role="status" className="monitor-note">{note ?? ''}</p>
      {status?.error && (
        <p className="drift-banner" data-figure="evaluation-error">Last evaluation failed: {status.error}</p>
      )}
      {alerting.length > 0 && (
        <p className="drift-banner" data-figure="alerting">
          Drifting: {alerting.map(measureTitle).join(', ')}
        </p>
      )}
      <dl className="monitor-definition">
        <div><dt>Records</dt><dd>{monitor.query ? <code>{monitor.query}</code> : 'all'}</dd></div>
        <div><dt>Live window</dt><dd>the last {monitor.window} of event time, evaluated every {monitor.every}</dd></div>
        <div><dt>Reference</dt><dd>{referenceText(monitor.reference, monitor.window)}</dd></div>
        <div><dt>Least records</dt><dd>{monitor.min_records ?? 50} per window</dd></div>
        <div><dt>Measures</dt><dd>{monitor.measures.map((m) => {
          const defaults = measureDefaults(m);
          return `${measureTitle(measureId(m))} (${STATISTIC_TITLES[m.statistic ?? defaults.statistic]} > ${statisticText(m.threshold ?? defaults.threshold)})`;
        }).join(', ')}</dd></div>
        <div><dt>Webhook</dt><dd>{monitor.webhook ? <>{monitor.webhook.url}{monitor.webhook.secret_set && <span className="secret-set"> · secret set</span>}</> : 'none (alerts go to Kafka)'}</dd></div>
        <div><dt>Last evaluated</dt><dd data-figure="evaluated-at">{when(status?.evaluated_at)}</dd></div>
        {monitor.author && <div><dt>Written by</dt><dd>{monitor.author}, {when(monitor.updated_at)}</dd></div>}
      </dl>
      {last ? <EvaluationView evaluation={last} series={series} />
        : <p className="hint">Not evaluated yet: the schedule evaluates it within {monitor.every}{admin ? ', or evaluate it now' : ''}.</p>}
      <AlertsTable alerts={alerts} />
    </section>
  );
}
