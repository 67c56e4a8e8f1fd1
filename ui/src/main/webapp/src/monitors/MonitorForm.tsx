import { useState, type FormEvent, type ReactNode } from 'react';
import { api, type Dataset, type Evaluation, type MeasureKind } from '../api';
import { fieldProblems } from '../rules/rules';
import { EvaluationView } from './EvaluationView';
import {
  formProblems, overlapsLive, MEASURE_KINDS, measureDefaults, measureProblems, monitorBody, newMeasure, STATISTIC_TITLES, statisticsFor,
  unplacedProblems, type MeasureForm, type MonitorForm as Form,
} from './monitors';

const idOf = (field: string) => `monitor-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** A labelled input with its hint, and the problem the form or the server found with it right beneath. */
function Field({ field, label, hint, problem, children }: {
  field: string; label: string; hint?: ReactNode; problem?: string; children: (props: Record<string, unknown>) => ReactNode;
}) {
  const id = idOf(field);
  return (
    <div className="field" data-field={field}>
      <label htmlFor={id}>{label} {hint && <small>{hint}</small>}</label>
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? `${id}-problem` : undefined })}
      {problem && <p id={`${id}-problem`} className="error" data-problem={field}>{problem}</p>}
    </div>
  );
}

/**
 * Admins write a monitor: its reference, live window, measures (statistic and threshold optional: the kind's
 * defaults), and a webhook whose secret is written, never shown. Preview evaluates the form now without saving it.
 * {@code editing}: the saved monitor's name (kept: another name is another monitor).
 */
export function MonitorForm({ dataset, initial, editing, onSaved, onCancel }: {
  dataset: Dataset; initial: Form; editing: string | null; onSaved: (name: string, created: boolean) => void; onCancel: () => void;
}) {
  const [form, setForm] = useState<Form>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const [preview, setPreview] = useState<Evaluation | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | null>(null);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setMeasure = (index: number, change: Partial<MeasureForm>) => setForm((f) => ({
    ...f, measures: f.measures.map((m, i) => {
      if (i !== index) return m;
      const next = { ...m, ...change };
      // a statistic the new kind does not take goes back to the kind's default
      if (next.statistic && !statisticsFor(next).includes(next.statistic)) next.statistic = '';
      return next;
    }),
  }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const found = formProblems(form, !editing);
    setProblems(found);
    setNote(null);
    if (Object.keys(found).length > 0) {
      setNote('Not saved: see the fields marked.');
      return;
    }
    setBusy('save');
    api.saveMonitor(dataset.name, dataset.task, form.name, monitorBody(form))
      .then(() => onSaved(form.name, !editing))
      .catch((e) => { setProblems(fieldProblems(e)); setNote('Not saved: see the fields marked.'); })
      .finally(() => setBusy(null));
  };

  const runPreview = () => {
    const found = formProblems(form, false);
    setProblems(found);
    setNote(null);
    if (Object.keys(found).length > 0) {
      setNote('No preview: see the fields marked.');
      return;
    }
    setBusy('preview');
    setPreview(null);
    api.previewMonitor(dataset.name, dataset.task, monitorBody(form))
      .then(setPreview)
      .catch((e) => { setProblems(fieldProblems(e)); setNote('No preview: see the fields marked.'); })
      .finally(() => setBusy(null));
  };

  const unplaced = unplacedProblems(problems);
  const ranged = form.referenceKind !== 'preceding';
  return (
    <>
      <form className="monitor-form" onSubmit={save} aria-labelledby="monitor-form-title" noValidate>
        <h2 id="monitor-form-title">{editing ? <>Edit monitor <code>{editing}</code></> : 'New monitor'}</h2>
        {unplaced.length > 0 && <div role="alert" className="problem">{unplaced.map((p) => <p key={p}>{p}</p>)}</div>}
        <div className="form-row">
          <Field field="name" label="Name" hint="letters, digits, - and _" problem={problems.name}>
            {(props) => <input {...props} value={form.name} disabled={!!editing} maxLength={64} spellCheck={false}
              onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field field="description" label="Description" problem={problems.description}>
            {(props) => <input {...props} value={form.description} onChange={(e) => set('description', e.target.value)} />}
          </Field>
        </div>
        <Field field="query" label="Records" hint="a query in the search box’s syntax narrows both windows; empty: all records" problem={problems.query}>
          {(props) => <input {...props} className="code" value={form.query} spellCheck={false} placeholder="all records"
            onChange={(e) => set('query', e.target.value)} />}
        </Field>

        <fieldset className="reference">
          <legend>Reference <small>what the live window is compared with</small></legend>
          <div className="segmented-row" role="radiogroup" aria-label="reference kind">
            {([['preceding', 'the window before the live one'], ['range', 'a time range'], ['query', 'the records of a query']] as const).map(([kind, title]) => (
              <label key={kind} className="inline-check">
                <input type="radio" name="reference-kind" value={kind} checked={form.referenceKind === kind}
                  onChange={() => set('referenceKind', kind)} /> {title}
              </label>
            ))}
          </div>
          {problems['reference.kind'] && <p className="error" data-problem="reference.kind">{problems['reference.kind']}</p>}
          {form.referenceKind === 'query' && (
            <Field field="reference.query" label="Reference query" hint="its records are the reference" problem={problems['reference.query']}>
              {(props) => <input {...props} className="code" value={form.referenceQuery} spellCheck={false}
                onChange={(e) => set('referenceQuery', e.target.value)} />}
            </Field>
          )}
          {ranged && (
            <div className="form-row">
              <Field field="reference.from" label="From" hint={form.referenceKind === 'query' ? 'optional, event time' : 'event time, inclusive'} problem={problems['reference.from']}>
                {(props) => <input {...props} type="datetime-local" value={form.from} onChange={(e) => set('from', e.target.value)} />}
              </Field>
              <Field field="reference.to" label="To" hint="exclusive" problem={problems['reference.to']}>
                {(props) => <input {...props} type="datetime-local" value={form.to} onChange={(e) => set('to', e.target.value)} />}
              </Field>
            </div>
          )}
          {form.referenceKind === 'preceding' && <p className="hint">A sliding reference: the {form.window || 'window'} right before the live window.</p>}
          {overlapsLive(form) && (
            <p className="hint warning" data-hint="overlap">The reference reaches into the live window ({form.window}): records of the last {form.window} count in both.</p>
          )}
        </fieldset>

        <fieldset className="live">
          <legend>Live window</legend>
          <div className="form-row">
            <Field field="window" label="Window" hint="e.g. 1h, 15m, 7d" problem={problems.window}>
              {(props) => <input {...props} className="short" value={form.window} onChange={(e) => set('window', e.target.value)} />}
            </Field>
            <Field field="every" label="Evaluated every" hint="e.g. 5m" problem={problems.every}>
              {(props) => <input {...props} className="short" value={form.every} onChange={(e) => set('every', e.target.value)} />}
            </Field>
            <Field field="min_records" label="Least records" hint="per window" problem={problems.min_records}>
              {(props) => <input {...props} className="short" type="number" min={1} value={form.minRecords}
                onChange={(e) => set('minRecords', e.target.value)} />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="measures">
          <legend>Measures</legend>
          {problems.measures && <p className="error" data-problem="measures">{problems.measures}</p>}
          <ol className="measure-rows">
            {form.measures.map((measure, index) => (
              <MeasureRow key={index} index={index} measure={measure} problems={measureProblems(problems, index)}
                onChange={(change) => setMeasure(index, change)}
                onRemove={form.measures.length > 1 ? () => set('measures', form.measures.filter((_, i) => i !== index)) : undefined} />
            ))}
          </ol>
          <button type="button" onClick={() => set('measures', [...form.measures, newMeasure(nextKind(form.measures))])}
            disabled={form.measures.length >= 20}>Add a measure</button>
        </fieldset>

        <fieldset className="webhook">
          <legend>Webhook <small>optional: alerts are always published to Kafka</small></legend>
          <label className="inline-check">
            <input type="checkbox" checked={form.webhook} onChange={(e) => set('webhook', e.target.checked)} /> Post alerts to a URL, signed
          </label>
          {form.webhook && (
            <div className="form-row">
              <Field field="webhook.url" label="URL" hint={form.secretSet ? 'shown cut to its host: leave it to keep the full one' : 'http or https'} problem={problems['webhook.url']}>
                {(props) => <input {...props} type="url" value={form.webhookUrl} spellCheck={false}
                  onChange={(e) => set('webhookUrl', e.target.value)} />}
              </Field>
              <Field field="webhook.secret" label="Secret"
                hint={form.secretSet ? <><span className="secret-set">secret set</span>; leave empty to keep it</> : '16 to 256 characters, to sign each POST'}
                problem={problems['webhook.secret']}>
                {(props) => <input {...props} type="password" autoComplete="new-password" value={form.webhookSecret}
                  placeholder={form.secretSet ? '(kept)' : ''} onChange={(e) => set('webhookSecret', e.target.value)} />}
              </Field>
            </div>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null}>{busy === 'save' ? 'Saving…' : 'Save monitor'}</button>
          <button type="button" onClick={runPreview} disabled={busy !== null}>{busy === 'preview' ? 'Evaluating…' : 'Preview'}</button>
          <button type="button" onClick={onCancel}>Cancel</button>
          <span role="status" className="form-note">{note ?? ''}</span>
        </div>
      </form>
      {preview && <EvaluationView evaluation={preview} preview />}
    </>
  );
}

/** The first kind the form does not measure yet (metadata can repeat, on another field). */
function nextKind(measures: MeasureForm[]): MeasureKind {
  return MEASURE_KINDS.find((k) => k.kind !== 'metadata' && !measures.some((m) => m.kind === k.kind))?.kind ?? 'metadata';
}

function MeasureRow({ index, measure, problems, onChange, onRemove }: {
  index: number; measure: MeasureForm; problems: Record<string, string>;
  onChange: (change: Partial<MeasureForm>) => void; onRemove?: () => void;
}) {
  const defaults = measureDefaults(measure);
  const path = `measures[${index}]`;
  return (
    <li className="measure-row" data-measure-row={index}>
      <Field field={`${path}.kind`} label="Measure" problem={problems.kind}>
        {(props) => (
          <select {...props} value={measure.kind} onChange={(e) => onChange({ kind: e.target.value as MeasureKind })}>
            {MEASURE_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.title}</option>)}
          </select>
        )}
      </Field>
      {measure.kind === 'metadata' && (<>
        <Field field={`${path}.field`} label="Field" problem={problems.field}>
          {(props) => <input {...props} className="short" value={measure.field} spellCheck={false} onChange={(e) => onChange({ field: e.target.value })} />}
        </Field>
        <Field field={`${path}.type`} label="Values" problem={problems.type}>
          {(props) => (
            <select {...props} value={measure.type} onChange={(e) => onChange({ type: e.target.value as MeasureForm['type'] })}>
              <option value="categorical">categories</option>
              <option value="numeric">numbers</option>
            </select>
          )}
        </Field>
      </>)}
      <Field field={`${path}.statistic`} label="Statistic" problem={problems.statistic}>
        {(props) => (
          <select {...props} value={measure.statistic} onChange={(e) => onChange({ statistic: e.target.value as MeasureForm['statistic'] })}>
            <option value="">default ({STATISTIC_TITLES[defaults.statistic]})</option>
            {statisticsFor(measure).map((s) => <option key={s} value={s}>{STATISTIC_TITLES[s]}</option>)}
          </select>
        )}
      </Field>
      <Field field={`${path}.threshold`} label="Threshold" problem={problems.threshold}>
        {(props) => <input {...props} className="short" type="number" step="any" min={0} value={measure.threshold}
          placeholder={`${defaults.threshold}`} onChange={(e) => onChange({ threshold: e.target.value })} />}
      </Field>
      {onRemove && <button type="button" className="remove" onClick={onRemove} aria-label={`Remove measure ${index + 1}`}>Remove</button>}
      {problems[''] && <p className="error" data-problem={path}>{problems['']}</p>}
    </li>
  );
}
