import { api, type Dataset, type DatasetSummary, type SearchResults } from '../api';
import { formatRoute, toQuery, type DatasetRoute, type Route } from '../routes';

export const PAGE_SIZE = 20;

/** The records of a view (query, filters, sort, page) of a dataset of this task. */
export function searchView(route: DatasetRoute, task: string): Promise<SearchResults> {
  return api.search(route.name, task, {
    query: toQuery(route.query, route.filters),
    sort: route.sort ? [route.sort] : undefined,
    cursor: route.cursor,
  }, route.cursor ? 0 : (route.pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
}

/** The records on screen depend on the view, not on the mode: annotating a view reads nothing again. */
export function viewKey(route: DatasetRoute): string {
  return formatRoute({ ...route, mode: undefined });
}

interface EarlyReads {
  view: string;
  dataset: Promise<Dataset>;
  results: Promise<SearchResults>;
  summary: Promise<DatasetSummary>;
}

let early: EarlyReads | undefined;

/**
 * A tab opened on a dataset's URL reads the dataset, its records and its progress while it asks who is logged in: the first
 * records wait for the descriptor (it names the task) and the search, not for /api/me before them. Logged out,
 * both answer 401 and are dropped.
 */
export function readViewEarly(route: Route) {
  if (route.page !== 'dataset') {
    return;
  }
  const dataset = api.dataset(route.name);
  const results = dataset.then((found) => searchView(route, found.task));
  const summary = dataset.then((found) => api.summary(route.name, found.task));
  [dataset, results, summary].forEach((read) => read.catch(() => undefined));
  early = { view: viewKey(route), dataset, results, summary };
}

/** The early reads of this view, once (a later visit of the view reads afresh). */
export function takeEarlyReads(view: string): EarlyReads | undefined {
  const found = early?.view === view ? early : undefined;
  early = undefined;
  return found;
}

/** The facets of a view, without its records: counted again after labels change them. */
export function searchFacets(route: DatasetRoute, task: string): Promise<SearchResults> {
  return api.search(route.name, task, { query: toQuery(route.query, route.filters) }, 0, 0);
}
