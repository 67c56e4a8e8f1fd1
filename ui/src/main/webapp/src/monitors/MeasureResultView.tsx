import type { MeasureResult } from '../api';
import { count, decimal, percent } from '../rules/rules';
import { PairedHistogram, StatisticLine } from './DriftCharts';
import { measureTitle, pairBins, READING_TITLES, STATISTIC_TITLES, statisticText, versusText, type MeasureSeries } from './monitors';

/** A reading as a badge: drift stands out, too few records is said as such. */
export function ReadingBadge({ reading }: { reading: MeasureResult['reading'] }) {
  return <span className={`reading ${reading}`} data-reading={reading}>{READING_TITLES[reading]}</span>;
}

/**
 * One measure of an evaluation: its statistic's value against the threshold and the reading, both windows' records,
 * their histograms side by side (shares, with the counts in the table), and the statistic over time when given.
 */
export function MeasureResultView({ result, series }: { result: MeasureResult; series?: MeasureSeries }) {
  const title = measureTitle(result.measure);
  const rows = pairBins(result.reference, result.live);
  const performance = result.kind === 'accuracy' || result.kind === 'f1';
  const numeric = (result.reference?.bins ?? result.live?.bins ?? []).some((bin) => bin.key === undefined);
  return (
    <article className={`measure-result ${result.reading}`} data-measure={result.measure} aria-labelledby={`measure-${result.measure}`}>
      <header>
        <h3 id={`measure-${result.measure}`}>{title}</h3>
        <ReadingBadge reading={result.reading} />
      </header>
      <dl className="figures">
        <div><dt>{STATISTIC_TITLES[result.statistic] ?? result.statistic}</dt><dd data-figure="value">{statisticText(result.value)}</dd></div>
        <div><dt>Threshold</dt><dd data-figure="threshold">{statisticText(result.threshold)}</dd></div>
        <div><dt>Reading</dt><dd data-figure="versus">{versusText(result.value, result.threshold)}</dd></div>
        <div><dt>Reference</dt><dd data-figure="reference-count">{count(result.reference?.count ?? 0)}</dd>
          <dd className="detail">{performance ? 'annotated records' : 'records'}{performance ? `, ${decimal(result.reference?.figure)}` : ''}</dd></div>
        <div><dt>Live</dt><dd data-figure="live-count">{count(result.live?.count ?? 0)}</dd>
          <dd className="detail">{performance ? 'annotated records' : 'records'}{performance ? `, ${decimal(result.live?.figure)}` : ''}</dd></div>
      </dl>
      <div className="measure-charts">
        {rows.length > 0 ? (
          <figure className="chart">
            <figcaption>Reference and live, share of records per {numeric ? 'range' : 'value'}</figcaption>
            <PairedHistogram rows={rows} title={title} numeric={numeric} />
          </figure>
        ) : (
          <p className="hint">{performance ? 'Accuracy and F1 compare one figure per window: no histogram.' : 'No record in either window has this field.'}</p>
        )}
        {series && (
          <figure className="chart">
            <figcaption>{STATISTIC_TITLES[series.statistic] ?? series.statistic} over time <small>{series.times.length} {series.times.length === 1 ? 'evaluation' : 'evaluations'}</small></figcaption>
            <StatisticLine series={series} title={title} />
          </figure>
        )}
      </div>
      {rows.length > 0 && (
        <details className="bins" open={rows.length <= 12}>
          <summary>Bins <small>{rows.length}</small></summary>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: bins`}>
            <table className="bins-table">
              <caption className="visually-hidden">{title}: records per bin in the reference and the live window</caption>
              <thead><tr><th scope="col">{numeric ? 'range' : 'value'}</th><th scope="col">reference</th><th scope="col">share</th><th scope="col">live</th><th scope="col">share</th></tr></thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index} data-bin={row.label}>
                    <th scope="row">{row.label}</th>
                    <td className="number" data-figure="reference">{count(row.reference)}</td>
                    <td className="number" data-figure="reference-share">{percent(row.referenceShare)}</td>
                    <td className="number" data-figure="live">{count(row.live)}</td>
                    <td className="number" data-figure="live-share">{percent(row.liveShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </article>
  );
}
