import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Dataset, type Job, type LabelModel, type Me, type Rule, type RuleFigures, type RulesList, type SearchResults } from '../api';
import { labelChoices } from '../annotate/labelling';
import { RecordCard } from '../components/RecordCard';
import { canAnnotate } from '../roles';
import { applyOffered, modelsOffered, correctText, count, coverageText, decimal, fieldProblems, percent, ruleNameProblem, useDebounced } from './rules';

/** Records of the query shown beneath it. */
const MATCHES = 20;
/** The figures and the records are asked for once the person stops typing this long. */
const TYPING_PAUSE = 250;

/**
 * Labelling rules of a dataset (weak supervision, ADR 13): a query typed in the box gets its figures (coverage,
 * precision against the people's labels, overlaps and conflicts with the saved rules) and its first records, matches
 * highlighted, as the person types; annotators and admins save it as a rule, edit and delete rules, and apply them
 * (text classification): a label model writes the rules' weak labels as predictions. Viewers and reviewers read.
 */
export function RulesView({ dataset, me }: { dataset: Dataset; me: Me }) {
  const mayWrite = canAnnotate(me);
  const [list, setList] = useState<RulesList | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  // null while the dataset's labels are being read
  const [labels, setLabels] = useState<string[] | null>(dataset.settings?.labels?.length ? dataset.settings.labels : null);
  const [query, setQuery] = useState('');
  const [label, setLabel] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  // the saved rule the editor holds (its figures are compared with the other rules, not with itself)
  const [editing, setEditing] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Job | null>(null);
  const queryBox = useRef<HTMLInputElement>(null);

  const reloadRules = useCallback(() => api.rules(dataset.name, dataset.task)
    .then((found) => { setList(found); setListError(null); })
    .catch((e: Error) => setListError(e.message)), [dataset.name, dataset.task]);
  useEffect(() => { void reloadRules(); }, [reloadRules]);

  // the labels to vote for: the schema, else every label the dataset's predictions and annotations use
  useEffect(() => {
    if (dataset.settings?.labels?.length) {
      return;
    }
    api.search(dataset.name, dataset.task, { query: {} }, 0, 0)
      .then((all) => setLabels(labelChoices([], all.aggregations, []))).catch(() => setLabels([]));
  }, [dataset.name, dataset.task]);
  // the first label once they are read, unless one was chosen meanwhile (the effect runs after the select is shown:
  // a choice made in between must not be overwritten)
  useEffect(() => {
    if (labels && labels.length > 0) setLabel((chosen) => chosen || labels[0]);
  }, [labels]);

  const edit = (rule: Rule) => {
    setQuery(rule.query);
    setLabel(rule.labels[0] ?? labels?.[0] ?? '');
    setName(rule.name);
    setDescription(rule.description ?? '');
    setEditing(rule.name);
    setProblems({});
    setNote(null);
    queryBox.current?.focus();
  };
  const startNew = () => {
    setQuery('');
    setName('');
    setDescription('');
    setEditing(null);
    setProblems({});
    setNote(null);
    queryBox.current?.focus();
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const nameProblem = ruleNameProblem(name);
    const found: Record<string, string> = {};
    if (nameProblem) found.name = nameProblem;
    if (!query.trim()) found.query = 'a rule needs a query';
    if (!label) found.labels = 'pick the label the rule votes for';
    setProblems(found);
    setNote(null);
    if (Object.keys(found).length > 0) {
      return;
    }
    const existed = list?.rules.some((r) => r.name === name) ?? false;
    api.saveRule(dataset.name, dataset.task, name, { query, labels: [label], ...(description.trim() ? { description: description.trim() } : {}) })
      .then(() => {
        setNote(`Rule ${name} ${existed ? 'replaced' : 'saved'}.`);
        setEditing(name);
        return reloadRules();
      })
      .catch((e) => setProblems(fieldProblems(e)));
  };

  const remove = (rule: string) => api.deleteRule(dataset.name, dataset.task, rule).then(() => {
    setNote(`Rule ${rule} deleted.`);
    if (editing === rule) setEditing(null);
    return reloadRules();
  }).catch((e: Error) => setNote(`Rule ${rule} was not deleted: ${e.message}`));

  const learnt = new Map((outcome?.outcome?.rules ?? []).map((r) => [r.name, r.learnt_accuracy]));
  return (
    <section className="rules" aria-label="labelling rules">
      <p className="rules-intro">
        A rule is a query of the search box’s syntax that votes for a label on the records it matches. Its figures
        compare it with the people’s labels and with the other rules.
      </p>
      <label className="rule-query">
        Rule query <small>as in the search box: <code>free OR money</code>, <code>inputs.text:(winner AND prize)</code></small>
        <input ref={queryBox} type="search" value={query} onChange={(e) => setQuery(e.target.value)}
          aria-invalid={problems.query ? true : undefined} aria-describedby={problems.query ? 'rule-query-problem' : undefined}
          spellCheck={false} autoComplete="off" />
      </label>
      {problems.query && <p id="rule-query-problem" className="error">{problems.query}</p>}
      <div className="rule-workbench">
        <div className="rule-side">
          <form className="rule-form" onSubmit={save} aria-label="rule">
            <label>
              Label <small>the rule votes for it</small>
              {labels === null ? (
                <select disabled value=""><option value="">reading the labels…</option></select>
              ) : labels.length > 0 ? (
                <select value={label} onChange={(e) => setLabel(e.target.value)}>
                  {/* a rule being edited may vote for a label no record has yet */}
                  {[...labels, ...(label && !labels.includes(label) ? [label] : [])].map((l) => <option key={l} value={l}>{l}</option>)}
                </select>
              ) : <input value={label} onChange={(e) => setLabel(e.target.value)} />}
            </label>
            {problems.labels && <p className="error">{problems.labels}</p>}
            {mayWrite ? (<>
              <label>
                Rule name <small>letters, digits, - and _; up to 64</small>
                <input value={name} maxLength={64} onChange={(e) => setName(e.target.value)} spellCheck={false}
                  aria-invalid={problems.name ? true : undefined} aria-describedby={problems.name ? 'rule-name-problem' : undefined} />
              </label>
              {problems.name && <p id="rule-name-problem" className="error">{problems.name}</p>}
              <label>
                Description
                <input value={description} onChange={(e) => setDescription(e.target.value)} />
              </label>
              {problems.description && <p className="error">{problems.description}</p>}
              <div className="rule-actions">
                <button type="submit">Save rule</button>
                {(editing || query || name) && <button type="button" onClick={startNew}>New rule</button>}
              </div>
              {editing && <p className="editing">Editing rule <strong>{editing}</strong>: saving under its name replaces it.</p>}
              {problems[''] && <p className="error">Not saved: {problems['']}</p>}
            </>) : (
              <p className="read-only">Your role may read the rules; annotators and admins write them.</p>
            )}
            <p role="status" className="saved">{note ?? ''}</p>
          </form>
          <LiveFigures dataset={dataset} query={query} label={label} editing={editing} />
        </div>
        <Matches dataset={dataset} query={query} />
      </div>
      <RulesTable list={list} error={listError} mayWrite={mayWrite} editing={editing} learnt={learnt} onEdit={edit} onDelete={remove} />
      {applyOffered(dataset.task)
        ? <ApplyRules dataset={dataset} mayWrite={mayWrite} rules={list?.rules.length ?? 0} finished={setOutcome} />
        : <p className="apply-none">Applying rules is for text and token classification.</p>}
    </section>
  );
}

