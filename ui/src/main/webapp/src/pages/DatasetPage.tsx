import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type AnnotatorProgress, type Dataset, type DatasetSummary, type Me, type RecordView, type SearchResults } from '../api';
import { labelChoices } from '../annotate/labelling';
import { useAnnotation } from '../annotate/useAnnotation';
import { BulkBar } from '../components/BulkBar';
import { ConfidenceHistogram } from '../components/ConfidenceHistogram';
import { ExportLinks } from '../components/ExportLinks';
import { FacetList, FilterChips } from '../components/FacetList';
import { ProgressSidebar } from '../components/ProgressSidebar';
import { RecordCard } from '../components/RecordCard';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { canAnnotate, isAdmin } from '../roles';
import { AgreementPanel } from '../team/AgreementPanel';
import { QueueView } from '../team/QueueView';
import { ReviewView } from '../team/ReviewView';
import { SettingsView } from '../team/SettingsView';
import { DriftNotice } from '../monitors/DriftNotice';
import { RulesView } from '../rules/RulesView';
import { rulesOffered } from '../rules/rules';
import { annotatesThroughQueue, canReview } from '../team/team';
import { formatRoute, monitorsRoute, nextPage, NO_FILTERS, parseRoute, setRange, toggle, toQuery, WINDOW, type DatasetRoute, type NumberRange, type Route } from '../routes';
import { PAGE_SIZE, rememberTask, searchFacets, searchView, takeEarlyReads, viewKey } from './datasetView';

/** Sort choices: wire field names of the search API. */
const SORTS: { value: string; title: string }[] = [
  { value: '', title: 'relevance' },
  { value: 'last_updated~desc', title: 'last updated, newest first' },
  { value: 'event_timestamp~desc', title: 'event time, newest first' },
  { value: 'confidence~asc', title: 'confidence, lowest first' },
  { value: 'confidence~desc', title: 'confidence, highest first' },
  { value: 'id~asc', title: 'id' },
  { value: 'status~asc', title: 'status' },
];

/**
 * A dataset's records, facets and progress. {@code listed}: the dataset as the datasets list gave it, when the
 * person came from there; its task lets the first search start without waiting for the descriptor.
 */
