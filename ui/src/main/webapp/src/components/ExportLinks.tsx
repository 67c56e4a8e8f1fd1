import { exportFormats, exportUrl, MAX_EXPORT_URL, type Dataset, type ExportFormat } from '../api';

const TITLES: Record<ExportFormat, string> = { jsonl: 'JSONL', csv: 'CSV', conll: 'CoNLL' };

interface Props {
  dataset: string;
  task: Dataset['task'];
  /** The API query of the view on screen: its text, facets, metadata and confidence filters. */
  query: Record<string, unknown>;
  workspace?: string;
  /** How many records the query matches: what the file will hold. */
  total: number;
}

/**
 * The records of the view on screen as a file: one plain link per format, which the browser downloads as it streams
 * (nothing is held in the page).
 */
export function ExportLinks({ dataset, task, query, workspace, total }: Props) {
  const count = `${total.toLocaleString('en')} ${total === 1 ? 'record' : 'records'}`;
  const links = exportFormats(task).map((format) => ({ format, href: exportUrl(dataset, task, query, format, workspace) }));
  return (
    <div className="export" role="group" aria-label="export">
      {links.some(({ href }) => href.length > MAX_EXPORT_URL)
        ? <span>This query is too long to export by a link: shorten the search or remove a filter.</span>
        : (
          <>
            <span>Export them as</span>
            {links.map(({ format, href }) => (
              <a key={format} href={href} download={`${dataset}.${format}`} aria-label={`Export ${count} as ${TITLES[format]}`}>
                {TITLES[format]}
              </a>
            ))}
          </>
        )}
    </div>
  );
}