/** The typed query's figures, asked for once the typing pauses; a refusal (the query cannot be read) is said in place. */
function LiveFigures({ dataset, query, label, editing }: { dataset: Dataset; query: string; label: string; editing: string | null }) {
  const settled = useDebounced(`${query}\n${label}\n${editing ?? ''}`, TYPING_PAUSE);
  const [figures, setFigures] = useState<RuleFigures | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const [text, voted, name] = settled.split('\n');
    setRefused(null);
    if (!text.trim() || !voted) {
      setFigures(null);
      return;
    }
    let current = true;
    setAsking(true);
    api.ruleFigures(dataset.name, dataset.task, { query: text, labels: [voted], ...(name ? { name } : {}) })
      .then((answer) => { if (current) setFigures(answer.figures); })
      .catch((e) => { if (current) { setFigures(null); setRefused(queryProblem(e)); } })
      .finally(() => { if (current) setAsking(false); });
    return () => { current = false; };
  }, [settled, dataset.name, dataset.task]);

  return (
    <section className="rule-figures" aria-labelledby="rule-figures-title" aria-busy={asking}>
      <h2 id="rule-figures-title">This query {label && <small>voting {label}</small>}</h2>
      {refused ? <p role="alert" className="problem">This query cannot be used: {refused}</p>
        : !figures ? <p className="hint">{query.trim() ? 'Counting…' : 'Type a query to see what it covers.'}</p> : (
        <dl className="figures" aria-live="polite">
          <div><dt>Coverage</dt><dd data-figure="coverage">{percent(figures.coverage)}</dd>
            <dd className="detail">{count(figures.matched)} of {count(figures.total_records)} {figures.total_records === 1 ? 'record' : 'records'}</dd></div>
          <div><dt>Annotated coverage</dt><dd data-figure="coverage-annotated">{percent(figures.coverage_annotated)}</dd>
            <dd className="detail">{count(figures.matched_annotated)} of {count(figures.annotated_records)} annotated</dd></div>
          <div><dt>Precision</dt><dd data-figure="precision">{percent(figures.precision)}</dd>
            <dd className="detail">correct / incorrect <span data-figure="correct">{correctText(figures)}</span></dd></div>
          <div><dt>Overlaps</dt><dd data-figure="overlaps">{count(figures.overlaps)}</dd>
            <dd className="detail">records another rule matches too</dd></div>
          <div><dt>Conflicts</dt><dd data-figure="conflicts">{count(figures.conflicts)}</dd>
            <dd className="detail">of those, rules voting another label</dd></div>
        </dl>
      )}
    </section>
  );
}