export function DatasetPage({ route, go, me, listed }: {
  route: DatasetRoute; go: (route: Route) => void; me: Me; listed?: Dataset | null;
}) {
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [results, setResults] = useState<SearchResults | null>(null);
  // the last results shown of this dataset: while the next view of it loads, its facets stay where they were (a range
  // being typed in one of them is kept), beside the records' place saying they load; never its records
  const [lastShown, setLastShown] = useState<SearchResults | null>(null);
  const [summary, setSummary] = useState<DatasetSummary | null>(null);
  // the dataset cannot be read (unknown here, or another workspace's): the page says so, with the way back
  const [missing, setMissing] = useState<string | null>(null);
  // this view's search was refused (a query Elasticsearch cannot parse, a page past the window): said beside it
  const [refused, setRefused] = useState<ApiError | Error | null>(null);
  const [draft, setDraft] = useState(route.query);
  const [created, setCreated] = useState<string[]>([]);
  const [datasetAggregations, setDatasetAggregations] = useState<SearchResults['aggregations']>(undefined);
  const [newLabel, setNewLabel] = useState('');
  const mayAnnotate = canAnnotate(me);
  const loaded = dataset?.name === route.name ? dataset : null;
  // an annotator in a dataset of several answers per record labels through their queue (the direct write is refused)
  const throughQueue = annotatesThroughQueue(me, loaded);
  const annotateMode = route.mode === 'annotate' && mayAnnotate && (isAdmin(me) || (loaded !== null && !throughQueue));
  const queueMode = mayAnnotate && (route.mode === 'queue' || (route.mode === 'annotate' && throughQueue));
  const reviewMode = route.mode === 'review' && canReview(me);
  const settingsMode = route.mode === 'settings' && isAdmin(me);
  const agreementMode = route.mode === 'agreement';
  // the rules of a text or token classification dataset (a Text2Text one has no labels to vote for)
  const rulesMode = route.mode === 'rules' && (!loaded || rulesOffered(loaded.task));
  const labellingMode = annotateMode || queueMode || reviewMode;
  // per-person progress of a team dataset, over the view's query (sidebar)
  const [annotators, setAnnotators] = useState<AnnotatorProgress[] | null>(null);

  const loadSummary = useCallback((task: string) =>
    api.summary(route.name, task).then(setSummary).catch(() => setSummary(null)), [route.name]);

  const view = viewKey(route);
  const shownView = useRef(view);
  shownView.current = view;
  // an answer for a view no longer on screen (the person moved on before it came) is dropped: a late answer to the view
  // before must never stand under the new one's filters
  const forView = <T,>(asked: string, use: (value: T) => void) => (value: T) => {
    if (shownView.current === asked) {
      use(value);
    }
  };

  // the descriptor is read once per dataset: another view of it (a page, a filter, a sort) searches at once
  const descriptor = useRef<{ key: string; found: Promise<Dataset> } | null>(null);
  const datasetKey = `${route.workspace ?? ''}/${route.name}`;
  const readDataset = () => {
    if (descriptor.current?.key !== datasetKey) {
      const found = api.dataset(route.name);
      found.then((read) => rememberTask(route.workspace, read)).catch(() => undefined);
      descriptor.current = { key: datasetKey, found };
      found.catch(() => { if (descriptor.current?.found === found) descriptor.current = null; });
    }
    return descriptor.current.found;
  };

  const show = (found: Dataset) => {
    void loadSummary(found.task);
    return searchView(route, found.task).then(forView(view, setResults));
  };
  const fail = forView(view, (e: Error) => setRefused(e));

  useEffect(() => {
    if (results) {
      setLastShown(results);
    }
  }, [results]);
  useEffect(() => setLastShown(null), [datasetKey]);
  // while the next view loads, the records' place keeps the height it had, its "Loading" in sight wherever the page is
  // scrolled (a facet clicked low in the column): the page neither shrinks under the person nor hides that it loads
  const shownRecords = useRef<HTMLElement>(null);
  const shownHeight = useRef(0);
  useLayoutEffect(() => {
    if (results && shownRecords.current) {
      shownHeight.current = shownRecords.current.offsetHeight;
    }
  }, [results]);

  useEffect(() => {
    setDraft(route.query);
    setResults(null); // never show the records of the previous view under the new filters
    setMissing(null);
    setRefused(null);
    const early = takeEarlyReads(view);
    if (early) {
      descriptor.current = { key: datasetKey, found: early.dataset };
    }
    const reading = readDataset();
    reading.then(setDataset).catch((e: Error) => setMissing(e.message));
    if (early) {
      early.summary.then(setSummary).catch(() => setSummary(null));
      early.results.then(forView(view, setResults)).catch(fail);
    } else {
      // opened from the list, its task is known: the search need not wait for the descriptor
      const listedHere = listed?.name === route.name && listed.workspace === route.workspace;
      (listedHere ? Promise.resolve(listed) : reading).then(show).catch(fail);
    }
    // the view's text is the key: a new object for the same view must not search again
  }, [view]);

  // the label choices come from the whole dataset (not the filtered view), so number keys keep their meaning
  useEffect(() => {
    setDatasetAggregations(undefined);
    if (dataset && dataset.name === route.name && labellingMode && !(dataset.settings?.labels?.length)) {
      api.search(route.name, dataset.task, { query: {} }, 0, 0)
        .then((all) => setDatasetAggregations(all.aggregations)).catch(() => undefined);
    }
  }, [dataset?.name, dataset?.task, labellingMode]);

  // what each person did, in the sidebar of a team dataset: over the view's query, again after labels
  const [teamRevision, setTeamRevision] = useState(0);
  useEffect(() => {
    setAnnotators(null);
    if (loaded?.settings?.team) {
      api.agreement(route.name, loaded.task, toQuery(route.query, route.filters))
        .then((found) => setAnnotators(found.annotators)).catch(() => undefined);
    }
  }, [view, loaded?.task, loaded?.settings?.team?.min_submitted, teamRevision]);

  // labels do not wait for a refresh: read the sidebar, the facets' counts and the total again once the index has
  // refreshed (1 s), once per burst; the records stay as they are on screen (a labelled record does not vanish mid-page)
  const summaryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saved = useCallback(() => {
    clearTimeout(summaryTimer.current);
    summaryTimer.current = setTimeout(() => {
      if (!dataset) {
        return;
      }
      void loadSummary(dataset.task);
      setTeamRevision((n) => n + 1);
      const countedView = view;
      searchFacets(route, dataset.task).then((fresh) => {
        if (shownView.current === countedView) {
          setResults((current) => current && { ...current, total: fresh.total, aggregations: fresh.aggregations });
        }
      }).catch(() => undefined);
    }, 1200);
  }, [dataset, loadSummary, view]);
  useEffect(() => () => clearTimeout(summaryTimer.current), []);

  const replace = useCallback((record: RecordView) => setResults((current) => current && {
    ...current, records: current.records.map((r) => (String(r.id) === String(record.id) ? record : r)),
  }), []);

  const sideResults = results ?? (refused ? null : lastShown);
  const pages = results ? Math.max(1, Math.ceil(results.total / PAGE_SIZE)) : 1;
  const toPage = (next: DatasetRoute) => {
    rememberPageBefore(next, route);
    go(next);
  };
  // from the page's last record, the keyboard goes on with the records after it (by cursor: labelled records that
  // left a filtered view must not shift the next page past records nobody saw)
  const pastLast = () => {
    if (results && route.pageNumber < pages) {
      toPage(results.next_cursor ? { ...route, pageNumber: route.pageNumber + 1, cursor: results.next_cursor }
        : nextPage(route, PAGE_SIZE, results.next_cursor));
    }
  };

  const labels = labelChoices(dataset?.settings?.labels, datasetAggregations, created);
  const annotating = useAnnotation({
    enabled: annotateMode, dataset: route.name, task: dataset?.task ?? '', records: results?.records ?? [],
    labels, replace, saved, pastLast, beforeFirst: () => {
      if (route.pageNumber <= 1) {
        return false;
      }
      go(previousPage(route));
      return true;
    },
  });
  const [compact, setCompact] = useCompactView();

  const reload = () => {
    if (dataset) {
      show(dataset).catch(fail);
    }
  };

  // the view as the last change made it: a range is applied as its box loses focus, and the click that took the focus
  // (another facet's checkbox, the sort, the search button) changes the view in the same turn, before the page renders
  // the first change; each builds on the other, or the range would be dropped while its box still shows it
  const latest = useRef(route);
  useEffect(() => {
    latest.current = route;
  }, [route]);
  const changeView = (change: (view: DatasetRoute) => DatasetRoute) => {
    const next = { ...change(latest.current), pageNumber: 1, cursor: undefined };
    latest.current = next;
    go(next);
  };
  const refine = (change: (filters: DatasetRoute['filters']) => DatasetRoute['filters']) =>
    changeView((view) => ({ ...view, filters: change(view.filters) }));
  const onToggle = (kind: 'facet' | 'metadata', key: string, value: string) =>
    refine((filters) => toggle(filters, kind, key, value));
  const onRange = (field: string, range: NumberRange | undefined) => refine((filters) => setRange(filters, field, range));
  const onConfidence = (confidence: DatasetRoute['filters']['confidence']) =>
    refine((filters) => ({ ...filters, confidence }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    changeView((view) => ({ ...view, query: draft }));
  };

  const addLabel = (event: FormEvent) => {
    event.preventDefault();
    const label = newLabel.trim();
    if (label && !labels.includes(label)) {
      setCreated([...created, label]);
    }
    setNewLabel('');
  };

  if (missing) {
    return (
      <main>
        <h1>{route.name}</h1>
        <p role="alert" className="problem">{missing}</p>
        <p><a href="#/">Back to the datasets</a></p>
      </main>
    );
  }
  const schema = dataset?.settings?.labels ?? [];
  const exploreMode = !annotateMode && !queueMode && !reviewMode && !settingsMode && !agreementMode && !rulesMode;
  const tabs = (
    <nav className="tabs" aria-label="dataset views">
      <a href={formatRoute({ ...route, mode: undefined })} aria-current={exploreMode ? 'page' : undefined}>Explore</a>
      {mayAnnotate
        ? !throughQueue && <a href={formatRoute({ ...route, mode: 'annotate' })} aria-current={annotateMode ? 'page' : undefined}>Annotate</a>
        : <span className="disabled" title="your role may not label records">Annotate</span>}
      {mayAnnotate && (
        <a href={formatRoute({ ...route, mode: 'queue' })} aria-current={queueMode ? 'page' : undefined}
          title="one record at a time, held for you">Next record for me</a>
      )}
      {canReview(me) && <a href={formatRoute({ ...route, mode: 'review' })} aria-current={reviewMode ? 'page' : undefined}>Review</a>}
      <a href={formatRoute({ ...route, mode: 'agreement' })} aria-current={agreementMode ? 'page' : undefined}>Agreement</a>
      {rulesOffered(dataset?.task) && (
        <a href={formatRoute({ ...route, mode: 'rules' })} aria-current={rulesMode ? 'page' : undefined}
          title="labelling rules: queries that vote for a label (weak supervision)">Rules</a>
      )}
      <a href={formatRoute({ page: 'monitoring', name: route.name, workspace: route.workspace, range: 'data' })}>Monitoring</a>
      <a href={formatRoute(monitorsRoute(route.name, route.workspace))} title="drift monitors: a live window against a reference, with alerts">Monitors</a>
      {isAdmin(me) && <a href={formatRoute({ ...route, mode: 'settings' })} aria-current={settingsMode ? 'page' : undefined}>Settings</a>}
    </nav>
  );
  if (queueMode || reviewMode || settingsMode || rulesMode) {
    return (
      <main>
        <h1>{route.name} <small>{dataset?.task}</small></h1>
        <DriftNotice dataset={loaded} workspace={route.workspace} />
        {tabs}
        {!loaded ? <p className="loading">Loading the dataset…</p>
          : queueMode ? <QueueView key={`${route.workspace}/${route.name}`} dataset={loaded} me={me} labels={labels} answered={saved} />
          : reviewMode ? <ReviewView key={`${route.workspace}/${route.name}`} dataset={loaded} labels={labels} decided={saved} />
          : rulesMode ? <RulesView key={`${route.workspace}/${route.name}`} dataset={loaded} me={me} />
          : <SettingsView key={`${route.workspace}/${route.name}`} dataset={loaded} saved={() => {
              descriptor.current = null;
              readDataset().then(setDataset).catch(() => undefined);
            }} />}
      </main>
    );
  }
  return (
    <main>
      <h1>{route.name} <small>{dataset?.task}</small></h1>
      <DriftNotice dataset={loaded} workspace={route.workspace} />
      {tabs}
      <form role="search" onSubmit={submit} className="toolbar">
        <label>
          Search records <input type="search" name="q" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Search</button>
        <label className="inline-check">
          <input type="checkbox" checked={compact} onChange={(e) => setCompact(e.target.checked)} /> Compact
        </label>
        <label>
          Sort by{' '}
          <select value={route.sort ? `${route.sort.field}~${route.sort.order}` : ''}
            onChange={(e) => {
              const [field, order] = e.target.value.split('~');
              changeView((view) => ({ ...view, sort: field ? { field, order: order as 'asc' | 'desc' } : undefined }));
            }}>
            {SORTS.map((s) => <option key={s.value} value={s.value}>{s.title}</option>)}
            {Object.keys(results?.aggregations?.metadata ?? {}).map((field) => (
              <option key={field} value={`metadata.${field}~asc`}>metadata: {field}</option>
            ))}
          </select>
        </label>
      </form>
      {annotateMode && (
        <section className="annotate-toolbar" aria-label="annotation">
          <button type="button" onClick={() => annotating.setHelpOpen(true)}><kbd>?</kbd> Shortcuts</button>
          <button type="button" onClick={annotating.undo} disabled={annotating.undoable.length === 0}
            title="take your last change back"><kbd>u</kbd> Undo</button>
          <span className="undo-note" role="status">{annotating.undoNote}</span>
          {schema.length === 0 && dataset?.task !== 'Text2Text' && (
            <form onSubmit={addLabel} className="inline">
              <label>New label <input value={newLabel} onChange={(e) => setNewLabel(e.target.value)} /></label>
              <button type="submit">Add</button>
            </form>
          )}
          {dataset?.settings?.guidelines && (
            <details className="guidelines">
              <summary>Guidelines</summary>
              <p>{dataset.settings.guidelines}</p>
            </details>
          )}
        </section>
      )}
      <FilterChips filters={route.filters} onToggle={onToggle} onRange={onRange}
        onClearConfidence={() => onConfidence(undefined)} />
      {annotateMode && results && dataset && (
        <BulkBar dataset={route.name} task={dataset.task} records={results.records} total={results.total}
          query={toQuery(route.query, route.filters)} labels={labels} annotating={annotating} done={reload} />
      )}
      {refused && <SearchRefused error={refused} route={route} go={go} />}
      {!sideResults ? (!refused && <p className="loading">Loading records…</p>) : (
        <div className="explore">
          <div className={results ? 'side' : 'side stale'} aria-busy={!results}>
            {sideResults.aggregations?.confidence && (
              <ConfidenceHistogram buckets={sideResults.aggregations.confidence} chosen={route.filters.confidence}
                onChoose={onConfidence} />
            )}
            {sideResults.aggregations && <FacetList aggregations={sideResults.aggregations} filters={route.filters}
              onToggle={onToggle} onRange={onRange} />}
          </div>
          {!results ? (
            <section className="results" aria-busy="true" style={{ minHeight: shownHeight.current || undefined }}>
              {!refused && <p className="loading">Loading records…</p>}
            </section>
          ) : (
          <section className="results" ref={shownRecords}>
            <p className="total" aria-live="polite">{results.total.toLocaleString('en')} {results.total === 1 ? 'record' : 'records'}</p>
            {dataset && (
              <ExportLinks dataset={route.name} task={dataset.task} query={toQuery(route.query, route.filters)}
                workspace={route.workspace} total={results.total} />
            )}
            {agreementMode && dataset ? (
              <AgreementPanel dataset={route.name} task={dataset.task} query={toQuery(route.query, route.filters)}
                described={route.query || hasFilters(route) ? 'of the records of this view' : 'of all the records'} />
            ) : (<>
            <ol className={`records${compact ? ' compact' : ''}`}>
              {results.records.map((record, index) => (
                <RecordCard key={String(record.id)} record={record}
                  onMetadata={(field, value) => onToggle('metadata', field, value)}
                  annotate={annotateMode && dataset ? { index, dataset: route.name, task: dataset.task, labels, annotating } : undefined} />
              ))}
            </ol>
            <nav className="pager" aria-label="pages">
              <button disabled={route.pageNumber <= 1}
                onClick={() => go({ ...route, pageNumber: 1, cursor: undefined })}>First</button>
              <button disabled={route.pageNumber <= 1} onClick={() => go(previousPage(route))}>Previous</button>
              <span>page {route.pageNumber.toLocaleString('en')} of {pages.toLocaleString('en')}</span>
              <button disabled={route.pageNumber >= pages}
                onClick={() => toPage(nextPage(route, PAGE_SIZE, results.next_cursor))}>Next</button>
              <PageJump pages={pages} current={route.pageNumber}
                onJump={(pageNumber) => go({ ...route, pageNumber, cursor: undefined })} />
            </nav>
            </>)}
          </section>
          )}
          {summary && <ProgressSidebar summary={summary} task={dataset?.task} annotators={annotators ?? undefined} />}
        </div>
      )}
      {annotating.helpOpen && <ShortcutsDialog onClose={() => annotating.setHelpOpen(false)} />}
    </main>
  );
}

/**
 * A search this view cannot make, said beside the search box with the way out: the query as Elasticsearch read it
 * (fix it or clear it), a page past the 10,000 records a page number reaches (back to the first page).
 */
function SearchRefused({ error, route, go }: { error: ApiError | Error; route: DatasetRoute; go: (route: Route) => void }) {
  const field = error instanceof ApiError
    ? ((error.body?.errors as { field?: string }[] | undefined)?.[0]?.field ?? '') : '';
  const pastTheWindow = field === 'from' || route.pageNumber > 1;
  return (
    <div role="alert" className="problem">
      <p>{pastTheWindow && field === 'from'
        ? `Page ${route.pageNumber.toLocaleString('en')} is beyond the first 10,000 records; page further with Next from an earlier page.`
        : `This search could not be made: ${error.message}`}</p>
      <p className="ways-out">
        {route.query && (
          <button type="button" onClick={() => go({ ...route, query: '', pageNumber: 1, cursor: undefined })}>Clear the search</button>
        )}
        {hasFilters(route) && (
          <button type="button" onClick={() => go({ ...route, filters: NO_FILTERS, pageNumber: 1, cursor: undefined })}>Remove the filters</button>
        )}
        {route.pageNumber > 1 && (
          <button type="button" onClick={() => go({ ...route, pageNumber: 1, cursor: undefined })}>Back to the first page</button>
        )}
        <a href="#/">Back to the datasets</a>
      </p>
    </div>
  );
}

function hasFilters(route: DatasetRoute): boolean {
  const { facets, metadata, confidence, ranges } = route.filters;
  return Object.keys(facets).length > 0 || Object.keys(metadata).length > 0 || !!confidence
    || Object.keys(ranges ?? {}).length > 0;
}

/**
 * A cursor only goes forward: the page before a cursor page is the one Next came from, kept for the tab. A cursor
 * page opened from a link has none kept: its Previous is the first page of the view, never a step out of the app.
 */
function rememberPageBefore(next: DatasetRoute, current: DatasetRoute) {
  if (next.cursor) {
    sessionStorage.setItem(`rubrix.before.${next.cursor}`, formatRoute(current));
  }
}

function previousPage(route: DatasetRoute): Route {
  if (!route.cursor) {
    return { ...route, pageNumber: route.pageNumber - 1 };
  }
  const before = sessionStorage.getItem(`rubrix.before.${route.cursor}`);
  return before ? parseRoute(before) : { ...route, pageNumber: 1, cursor: undefined };
}

/** The pages a number reaches: those inside Elasticsearch's window (further pages are reached with Next). */
function PageJump({ pages, current, onJump }: { pages: number; current: number; onJump: (page: number) => void }) {
  const reachable = Math.min(pages, Math.floor(WINDOW / PAGE_SIZE));
  const [draft, setDraft] = useState('');
  if (pages <= 1) {
    return null;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const page = Number.parseInt(draft, 10);
    if (page >= 1 && page <= reachable && page !== current) {
      onJump(page);
    }
    setDraft('');
  };
  return (
    <form className="page-jump" onSubmit={submit}>
      <label>
        Go to page{' '}
        <input type="number" min={1} max={reachable} value={draft} onChange={(e) => setDraft(e.target.value)}
          aria-describedby={reachable < pages ? 'page-jump-window' : undefined} />
      </label>
      <button type="submit">Go</button>
      {reachable < pages && (
        <small id="page-jump-window">up to {reachable.toLocaleString('en')}; further pages with Next</small>
      )}
    </form>
  );
}

const COMPACT = 'rubrix.compact';

/** The compact list (two lines a record, more records on screen): a preference of this browser. */
function useCompactView(): [boolean, (compact: boolean) => void] {
  const [compact, setCompact] = useState(() => localStorage.getItem(COMPACT) === '1');
  return [compact, (next: boolean) => {
    localStorage.setItem(COMPACT, next ? '1' : '0');
    setCompact(next);
  }];
}
