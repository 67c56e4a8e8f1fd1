import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type Annotation, type LabelChange, type RecordView } from '../api';
import { annotatedLabels, describe, keyAction, labelsChange, rebased, restoreChanges, toggled, validateChange, type Undoable } from './labelling';
import { movedCursor, spanAtCursor, tokenOffsets, withEntity, withoutEntityAt, type Entity, type TokenCursor } from './spans';

/** Someone else changed the record since this page read it: theirs as it is now, and what this person tried. */
export interface Conflict {
  theirs: RecordView;
  mine: LabelChange;
}

export type { TokenCursor } from './spans';

export interface Annotating {
  focus: number;
  setFocus: (index: number) => void;
  drafts: Record<string, Annotation>;
  conflicts: Record<string, Conflict>;
  errors: Record<string, string>;
  selected: Set<string>;
  toggleSelected: (id: string) => void;
  setSelected: (ids: Set<string>) => void;
  cursor: TokenCursor;
  setCursor: (cursor: TokenCursor) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  historyOf: string | null;
  setHistoryOf: (id: string | null) => void;
  editing: string | null;
  setEditing: (id: string | null) => void;
  /** The record whose comment box is open. */
  commenting: string | null;
  setCommenting: (id: string | null) => void;
  /** Posts a comment on the record as the caller and shows it in the record's history; rejects with the reason. */
  comment: (record: RecordView, text: string) => Promise<void>;
  /** The record whose comment was saved last (for "Comment saved"). */
  commentSaved: string | null;
  /** Grows with every comment saved, so that an open history reads itself again (a comment leaves the version). */
  historyRevision: number;
  /** Number key / label button on a record. */
  label: (record: RecordView, label: string) => void;
  validate: (record: RecordView) => void;
  discard: (record: RecordView) => void;
  setSentence: (record: RecordView, text: string) => void;
  resolve: (record: RecordView, choice: 'mine' | 'theirs') => void;
  /** On to the next record, leaving this one as it is; the page remembers it was skipped. */
  skip: (record: RecordView) => void;
  skipped: Set<string>;
  /** This person's changes in this tab that can be undone, the last one last. */
  undoable: Undoable[];
  undo: () => void;
  /** What the last undo did, or why it could not. */
  undoNote: string | null;
}

/** How many changes back undo reaches. */
const UNDO_DEPTH = 20;

const key = (record: RecordView) => String(record.id);

/** The starting draft of entities: the annotation's, else the prediction's (people mostly correct a model). */
function entitiesOf(record: RecordView, drafts: Record<string, Annotation>): Entity[] {
  return drafts[key(record)]?.entities ?? record.annotation?.entities ?? record.prediction?.entities ?? [];
}

/**
 * The annotation loop of one page of records: focus, drafts, saving with the record's version, conflicts, the
 * keyboard. {@code replace} puts a saved record in place; {@code saved} is told after each save (the sidebar).
 */
