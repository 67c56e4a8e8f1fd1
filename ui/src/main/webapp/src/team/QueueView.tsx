import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type Annotation, type Dataset, type Me, type ResponseChange, type TeamResponse, type TeamView } from '../api';
import { toggled } from '../annotate/labelling';
import { movedCursor, spanAtCursor, tokenOffsets, withEntity, withoutEntityAt } from '../annotate/spans';
import type { TokenCursor } from '../annotate/useAnnotation';
import { EditableTokens } from '../components/EditableTokens';
import { RecordText, Sentences } from '../components/RecordCard';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { answerText, isTyping, othersVisible, ownResponse, plainAnnotation, QUEUE_SHORTCUTS, queueKeyAction, remainingText, spannedText } from './team';


/** Their own response changed in another tab: what it is now there, and what this tab tried to write. */
interface OwnConflict {
  version: string;
  theirs: TeamResponse | undefined;
  mine: ResponseChange;
}

/** The record answered last, with the others' answers when the dataset shows them after one's own. */
interface LastAnswer {
  id: string;
  /** The record's text (a span's words are shown from it). */
  text?: string;
  mine: ResponseChange;
  others: TeamResponse[] | null;
}

/**
 * "Next record for me": one record at a time from the person's queue (held for them while they answer it), their own
 * draft restored, labelled with the loop's keys; a submit or discard brings the next at once; none left says so.
 * Other people's answers are never shown before the person answered, and after only when the dataset says so.
 * {@code answered}: called after each answer saved, so that the page's facets and progress are read again.
 */
