import { lazy, Suspense, useEffect, useState } from 'react';
import { api, ApiError, setWorkspace, type Dataset, type Me } from './api';
import { DatasetsPage } from './pages/DatasetsPage';
import { DatasetPage } from './pages/DatasetPage';
import { productRoles } from './roles';
import { readViewEarly } from './pages/datasetView';
import { datasetRoute } from './routes';
import { useHashRoute } from './useHashRoute';

// the charting library is only loaded by the monitoring and monitors pages: the records' first page does not wait for it
const MonitoringPage = lazy(() => import('./pages/MonitoringPage').then((module) => ({ default: module.MonitoringPage })));
const MonitorsPage = lazy(() => import('./monitors/MonitorsPage').then((module) => ({ default: module.MonitorsPage })));

/** Where a visitor was going when they logged in: the login's redirects through Keycloak keep no URL fragment. */
const AFTER_LOGIN = 'rubrix.after-login';

function rememberWhereTo() {
  if (window.location.hash && window.location.hash !== '#/') {
    sessionStorage.setItem(AFTER_LOGIN, window.location.hash);
  }
}

/** Back to the shared link the visitor opened before logging in (only when the login brought them to the start). */
function returnAfterLogin() {
  const back = sessionStorage.getItem(AFTER_LOGIN);
  sessionStorage.removeItem(AFTER_LOGIN);
  if (back && back.startsWith('#/') && (!window.location.hash || window.location.hash === '#/')) {
    window.location.hash = back;
  }
}

export function App() {
  const [route, go] = useHashRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // the dataset last opened from the list: its page searches without waiting for the descriptor
  const [opened, setOpened] = useState<Dataset | null>(null);

  useEffect(() => {
    readViewEarly(route); // beside /api/me, not after it: the workspace of the URL is set by the render above
    api.me().then((found) => {
      returnAfterLogin();
      setMe(found);
    }).catch((e) => setMe(e instanceof ApiError && e.status === 401 ? null : undefined));
  }, []);

  // the pages' requests (made in effects, after this render) go to the workspace in the URL
  setWorkspace(route.page === 'datasets' ? undefined : route.workspace);

  if (me === undefined) {
    return <p className="loading">Loading…</p>;
  }
  if (me === null) {
    return (
      <main className="signed-out">
        <h1>Rubrix</h1>
        <p>Explore, label and monitor your datasets.</p>
        <a className="button" href="/login" onClick={rememberWhereTo}>Log in</a>
      </main>
    );
  }
  return (
    <>
      <header className="top">
        <a href="#/" className="brand">Rubrix</a>
        <span className="who" aria-label="signed in as">
          {me.full_name || me.username}
          {me.user_groups && me.user_groups.length > 0 && <small> · {me.user_groups.join(', ')}</small>}
          {productRoles(me).length > 0 && <small className="role"> · {productRoles(me).join(', ')}</small>}
        </span>
        <a href="/logout">Log out</a>
      </header>
      {route.page === 'datasets' && <DatasetsPage me={me} onOpen={(dataset) => {
        setOpened(dataset);
        go(datasetRoute(dataset.name, dataset.workspace));
      }} />}
      {route.page === 'dataset' && <DatasetPage route={route} go={go} me={me} listed={opened} />}
      {route.page === 'monitoring' && (
        <Suspense fallback={<p className="loading">Loading charts…</p>}>
          <MonitoringPage route={route} go={go} me={me} />
        </Suspense>
      )}
      {route.page === 'monitors' && (
        <Suspense fallback={<p className="loading">Loading the monitors…</p>}>
          <MonitorsPage route={route} go={go} me={me} />
        </Suspense>
      )}
    </>
  );
}