export function useAnnotation(props: {
  enabled: boolean;
  dataset: string;
  task: string;
  records: RecordView[];
  labels: string[];
  replace: (record: RecordView) => void;
  saved: () => void;
  /** Moving on from the page's last record: the next page, when there is one. */
  pastLast: () => void;
  /** Moving back from the page's first record: the previous page, when there is one (true when it went there). */
  beforeFirst: () => boolean;
}): Annotating {
  const { enabled, dataset, task, records, labels, replace, saved, pastLast, beforeFirst } = props;
  // set when k leaves the page by its first record: the page before opens at its last record
  const startAtLast = useRef(false);
  const [focus, setFocusState] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, Annotation>>({});
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState<TokenCursor>({ at: 0, anchor: null });
  const [helpOpen, setHelpOpen] = useState(false);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [commenting, setCommentingState] = useState<string | null>(null);
  const [commentSaved, setCommentSaved] = useState<string | null>(null);
  const [historyRevision, setHistoryRevision] = useState(0);
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  // across pages: the last record of a page labelled, the next page shown, undo still takes it back
  const [undoable, setUndoable] = useState<Undoable[]>([]);
  const [undoNote, setUndoNote] = useState<string | null>(null);

  const ids = records.map(key).join('\n');
  useEffect(() => {
    // a new page: start at its first record (its last when the person came back to it with k), nothing pending
    setFocusState(startAtLast.current ? Math.max(0, records.length - 1) : 0);
    if (records.length > 0) {
      startAtLast.current = false; // not while the page is loading (no records yet)
    }
    setDrafts({});
    setConflicts({});
    setErrors({});
    setSelected(new Set());
    setCursor({ at: 0, anchor: null });
    setCommentingState(null);
    setCommentSaved(null);
  }, [ids]);

  const setCommenting = (id: string | null) => {
    setCommentingState(id);
    if (id !== null) {
      setCommentSaved(null);
    }
  };

  const comment = async (record: RecordView, text: string) => {
    const id = key(record);
    await api.comment(dataset, task, record.id, text.trim());
    setCommentingState(null);
    setCommentSaved(id);
    setHistoryOf(id);
    setHistoryRevision((n) => n + 1);
  };

  const setFocus = useCallback((index: number) => {
    setFocusState(Math.max(0, Math.min(records.length - 1, index)));
    setCursor({ at: 0, anchor: null });
  }, [records.length]);

  /** The record after {@code index}: on this page, or the first of the next page. */
  const advance = (index: number) => {
    if (index + 1 >= records.length) {
      pastLast();
    } else {
      setFocus(index + 1);
    }
  };

  const forget = (id: string) => {
    setDrafts(({ [id]: _, ...rest }) => rest);
    setErrors(({ [id]: _, ...rest }) => rest);
  };

  const save = async (record: RecordView, change: LabelChange, version = record.version, moveOn = true) => {
    const id = key(record);
    try {
      const answer = await api.label(dataset, task, record.id, version ?? '', change);
      replace({ ...answer.record, version: answer.version, highlight: record.highlight });
      setUndoable((all) => [...all, {
        id, version: answer.version, restore: restoreChanges(record), before: describe(record.annotation, record.status),
      }].slice(-UNDO_DEPTH));
      setUndoNote(null);
      forget(id);
      setConflicts(({ [id]: _, ...rest }) => rest);
      saved();
      if (moveOn) {
        advance(records.findIndex((r) => key(r) === id));
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.record) {
        const theirs = { ...(e.body.record as RecordView), version: String(e.body.version) };
        setConflicts((all) => ({ ...all, [id]: { theirs, mine: change } }));
      } else {
        setErrors((all) => ({ ...all, [id]: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  const label = (record: RecordView, label: string) => {
    const id = key(record);
    if (task === 'TokenClassification') {
      const offsets = tokenOffsets(record.raw_text ?? '', record.tokens ?? []);
      if (offsets.length === 0) {
        return;
      }
      const entity = spanAtCursor(offsets, cursor, label);
      setDrafts((all) => ({ ...all, [id]: { entities: withEntity(entitiesOf(record, all), entity) } }));
      setCursor({ at: cursor.at, anchor: null });
    } else if (task === 'TextClassification') {
      if (record.multi_label) {
        const current = drafts[id]?.labels?.map((l) => l.class) ?? annotatedLabels(record);
        setDrafts((all) => ({ ...all, [id]: { labels: toggled(current, label).map((c) => ({ class: c })) } }));
      } else {
        void save(record, labelsChange([label]));
      }
    }
  };

  const validate = (record: RecordView) => void save(record, validateChange(drafts[key(record)]));
  const discard = (record: RecordView) => void save(record, drafts[key(record)]
    ? { annotation: drafts[key(record)], status: 'Discarded' } : { status: 'Discarded' });

  const setSentence = (record: RecordView, text: string) =>
    setDrafts((all) => ({ ...all, [key(record)]: { sentences: [{ text }] } }));

  const resolve = (record: RecordView, choice: 'mine' | 'theirs') => {
    const conflict = conflicts[key(record)];
    if (!conflict) {
      return;
    }
    replace(conflict.theirs);
    if (choice === 'mine') {
      void save(conflict.theirs, conflict.mine, conflict.theirs.version, false);
    } else {
      forget(key(record));
      setConflicts(({ [key(record)]: _, ...rest }) => rest);
    }
  };

  const skip = (record: RecordView) => {
    setSkipped((all) => new Set(all).add(key(record)));
    advance(records.findIndex((r) => key(r) === key(record)));
  };

  const undo = async () => {
    const last = undoable[undoable.length - 1];
    if (!last) {
      return;
    }
    setUndoable((all) => all.slice(0, -1));
    try {
      let version = last.version;
      let answer;
      for (const change of last.restore) {
        answer = await api.label(dataset, task, last.id, version, change);
        version = answer.version;
      }
      if (answer) {
        const index = records.findIndex((r) => key(r) === last.id);
        replace({ ...answer.record, version: answer.version, highlight: records[index]?.highlight });
        if (index >= 0) {
          setFocus(index);
        }
      }
      // the person's earlier change of this record now starts from the version the undo left
      setUndoable((all) => rebased(all, last.id, version));
      saved();
      setUndoNote(`Undone: record ${last.id} is back to ${last.before}.`);
    } catch (e) {
      setUndoNote(e instanceof ApiError && e.status === 409
        ? `Not undone: record ${last.id} was changed by someone else since.`
        : `Not undone: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const toggleSelected = (id: string) => setSelected((all) => {
    const next = new Set(all);
    if (!next.delete(id)) {
      next.add(id);
    }
    return next;
  });

  // the keyboard: the latest state through a ref, one listener
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    const typing = !!target && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable);
    const action = keyAction(event, typing);
    const record = records[focus];
    if (!action) {
      return;
    }
    if (action.kind === 'close') {
      setHelpOpen(false);
      setHistoryOf(null);
      setEditing(null);
      setCommentingState(null);
      if (typing) {
        target?.blur();
      }
      return;
    }
    event.preventDefault();
    switch (action.kind) {
      case 'next': advance(focus); break;
      case 'previous':
        if (focus === 0) {
          startAtLast.current = beforeFirst();
        } else {
          setFocus(focus - 1);
        }
        break;
      case 'help': setHelpOpen(true); break;
      case 'label':
        if (record && labels[action.index]) {
          label(record, labels[action.index]);
        }
        break;
      case 'validate': if (record) validate(record); break;
      case 'discard': if (record) discard(record); break;
      case 'select': if (record) toggleSelected(key(record)); break;
      case 'skip': if (record) skip(record); break;
      case 'undo': void undo(); break;
      case 'edit': if (record && task === 'Text2Text') setEditing(key(record)); break;
      case 'history': if (record) setHistoryOf(historyOf === key(record) ? null : key(record)); break;
      case 'comment': if (record) setCommenting(key(record)); break;
      case 'token':
        if (record?.tokens) {
          setCursor(movedCursor(cursor, action.step, action.extend, record.tokens.length));
        }
        break;
      case 'removeSpan':
        if (record?.tokens) {
          const token = tokenOffsets(record.raw_text ?? '', record.tokens)[cursor.at];
          setDrafts((all) => ({ ...all, [key(record)]: { entities: withoutEntityAt(entitiesOf(record, all), token) } }));
        }
        break;
    }
  };
  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled]);

  return {
    focus, setFocus, drafts, conflicts, errors, selected, toggleSelected, setSelected, cursor, setCursor,
    helpOpen, setHelpOpen, historyOf, setHistoryOf, editing, setEditing, commenting, setCommenting, comment, commentSaved,
    historyRevision, label, validate, discard, setSentence, resolve,
    skip, skipped, undoable, undo: () => void undo(), undoNote,
  };
}
