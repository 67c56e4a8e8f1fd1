import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type Annotation, type Dataset, type RecordView, type ReviewDecision, type TeamResponse, type TeamView } from '../api';
import { toggled } from '../annotate/labelling';
import { movedCursor, spanAtCursor, tokenOffsets, withEntity, withoutEntityAt, type Entity, type TokenCursor } from '../annotate/spans';
import { EditableTokens } from '../components/EditableTokens';
import { RecordText, Sentences } from '../components/RecordCard';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { answerText, isTyping, plainAnnotation, REVIEW_SHORTCUTS, reviewKeyAction, reviewQuery, spannedText } from './team';


const REVIEW_PAGE = 10;

/** A record under review: its responses, an open decision, and what happened to the last save. */
interface Item {
  id: string;
  view: TeamView | null;
  /** The decision being written (from a response, or the reviewer's own): labels, or spans on a span dataset. */
  editing: { labels: string[]; entities: Entity[]; from: string | null } | null;
  note: string | null;
  problem: string | null;
  saved: boolean;
}

/**
 * The records whose answers need a reviewer (or every complete record), each with every response side by side with
 * its author and status: pick one, edit one into a decision, or write one's own; saved over the record's version, and
 * a record that moved meanwhile is shown as it is now. {@code decided}: called after each decision saved, so that the
 * page's facets and progress are read again.
 */
