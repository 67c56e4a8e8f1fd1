import type { Aggregations, Annotation, LabelChange, RecordView } from '../api';

/**
 * The labels a person can pick, in a stable order so that number keys keep their meaning from page to page:
 * the dataset's schema when it has one, else every label seen in predictions and annotations (alphabetical),
 * plus the labels created in this session.
 */
export function labelChoices(schema: string[] | undefined, aggregations: Aggregations | undefined, created: string[]): string[] {
  if (schema && schema.length > 0) {
    return schema;
  }
  const seen = new Set([
    ...Object.keys(aggregations?.predicted_as ?? {}),
    ...Object.keys(aggregations?.annotated_as ?? {}),
  ]);
  const known = [...seen].sort((a, b) => a.localeCompare(b));
  return [...known, ...created.filter((label) => !seen.has(label))];
}

/** The labels the record's annotation gives. */
export function annotatedLabels(record: RecordView): string[] {
  return (record.annotation?.labels ?? []).map((l) => l.class);
}

/** A multi-label draft with {@code label} switched on or off. */
export function toggled(labels: string[], label: string): string[] {
  return labels.includes(label) ? labels.filter((l) => l !== label) : [...labels, label];
}

/** The change that gives a text-classification record these labels and validates it. */
export function labelsChange(labels: string[]): LabelChange {
  return { annotation: { labels: labels.map((label) => ({ class: label })) }, status: 'Validated' };
}

/** The change that validates a record: a draft when there is one, else what it has (the server takes the prediction). */
export function validateChange(draft: Annotation | undefined): LabelChange {
  return draft ? { annotation: draft, status: 'Validated' } : { status: 'Validated' };
}

/** A short text of a record's labels and status, to compare two people's versions. */
export function describe(annotation: Annotation | undefined, status: string | undefined): string {
  const what = annotation?.labels?.map((l) => l.class).join(', ')
    ?? annotation?.entities?.map((e) => e.label).join(', ')
    ?? annotation?.sentences?.map((s) => s.text).join(' / ');
  return `${what ? what : 'no annotation'} (${status ?? 'Default'})`;
}

export type KeyAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'label'; index: number }
  | { kind: 'validate' }
  | { kind: 'discard' }
  | { kind: 'select' }
  | { kind: 'edit' }
  | { kind: 'history' }
  | { kind: 'comment' }
  | { kind: 'help' }
  | { kind: 'skip' }
  | { kind: 'undo' }
  | { kind: 'close' }
  | { kind: 'token'; step: -1 | 1; extend: boolean }
  | { kind: 'removeSpan' };

/** The shortcuts, as the help dialog lists them. */
export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'j or ↓', what: 'next record (at the last one, the next page)' },
  { keys: 'k or ↑', what: 'previous record (at the first one, the previous page, at its last record)' },
  { keys: '1 … 9', what: 'label with the n-th label (single label: saves and moves on; multi label: toggles)' },
  { keys: 'v', what: 'validate (the chosen labels, spans or sentence; else the prediction)' },
  { keys: 'd', what: 'discard' },
  { keys: 's', what: 'skip: on to the next record without labelling this one (it stays as it is)' },
  { keys: 'u or Ctrl+Z', what: 'undo your last change (the record goes back to how it was, as long as nobody changed it since)' },
  { keys: 'x', what: 'select or unselect the record for a bulk change' },
  { keys: '← / →', what: 'move along the tokens (token classification); with Shift, extend the span' },
  { keys: 'Backspace', what: 'remove the span under the token cursor' },
  { keys: 'e', what: 'edit the sentence (Text2Text); Ctrl+Enter saves' },
  { keys: 'h', what: 'show the record’s history' },
  { keys: 'c', what: 'comment on the record for your teammates; Ctrl+Enter posts it, Esc closes' },
  { keys: '?', what: 'this list' },
  { keys: 'Esc', what: 'close a dialog, leave a text field' },
];

interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** What a key press means in annotation mode, or null when it is not a shortcut (typing in a field is never one). */
export function keyAction(event: KeyInput, typing: boolean): KeyAction | null {
  if (event.key === 'Escape') {
    return { kind: 'close' };
  }
  if (!typing && (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'z' && !event.shiftKey) {
    return { kind: 'undo' };
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) {
    return null;
  }
  switch (event.key) {
    case 'j': case 'ArrowDown': return { kind: 'next' };
    case 'k': case 'ArrowUp': return { kind: 'previous' };
    case 'v': return { kind: 'validate' };
    case 'd': return { kind: 'discard' };
    case 'x': return { kind: 'select' };
    case 's': return { kind: 'skip' };
    case 'u': return { kind: 'undo' };
    case 'e': return { kind: 'edit' };
    case 'h': return { kind: 'history' };
    case 'c': return { kind: 'comment' };
    case '?': return { kind: 'help' };
    case 'ArrowLeft': return { kind: 'token', step: -1, extend: !!event.shiftKey };
    case 'ArrowRight': return { kind: 'token', step: 1, extend: !!event.shiftKey };
    case 'Backspace': case 'Delete': return { kind: 'removeSpan' };
    default:
      if (/^[1-9]$/.test(event.key)) {
        return { kind: 'label', index: Number(event.key) - 1 };
      }
      return null;
  }
}

/** The most characters a comment has, once trimmed (the server's limit, annotation-service CommentRequest). */
export const COMMENT_LENGTH = 2000;

/** Characters as people (and the server) count them: code points, so an emoji is one. */
export function commentLength(text: string): number {
  return [...text.trim()].length;
}

/** Why a comment cannot be posted as it is, or null when it can. */
export function commentProblem(text: string): string | null {
  const length = commentLength(text);
  if (length === 0) {
    return 'Write something first.';
  }
  return length > COMMENT_LENGTH ? `${length} characters: a comment has at most ${COMMENT_LENGTH}.` : null;
}

/** A change a person made, and what takes the record back: undone in the reverse order. */
export interface Undoable {
  id: string;
  /** The record's version after the change: an undo over someone else's later change is refused (409). */
  version: string;
  /** The changes that restore the record, in order. */
  restore: LabelChange[];
  /** The record before, in words. */
  before: string;
}

/**
 * The label writes that put a record back as it was: no person's work (Default) removes the annotation; an
 * annotation is given back with its status (the agent becomes the person undoing); a status without annotation
 * (a discard of an unlabelled record) first removes what the change added.
 */
export function restoreChanges(record: RecordView): LabelChange[] {
  const status = (record.status ?? 'Default') as NonNullable<LabelChange['status']>;
  if (status === 'Default') {
    return [{ status: 'Default' }];
  }
  const annotation = withoutAgent(record.annotation);
  return annotation ? [{ annotation, status }] : [{ status: 'Default' }, { status }];
}

function withoutAgent(annotation: Annotation | undefined): Annotation | undefined {
  if (!annotation || !(annotation.labels || annotation.entities || annotation.sentences)) {
    return undefined;
  }
  const { agent: _, ...rest } = annotation;
  return rest;
}

/**
 * The undo list once an undo of record {@code id} left it at {@code version}: the record is as the person's previous
 * change of it left it, so that change's undo applies over the new version (another person's write since would
 * still be refused: only the undo moves the version on here).
 */
export function rebased(undoable: Undoable[], id: string, version: string): Undoable[] {
  const at = undoable.map((u) => u.id).lastIndexOf(id);
  return at < 0 ? undoable : undoable.map((u, i) => (i === at ? { ...u, version } : u));
}
