import type { AnnotatorProgress, DatasetSummary } from '../api';
import { AnnotatorList } from '../team/AgreementPanel';

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part * 100) / whole)} %` : '–');

/** How far the labelling is, and how good the model is where people labelled: the annotation sidebar. */
export function ProgressSidebar({ summary, task, annotators }: {
  summary: DatasetSummary; task?: string; annotators?: AnnotatorProgress[];
}) {
  const validated = summary.status.Validated ?? 0;
  const discarded = summary.status.Discarded ?? 0;
  const quality = summary.quality;
  return (
    <aside className="progress" aria-label="progress">
      <h2>Progress</h2>
      <dl>
        <dt>Records</dt><dd>{summary.total.toLocaleString('en')}</dd>
        <dt>Validated</dt><dd>{validated.toLocaleString('en')} <small>{percent(validated, summary.total)}</small></dd>
        <dt>Discarded</dt><dd>{discarded.toLocaleString('en')}</dd>
      </dl>
      {Object.keys(summary.annotated_as).length > 0 && (
        <>
          <h3>Labels</h3>
          <dl>
            {Object.entries(summary.annotated_as).sort(([, a], [, b]) => b - a).map(([label, count]) => (
              <div key={label} className="pair"><dt>{label}</dt><dd>{count.toLocaleString('en')}</dd></div>
            ))}
          </dl>
        </>
      )}
      {annotators && (
        <>
          <h3>Team</h3>
          <AnnotatorList annotators={annotators} />
        </>
      )}
      {/* a sentence is not a label: Text2Text has no per-label quality */}
      {task !== 'Text2Text' && quality && quality.ok + quality.ko > 0 && (
        <>
          <h3>Model</h3>
          <p>ok {quality.ok.toLocaleString('en')} · ko {quality.ko.toLocaleString('en')} · macro F1 {quality.macro_f1.toFixed(2)}</p>
          <table className="quality">
            <thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th></tr></thead>
            <tbody>
              {Object.entries(quality.labels).map(([label, q]) => (
                <tr key={label}><td>{label}</td><td>{q.precision.toFixed(2)}</td><td>{q.recall.toFixed(2)}</td><td>{q.f1.toFixed(2)}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
