import { describe as explain, keyAction, labelChoices } from './labelling';

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
});
