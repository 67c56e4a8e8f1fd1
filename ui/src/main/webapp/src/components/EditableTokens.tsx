import type { RecordView } from '../api';
import type { Annotating } from '../annotate/useAnnotation';
import { tokenOffsets } from '../annotate/spans';
import { labelColour } from '../highlight';

/**
 * A token-classification record being labelled: each token can be reached by the keyboard cursor or picked by
 * dragging the mouse over it; the draft's spans (the annotation's, else the prediction's) are coloured.
 */
export function EditableTokens({ record, annotating, focused }: {
  record: RecordView; annotating: Pick<Annotating, 'drafts' | 'cursor' | 'setCursor'>; focused: boolean;
}) {
  const text = record.raw_text ?? '';
  const tokens = record.tokens ?? [];
  const offsets = tokenOffsets(text, tokens);
  const entities = annotating.drafts[String(record.id)]?.entities ?? record.annotation?.entities ?? record.prediction?.entities ?? [];
  const { at, anchor } = annotating.cursor;
  const [low, high] = anchor === null ? [at, at] : [Math.min(at, anchor), Math.max(at, anchor)];

  const onMouseUp = () => {
    const selection = window.getSelection();
    const tokenOf = (node: Node | null | undefined) =>
      (node instanceof Element ? node : node?.parentElement)?.closest('[data-token]')?.getAttribute('data-token');
    const from = tokenOf(selection?.anchorNode);
    const to = tokenOf(selection?.focusNode);
    if (from != null && to != null) {
      annotating.setCursor({ at: Number(to), anchor: from === to ? null : Number(from) });
      selection?.removeAllRanges(); // the tokens chosen show as chosen; the browser's own highlight would hide the span
    }
  };

  const pieces = [];
  let cursor = 0;
  offsets.forEach((o, i) => {
    if (o.start > cursor) {
      pieces.push(<span key={`g${i}`}>{text.slice(cursor, o.start)}</span>);
    }
    const entity = entities.find((e) => e.start <= o.start && o.end <= e.end);
    const inSelection = focused && i >= low && i <= high;
    pieces.push(
      <span key={i} data-token={i}
        className={`tok${inSelection ? ' chosen' : ''}${focused && i === at ? ' at' : ''}${entity ? ' entity annotation' : ''}`}
        style={entity ? { background: labelColour(entity.label) } : undefined}
        title={entity ? entity.label : undefined}>
        {text.slice(o.start, o.end)}
      </span>,
    );
    // a span's label follows its last token, so that every span says what it is, not only its colour
    if (entity && !(offsets[i + 1] && offsets[i + 1].end <= entity.end)) {
      pieces.push(<sup key={`l${i}`} className="span-label">{entity.label}</sup>);
    }
    cursor = Math.max(cursor, o.end);
  });
  if (cursor < text.length) {
    pieces.push(<span key="tail">{text.slice(cursor)}</span>);
  }
  const labels = [...new Set(entities.map((e) => e.label))];
  return (
    <>
      <p className="text tokens" onMouseUp={onMouseUp} aria-label="tokens: drag over them, or use ← → and Shift">{pieces}</p>
      {labels.length > 0 && (
        <p className="legend" aria-label="entity types">
          {labels.map((label) => <span key={label} className="entity" style={{ background: labelColour(label) }}>{label}</span>)}
        </p>
      )}
    </>
  );
}
