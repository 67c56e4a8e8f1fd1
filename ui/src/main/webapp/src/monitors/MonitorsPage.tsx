import { useCallback, useEffect, useState } from 'react';
import { api, type Dataset, type Me, type Monitor, type WatchedMonitor } from '../api';
import { isAdmin } from '../roles';
import { datasetRoute, formatRoute, monitorsRoute, type MonitorsRoute, type Route } from '../routes';
import { MonitorDetail } from './MonitorDetail';
import { MonitorForm } from './MonitorForm';
import { MonitorsTable } from './MonitorsTable';
import { emptyForm, formFromMonitor, formFromSeed, type MonitorForm as Form } from './monitors';

/**
 * A dataset's drift monitors (ADR 0014): the list with where each stands, then the monitor chosen (the first one
 * unless the URL names one) with its histograms, series and alerts. Admins create, edit, delete and evaluate monitors;
 * the other roles read. The monitoring page's "Monitor this view" opens the form prefilled ({@code route.seed}).
 */
export function MonitorsPage({ route, go, me }: { route: MonitorsRoute; go: (route: Route) => void; me: Me }) {
  const admin = isAdmin(me);
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [monitors, setMonitors] = useState<WatchedMonitor[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the form: a new monitor (editing null) or a saved one's name; a key makes each opening a fresh form
  const [form, setForm] = useState<{ initial: Form; editing: string | null; key: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // a monitor saved again is read again (its route stays the same)
  const [revision, setRevision] = useState(0);

  const reload = useCallback((found: Dataset) => api.monitors(found.name, found.task)
    .then((listed) => setMonitors(listed.monitors)).catch((e: Error) => setError(e.message)), []);

  useEffect(() => {
    setDataset(null);
    setMonitors(null);
    setError(null);
    api.dataset(route.name).then((found) => {
      setDataset(found);
      return reload(found);
    }).catch((e: Error) => setError(e.message));
  }, [route.name, route.workspace, reload]);

  // "Monitor this view": the form opens prefilled from the monitoring page's view (admins; others read)
  const seedKey = route.seed ? JSON.stringify(route.seed) : '';
  useEffect(() => {
    if (route.seed && admin) {
      setForm({ initial: formFromSeed(route.seed), editing: null, key: Date.now() });
      setNote(null);
    }
  }, [seedKey, admin]);

  const shown = route.monitor ?? monitors?.[0]?.monitor.name;
  const openNew = () => { setForm({ initial: emptyForm(), editing: null, key: Date.now() }); setNote(null); };
  const openEdit = (monitor: Monitor) => { setForm({ initial: formFromMonitor(monitor), editing: monitor.name, key: Date.now() }); setNote(null); };
  const closeForm = () => {
    setForm(null);
    if (route.seed) go(monitorsRoute(route.name, route.workspace, route.monitor));
  };

  return (
    <main className="monitors-page">
      <h1>{route.name} <small>{dataset?.task}</small></h1>
      <nav className="tabs" aria-label="dataset views">
        <a href={formatRoute(datasetRoute(route.name, route.workspace))}>Explore</a>
        <a href={formatRoute({ ...datasetRoute(route.name, route.workspace), mode: 'annotate' })}>Annotate</a>
        <a href={formatRoute({ page: 'monitoring', name: route.name, workspace: route.workspace, range: 'data' })}>Monitoring</a>
        <a href={formatRoute(monitorsRoute(route.name, route.workspace))} aria-current="page">Monitors</a>
      </nav>
      <p className="monitors-intro">
        A monitor compares the records of a live window with a reference, measure by measure, on a schedule; a measure
        whose statistic goes above its threshold raises an alert to Kafka and to the monitor’s webhook.
      </p>
      {error && <p role="alert" className="problem">{error}</p>}
      {!error && !monitors && <p className="loading">Loading the monitors…</p>}
      {dataset && monitors && (<>
        <section className="monitors-list" aria-labelledby="monitors-title">
          <div className="section-head">
            <h2 id="monitors-title">Monitors <small>{monitors.length} {monitors.length === 1 ? 'monitor' : 'monitors'}</small></h2>
            {admin && !form && <button type="button" className="primary" onClick={openNew}>New monitor</button>}
          </div>
          <p role="status" className="saved">{note ?? ''}</p>
          {monitors.length === 0
            ? <p className="hint">No monitor yet{admin ? ': create one, or open the monitoring page and monitor its view.' : '. Admins create them.'}</p>
            : <MonitorsTable monitors={monitors} dataset={route.name} workspace={route.workspace} shown={form ? undefined : shown} />}
          {!admin && <p className="read-only">Your role reads the monitors; admins write and evaluate them.</p>}
        </section>
        {form && admin ? (
          <MonitorForm key={form.key} dataset={dataset} initial={form.initial} editing={form.editing}
            onCancel={closeForm}
            onSaved={(name, created) => {
              setForm(null);
              setRevision((n) => n + 1);
              setNote(`Monitor ${name} ${created ? 'created' : 'saved'}.`);
              void reload(dataset);
              go(monitorsRoute(route.name, route.workspace, name));
            }} />
        ) : shown && (
          <MonitorDetail key={`${shown}.${revision}`} dataset={dataset} name={shown} admin={admin} onEdit={openEdit}
            onChanged={() => reload(dataset)}
            onDeleted={(name) => {
              setNote(`Monitor ${name} deleted.`);
              setMonitors((listed) => listed?.filter((w) => w.monitor.name !== name) ?? null);
              void reload(dataset);
              go(monitorsRoute(route.name, route.workspace));
            }} />
        )}
      </>)}
    </main>
  );
}
