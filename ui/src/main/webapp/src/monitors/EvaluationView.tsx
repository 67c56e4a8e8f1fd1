import type { DriftWindow, Evaluation } from '../api';
import { count } from '../rules/rules';
import { MeasureResultView } from './MeasureResultView';
import { when, type MeasureSeries } from './monitors';

function windowText(window: DriftWindow | undefined): string {
  if (!window) return '-';
  const range = window.from || window.to ? ` from ${when(window.from)} to ${when(window.to)}` : '';
  return `${count(window.count ?? 0)} ${window.count === 1 ? 'record' : 'records'}${range}`;
}

/**
 * An evaluation: both windows' bounds and records, then each measure with its histograms (and its series, for a saved
 * monitor). {@code preview}: an evaluation of the form, not saved.
 */
export function EvaluationView({ evaluation, series, preview }: {
  evaluation: Evaluation; series?: Map<string, MeasureSeries>; preview?: boolean;
}) {
  const drifting = evaluation.measures.filter((m) => m.reading === 'drift').length;
  const unjudged = evaluation.measures.filter((m) => m.reading === 'insufficient').length;
  return (
    <section className={`evaluation${preview ? ' preview' : ''}`} aria-labelledby={preview ? 'preview-title' : 'evaluation-title'}>
      <h2 id={preview ? 'preview-title' : 'evaluation-title'}>
        {preview ? 'Preview' : 'Last evaluation'} <small>{preview ? 'evaluated now, nothing kept' : when(evaluation.at)}</small>
      </h2>
      <p className="windows" data-figure="windows">
        <span><strong>Reference</strong> {windowText(evaluation.reference)}</span>
        <span><strong>Live</strong> {windowText(evaluation.live)}</span>
        <span data-figure="drifting">{drifting} of {evaluation.measures.length} {evaluation.measures.length === 1 ? 'measure' : 'measures'} drifting{unjudged > 0 && `, ${unjudged} with too few records`}</span>
      </p>
      <div className="measure-results">
        {evaluation.measures.map((result) => (
          <MeasureResultView key={result.measure} result={result} series={series?.get(result.measure)} />
        ))}
      </div>
    </section>
  );
}
