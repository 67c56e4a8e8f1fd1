import { useId, useState } from 'react';
import { COMMENT_LENGTH, commentLength, commentProblem } from '../annotate/labelling';

interface Props {
  recordId: string;
  /** Posts the text; rejects with the reason the server gave. */
  post: (text: string) => Promise<void>;
  close: () => void;
}

/** A short note on a record for the team: Ctrl+Enter or the button posts it, Esc (the page's) or Cancel closes. */
export function CommentEditor({ recordId, post, close }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const countId = useId();
  const length = commentLength(text);

  const submit = async () => {
    const problem = commentProblem(text);
    if (problem) {
      setError(problem);
      return;
    }
    if (posting) {
      return;
    }
    setPosting(true);
    setError(null);
    try {
      await post(text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPosting(false);
    }
  };

  return (
    <form className="comment-editor" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>
        Comment on record {recordId}
        <textarea autoFocus rows={3} value={text} aria-describedby={countId}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }} />
      </label>
      <small id={countId} className={length > COMMENT_LENGTH ? 'over' : undefined}>
        {length} / {COMMENT_LENGTH} characters · Ctrl+Enter posts
      </small>
      <button type="submit" disabled={posting}>Post comment</button>
      <button type="button" onClick={close}>Cancel</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
