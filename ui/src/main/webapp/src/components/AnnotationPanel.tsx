import type { RecordView } from '../api';
import { annotatedLabels, describe } from '../annotate/labelling';
import type { Annotating } from '../annotate/useAnnotation';
import { CommentEditor } from './CommentEditor';
import { HistoryPanel } from './HistoryPanel';

interface Props {
  record: RecordView;
  dataset: string;
  task: string;
  labels: string[];
  annotating: Annotating;
}

/** The controls that label one record: labels (numbered as their keys), validate, discard, history, comment; a conflict. */
export function AnnotationPanel({ record, dataset, task, labels, annotating }: Props) {
  const id = String(record.id);
  const draft = annotating.drafts[id];
  const chosen = draft?.labels?.map((l) => l.class) ?? annotatedLabels(record);
  const conflict = annotating.conflicts[id];
  const error = annotating.errors[id];
  const editing = annotating.editing === id;
  return (
    <div className="annotate" role="group" aria-label={`label record ${id}`}>
      <label className="select">
        <input type="checkbox" aria-label={`select record ${id}`} checked={annotating.selected.has(id)}
          onChange={() => annotating.toggleSelected(id)} />
        select
      </label>
      {task !== 'Text2Text' && (
        <span className="label-buttons" role="group"
          aria-label={task === 'TokenClassification' ? 'label the selected tokens as' : record.multi_label ? 'labels (any number)' : 'label'}>
          {labels.map((label, i) => (
            <button key={label} type="button" aria-pressed={task === 'TextClassification' ? chosen.includes(label) : undefined}
              onClick={() => annotating.label(record, label)}>
              {i < 9 && <kbd>{i + 1}</kbd>} {label}
            </button>
          ))}
        </span>
      )}
      {task === 'Text2Text' && (editing ? (
        <form className="sentence-editor" onSubmit={(e) => { e.preventDefault(); annotating.validate(record); annotating.setEditing(null); }}>
          <label>
            Annotation sentence
            <textarea autoFocus rows={3}
              value={draft?.sentences?.[0]?.text ?? record.annotation?.sentences?.[0]?.text ?? record.prediction?.sentences?.[0]?.text ?? ''}
              onChange={(e) => annotating.setSentence(record, e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  annotating.validate(record);
                  annotating.setEditing(null);
                }
              }} />
          </label>
          <button type="submit">Save sentence</button>
        </form>
      ) : (
        <button type="button" onClick={() => annotating.setEditing(id)}><kbd>e</kbd> Edit sentence</button>
      ))}
      <button type="button" className="validate" onClick={() => annotating.validate(record)}><kbd>v</kbd> Validate</button>
      <button type="button" className="discard" onClick={() => annotating.discard(record)}><kbd>d</kbd> Discard</button>
      <button type="button" className="skip" onClick={() => annotating.skip(record)}><kbd>s</kbd> Skip</button>
      <button type="button" aria-expanded={annotating.historyOf === id}
        onClick={() => annotating.setHistoryOf(annotating.historyOf === id ? null : id)}><kbd>h</kbd> History</button>
      <button type="button" aria-expanded={annotating.commenting === id}
        onClick={() => annotating.setCommenting(annotating.commenting === id ? null : id)}><kbd>c</kbd> Comment</button>
      <span className="comment-status" role="status">{annotating.commentSaved === id ? 'Comment saved' : ''}</span>
      {draft && <span className="pending">unsaved: press v to validate</span>}
      {error && <p role="alert" className="error">{error}</p>}
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            <strong>{conflict.theirs.annotation?.agent ?? 'Someone'}</strong> changed this record meanwhile:{' '}
            <span className="theirs">{describe(conflict.theirs.annotation, conflict.theirs.status)}</span>.
            Yours: <span className="mine">{describe(conflict.mine.annotation ?? record.annotation, conflict.mine.status)}</span>.
          </p>
          <button type="button" onClick={() => annotating.resolve(record, 'mine')}>Apply mine over theirs</button>
          <button type="button" onClick={() => annotating.resolve(record, 'theirs')}>Keep theirs</button>
        </div>
      )}
      {annotating.commenting === id && (
        <CommentEditor recordId={id} post={(text) => annotating.comment(record, text)}
          close={() => annotating.setCommenting(null)} />
      )}
      {annotating.historyOf === id && (
        <HistoryPanel dataset={dataset} task={task} record={record} revision={annotating.historyRevision} />
      )}
    </div>
  );
}
