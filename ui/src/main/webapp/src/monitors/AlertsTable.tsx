import type { DriftAlert } from '../api';
import { measureTitle, STATISTIC_TITLES, statisticText, webhookText, when } from './monitors';

/** A monitor's alerts, newest first: raised or cleared, the value against the threshold, and what became of each delivery. */
export function AlertsTable({ alerts }: { alerts: DriftAlert[] | null }) {
  return (
    <section className="monitor-alerts" aria-labelledby="monitor-alerts-title">
      <h2 id="monitor-alerts-title">Alerts <small>{alerts ? `${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}, newest first` : ''}</small></h2>
      {!alerts ? <p className="loading">Loading the alerts…</p>
        : alerts.length === 0 ? <p className="hint">No alert yet: one is raised when a measure reads drift, cleared when it reads ok again.</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="alerts">
            <table className="alerts-table">
              <caption className="visually-hidden">alerts raised and cleared, with their Kafka and webhook delivery</caption>
              <thead>
                <tr>
                  <th scope="col">at</th><th scope="col">alert</th><th scope="col">measure</th><th scope="col">value</th>
                  <th scope="col">threshold</th><th scope="col">Kafka</th><th scope="col">webhook</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((alert) => (
                  <tr key={alert.event_id} data-alert={alert.event_id} className={alert.type}>
                    <td>{when(alert.at)}</td>
                    <td><span className={`alert-type ${alert.type}`}>{alert.type}</span></td>
                    <td>{measureTitle(alert.measure)} <small>{STATISTIC_TITLES[alert.statistic] ?? alert.statistic}</small></td>
                    <td className="number" data-figure="value">{statisticText(alert.value)}</td>
                    <td className="number" data-figure="threshold">{statisticText(alert.threshold)}</td>
                    <td data-figure="published">{alert.published ? 'published' : 'not yet published'}</td>
                    <td data-figure="webhook" className={`webhook ${alert.webhook?.state ?? 'none'}`}>{webhookText(alert)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