export function ReviewView({ dataset, labels, decided }: { dataset: Dataset; labels: string[]; decided?: () => void }) {
  const [show, setShow] = useState<'needs_review' | 'complete'>('needs_review');
  const [from, setFrom] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [items, setItems] = useState<Item[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [focus, setFocus] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const task = dataset.task;
  const spans = task === 'TokenClassification';
  const editable = task === 'TextClassification' || spans;
  // where the keys and the mouse are in the open decision's tokens (spans)
  const [cursor, setCursor] = useState<TokenCursor>({ at: 0, anchor: null });

  const load = () => {
    setItems(null);
    setFailure(null);
    api.teamSearch(dataset.name, task, reviewQuery(show), from, REVIEW_PAGE).then(async (found) => {
      setTotal(found.total);
      const views = await Promise.all(found.records.map((r) => api.responses(dataset.name, task, r.id).catch(() => null)));
      setItems(found.records.map((r, i) => ({
        id: String(r.id), view: views[i], editing: null, note: null, saved: false,
        problem: views[i] ? null : 'Its responses could not be read.',
      })));
      setFocus(0);
    }).catch((e: Error) => setFailure(e.message));
  };
  useEffect(load, [dataset.name, task, show, from]);

  const decidedHere = items?.filter((item) => item.saved).length ?? 0;
  const update = (id: string, change: (item: Item) => Item) =>
    setItems((all) => all && all.map((item) => (item.id === id ? change(item) : item)));

  const decide = async (item: Item, decision: ReviewDecision, what: string) => {
    if (!item.view) return;
    update(item.id, (i) => ({ ...i, problem: null, note: 'Saving…' }));
    try {
      const answer = await api.review(dataset.name, task, item.id, item.view.version, decision);
      update(item.id, (i) => ({ ...i, view: { ...i.view!, ...answer }, editing: null, saved: true, note: `Decided: ${what}.` }));
      decided?.();
      if (items && focus < items.length - 1) setFocus(focus + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.record) {
        const now = e.body as unknown as { version: string; record: RecordView; responses: TeamResponse[] };
        update(item.id, (i) => ({
          ...i, view: { ...i.view!, version: String(now.version), record: now.record, responses: now.responses ?? i.view!.responses },
          note: null, editing: null,
          problem: `Record ${item.id} changed since you read it (now ${describeRecord(now.record)}); it is shown as it is now: decide again.`,
        }));
      } else {
        update(item.id, (i) => ({ ...i, note: null, problem: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  const pick = (item: Item, response: TeamResponse) => void decide(item, { pick: response.user }, `${response.user}’s answer, ${answerText(response.annotation, spannedText(item.view?.record))}`);
  const firstSubmitted = (item: Item) => item.view?.responses.find((r) => r.status === 'submitted');
  const edit = (item: Item, response: TeamResponse | undefined) => {
    const plain = plainAnnotation(response?.annotation);
    setCursor({ at: 0, anchor: null });
    update(item.id, (i) => ({
      ...i, editing: { labels: (plain?.labels ?? []).map((l) => l.class), entities: plain?.entities ?? [], from: response?.user ?? null },
    }));
  };
  const offsetsOf = (item: Item) => tokenOffsets(item.view?.record.raw_text ?? '', item.view?.record.tokens ?? []);
  const toggleLabel = (item: Item, name: string) => {
    if (spans) {
      const offsets = offsetsOf(item);
      if (offsets.length === 0) return;
      update(item.id, (i) => i.editing ? {
        ...i, editing: { ...i.editing, entities: withEntity(i.editing.entities, spanAtCursor(offsets, cursor, name)) },
      } : i);
      setCursor({ at: cursor.at, anchor: null });
      return;
    }
    update(item.id, (i) => i.editing ? {
      ...i, editing: { ...i.editing, labels: item.view?.record.multi_label ? toggled(i.editing.labels, name) : [name] },
    } : i);
  };
  const removeSpan = (item: Item) => {
    const token = offsetsOf(item)[cursor.at];
    if (token) update(item.id, (i) => i.editing ? { ...i, editing: { ...i.editing, entities: withoutEntityAt(i.editing.entities, token) } } : i);
  };
  const moveCursor = (item: Item, step: number, extend: boolean) => {
    const count = item.view?.record.tokens?.length ?? 0;
    if (count === 0) return;
    setCursor(movedCursor(cursor, step, extend, count));
  };
  const saveEdited = (item: Item, status: 'Validated' | 'Discarded') => {
    if (!item.editing) return;
    const annotation: Annotation = spans ? { entities: item.editing.entities } : { labels: item.editing.labels.map((c) => ({ class: c })) };
    void decide(item, { annotation, status }, `${answerText(annotation, spannedText(item.view?.record))} (${status})`);
  };

  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    const typing = isTyping(target);
    const item = items?.[focus];
    const action = reviewKeyAction(event, typing, !!item?.editing);
    if (!action || !items) return;
    if (action.kind === 'close') {
      if (helpOpen) setHelpOpen(false);
      else if (item?.editing) update(item.id, (i) => ({ ...i, editing: null }));
      return;
    }
    if (helpOpen) return;
    event.preventDefault();
    switch (action.kind) {
      case 'next': setFocus(Math.min(items.length - 1, focus + 1)); break;
      case 'previous': setFocus(Math.max(0, focus - 1)); break;
      case 'help': setHelpOpen(true); break;
      case 'pick': {
        const response = item?.view?.responses[action.index];
        if (item && response && response.status === 'submitted') pick(item, response);
        break;
      }
      case 'label': if (item && labels[action.index]) toggleLabel(item, labels[action.index]); break;
      case 'edit': if (item && editable) edit(item, firstSubmitted(item)); break;
      case 'own': if (item && editable) edit(item, undefined); break;
      case 'save': if (item) saveEdited(item, 'Validated'); break;
      case 'discard': if (item) saveEdited(item, 'Discarded'); break;
      case 'token': if (item?.editing && spans) moveCursor(item, action.step, action.extend); break;
      case 'removeSpan': if (item?.editing && spans) removeSpan(item); break;
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <section className="review" aria-label="review">
      <div className="queue-bar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Records to show</legend>
          <label><input type="radio" name="review-show" checked={show === 'needs_review'}
            onChange={() => { setShow('needs_review'); setFrom(0); }} /> Needs review</label>
          <label><input type="radio" name="review-show" checked={show === 'complete'}
            onChange={() => { setShow('complete'); setFrom(0); }} /> All complete records</label>
        </fieldset>
        <p className="remaining" aria-live="polite">
          {reviewCount(total, show, decidedHere)}
        </p>
        <button type="button" onClick={load}>Reload</button>
        <button type="button" onClick={() => setHelpOpen(true)}><kbd>?</kbd> Shortcuts</button>
      </div>
      {failure && <p role="alert" className="problem">The records could not be read: {failure}</p>}
      {!items && !failure && <p className="loading">Loading the records to review…</p>}
      {items && items.length === 0 && (
        <p className="queue-done">{show === 'needs_review' ? 'No record needs review.' : 'No record is complete yet.'}</p>
      )}
      {items && items.length > 0 && (
        <ol className="records review-list">
          {items.map((item, index) => (
            <ReviewCard key={item.id} item={item} focused={index === focus} labels={labels} editable={editable}
              spans={spans ? { cursor, setCursor } : undefined}
              onFocus={() => setFocus(index)} onPick={(r) => pick(item, r)} onEdit={(r) => edit(item, r)}
              onToggle={(name) => toggleLabel(item, name)} onSave={(status) => saveEdited(item, status)}
              onCancel={() => update(item.id, (i) => ({ ...i, editing: null }))} />
          ))}
        </ol>
      )}
      {total !== null && total > REVIEW_PAGE && (
        <nav className="pager" aria-label="pages">
          <button type="button" disabled={from === 0} onClick={() => setFrom(Math.max(0, from - REVIEW_PAGE))}>Previous</button>
          <span>{from + 1}–{Math.min(total, from + REVIEW_PAGE)} of {total.toLocaleString('en')}</span>
          <button type="button" disabled={from + REVIEW_PAGE >= total} onClick={() => setFrom(from + REVIEW_PAGE)}>Next</button>
        </nav>
      )}
      {helpOpen && <ShortcutsDialog title="Keyboard shortcuts of the review" shortcuts={REVIEW_SHORTCUTS} onClose={() => setHelpOpen(false)} />}
    </section>
  );
}

/**
 * "3 records need review" (less those decided on this page since it was read: they stay on it, marked decided, until
 * the next page or a reload), or "12 records complete".
 */
function reviewCount(total: number | null, show: 'needs_review' | 'complete', decidedHere: number): string {
  if (total === null) return '';
  if (show === 'complete') return `${total.toLocaleString('en')} ${total === 1 ? 'record' : 'records'} complete`;
  const left = Math.max(0, total - decidedHere);
  return `${left.toLocaleString('en')} ${left === 1 ? 'record needs' : 'records need'} review`
    + (decidedHere > 0 ? ` · ${decidedHere.toLocaleString('en')} decided on this page` : '');
}

function describeRecord(record: RecordView): string {
  return `${answerText(record.annotation, spannedText(record))}, ${record.status ?? 'Default'}${record.annotation?.agent ? ` by ${record.annotation.agent}` : ''}`;
}

function ReviewCard({ item, focused, labels, editable, spans, onFocus, onPick, onEdit, onToggle, onSave, onCancel }: {
  item: Item; focused: boolean; labels: string[]; editable: boolean; onFocus: () => void;
  /** On a span dataset: the token cursor of the open decision. */
  spans?: { cursor: TokenCursor; setCursor: (cursor: TokenCursor) => void };
  onPick: (response: TeamResponse) => void; onEdit: (response: TeamResponse | undefined) => void;
  onToggle: (label: string) => void; onSave: (status: 'Validated' | 'Discarded') => void; onCancel: () => void;
}) {
  const element = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) element.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  const view = item.view;
  const record = view?.record;
  const final = record?.annotation;
  return (
    <li ref={element} className={`record review-item${focused ? ' focused' : ''}`} aria-current={focused ? 'true' : undefined}
      aria-label={`record ${item.id}`} onMouseDown={focused ? undefined : onFocus}>
      {record && (spans && item.editing && record.tokens && record.raw_text !== undefined
        ? <EditableTokens record={{ ...record, annotation: undefined, prediction: undefined }} focused
            annotating={{ drafts: { [item.id]: { entities: item.editing.entities } }, cursor: spans.cursor, setCursor: spans.setCursor }} />
        : <RecordText record={{ ...record, annotation: undefined }} />)}
      {record?.prediction?.sentences && <Sentences record={{ ...record, annotation: undefined }} />}
      {view && (
        <p className="labels">
          <span className="status">
            {view.answers} {view.answers === 1 ? 'answer' : 'answers'} · {view.agreed ? 'they agree' : 'they disagree'} ·{' '}
            record {record?.status ?? 'Default'}
            {final && <> · annotation <strong>{answerText(final, spannedText(record))}</strong>{final.agent ? ` by ${final.agent}` : ''}</>}
          </span>
          {view.review && (
            <span className="reviewed"> · reviewed by {view.review.by}{view.review.pick ? ` (picked ${view.review.pick})` : ''}</span>
          )}
        </p>
      )}
      {view && (
        <ul className="responses" aria-label={`responses to record ${item.id}`}>
          {view.responses.map((response, i) => (
            <li key={response.user} className={`response ${response.status}${item.editing?.from === response.user ? ' chosen' : ''}`}
              aria-label={`response of ${response.user}`}>
              <p className="who">{i < 9 && <kbd>{i + 1}</kbd>} <strong>{response.user}</strong> <span className={`state ${response.status}`}>{response.status}</span></p>
              <p className="answer">{answerText(response.annotation, spannedText(record))}</p>
              {response.at && <p className="when">{new Date(response.at).toLocaleString('en')}</p>}
              {response.status === 'submitted' && (
                <p className="actions">
                  <button type="button" onClick={() => onPick(response)}>Pick {response.user}’s</button>
                  {editable && <button type="button" onClick={() => onEdit(response)}>Edit</button>}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="annotate" role="group" aria-label={`decide record ${item.id}`}>
        {item.editing ? (
          <>
            <span className="label-buttons" role="group" aria-label="decision labels">
              {labels.map((name, i) => (
                <button key={name} type="button" aria-pressed={spans ? undefined : item.editing!.labels.includes(name)} onClick={() => onToggle(name)}>
                  {i < 9 && <kbd>{i + 1}</kbd>} {name}
                </button>
              ))}
            </span>
            <button type="button" className="validate" onClick={() => onSave('Validated')}><kbd>v</kbd> Save decision</button>
            <button type="button" className="discard" onClick={() => onSave('Discarded')}><kbd>d</kbd> Save as discarded</button>
            <button type="button" onClick={onCancel}><kbd>Esc</kbd> Cancel</button>
            <small>{item.editing.from ? `starting from ${item.editing.from}’s answer` : 'your own decision'}
              {spans && ': select tokens (← / →, Shift to extend, or the mouse), then a label'}</small>
          </>
        ) : editable && (
          <button type="button" onClick={() => onEdit(undefined)}><kbd>o</kbd> Write your own</button>
        )}
        <span className="comment-status" role="status">{item.note ?? ''}</span>
        {item.problem && <p role="alert" className="conflict">{item.problem}</p>}
      </div>
    </li>
  );
}