export function QueueView({ dataset, me, labels, answered: onAnswered }: {
  dataset: Dataset; me: Me; labels: string[]; answered?: () => void;
}) {
  const [view, setView] = useState<TeamView | null | 'none'>(null);
  const [draft, setDraft] = useState<Annotation | undefined>(undefined);
  // the version of the person's own response: sent as If-Match once they have one
  const [version, setVersion] = useState<number | string | undefined>(undefined);
  const [restored, setRestored] = useState<TeamResponse | null>(null);
  const [conflict, setConflict] = useState<OwnConflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastAnswer | null>(null);
  const [cursor, setCursor] = useState<TokenCursor>({ at: 0, anchor: null });
  const [editing, setEditing] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // single label: a label submits at once (the loop's way), unless the person chose to pick first and submit or draft
  const [submitOnLabel, setSubmitOnLabel] = useState(true);
  const task = dataset.task;
  const visibleAfter = dataset.settings?.team?.responses_visible_after_submit ?? false;

  const take = (found: TeamView | undefined) => {
    setConflict(null);
    setError(null);
    setCursor({ at: 0, anchor: null });
    setEditing(false);
    if (!found) {
      setView('none');
      return;
    }
    const mine = ownResponse(found, me.username);
    setView(found);
    setDraft(plainAnnotation(mine?.annotation));
    setVersion(mine?.version);
    setRestored(mine ?? null);
  };

  const next = () => {
    setBusy(true);
    return api.queueNext(dataset.name, task).then(take)
      .catch((e: Error) => setError(`The next record could not be had: ${e.message}`))
      .finally(() => setBusy(false));
  };

  useEffect(() => {
    setView(null);
    setLast(null);
    void next();
  }, [dataset.name, task]);

  const current = view && view !== 'none' ? view : null;
  const record = current?.record;
  const id = record ? String(record.id) : '';

  const write = async (change: ResponseChange, writeVersion = version) => {
    if (!record || busy) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.respond(dataset.name, task, record.id, change, writeVersion);
      const mine = ownResponse(answer, me.username);
      setConflict(null);
      if (change.status === 'draft') {
        setVersion(mine?.version);
        setView({ ...current!, ...answer, remaining: current!.remaining, claimed_until: current!.claimed_until });
        setNote(`Draft saved for record ${id}.`);
        setBusy(false);
        return;
      }
      const answered: LastAnswer = { id, text: spannedText(record), mine: { status: change.status, annotation: mine?.annotation ?? change.annotation }, others: null };
      setLast(answered);
      onAnswered?.();
      setNote(`Record ${id} ${change.status === 'submitted' ? 'submitted' : 'discarded'}.`);
      if (visibleAfter) {
        api.responses(dataset.name, task, record.id).then((all) => setLast((shown) => (shown?.id === answered.id
          ? { ...answered, others: othersVisible(all, me.username, visibleAfter, false) } : shown))).catch(() => undefined);
      }
      await next();
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError && e.status === 409) {
        setConflict({ version: String(e.body?.version ?? ''), theirs: e.body?.response as TeamResponse | undefined, mine: change });
      } else if (e instanceof ApiError && e.status === 428) {
        // this tab had no response of theirs, yet one exists: another tab wrote it first; read it and say so
        try {
          const theirs = ownResponse(await api.responses(dataset.name, task, record.id), me.username);
          setConflict({ version: String(theirs?.version ?? ''), theirs, mine: change });
        } catch (again) {
          setError(again instanceof Error ? again.message : String(again));
        }
      } else if (e instanceof ApiError && e.status === 400) {
        const errors = (e.body?.errors as { field?: string; reason?: string; message?: string }[] | undefined) ?? [];
        setError(errors.length
          ? errors.map((x) => `${x.field ?? ''}: ${x.reason ?? x.message ?? e.message}`).join('; ')
          : change.status === 'submitted' && !change.annotation ? 'Choose a label first: there is nothing to submit.' : e.message);
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    }
  };

  const submit = () => void write(draft ? { status: 'submitted', annotation: draft } : { status: 'submitted' });
  const discard = () => void write(draft ? { status: 'discarded', annotation: draft } : { status: 'discarded' });
  const saveDraft = () => {
    if (draft) {
      void write({ status: 'draft', annotation: draft });
    } else {
      setError('Choose a label first: an empty draft is not saved.');
    }
  };

  const startEntities = () => draft?.entities ?? record?.prediction?.entities ?? [];
  const label = (name: string) => {
    if (!record) return;
    if (task === 'TokenClassification') {
      const offsets = tokenOffsets(record.raw_text ?? '', record.tokens ?? []);
      if (offsets.length === 0) return;
      setDraft({ entities: withEntity(startEntities(), spanAtCursor(offsets, cursor, name)) });
      setCursor({ at: cursor.at, anchor: null });
    } else if (task === 'TextClassification') {
      if (record.multi_label || !submitOnLabel) {
        setDraft({ labels: (record.multi_label ? toggled(draft?.labels?.map((l) => l.class) ?? [], name) : [name]).map((c) => ({ class: c })) });
      } else {
        void write({ status: 'submitted', annotation: { labels: [{ class: name }] } });
      }
    }
  };

  const resolve = (choice: 'mine' | 'theirs') => {
    if (!conflict) return;
    setVersion(conflict.version);
    if (choice === 'mine') {
      void write(conflict.mine, conflict.version);
    } else {
      setDraft(plainAnnotation(conflict.theirs?.annotation));
      setConflict(null);
      if (conflict.theirs && conflict.theirs.status !== 'draft') {
        setNote(`The other tab ${conflict.theirs.status} record ${id}; taking your next record.`);
        void next();
      }
    }
  };

  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    const typing = isTyping(target);
    const action = queueKeyAction(event, typing);
    if (!action) return;
    if (action.kind === 'close') {
      setHelpOpen(false);
      setEditing(false);
      if (typing) target?.blur();
      return;
    }
    if (helpOpen) return;
    event.preventDefault();
    switch (action.kind) {
      case 'help': setHelpOpen(true); break;
      case 'label': if (labels[action.index]) label(labels[action.index]); break;
      case 'submit': submit(); break;
      case 'discard': discard(); break;
      case 'draft': saveDraft(); break;
      case 'edit': if (task === 'Text2Text') setEditing(true); break;
      case 'token':
        if (record?.tokens) {
          setCursor(movedCursor(cursor, action.step, action.extend, record.tokens.length));
        }
        break;
      case 'removeSpan':
        if (record?.tokens) {
          const token = tokenOffsets(record.raw_text ?? '', record.tokens)[cursor.at];
          setDraft({ entities: withoutEntityAt(startEntities(), token) });
        }
        break;
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const chosen = draft?.labels?.map((l) => l.class) ?? [];
  const sentence = draft?.sentences?.[0]?.text ?? record?.prediction?.sentences?.[0]?.text ?? '';
  return (
    <section className="queue" aria-label="your queue">
      <div className="queue-bar">
        <p className="remaining" role="status">
          {current ? remainingText(current.remaining) : view === 'none' ? 'Nothing left for you' : ''}
        </p>
        <button type="button" onClick={() => setHelpOpen(true)}><kbd>?</kbd> Shortcuts</button>
        {dataset.settings?.guidelines && (
          <details className="guidelines"><summary>Guidelines</summary><p>{dataset.settings.guidelines}</p></details>
        )}
        <span className="undo-note" role="status">{note}</span>
      </div>
      {view === null && <p className="loading">Taking your next record…</p>}
      {view === 'none' && (
        <div className="queue-done">
          <h2>Nothing left for you</h2>
          <p>Every record that still needs an answer has one from you, or enough people are answering it now.</p>
          <button type="button" onClick={() => void next()}>Look again</button>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {record && current && (
        <article className="record focused queue-record" aria-label={`record ${id}`}>
          {task === 'TokenClassification' && record.tokens && record.raw_text !== undefined
            ? <EditableTokens record={{ ...record, annotation: undefined }} focused
                annotating={{ drafts: draft ? { [id]: draft } : {}, cursor, setCursor }} />
            : <RecordText record={{ ...record, annotation: undefined }} />}
          {record.prediction?.sentences && <Sentences record={{ ...record, annotation: undefined }} />}
          <p className="labels">
            {record.prediction?.labels?.map((l) => (
              <span key={`p-${l.class}`} className="chip prediction" title={`predicted by ${record.prediction?.agent ?? '?'}`}>
                predicted {l.class} {l.confidence?.toFixed(2)}
              </span>
            ))}
            <span className="status">record {id}</span>
          </p>
          {restored && (
            <p className="restored">
              Your {restored.status} answer{restored.at ? ` of ${new Date(restored.at).toLocaleString('en')}` : ''}:{' '}
              <strong>{answerText(restored.annotation, spannedText(record))}</strong>
              {restored.status === 'draft' ? ' — restored below.' : '.'}
            </p>
          )}
          <div className="annotate" role="group" aria-label={`answer record ${id}`}>
            {task !== 'Text2Text' && (
              <span className="label-buttons" role="group"
                aria-label={task === 'TokenClassification' ? 'label the selected tokens as' : record.multi_label ? 'labels (any number)' : 'label'}>
                {labels.map((name, i) => (
                  <button key={name} type="button" disabled={busy}
                    aria-pressed={task === 'TextClassification' ? chosen.includes(name) : undefined}
                    onClick={() => label(name)}>
                    {i < 9 && <kbd>{i + 1}</kbd>} {name}
                  </button>
                ))}
              </span>
            )}
            {task === 'Text2Text' && (editing ? (
              <label className="sentence-editor">
                Your sentence
                <textarea autoFocus rows={3} value={sentence}
                  onChange={(e) => setDraft({ sentences: [{ text: e.target.value }] })} />
              </label>
            ) : <button type="button" onClick={() => setEditing(true)}><kbd>e</kbd> Edit sentence</button>)}
            <button type="button" className="validate" disabled={busy} onClick={submit}><kbd>v</kbd> Submit</button>
            <button type="button" className="discard" disabled={busy} onClick={discard}><kbd>d</kbd> Discard</button>
            <button type="button" disabled={busy} onClick={saveDraft}><kbd>Ctrl+S</kbd> Save draft</button>
            {task === 'TextClassification' && !record.multi_label && (
              <label className="inline-check">
                <input type="checkbox" checked={submitOnLabel} onChange={(e) => setSubmitOnLabel(e.target.checked)} /> a label submits
              </label>
            )}
            {current.claimed_until && (
              <small className="claim">held for you until {new Date(current.claimed_until).toLocaleTimeString('en')}</small>
            )}
            {conflict && (
              <div className="conflict" role="alert">
                <p>
                  Your answer to this record changed in another tab: there it is{' '}
                  <strong className="theirs">{conflict.theirs ? `${answerText(conflict.theirs.annotation, spannedText(record))} (${conflict.theirs.status})` : 'gone'}</strong>.
                  This tab’s: <strong className="mine">{answerText(conflict.mine.annotation ?? draft, spannedText(record))} ({conflict.mine.status})</strong>.
                </p>
                <button type="button" onClick={() => resolve('mine')}>Save this tab’s answer over it</button>
                <button type="button" onClick={() => resolve('theirs')}>Keep the other tab’s</button>
              </div>
            )}
          </div>
        </article>
      )}
      {last && (
        <aside className="last-answer" aria-label="your last answer">
          <p>
            Last: record {last.id}, your answer <strong>{answerText(last.mine.annotation, last.text)}</strong> ({last.mine.status}).
          </p>
          {last.others && (last.others.length > 0 ? (
            <ul>
              {last.others.map((r) => <li key={r.user}>{r.user}: {answerText(r.annotation, last.text)} ({r.status})</li>)}
            </ul>
          ) : <p>No one else has answered it yet.</p>)}
        </aside>
      )}
      {helpOpen && <ShortcutsDialog title="Keyboard shortcuts of your queue" shortcuts={QUEUE_SHORTCUTS} onClose={() => setHelpOpen(false)} />}
    </section>
  );
}
