import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { RecordView } from '../api';
import type { Annotating } from '../annotate/useAnnotation';
import { recordMatches, recordText } from '../datasets';
import { heat, labelColour, spanPieces, weightedPieces, withMatches, type Piece } from '../highlight';
import { AnnotationPanel } from './AnnotationPanel';
import { EditableTokens } from './EditableTokens';

/** In annotation mode: the record's place on the page and the page's annotation state. */
export interface CardAnnotation {
  index: number;
  dataset: string;
  task: string;
  labels: string[];
  annotating: Annotating;
}

interface Props {
  record: RecordView;
  onMetadata: (field: string, value: string) => void;
  annotate?: CardAnnotation;
}

/** One record: its text (with the explanation's heat map or the entity spans), labels, status and metadata. */
export function RecordCard({ record, onMetadata, annotate }: Props) {
  const focused = annotate !== undefined && annotate.annotating.focus === annotate.index;
  const element = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) {
      element.current?.scrollIntoView?.({ block: 'nearest' });
    }
  }, [focused]);
  return (
    <li ref={element} className={`record${focused ? ' focused' : ''}`} aria-current={focused ? 'true' : undefined}
      aria-label={`record ${record.id}`}
      onMouseDown={annotate && !focused ? () => annotate.annotating.setFocus(annotate.index) : undefined}>
      {annotate && record.tokens && record.raw_text !== undefined
        ? <EditableTokens record={record} annotating={annotate.annotating} focused={focused} />
        : <RecordText record={record} />}
      {(record.prediction?.sentences || record.annotation?.sentences) && <Sentences record={record} />}
      <p className="labels">
        {record.prediction?.labels?.map((l) => (
          <span key={`p-${l.class}`} className="chip prediction" title={`predicted by ${record.prediction?.agent ?? '?'}`}>
            {l.class} {l.confidence?.toFixed(2)}
          </span>
        ))}
        {record.annotation?.labels?.map((l) => (
          <span key={`a-${l.class}`} className="chip annotation" title={`annotated by ${record.annotation?.agent ?? '?'}`}>{l.class}</span>
        ))}
        {record.predicted && <span className={`okko ${record.predicted}`}>{record.predicted}</span>}
        <span className="status">{record.status}</span>
        {annotate?.annotating.skipped.has(String(record.id)) && <span className="skipped">skipped</span>}
      </p>
      {annotate && <AnnotationPanel record={record} dataset={annotate.dataset} task={annotate.task}
        labels={annotate.labels} annotating={annotate.annotating} />}
      {record.metadata && Object.keys(record.metadata).length > 0 && (
        <details className="metadata">
          <summary>Metadata</summary>
          <dl>
            {Object.entries(record.metadata).map(([field, value]) => (
              <div key={field}>
                <dt>{field}</dt>
                <dd>
                  <button type="button" className="link" title={`filter by ${field}: ${String(value)}`}
                    onClick={() => onMetadata(field, String(value))}>{String(value)}</button>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </li>
  );
}

/** Text2Text: the predicted sentences with their scores, and the person's sentence. */
export function Sentences({ record }: { record: RecordView }) {
  return (
    <div className="sentences">
      {record.prediction?.sentences?.map((sentence, i) => (
        <p key={`p${i}`} className="sentence prediction" title={`predicted by ${record.prediction?.agent ?? '?'}`}>
          <span className="kind">prediction {sentence.score !== undefined && sentence.score !== null ? sentence.score.toFixed(2) : ''}</span>
          {sentence.text}
        </p>
      ))}
      {record.annotation?.sentences?.map((sentence, i) => (
        <p key={`a${i}`} className="sentence annotation" title={`annotated by ${record.annotation?.agent ?? '?'}`}>
          <span className="kind">annotation</span>{sentence.text}
        </p>
      ))}
    </div>
  );
}

export function RecordText({ record }: { record: RecordView }) {
  const matches = recordMatches(record); // the search query's matches, over the heat map or the spans
  if (record.tokens && record.raw_text !== undefined) {
    const spans = [
      ...(record.annotation?.entities ?? []).map((e) => ({ ...e, source: 'annotation' as const })),
      ...(record.prediction?.entities ?? []).map((e) => ({ ...e, source: 'prediction' as const })),
    ];
    const labels = [...new Set(spans.map((s) => s.label))];
    return (
      <>
        <ClampedText>{withMatches(spanPieces(record.raw_text, spans), matches).map((piece, i) => renderPiece(piece, i))}</ClampedText>
        {labels.length > 0 && (
          <p className="legend" aria-label="entity types">
            {labels.map((label) => <span key={label} className="entity" style={{ background: labelColour(label) }}>{label}</span>)}
            <span className="legend-note">solid: annotation · dashed: prediction</span>
          </p>
        )}
      </>
    );
  }
  const text = recordText(record);
  const label = predictedLabel(record);
  const explanation = label ? Object.values(record.explanation ?? {})[0] : undefined;
  if (!explanation || !label) {
    return <ClampedText>{withMatches([{ text }], matches).map((piece, i) => renderPiece(piece, i))}</ClampedText>;
  }
  const weights = explanation.map((t) => ({ token: t.token, weight: t.attributions?.[label] ?? 0 }));
  return (
    <>
      <ClampedText>{withMatches(weightedPieces(text, weights), matches).map((piece, i) => renderPiece(piece, i, label))}</ClampedText>
      <p className="legend" aria-label="attribution legend">
        <span style={{ background: heat(1) }}>towards {label}</span> <span style={{ background: heat(-1) }}>against {label}</span>
      </p>
    </>
  );
}

/** The label the model predicted: its most confident one (the heat map shows the attributions towards it). */
export function predictedLabel(record: RecordView): string | undefined {
  const labels = record.prediction?.labels ?? [];
  return labels.reduce<(typeof labels)[number] | undefined>((best, l) =>
    best === undefined || (l.confidence ?? 0) > (best.confidence ?? 0) ? l : best, undefined)?.class;
}

/**
 * A record's text, a few lines high in the list, whole on request: a text longer than its box gets a button that
 * shows all of it (and its matches) and folds it back. Written left to right or right to left as its script is.
 */
function ClampedText({ children }: { children: ReactNode }) {
  const box = useRef<HTMLParagraphElement>(null);
  const [whole, setWhole] = useState(false);
  const [longer, setLonger] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || whole) {
      return undefined;
    }
    const measure = () => setLonger(element.scrollHeight > element.clientHeight + 1);
    measure();
    // the box changes height without new text: the compact list, a narrower window
    const resized = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    resized?.observe(element);
    return () => resized?.disconnect();
  }, [children, whole]);
  return (
    <>
      <p ref={box} className={`text${whole ? '' : ' clamped'}`} dir="auto">{children}</p>
      {(longer || whole) && (
        <button type="button" className="link more" aria-expanded={whole} onClick={() => setWhole(!whole)}>
          {whole ? 'Show less' : 'Show all'}
        </button>
      )}
    </>
  );
}

/** A piece of text as React text (never HTML): weighted tokens tinted, entity spans marked, the rest plain. */
function renderPiece(piece: Piece, index: number, label?: string) {
  const content = piece.marked ? <mark className="match">{piece.text}</mark> : piece.text;
  if (piece.weight !== undefined && piece.weight !== 0) {
    return (
      <span key={index} className="token" style={{ background: heat(piece.weight) }}
        title={`${label}: ${piece.weight.toFixed(3)}`}>{content}</span>
    );
  }
  if (piece.label) {
    return (
      <mark key={index} className={`entity ${piece.source}`} style={{ background: labelColour(piece.label) }}
        title={`${piece.label} (${piece.source})`}>{content}</mark>
    );
  }
  return <span key={index}>{content}</span>;
}
