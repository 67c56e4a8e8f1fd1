import { entityOf, movedCursor, spanAtCursor, tokenOffsets, withEntity, withoutEntityAt } from './spans';

describe('span drafts', () => {
  const text = 'Ana flew to New York.';
  const offsets = tokenOffsets(text, ['Ana', 'flew', 'to', 'New', 'York', '.']);

  it('finds each token in the text in order', () => {
    expect(offsets).toEqual([{ start: 0, end: 3 }, { start: 4, end: 8 }, { start: 9, end: 11 },
      { start: 12, end: 15 }, { start: 16, end: 20 }, { start: 20, end: 21 }]);
  });

  it('makes a span of whole tokens, in either direction, replacing the spans it overlaps', () => {
    const city = entityOf(offsets, 4, 3, 'LOC');
    expect(text.slice(city.start, city.end)).toBe('New York');
    const entities = withEntity([{ start: 0, end: 3, label: 'PER' }, { start: 16, end: 20, label: 'ORG' }], city);
    expect(entities).toEqual([{ start: 0, end: 3, label: 'PER' }, { start: 12, end: 20, label: 'LOC' }]);
    expect(withoutEntityAt(entities, offsets[4])).toEqual([{ start: 0, end: 3, label: 'PER' }]);
  });

  it('labels the span from the anchor to the cursor, and moves the cursor within the tokens', () => {
    expect(spanAtCursor(offsets, { at: 4, anchor: 3 }, 'LOC')).toEqual({ start: 12, end: 20, label: 'LOC' });
    expect(spanAtCursor(offsets, { at: 0, anchor: null }, 'PER')).toEqual({ start: 0, end: 3, label: 'PER' });
    expect(movedCursor({ at: 3, anchor: null }, 1, true, 6)).toEqual({ at: 4, anchor: 3 });
    expect(movedCursor({ at: 4, anchor: 3 }, 1, true, 6)).toEqual({ at: 5, anchor: 3 });
    expect(movedCursor({ at: 5, anchor: 3 }, 1, false, 6)).toEqual({ at: 5, anchor: null });
    expect(movedCursor({ at: 0, anchor: null }, -1, false, 6)).toEqual({ at: 0, anchor: null });
  });
});
