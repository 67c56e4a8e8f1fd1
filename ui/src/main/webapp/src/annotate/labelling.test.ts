import { COMMENT_LENGTH, commentLength, commentProblem, describe as explain, keyAction, labelChoices, rebased, restoreChanges, SHORTCUTS } from './labelling';

describe('labelling', () => {
  it('offers the schema when there is one, else the labels seen, alphabetically, then the ones created', () => {
    expect(labelChoices(['b', 'a'], { predicted_as: { c: 1 } }, ['z'])).toEqual(['b', 'a']);
    expect(labelChoices([], { predicted_as: { spam: 9, ham: 1 }, annotated_as: { phish: 1 } }, ['ham', 'new']))
      .toEqual(['ham', 'phish', 'spam', 'new']);
  });

  it('maps keys to actions, and none while typing or with a modifier', () => {
    expect(keyAction({ key: '3' }, false)).toEqual({ kind: 'label', index: 2 });
    expect(keyAction({ key: 'j' }, false)).toEqual({ kind: 'next' });
    expect(keyAction({ key: 'ArrowUp' }, false)).toEqual({ kind: 'previous' });
    expect(keyAction({ key: 'ArrowRight', shiftKey: true }, false)).toEqual({ kind: 'token', step: 1, extend: true });
    expect(keyAction({ key: 'v' }, true)).toBeNull();
    expect(keyAction({ key: 'v', ctrlKey: true }, false)).toBeNull();
    expect(keyAction({ key: '0' }, false)).toBeNull();
    expect(keyAction({ key: 'Escape' }, true)).toEqual({ kind: 'close' });
  });

  it('describes a version of a record for a conflict', () => {
    expect(explain({ labels: [{ class: 'a' }, { class: 'b' }] }, 'Validated')).toBe('a, b (Validated)');
    expect(explain(undefined, undefined)).toBe('no annotation (Default)');
  });

  it('skips with s and undoes with u or Ctrl+Z, never while typing', () => {
    expect(keyAction({ key: 's' }, false)).toEqual({ kind: 'skip' });
    expect(keyAction({ key: 'u' }, false)).toEqual({ kind: 'undo' });
    expect(keyAction({ key: 'z', ctrlKey: true }, false)).toEqual({ kind: 'undo' });
    expect(keyAction({ key: 'Z', metaKey: true }, false)).toEqual({ kind: 'undo' });
    expect(keyAction({ key: 'z', ctrlKey: true }, true)).toBeNull();
    expect(keyAction({ key: 'z', ctrlKey: true, shiftKey: true }, false)).toBeNull();
  });

  it('takes a record back to how it was: no work, an annotation with its status, a bare status', () => {
    expect(restoreChanges({ id: 1, status: 'Default' })).toEqual([{ status: 'Default' }]);
    expect(restoreChanges({ id: 1 })).toEqual([{ status: 'Default' }]);
    expect(restoreChanges({ id: 1, status: 'Validated', annotation: { agent: 'ana', labels: [{ class: 'ham' }] } }))
      .toEqual([{ annotation: { labels: [{ class: 'ham' }] }, status: 'Validated' }]);
    expect(restoreChanges({ id: 1, status: 'Discarded', annotation: { agent: 'ana' } }))
      .toEqual([{ status: 'Default' }, { status: 'Discarded' }]);
  });

  it('opens a comment with c, a key nothing else takes, never while typing or with a modifier', () => {
    expect(keyAction({ key: 'c' }, false)).toEqual({ kind: 'comment' });
    expect(keyAction({ key: 'c' }, true)).toBeNull();
    expect(keyAction({ key: 'c', ctrlKey: true }, false)).toBeNull();
    expect(SHORTCUTS.filter((s) => /^c\b/.test(s.keys))).toHaveLength(1);
    expect(SHORTCUTS.find((s) => s.keys === 'c')?.what).toMatch(/Ctrl\+Enter posts it, Esc closes/);
  });

  it('takes a comment of 1 to 2000 characters once trimmed, counted as people count them', () => {
    expect(commentProblem('')).toBe('Write something first.');
    expect(commentProblem(' \n\t ')).toBe('Write something first.');
    expect(commentProblem('ambiguous: sarcasm?')).toBeNull();
    expect(commentProblem(` ${'x'.repeat(COMMENT_LENGTH)} `)).toBeNull();
    expect(commentProblem('x'.repeat(COMMENT_LENGTH + 1))).toBe('2001 characters: a comment has at most 2000.');
    expect(commentLength('🤔'.repeat(COMMENT_LENGTH))).toBe(COMMENT_LENGTH);
    expect(commentProblem('🤔'.repeat(COMMENT_LENGTH))).toBeNull();
  });

  it('moves the earlier change of an undone record onto the version the undo left, and no other', () => {
    const stack = [
      { id: '41', version: '1.5', restore: [{ status: 'Default' as const }], before: 'no annotation (Default)' },
      { id: '7', version: '1.6', restore: [{ status: 'Default' as const }], before: 'no annotation (Default)' },
      { id: '41', version: '1.4', restore: [{ status: 'Default' as const }], before: 'older' },
    ];
    expect(rebased(stack, '41', '1.9').map((u) => u.version)).toEqual(['1.5', '1.6', '1.9']);
    expect(rebased(stack, '99', '1.9')).toBe(stack);
  });
});
