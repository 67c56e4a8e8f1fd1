import type { Agreement, Annotation, Dataset, Me, RecordView, TeamResponse, TeamView } from '../api';
import { keyAction, type KeyAction } from '../annotate/labelling';

/** A dataset whose records need more than one answer: annotators label through their queue, never by direct writes. */
export function isTeamDataset(dataset: Dataset | null | undefined): boolean {
  return (dataset?.settings?.team?.min_submitted ?? 1) > 1;
}

export function canReview(me: Me): boolean {
  return (me.roles ?? []).some((role) => role === 'reviewer' || role === 'admin');
}

/**
 * Whether the annotate tab is the person's queue: annotators in a dataset of more than one answer per record (the
 * server refuses their direct writes there); admins keep the direct labelling beside the queue.
 */
export function annotatesThroughQueue(me: Me, dataset: Dataset | null | undefined): boolean {
  const roles = me.roles ?? [];
  return isTeamDataset(dataset) && roles.includes('annotator') && !roles.includes('admin');
}

/** An annotation as a person sends it: without agent, and without the confidence the server adds to answers. */
export function plainAnnotation(annotation: Annotation | undefined): Annotation | undefined {
  if (!annotation) {
    return undefined;
  }
  const plain: Annotation = {};
  if (annotation.labels) plain.labels = annotation.labels.map((l) => ({ class: l.class }));
  if (annotation.entities) plain.entities = annotation.entities.map(({ start, end, label }) => ({ start, end, label }));
  if (annotation.sentences) plain.sentences = annotation.sentences.map(({ text }) => ({ text }));
  return plain.labels || plain.entities || plain.sentences ? plain : undefined;
}

/** The caller's own response in an answer (annotators only ever get their own). */
export function ownResponse(view: TeamView | null | undefined, user: string): TeamResponse | undefined {
  return view?.responses.find((r) => r.user === user);
}

/** Other people's responses the person may see: none before they answered themselves, and after only by the setting. */
export function othersVisible(view: TeamView, user: string, visibleAfterSubmit: boolean, reviewer: boolean): TeamResponse[] {
  const others = view.responses.filter((r) => r.user !== user);
  if (reviewer) {
    return others;
  }
  const mine = ownResponse(view, user);
  const answered = mine !== undefined && mine.status !== 'draft';
  return answered && visibleAfterSubmit ? others : [];
}

/**
 * An answer in words: its labels, its spans with the words they cover (from {@code text}, the record's, when known;
 * else their character offsets), or its sentences.
 */
export function answerText(annotation: Annotation | undefined, text?: string): string {
  const labels = annotation?.labels?.map((l) => l.class);
  if (labels) return labels.length ? labels.join(', ') : 'no label';
  const entities = annotation?.entities?.map((e) => `${e.label} ${spanWords(text, e.start, e.end)}`);
  if (entities) return entities.length ? entities.join(', ') : 'no span';
  const sentences = annotation?.sentences?.map((s) => s.text);
  if (sentences) return sentences.join(' / ');
  return 'no annotation';
}

/** The text a record's spans point into: {@code raw_text} on the wire (TokenClassification), {@code text} as written. */
export function spannedText(record: Pick<RecordView, 'text' | 'raw_text'> | undefined): string | undefined {
  return record?.raw_text ?? record?.text;
}

/** The longest span shown whole in an answer; a longer one ends with "…". */
const SPAN_SHOWN = 40;

function spanWords(text: string | undefined, start: number, end: number): string {
  if (text === undefined || end > text.length || start >= end) return `${start}–${end}`;
  const words = text.slice(start, end);
  return `“${words.length > SPAN_SHOWN ? `${words.slice(0, SPAN_SHOWN - 1)}…` : words}”`;
}

/** What a kappa cell counts: records, or the tokens of the records for spans (TokenClassification). */
export function kappaUnits(task: string, units: number): string {
  const unit = task === 'TokenClassification' ? 'token' : 'record';
  return `${units.toLocaleString('en')} ${unit}${units === 1 ? '' : 's'}`;
}

/** "3 records left for you" (the count includes the record on screen). */
export function remainingText(remaining: number | undefined): string {
  if (remaining === undefined) return '';
  return `${remaining.toLocaleString('en')} ${remaining === 1 ? 'record' : 'records'} left for you`;
}

/** A figure of agreement to two decimals, or why there is none. */
export function figure(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? 'not enough answers' : value.toFixed(2);
}

export interface KappaCell {
  kappa: number | null;
  units: number;
  agreeing: number;
}

/** Cohen's kappa of each pair as a symmetric matrix over the annotators (alphabetical); no cell for a pair without records. */
export function kappaMatrix(kappa: Agreement['kappa']): { users: string[]; cell: (a: string, b: string) => KappaCell | undefined } {
  const users = [...new Set(kappa.flatMap((k) => [k.first, k.second]))].sort((a, b) => a.localeCompare(b));
  const cells = new Map<string, KappaCell>();
  kappa.forEach((k) => {
    const cell = { kappa: k.kappa, units: k.units, agreeing: k.agreeing };
    cells.set(`${k.first}\n${k.second}`, cell);
    cells.set(`${k.second}\n${k.first}`, cell);
  });
  return { users, cell: (a, b) => cells.get(`${a}\n${b}`) };
}

