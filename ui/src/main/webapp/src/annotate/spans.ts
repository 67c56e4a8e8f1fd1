/** Token classification: where each token is in the text, and span drafts made of whole tokens. */
export interface Offsets {
  start: number;
  end: number;
}

/** Where the token cursor is in a token-classification record, and where a span being made starts. */
export interface TokenCursor {
  at: number;
  anchor: number | null;
}

export interface Entity {
  start: number;
  end: number;
  label: string;
}

/** Each token's character offsets, found in order in the text; a token not found gets the empty range where it would be. */
export function tokenOffsets(text: string, tokens: string[]): Offsets[] {
  const offsets: Offsets[] = [];
  let cursor = 0;
  for (const token of tokens) {
    const at = text.indexOf(token, cursor);
    if (at < 0) {
      offsets.push({ start: cursor, end: cursor });
    } else {
      offsets.push({ start: at, end: at + token.length });
      cursor = at + token.length;
    }
  }
  return offsets;
}

/** The entity covering tokens {@code from} to {@code to} (inclusive, either order). */
export function entityOf(offsets: Offsets[], from: number, to: number, label: string): Entity {
  const first = Math.min(from, to);
  const last = Math.max(from, to);
  return { start: offsets[first].start, end: offsets[last].end, label };
}

/** The entities with {@code entity} added; spans it overlaps are replaced by it. */
export function withEntity(entities: Entity[], entity: Entity): Entity[] {
  return [...entities.filter((e) => e.end <= entity.start || e.start >= entity.end), entity]
    .sort((a, b) => a.start - b.start);
}

/** The entities without the one covering the token at {@code offsets}. */
export function withoutEntityAt(entities: Entity[], token: Offsets): Entity[] {
  return entities.filter((e) => !(e.start <= token.start && token.end <= e.end));
}

/** The span from the cursor's anchor (or the cursor alone) to the cursor, labelled {@code label}. */
export function spanAtCursor(offsets: Offsets[], cursor: TokenCursor, label: string): Entity {
  return entityOf(offsets, cursor.anchor ?? cursor.at, cursor.at, label);
}

/** The cursor moved {@code step} tokens within {@code tokens}; extending keeps (or sets) the anchor, else drops it. */
export function movedCursor(cursor: TokenCursor, step: number, extend: boolean, tokens: number): TokenCursor {
  const at = Math.max(0, Math.min(tokens - 1, cursor.at + step));
  return { at, anchor: extend ? cursor.anchor ?? cursor.at : null };
}
