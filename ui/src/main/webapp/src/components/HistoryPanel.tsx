import { useEffect, useState } from 'react';
import { api, type HistoryEvent, type RecordView } from '../api';
import { describe } from '../annotate/labelling';

interface Props {
  dataset: string;
  task: string;
  record: RecordView;
  /** Changes when something that leaves the record's version as it is (a comment) joined its history. */
  revision?: number;
}

/** Who labelled what on a record, and who said what about it, and when, newest first. */
export function HistoryPanel({ dataset, task, record, revision }: Props) {
  const [events, setEvents] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.history(dataset, task, record.id).then(setEvents).catch((e) => setError(String(e.message ?? e)));
  }, [dataset, task, record.id, record.version, revision]);
  return (
    <section className="history" aria-label={`history of record ${record.id}`}>
      <h3>History</h3>
      {error && <p role="alert">{error}</p>}
      {events && events.length === 0 && <p>No one has labelled or commented on this record yet.</p>}
      {events && events.length > 0 && (
        <ol>
          {events.map((event) => (
            <li key={event.event_id}>
              <time dateTime={event.at}>{new Date(event.at).toLocaleString('en')}</time>{' '}
              <strong>{event.agent}</strong>{' '}
              {event.action === 'comment' ? <>commented: <span className="comment-text">{event.text}</span></>
                : event.action === 'delete' ? 'deleted the record' : (
                <>{event.action === 'import' ? 'imported' : 'set'} {describe(event.after?.annotation, event.after?.status)}
                  {' '}(was {describe(event.before?.annotation, event.before?.status)})</>
              )}
              {event.job_id && <small> · bulk job</small>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