/** The search query of the review list: the records that need review, or every complete record. */
export function reviewQuery(show: 'needs_review' | 'complete'): Record<string, unknown> {
  return { team: show === 'needs_review' ? { needs_review: true } : { complete: true } };
}

export type QueueAction =
  | { kind: 'label'; index: number }
  | { kind: 'submit' }
  | { kind: 'discard' }
  | { kind: 'draft' }
  | { kind: 'help' }
  | { kind: 'close' }
  | { kind: 'edit' }
  | { kind: 'token'; step: -1 | 1; extend: boolean }
  | { kind: 'removeSpan' };

/**
 * What a key means in the queue: the labelling loop's keys (numbers label, v submits as validate does, d discards,
 * arrows move along tokens, e edits a sentence, ?), and Ctrl+S saves a draft. The loop's other keys (j/k, skip,
 * undo, select) have no sense for one held record: they do nothing.
 */
export function queueKeyAction(event: { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean },
  typing: boolean): QueueAction | null {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
    return { kind: 'draft' };
  }
  const action: KeyAction | null = keyAction(event, typing);
  switch (action?.kind) {
    case 'label': return action;
    case 'validate': return { kind: 'submit' };
    case 'discard': return { kind: 'discard' };
    case 'help': return { kind: 'help' };
    case 'close': return { kind: 'close' };
    case 'edit': return { kind: 'edit' };
    case 'token': return action;
    case 'removeSpan': return action;
    default: return null;
  }
}

export const QUEUE_SHORTCUTS: { keys: string; what: string }[] = [
  { keys: '1 … 9', what: 'label with the n-th label (single label: submits and brings the next record; multi label: toggles)' },
  { keys: 'v', what: 'submit your answer; the next record comes at once' },
  { keys: 'd', what: 'discard: you will not answer this record' },
  { keys: 'Ctrl+S', what: 'save your answer as a draft (it is restored when the record comes back)' },
  { keys: '← / →', what: 'move along the tokens (token classification); with Shift, extend the span' },
  { keys: 'Backspace', what: 'remove the span under the token cursor' },
  { keys: 'e', what: 'edit the sentence (Text2Text)' },
  { keys: '?', what: 'this list' },
  { keys: 'Esc', what: 'close a dialog, leave a text field' },
];

export type ReviewAction =
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'pick'; index: number }
  | { kind: 'label'; index: number }
  | { kind: 'edit' }
  | { kind: 'own' }
  | { kind: 'save' }
  | { kind: 'discard' }
  | { kind: 'help' }
  | { kind: 'token'; step: number; extend: boolean }
  | { kind: 'removeSpan' }
  | { kind: 'close' };

/**
 * The review page's keys: j/k move between records; with no decision open, 1 … 9 pick the n-th response (saved at
 * once), e edits the first submitted one into a decision, o starts an own decision; with a decision open, 1 … 9
 * toggle labels as in the labelling loop (on spans: label the tokens under the cursor), ← / → move along the tokens
 * (Shift extends the span), Backspace removes the span under the cursor, v saves it (Validated), d saves it as
 * Discarded, Esc closes it.
 */
export function reviewKeyAction(event: { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean },
  typing: boolean, editing: boolean): ReviewAction | null {
  if (event.key === 'Escape') return { kind: 'close' };
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'j': case 'ArrowDown': return { kind: 'next' };
    case 'k': case 'ArrowUp': return { kind: 'previous' };
    case 'e': return { kind: 'edit' };
    case 'o': return { kind: 'own' };
    case 'v': return editing ? { kind: 'save' } : null;
    case 'd': return editing ? { kind: 'discard' } : null;
    case 'ArrowLeft': return editing ? { kind: 'token', step: -1, extend: !!event.shiftKey } : null;
    case 'ArrowRight': return editing ? { kind: 'token', step: 1, extend: !!event.shiftKey } : null;
    case 'Backspace': return editing ? { kind: 'removeSpan' } : null;
    case '?': return { kind: 'help' };
    default:
      if (/^[1-9]$/.test(event.key)) {
        const index = Number(event.key) - 1;
        return editing ? { kind: 'label', index } : { kind: 'pick', index };
      }
      return null;
  }
}

export const REVIEW_SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'j or ↓', what: 'next record' },
  { keys: 'k or ↑', what: 'previous record' },
  { keys: '1 … 9', what: 'pick the n-th response as the record’s annotation (saved at once); in an open decision, toggle the n-th label' },
  { keys: 'e', what: 'edit the first submitted response into a decision' },
  { keys: 'o', what: 'write your own decision' },
  { keys: 'v', what: 'save the open decision (Validated)' },
  { keys: 'd', what: 'save the open decision as Discarded' },
  { keys: '← / →', what: 'in an open decision on spans, move along the tokens; with Shift, extend the span' },
  { keys: 'Backspace', what: 'in an open decision on spans, remove the span under the token cursor' },
  { keys: '?', what: 'this list' },
  { keys: 'Esc', what: 'close the decision or a dialog' },
];

/** Whether keys go into a field being typed in (a tick box or a radio button takes no text: shortcuts stay on). */
export function isTyping(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.tagName === 'INPUT') {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target.type ?? 'text').toLowerCase());
  }
  return ['TEXTAREA', 'SELECT'].includes(target.tagName ?? '') || !!target.isContentEditable;
}
