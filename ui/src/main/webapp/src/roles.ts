import type { Me } from './api';

/** Whether the person may label records (the server checks it again on every write). */
export function canAnnotate(me: Me): boolean {
  return (me.roles ?? []).some((role) => role === 'annotator' || role === 'admin');
}

export function isAdmin(me: Me): boolean {
  return (me.roles ?? []).includes('admin');
}

/** The person's roles in Rubrix (the token also carries Keycloak's own, such as offline_access). */
export function productRoles(me: Me): string[] {
  return (me.roles ?? []).filter((role) => ['admin', 'annotator', 'viewer', 'reviewer', 'ingest'].includes(role));
}
