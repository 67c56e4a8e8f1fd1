/** Pieces of a text: plain runs and marked runs (a token with a weight, or an entity span with a label). */
export interface Piece {
  text: string;
  weight?: number;
  label?: string;
  source?: 'prediction' | 'annotation';
  /** A match of the search query. */
  marked?: boolean;
}

/**
 * The text cut at each token of {@code attributions}, found in order (each after the previous one), each token
 * carrying its weight; tokens not found are skipped, so a text and its explanation that disagree still show.
 */
export function weightedPieces(text: string, attributions: { token: string; weight: number }[]): Piece[] {
  const pieces: Piece[] = [];
  let cursor = 0;
  for (const { token, weight } of attributions) {
    const at = token ? text.indexOf(token, cursor) : -1;
    if (at < 0) {
      continue;
    }
    if (at > cursor) {
      pieces.push({ text: text.slice(cursor, at) });
    }
    pieces.push({ text: token, weight });
    cursor = at + token.length;
  }
  if (cursor < text.length) {
    pieces.push({ text: text.slice(cursor) });
  }
  return pieces;
}

/** The text cut at entity spans (character offsets); overlapping or out-of-range spans are left out. */
export function spanPieces(text: string, spans: { start: number; end: number; label: string; source: 'prediction' | 'annotation' }[]): Piece[] {
  const pieces: Piece[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor || span.end > text.length || span.end <= span.start) {
      continue;
    }
    if (span.start > cursor) {
      pieces.push({ text: text.slice(cursor, span.start) });
    }
    pieces.push({ text: text.slice(span.start, span.end), label: span.label, source: span.source });
    cursor = span.end;
  }
  if (cursor < text.length) {
    pieces.push({ text: text.slice(cursor) });
  }
  return pieces;
}

/** A background for a weight in [-1, 1]: towards the label in orange, against it in blue, transparent at 0. */
export function heat(weight: number): string {
  const w = Math.max(-1, Math.min(1, weight));
  return w >= 0 ? `rgba(240, 120, 40, ${(w * 0.8).toFixed(2)})` : `rgba(50, 110, 220, ${(-w * 0.8).toFixed(2)})`;
}

const PALETTE = ['#f4b6c2', '#b6d7f4', '#c8f4b6', '#f4e3b6', '#d9b6f4', '#b6f4ee', '#f4cdb6', '#c9c9f4'];

/** A stable colour per entity label. */
export function labelColour(label: string): string {
  let hash = 0;
  for (const c of label) {
    hash = (hash * 31 + c.charCodeAt(0)) | 0;
  }
  return PALETTE[Math.abs(hash) % PALETTE.length];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&#x2F;': '/' };

/**
 * A highlighted field (HTML-escaped by Elasticsearch, matches between <mark> and </mark>) as pieces of plain
 * text, so that the page renders it as text: nothing in a record's text can become markup.
 */
export function markedPieces(highlighted: string): { text: string; marked: boolean }[] {
  return highlighted.split(/(<mark>|<\/mark>)/).reduce<{ pieces: { text: string; marked: boolean }[]; inside: boolean }>(
    ({ pieces, inside }, part) => {
      if (part === '<mark>' || part === '</mark>') {
        return { pieces, inside: part === '<mark>' };
      }
      const text = part.replace(/&(amp|lt|gt|quot|#x27|#39|#x2F);/g, (entity) => ENTITIES[entity]);
      return { pieces: text ? [...pieces, { text, marked: inside }] : pieces, inside };
    }, { pieces: [], inside: false }).pieces;
}

/** The character ranges of a highlighted field's matches, in the field's own text. */
export function markedRanges(highlighted: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let at = 0;
  for (const piece of markedPieces(highlighted)) {
    if (piece.marked) {
      ranges.push({ start: at, end: at + piece.text.length });
    }
    at += piece.text.length;
  }
  return ranges;
}

/** The pieces cut further where matches begin and end, the matched parts marked: a heat map or spans keep showing. */
export function withMatches(pieces: Piece[], ranges: { start: number; end: number }[]): Piece[] {
  if (ranges.length === 0) {
    return pieces;
  }
  const cuts = ranges.flatMap((r) => [r.start, r.end]);
  const result: Piece[] = [];
  let offset = 0;
  for (const piece of pieces) {
    const end = offset + piece.text.length;
    const inside = [offset, ...cuts.filter((c) => c > offset && c < end), end];
    for (let i = 0; i < inside.length - 1; i++) {
      const [from, to] = [inside[i], inside[i + 1]];
      const marked = ranges.some((r) => r.start <= from && to <= r.end);
      result.push({ ...piece, text: piece.text.slice(from - offset, to - offset), ...(marked ? { marked } : {}) });
    }
    offset = end;
  }
  return result;
}
