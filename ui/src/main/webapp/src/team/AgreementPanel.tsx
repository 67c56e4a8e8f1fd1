import { useEffect, useState } from 'react';
import { api, type Agreement, type AnnotatorProgress } from '../api';
import { figure, kappaMatrix, kappaUnits } from './team';

/**
 * How much the people agree over the records of a view: Krippendorff's alpha overall and per label, Cohen's kappa of
 * each pair with the records behind it, and what each person did. A figure the data cannot give says so.
 */
export function AgreementPanel({ dataset, task, query, described }: {
  dataset: string; task: string; query: Record<string, unknown>; described: string;
}) {
  const [agreement, setAgreement] = useState<Agreement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    setAgreement(null);
    setError(null);
    api.agreement(dataset, task, query).then(setAgreement).catch((e: Error) => setError(e.message));
  }, [dataset, task, key]);
  if (error) return <p role="alert" className="problem">The agreement could not be computed: {error}</p>;
  if (!agreement) return <p className="loading">Computing the agreement…</p>;
  const { records, alpha } = agreement;
  const matrix = kappaMatrix(agreement.kappa);
  const labels = Object.entries(alpha.labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="agreement" aria-labelledby="agreement-title">
      <h2 id="agreement-title">Agreement <small>{described}</small></h2>
      <dl className="figures">
        <div><dt>Records</dt><dd>{records.total.toLocaleString('en')}</dd></div>
        <div><dt>Answered</dt><dd>{records.answered.toLocaleString('en')}</dd></div>
        <div><dt>Complete</dt><dd>{records.complete.toLocaleString('en')}</dd></div>
        <div><dt>With two answers or more</dt><dd>{records.pairable.toLocaleString('en')}</dd></div>
        <div><dt>Need review</dt><dd>{records.needs_review.toLocaleString('en')}</dd></div>
        <div><dt>Reviewed</dt><dd>{records.reviewed.toLocaleString('en')}</dd></div>
      </dl>
      <div className="agreement-grid">
        <section aria-labelledby="alpha-title">
          <h3 id="alpha-title">Krippendorff’s alpha</h3>
          <p className="alpha-overall">overall <strong data-figure="alpha-overall">{figure(alpha.overall)}</strong>
            {' '}<small>over {records.pairable.toLocaleString('en')} {records.pairable === 1 ? 'record' : 'records'} with two answers or more</small></p>
          {labels.length > 0 && (
            <table className="figures-table">
              <caption className="visually-hidden">alpha per label</caption>
              <thead><tr><th scope="col">label</th><th scope="col">alpha</th></tr></thead>
              <tbody>
                {labels.map(([label, value]) => (
                  <tr key={label}><th scope="row">{label}</th><td data-figure={`alpha-${label}`}>{figure(value)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="kappa-title">
          <h3 id="kappa-title">Cohen’s kappa per pair</h3>
          {matrix.users.length < 2 ? <p>Not enough answers: no two people answered the same record.</p> : (
            <table className="kappa">
              <caption className="visually-hidden">kappa of each pair of annotators, with the {task === 'TokenClassification' ? 'tokens of the records' : 'records'} both answered</caption>
              <thead>
                <tr><td /> {matrix.users.slice(1).map((u) => <th key={u} scope="col">{u}</th>)}</tr>
              </thead>
              <tbody>
                {matrix.users.slice(0, -1).map((row, r) => (
                  <tr key={row}>
                    <th scope="row">{row}</th>
                    {matrix.users.slice(1).map((column, c) => {
                      if (c < r) return <td key={column} className="empty" />;
                      const cell = matrix.cell(row, column);
                      return (
                        <td key={column} data-figure={`kappa-${row}-${column}`}>
                          {cell ? (
                            <>
                              <strong>{figure(cell.kappa)}</strong>
                              <small>{kappaUnits(task, cell.units)}, {cell.agreeing} agreeing</small>
                            </>
                          ) : <small>no record in common</small>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <AnnotatorTable annotators={agreement.annotators} />
    </section>
  );
}

/** What each person did: answers submitted and discarded, drafts kept, records answered in the last hour. */
export function AnnotatorTable({ annotators, caption = 'Annotators' }: { annotators: AnnotatorProgress[]; caption?: string }) {
  if (annotators.length === 0) {
    return <p className="annotators-none">No one has answered yet.</p>;
  }
  return (
    <table className="annotators">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">person</th><th scope="col">submitted</th><th scope="col">discarded</th><th scope="col">drafts</th><th scope="col" title="records submitted or discarded in the last hour">answered last hour</th></tr>
      </thead>
      <tbody>
        {[...annotators].sort((a, b) => a.user.localeCompare(b.user)).map((a) => (
          <tr key={a.user}>
            <th scope="row">{a.user}</th><td>{a.submitted.toLocaleString('en')}</td><td>{a.discarded.toLocaleString('en')}</td>
            <td>{a.drafts.toLocaleString('en')}</td><td>{a.last_hour.toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The same figures for a narrow sidebar: a person a line, their answers and pace beneath. */
export function AnnotatorList({ annotators }: { annotators: AnnotatorProgress[] }) {
  if (annotators.length === 0) {
    return <p className="annotators-none">No one has answered yet.</p>;
  }
  return (
    <ul className="annotator-list" aria-label="answers per person">
      {[...annotators].sort((a, b) => a.user.localeCompare(b.user)).map((a) => (
        <li key={a.user}>
          <strong>{a.user}</strong> <span>{a.submitted.toLocaleString('en')} submitted</span>
          <small>{a.discarded.toLocaleString('en')} discarded · {a.drafts.toLocaleString('en')} {a.drafts === 1 ? 'draft' : 'drafts'} · {a.last_hour.toLocaleString('en')} answered in the last hour</small>
        </li>
      ))}
    </ul>
  );
}