/** The reason Elasticsearch gave for a query it could not read (the problem names the field {@code query}). */
function queryProblem(e: unknown): string {
  const problems = fieldProblems(e);
  return problems.query ?? problems[''] ?? Object.values(problems)[0] ?? String(e);
}

/** The first records the typed query matches, with its terms highlighted (the search's own highlighting). */
function Matches({ dataset, query }: { dataset: Dataset; query: string }) {
  const settled = useDebounced(query.trim(), TYPING_PAUSE);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    setRefused(false);
    if (!settled) {
      setResults(null);
      return;
    }
    let current = true;
    // no facets needed: the plain search (the review list's call) with the query's text
    api.teamSearch(dataset.name, dataset.task, { query_text: settled }, 0, MATCHES)
      .then((found) => { if (current) setResults(found); })
      .catch((e) => { if (current) { setResults(null); setRefused(e instanceof ApiError); } });
    return () => { current = false; };
  }, [settled, dataset.name, dataset.task]);
  const shown = results?.records.length ?? 0;
  return (
    <section className="rule-matches" aria-labelledby="rule-matches-title">
      <h2 id="rule-matches-title">
        Matching records {results && <small>{results.total === 0 ? 'none' : `the first ${count(shown)} of ${count(results.total)}`}</small>}
      </h2>
      {!settled ? <p className="hint">The records the query matches show here, its terms highlighted.</p>
        : refused ? <p className="hint">No records: the query cannot be read (see its figures).</p>
        : !results ? <p className="loading">Searching…</p>
        : (
          <div className="matches-scroll" tabIndex={0} role="region" aria-label="records the query matches">
            <ol className="records compact">
              {/* without a model's explanation: its heat map would drown the query's matches */}
              {results.records.map((record) => (
                <RecordCard key={String(record.id)} record={{ ...record, explanation: undefined }} onMetadata={() => undefined} />
              ))}
            </ol>
          </div>
        )}
    </section>
  );
}

