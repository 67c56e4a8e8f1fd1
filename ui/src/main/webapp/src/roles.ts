import type { Me } from './api';

/** Whether the person may label records (the server checks it again on every write). */
export function canAnnotate(me: Me): boolean {
  return (me.roles ?? []).some((role) => role === 'annotator' || role === 'admin');
}

export function isAdmin(me: Me): boolean {
  return (me.roles ?? []).includes('admin');
}
