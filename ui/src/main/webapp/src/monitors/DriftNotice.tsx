import { useEffect, useState } from 'react';
import { api, type Dataset } from '../api';
import { formatRoute, monitorsRoute } from '../routes';
import { driftLines, driftSummary, driftText } from './monitors';

/** Monitors alerting named one by one on a dataset's page; more are counted on one line, to the monitors page. */
const NAMED = 3;

/**
 * A line per monitor alerting: "2 measures drifting in monitor production", linking to it; in the datasets list
 * ({@code compact}) one line for all ("104 measures drifting in 20 monitors"). Nothing while the dataset has no monitor
 * (its descriptor says so: no request), none is alerting, or the read fails. Light: no chart library, so the dataset's
 * pages and the datasets list show it without loading the monitors page.
 */
export function DriftNotice({ dataset, workspace, compact }: { dataset: Dataset | null; workspace?: string; compact?: boolean }) {
  const [lines, setLines] = useState<{ monitor: string; measures: string[] }[]>([]);
  const watched = Object.keys(dataset?.settings?.monitors ?? {}).length > 0;
  useEffect(() => {
    setLines([]);
    if (!dataset || !watched) return undefined;
    let current = true;
    api.monitors(dataset.name, dataset.task, workspace)
      .then((found) => { if (current) setLines(driftLines(found.monitors)); })
      .catch(() => undefined);
    return () => { current = false; };
  }, [dataset?.name, dataset?.task, workspace, watched]);
  if (!dataset || lines.length === 0) return null;
  const all = formatRoute(monitorsRoute(dataset.name, workspace));
  const named = compact && lines.length > 1 ? [] : lines.slice(0, lines.length > NAMED + 1 ? NAMED : NAMED + 1);
  const rest = lines.slice(named.length);
  return (
    <ul className={`drift-notice${compact ? ' compact' : ''}`} aria-label={`drift in ${dataset.name}`}>
      {named.map((line) => (
        <li key={line.monitor}>
          <a href={formatRoute(monitorsRoute(dataset.name, workspace, line.monitor))}>{driftText(line)}</a>
        </li>
      ))}
      {rest.length > 0 && (
        <li><a href={all}>{named.length > 0 ? `and ${driftSummary(rest)}` : driftSummary(rest)}</a></li>
      )}
    </ul>
  );
}
