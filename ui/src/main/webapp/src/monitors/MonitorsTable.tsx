import type { WatchedMonitor } from '../api';
import { formatRoute, monitorsRoute } from '../routes';
import { ReadingBadge } from './MeasureResultView';
import { measureId, measureTitle, referenceText, versusText, when } from './monitors';

/**
 * The dataset's monitors with where each stands: its measures alerting marked, when it was last evaluated, and each
 * measure's last value against its threshold.
 */
export function MonitorsTable({ monitors, dataset, workspace, shown }: {
  monitors: WatchedMonitor[]; dataset: string; workspace?: string; shown?: string;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="monitors">
      <table className="monitors-table">
        <caption className="visually-hidden">the dataset's drift monitors and where each stands</caption>
        <thead>
          <tr>
            <th scope="col">monitor</th><th scope="col">status</th><th scope="col">compares</th>
            <th scope="col">measures: last value and threshold</th><th scope="col">last evaluated</th>
          </tr>
        </thead>
        <tbody>
          {monitors.map(({ monitor, status }) => {
            const alerting = status?.alerting ?? [];
            const last = new Map((status?.measures ?? []).map((p) => [p.measure, p]));
            return (
              <tr key={monitor.name} data-monitor={monitor.name} className={`${alerting.length > 0 ? 'alerting' : ''}${shown === monitor.name ? ' shown' : ''}`}
                aria-current={shown === monitor.name ? 'true' : undefined}>
                <th scope="row">
                  <a href={formatRoute(monitorsRoute(dataset, workspace, monitor.name))}>{monitor.name}</a>
                  {monitor.description && <small className="description">{monitor.description}</small>}
                </th>
                <td data-figure="status">
                  {status?.error ? <span className="reading drift" title={status.error}>evaluation failed</span>
                    : !status?.evaluated_at ? <span className="reading insufficient">not evaluated yet</span>
                    : alerting.length > 0
                      ? <span className="reading drift">{alerting.length} {alerting.length === 1 ? 'measure' : 'measures'} drifting</span>
                      : <span className="reading ok">no drift</span>}
                </td>
                <td className="compares">
                  the last {monitor.window} with {referenceText(monitor.reference, monitor.window)}
                  {monitor.query && <> · <code>{monitor.query}</code></>}
                  <small> every {monitor.every}</small>
                </td>
                <td>
                  <ul className="measure-status">
                    {monitor.measures.map((measure) => {
                      const id = measureId(measure);
                      const point = last.get(id);
                      return (
                        <li key={id} data-measure={id} className={alerting.includes(id) ? 'alerting' : undefined}>
                          <span className="name">{measureTitle(id)}</span>{' '}
                          {point ? <><span className="versus">{versusText(point.value, point.threshold)}</span> <ReadingBadge reading={point.reading} /></>
                            : <span className="versus">–</span>}
                        </li>
                      );
                    })}
                  </ul>
                </td>
                <td data-figure="evaluated-at">{when(status?.evaluated_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
