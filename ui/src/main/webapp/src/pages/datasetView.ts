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
 * A tab opened on a dataset's URL reads the dataset, its records and its progress while it asks who is logged in.
 * The search's path names the task: a dataset this browser has opened before is searched at once with the task it
 * had then (all three reads together); a new one, or a task that changed (the search refused, the descriptor naming
 * another task), waits for the descriptor. Logged out, the reads answer 401 and are dropped.
 */
export function readViewEarly(route: Route) {
  if (route.page !== 'dataset') {
    return;
  }
  const dataset = api.dataset(route.name);
  dataset.then((found) => rememberTask(route.workspace, found)).catch(() => undefined);
  const known = rememberedTask(route.workspace, route.name);
  const withTask = <T>(read: (task: string) => Promise<T>): Promise<T> => (known
    ? read(known).catch(async (refused) => {
      const found = await dataset;
      if (found.task === known) {
        throw refused; // the task was right: the refusal is the view's own (a query syntax error, ...)
      }
      return read(found.task);
    })
    : dataset.then((found) => read(found.task)));
  const results = withTask((task) => searchView(route, task));
  const summary = withTask((task) => api.summary(route.name, task));
  [dataset, results, summary].forEach((read) => read.catch(() => undefined));
  early = { view: viewKey(route), dataset, results, summary };
}

const TASKS = 'rubrix.tasks';

/** The task of each dataset this browser has read, by workspace and name (a few hundred bytes for a team's datasets). */
function rememberedTasks(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(TASKS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

function rememberedTask(workspace: string | undefined, name: string): string | undefined {
  return rememberedTasks()[`${workspace ?? ''}/${name}`];
}

/** Kept when a descriptor is read, here or by the datasets list. */
export function rememberTask(workspace: string | undefined, dataset: Dataset) {
  const tasks = rememberedTasks();
  const key = `${workspace ?? ''}/${dataset.name}`;
  if (tasks[key] !== dataset.task) {
    localStorage.setItem(TASKS, JSON.stringify({ ...tasks, [key]: dataset.task }));
  }
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
