import { describe, expect, it } from 'vitest';
import type { Dataset, Me, TeamView } from '../api';
import {
  annotatesThroughQueue, answerText, figure, kappaUnits, spannedText, isTeamDataset, isTyping, kappaMatrix, othersVisible, plainAnnotation,
  queueKeyAction, remainingText, reviewKeyAction, reviewQuery,
} from './team';

const dataset = (min?: number): Dataset => ({
  name: 'd', task: 'TextClassification',
  settings: min === undefined ? {} : { team: { min_submitted: min, resolution: 'review', responses_visible_after_submit: false } },
});
const me = (...roles: string[]): Me => ({ username: 'ana', roles });

const view: TeamView = {
  version: '1.4', record: { id: 'r1' }, answers: 2, complete: true, needs_review: true,
  responses: [
    { user: 'ana', status: 'submitted', annotation: { agent: 'ana', labels: [{ class: 'spam', confidence: 1 }] }, version: 2 },
    { user: 'cara', status: 'submitted', annotation: { agent: 'cara', labels: [{ class: 'ham', confidence: 1 }] }, version: 1 },
  ],
};

describe('team labelling', () => {
  it('sends annotators of a dataset of several answers per record to their queue, never admins', () => {
    expect(isTeamDataset(dataset())).toBe(false);
    expect(isTeamDataset(dataset(1))).toBe(false);
    expect(isTeamDataset(dataset(2))).toBe(true);
    expect(annotatesThroughQueue(me('annotator'), dataset(2))).toBe(true);
    expect(annotatesThroughQueue(me('annotator'), dataset(1))).toBe(false);
    expect(annotatesThroughQueue(me('annotator', 'admin'), dataset(3))).toBe(false);
    expect(annotatesThroughQueue(me('annotator'), null)).toBe(false);
  });

  it('shows an annotator the others’ answers only after answering, and only when the dataset says so', () => {
    expect(othersVisible(view, 'ana', false, false)).toEqual([]);
    expect(othersVisible(view, 'ana', true, false).map((r) => r.user)).toEqual(['cara']);
    const drafted = { ...view, responses: [{ ...view.responses[0], status: 'draft' as const }, view.responses[1]] };
    expect(othersVisible(drafted, 'ana', true, false)).toEqual([]);
    const none = { ...view, responses: [view.responses[1]] };
    expect(othersVisible(none, 'ana', true, false)).toEqual([]);
    expect(othersVisible(none, 'rita', false, true).map((r) => r.user)).toEqual(['cara']);
  });

  it('sends an answer back without agent or confidence', () => {
    expect(plainAnnotation(view.responses[0].annotation)).toEqual({ labels: [{ class: 'spam' }] });
    expect(plainAnnotation({ agent: 'x', entities: [{ start: 0, end: 3, label: 'PER' }] })).toEqual({ entities: [{ start: 0, end: 3, label: 'PER' }] });
    expect(plainAnnotation({ agent: 'x' })).toBeUndefined();
    expect(plainAnnotation(undefined)).toBeUndefined();
  });

  it('says answers, counts and figures in words', () => {
    expect(answerText({ labels: [{ class: 'a' }, { class: 'b' }] })).toBe('a, b');
    expect(answerText({ labels: [] })).toBe('no label');
    expect(answerText({ entities: [{ start: 0, end: 3, label: 'PER' }] })).toBe('PER 0–3');
    // with the record's text, a span shows the words it covers; a long one is cut; offsets past the text stay numbers
    const text = 'Pitch Dark Bar Opens for Blind Dates, and a subject line far longer than forty characters';
    expect(answerText({ entities: [{ start: 0, end: 5, label: 'spam' }, { start: 11, end: 14, label: 'ham' }] }, text))
      .toBe('spam “Pitch”, ham “Bar”');
    expect(answerText({ entities: [{ start: 0, end: text.length, label: 'spam' }] }, text))
      .toBe('spam “Pitch Dark Bar Opens for Blind Dates, a…”');
    expect(answerText({ entities: [{ start: 0, end: 500, label: 'spam' }] }, text)).toBe('spam 0–500');
    // a span record's text comes as raw_text on the wire
    expect(spannedText({ raw_text: 'Re: Gasp!' })).toBe('Re: Gasp!');
    expect(spannedText({ text: 'Re: Gasp!' })).toBe('Re: Gasp!');
    expect(spannedText(undefined)).toBeUndefined();
    expect(answerText(undefined)).toBe('no annotation');
    expect(remainingText(1)).toBe('1 record left for you');
    expect(remainingText(6046)).toBe('6,046 records left for you');
    expect(figure(4 / 9)).toBe('0.44');
    expect(figure(0)).toBe('0.00');
    expect(figure(-0.25)).toBe('-0.25');
    expect(figure(null)).toBe('not enough answers');
  });

  it('counts a kappa cell in records, or in tokens for spans', () => {
    expect(kappaUnits('TextClassification', 1)).toBe('1 record');
    expect(kappaUnits('TextClassification', 1200)).toBe('1,200 records');
    expect(kappaUnits('TokenClassification', 5)).toBe('5 tokens');
    expect(kappaUnits('TokenClassification', 1)).toBe('1 token');
  });

  it('makes a symmetric kappa matrix over the annotators', () => {
    const { users, cell } = kappaMatrix([
      { first: 'ana', second: 'dan', kappa: 0, units: 1, agreeing: 0 },
      { first: 'ana', second: 'cara', kappa: null, units: 1, agreeing: 1 },
    ]);
    expect(users).toEqual(['ana', 'cara', 'dan']);
    expect(cell('dan', 'ana')).toEqual({ kappa: 0, units: 1, agreeing: 0 });
    expect(cell('ana', 'cara')?.kappa).toBeNull();
    expect(cell('cara', 'dan')).toBeUndefined();
  });

  it('asks for the records that need review, or every complete one', () => {
    expect(reviewQuery('needs_review')).toEqual({ team: { needs_review: true } });
    expect(reviewQuery('complete')).toEqual({ team: { complete: true } });
  });

  it('keeps the loop’s keys in the queue: numbers label, v submits, d discards, Ctrl+S drafts', () => {
    expect(queueKeyAction({ key: '2' }, false)).toEqual({ kind: 'label', index: 1 });
    expect(queueKeyAction({ key: 'v' }, false)).toEqual({ kind: 'submit' });
    expect(queueKeyAction({ key: 'd' }, false)).toEqual({ kind: 'discard' });
    expect(queueKeyAction({ key: 's', ctrlKey: true }, false)).toEqual({ kind: 'draft' });
    expect(queueKeyAction({ key: 's', ctrlKey: true }, true)).toEqual({ kind: 'draft' });
    expect(queueKeyAction({ key: 's' }, false)).toBeNull(); // no skip: the record is held for the person
    expect(queueKeyAction({ key: 'j' }, false)).toBeNull();
    expect(queueKeyAction({ key: '2' }, true)).toBeNull();
    expect(queueKeyAction({ key: 'ArrowRight', shiftKey: true }, false)).toEqual({ kind: 'token', step: 1, extend: true });
  });

  it('picks with numbers on the review page, and labels with them in an open decision', () => {
    expect(reviewKeyAction({ key: '1' }, false, false)).toEqual({ kind: 'pick', index: 0 });
    expect(reviewKeyAction({ key: '1' }, false, true)).toEqual({ kind: 'label', index: 0 });
    expect(reviewKeyAction({ key: 'v' }, false, false)).toBeNull();
    expect(reviewKeyAction({ key: 'v' }, false, true)).toEqual({ kind: 'save' });
    expect(reviewKeyAction({ key: 'd' }, false, true)).toEqual({ kind: 'discard' });
    expect(reviewKeyAction({ key: 'o' }, false, false)).toEqual({ kind: 'own' });
    expect(reviewKeyAction({ key: 'j' }, true, false)).toBeNull();
    expect(reviewKeyAction({ key: 'Escape' }, true, true)).toEqual({ kind: 'close' });
  });

  it('moves along the tokens and removes spans only in an open decision on the review page', () => {
    expect(reviewKeyAction({ key: 'ArrowRight' }, false, true)).toEqual({ kind: 'token', step: 1, extend: false });
    expect(reviewKeyAction({ key: 'ArrowLeft', shiftKey: true }, false, true)).toEqual({ kind: 'token', step: -1, extend: true });
    expect(reviewKeyAction({ key: 'Backspace' }, false, true)).toEqual({ kind: 'removeSpan' });
    expect(reviewKeyAction({ key: 'ArrowRight' }, false, false)).toBeNull();
    expect(reviewKeyAction({ key: 'Backspace' }, false, false)).toBeNull();
    expect(reviewKeyAction({ key: 'ArrowDown' }, false, true)).toEqual({ kind: 'next' });
  });

  it('leaves shortcuts on in tick boxes and radio buttons, not in text fields', () => {
    expect(isTyping({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTyping({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTyping({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTyping({ tagName: 'INPUT' })).toBe(true);
    expect(isTyping({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTyping({ tagName: 'BUTTON' })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