/** The saved rules with their figures and the set's totals; edit loads a rule into the editor, delete asks first. */
function RulesTable({ list, error, mayWrite, editing, learnt, onEdit, onDelete }: {
  list: RulesList | null; error: string | null; mayWrite: boolean; editing: string | null;
  learnt: Map<string, number | null>; onEdit: (rule: Rule) => void; onDelete: (rule: string) => Promise<unknown>;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (error) return <p role="alert" className="problem">The rules could not be read: {error}</p>;
  if (!list) return <p className="loading">Loading the rules…</p>;
  const { totals } = list;
  const withLearnt = learnt.size > 0;
  return (
    <section className="rules-saved" aria-labelledby="rules-saved-title">
      <h2 id="rules-saved-title">Saved rules <small>{totals.rules} {totals.rules === 1 ? 'rule' : 'rules'}</small></h2>
      {list.rules.length === 0 ? <p className="hint">No rule yet{mayWrite ? ': type a query, pick its label, name it and save it.' : '.'}</p> : (
        <div className="table-scroll">
          <table className="rules-table">
            <caption className="visually-hidden">the rules with their figures, and the figures of the set</caption>
            <thead>
              <tr>
                <th scope="col">name</th><th scope="col">query</th><th scope="col">label</th>
                <th scope="col">coverage</th><th scope="col">annotated coverage</th>
                <th scope="col">correct / incorrect</th><th scope="col">precision</th>
                <th scope="col">overlaps</th><th scope="col">conflicts</th>
                {withLearnt && <th scope="col">learnt accuracy</th>}
                <th scope="col">author</th>
                {mayWrite && <th scope="col"><span className="visually-hidden">actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {list.rules.map((rule) => {
                const f = rule.figures;
                return (
                  <tr key={rule.name} data-rule={rule.name} className={editing === rule.name ? 'editing' : undefined}>
                    <th scope="row">{rule.name}{rule.description && <small className="description">{rule.description}</small>}</th>
                    <td className="query"><code>{rule.query}</code></td>
                    <td>{rule.labels.join(', ')}</td>
                    <td className="number" data-figure="coverage" title={f ? coverageText(f) : undefined}>{percent(f?.coverage)}</td>
                    <td className="number" data-figure="coverage-annotated">{percent(f?.coverage_annotated)}</td>
                    <td className="number" data-figure="correct">{f ? correctText(f) : '-'}</td>
                    <td className="number" data-figure="precision">{percent(f?.precision)}</td>
                    <td className="number" data-figure="overlaps">{count(f?.overlaps)}</td>
                    <td className="number" data-figure="conflicts">{count(f?.conflicts)}</td>
                    {withLearnt && <td className="number" data-figure="learnt-accuracy">{learnt.has(rule.name) ? decimal(learnt.get(rule.name)) : '-'}</td>}
                    <td>{rule.author ?? ''}</td>
                    {mayWrite && (
                      <td className="actions">
                        {confirming === rule.name ? (<>
                          <span className="confirm">Delete {rule.name}?</span>
                          <button type="button" onClick={() => { setConfirming(null); void onDelete(rule.name); }}>Yes, delete</button>
                          <button type="button" onClick={() => setConfirming(null)}>Keep</button>
                        </>) : (<>
                          <button type="button" onClick={() => onEdit(rule)} aria-label={`Edit ${rule.name}`}>Edit</button>
                          <button type="button" onClick={() => setConfirming(rule.name)} aria-label={`Delete ${rule.name}`}>Delete</button>
                        </>)}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr data-rule="totals">
                <th scope="row">all rules</th>
                <td colSpan={2} className="totals-note">a record counts once, whatever rules match it</td>
                <td className="number" data-figure="coverage" title={coverageText(totals)}>{percent(totals.coverage)}</td>
                <td className="number" data-figure="coverage-annotated">{percent(totals.coverage_annotated)}</td>
                <td className="number" data-figure="correct">{correctText(totals)}</td>
                <td className="number" data-figure="precision">{percent(totals.precision)}</td>
                <td className="number" data-figure="overlaps">{count(totals.overlaps)}</td>
                <td className="number" data-figure="conflicts">{count(totals.conflicts)}</td>
                {withLearnt && <td />}
                <td />
                {mayWrite && <td />}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * Apply the rules: a label model (generative, the default, or the majority vote) writes each record's weak label as
 * its prediction, in a job followed every second; then its labels' accuracy and macro F1 against the people's.
 */
function ApplyRules({ dataset, mayWrite, rules, finished }: {
  dataset: Dataset; mayWrite: boolean; rules: number; finished: (job: Job | null) => void;
}) {
  const models = modelsOffered(dataset.task);
  const spans = dataset.task === 'TokenClassification';
  const [model, setModel] = useState<LabelModel>(models[0]);
  const [replace, setReplace] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const running = job?.state === 'running';

  useEffect(() => {
    if (!job || job.state !== 'running') {
      return;
    }
    const timer = setTimeout(() => {
      api.job(job.id).then((next) => {
        setJob(next);
        if (next.state !== 'running') finished(next);
      }).catch((e: Error) => setProblem(e.message));
    }, 1000);
    return () => clearTimeout(timer);
  }, [job]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    finished(null);
    api.applyRules(dataset.name, dataset.task, model, replace).then((started) => {
      setJob(started);
      if (started.state !== 'running') finished(started);
    }).catch((e) => setProblem(Object.values(fieldProblems(e)).join('; ')));
  };

  const outcome = job?.state !== 'running' ? job?.outcome : undefined;
  const against = outcome?.against_annotations;
  return (
    <section className="rules-apply" aria-labelledby="rules-apply-title">
      <h2 id="rules-apply-title">Apply the rules</h2>
      <p className="hint">
        The weak labels are written as predictions by agent <code>rules:{model}</code>, so the explore and monitoring
        pages show them like any model’s{spans ? '; records logged later get them too when every rule is words, phrases and AND/OR/NOT'
          : '; records logged later get them too'}. Annotations stay as they
        are.
      </p>
      {mayWrite ? (
        <form onSubmit={apply} className="apply-form">
          <fieldset className="segmented">
            <legend className="visually-hidden">label model</legend>
            {models.includes('generative') && <label className="inline-check"><input type="radio" name="model" value="generative" checked={model === 'generative'}
              onChange={() => setModel('generative')} /> generative model</label>}
            <label className="inline-check"><input type="radio" name="model" value="majority" checked={model === 'majority'}
              onChange={() => setModel('majority')} /> majority vote</label>
          </fieldset>
          <label className="inline-check">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> replace other models’ predictions
          </label>
          <button type="submit" disabled={running || rules === 0}>Apply rules</button>
          {rules === 0 && <small>save a rule first</small>}
          {running && job && <button type="button" onClick={() => api.cancelJob(job.id).then(setJob).catch(() => undefined)}>Cancel</button>}
        </form>
      ) : <p className="read-only">Annotators and admins apply the rules.</p>}
      {problem && <p role="alert" className="problem">The rules were not applied: {problem}</p>}
      {job && (
        <div className="apply-job" role="status">
          {running ? (
            <p>
              <label>
                Writing weak labels{' '}
                <progress max={Math.max(job.total, 1)} value={job.done} />
              </label>{' '}
              {count(job.done)} of {count(job.total)} records
            </p>
          ) : (
            <p className={job.state === 'done' ? 'outcome' : 'error'}>
              {job.state === 'done' ? 'Done' : `The job ended ${job.state}${job.message ? `: ${job.message}` : ''}`}:
              {' '}{count(job.done)} of {count(job.total)} records
              {job.conflicts > 0 && <>, {count(job.conflicts)} changed meanwhile (left as they were)</>}.
            </p>
          )}
        </div>
      )}
      {outcome && against && (
        <div className="apply-outcome">
          <dl className="figures">
            {spans ? (
              <>
                <div><dt>Entity F1 against the people’s labels</dt><dd data-figure="f1">{decimal(against.f1 ?? null)}</dd>
                  <dd className="detail">{count(against.correct)} right of {count(against.entities_predicted ?? 0)} weak entities, {count(against.entities_annotated ?? 0)} annotated, in {count(against.annotated)} records</dd></div>
                <div><dt>Precision / recall</dt><dd data-figure="precision-recall">{decimal(against.precision ?? null)} / {decimal(against.recall ?? null)}</dd></div>
              </>
            ) : (
              <>
                <div><dt>Accuracy against the people’s labels</dt><dd data-figure="accuracy">{decimal(against.accuracy ?? null)}</dd>
                  <dd className="detail">{count(against.correct)} of {count(against.annotated)} annotated records</dd></div>
                <div><dt>Macro F1</dt><dd data-figure="macro-f1">{decimal(against.macro_f1 ?? null)}</dd></div>
              </>
            )}
            <div><dt>Abstained</dt><dd data-figure="abstained">{count(outcome.abstained)}</dd>
              <dd className="detail">no rule, or a tie</dd></div>
            <div><dt>Kept other predictions</dt><dd data-figure="kept">{count(outcome.kept_predictions)}</dd></div>
          </dl>
          <p className="hint">
            Written by <code>{outcome.agent}</code>
            {outcome.iterations !== undefined && <> · {outcome.converged ? 'converged' : 'did not converge'} in {outcome.iterations} {outcome.iterations === 1 ? 'iteration' : 'iterations'}</>}
            {outcome.rules && <> · each rule’s learnt accuracy is in the table</>}.
          </p>
        </div>
      )}
    </section>
  );
}
