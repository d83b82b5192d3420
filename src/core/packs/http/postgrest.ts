// PostgREST (Supabase's REST API, `https://x.supabase.co/rest/v1/users`)
// turns the query string into the WHERE clause: `?id=eq.1` picks one row, and
// a PATCH or DELETE without a filter runs on every row of the table, as
// `UPDATE users SET …` with no WHERE would. A plain PATCH of a table reads
// like an edit of one thing, so it is read here by whether it filters.
import type { Finding } from '../../types';
import type { HttpRequest } from '../common/httpRequest';
import { severityFor, type Destination } from './destination';

/** `/rest/v1/<table>` on Supabase, the path PostgREST is served under there and behind most gateways. */
const TABLE_PATH = /^\/rest\/v\d+\/([^/]{1,128})\/?$/;
/** Query parameters that shape the answer, not which rows are touched. */
const NOT_FILTERS = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict', 'apikey']);
const MAX_PARAMS = 64;

function hasFilter(query: string): boolean {
  for (const pair of query.split('&').slice(0, MAX_PARAMS)) {
    const key = pair.slice(0, pair.indexOf('=') === -1 ? undefined : pair.indexOf('=')).trim();
    if (key && !NOT_FILTERS.has(key.toLowerCase())) return true;
  }
  return false;
}

export function postgrestFindings(req: HttpRequest, dest: Destination): Finding[] {
  if ((req.method !== 'PATCH' && req.method !== 'DELETE') || !dest.parsed) return [];
  const table = TABLE_PATH.exec(dest.parsed.path)?.[1];
  if (!table || hasFilter(dest.parsed.query)) return [];
  const what = req.method === 'DELETE' ? 'deletes every row' : 'overwrites the given columns in every row';
  return [
    {
      id: 'http.unfiltered-write',
      summary: `sends ${req.method} ${dest.parsed.host ?? ''}${dest.parsed.path} to ${dest.label} with no filter in its query: it ${what} of table ${table}`,
      target: dest.target,
      alternative: 'add a filter for the rows meant (`?id=eq.1`), and GET with the same filter first to see them',
      severity: severityFor(dest, 75, 60, 65),
    },
  ];
}
