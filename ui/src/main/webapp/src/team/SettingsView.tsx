import { useState, type FormEvent } from 'react';
import { api, ApiError, type Dataset, type TeamSettings } from '../api';

/** Why a save was refused, with the fields the server named. */
function reason(e: unknown): string {
  if (e instanceof ApiError) {
    const errors = (e.body?.errors as { field?: string; reason?: string; message?: string }[] | undefined) ?? [];
    return errors.length ? errors.map((x) => `${x.field}: ${x.reason ?? x.message ?? ''}`).join('; ') : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The dataset's settings, for admins: the label schema and guidelines, and how a team answers its records. */
export function SettingsView({ dataset, saved }: { dataset: Dataset; saved: () => void }) {
  const team = dataset.settings?.team;
  const [labels, setLabels] = useState((dataset.settings?.labels ?? []).join('\n'));
  const [guidelines, setGuidelines] = useState(dataset.settings?.guidelines ?? '');
  const [minSubmitted, setMinSubmitted] = useState(String(team?.min_submitted ?? 1));
  const [resolution, setResolution] = useState<TeamSettings['resolution']>(team?.resolution ?? 'review');
  const [visible, setVisible] = useState(team?.responses_visible_after_submit ?? false);
  const [schemaNote, setSchemaNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [teamNote, setTeamNote] = useState<{ ok: boolean; text: string } | null>(null);

  const saveSchema = (event: FormEvent) => {
    event.preventDefault();
    const list = labels.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    api.settings(dataset.name, list, guidelines).then(() => {
      setSchemaNote({ ok: true, text: `Saved: ${list.length ? `${list.length} labels` : 'any label allowed'}.` });
      saved();
    }).catch((e) => setSchemaNote({ ok: false, text: `Not saved: ${reason(e)}` }));
  };
  const saveTeam = (event: FormEvent) => {
    event.preventDefault();
    const settings: TeamSettings = { min_submitted: Number(minSubmitted), resolution, responses_visible_after_submit: visible };
    api.teamSettings(dataset.name, settings).then((answer) => {
      setTeamNote({ ok: true, text: `Saved: ${answer.min_submitted} ${answer.min_submitted === 1 ? 'answer' : 'answers'} per record, ${answer.resolution}.` });
      saved();
    }).catch((e) => setTeamNote({ ok: false, text: `Not saved: ${reason(e)}` }));
  };

  return (
    <section className="settings" aria-label="settings">
      <form onSubmit={saveSchema} className="settings-form">
        <h2>Labels and guidelines</h2>
        <label>
          Label schema <small>one label a line; none: any label</small>
          <textarea rows={6} value={labels} onChange={(e) => setLabels(e.target.value)} />
        </label>
        <label>
          Guidelines
          <textarea rows={5} value={guidelines} onChange={(e) => setGuidelines(e.target.value)} />
        </label>
        <button type="submit">Save labels and guidelines</button>
        <p role="status" className={schemaNote?.ok === false ? 'error' : 'saved'}>{schemaNote?.text ?? ''}</p>
      </form>
      <form onSubmit={saveTeam} className="settings-form">
        <h2>Team labelling</h2>
        <label>
          Answers per record
          <input type="number" min={1} max={10} required value={minSubmitted} onChange={(e) => setMinSubmitted(e.target.value)}
            aria-describedby="min-submitted-help" />
        </label>
        <small id="min-submitted-help">
          1: the first answer is the record’s annotation (annotators may label directly). More: each annotator answers
          through their queue, and no record goes to more people than this at once.
        </small>
        <label>
          When the answers are in
          <select value={resolution} onChange={(e) => setResolution(e.target.value as TeamSettings['resolution'])}>
            <option value="review">a reviewer decides</option>
            <option value="majority">they become the annotation when they agree (a disagreement goes to review)</option>
          </select>
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />
          Annotators see the others’ answers to a record once they have answered it
        </label>
        <button type="submit">Save team labelling</button>
        <p role="status" className={teamNote?.ok === false ? 'error' : 'saved'}>{teamNote?.text ?? ''}</p>
      </form>
    </section>
  );
}
