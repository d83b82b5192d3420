// Git hosting APIs that open a door which stays open: an SSH key added to
// the account (`POST /user/keys`: push to every repository the user can), a
// deploy key on a repository (`POST /repos/{o}/{r}/keys`: read, or write, the
// code from anywhere), a webhook (`POST /repos/{o}/{r}/hooks`,
// `/orgs/{o}/hooks`: every push, issue and comment sent to its URL), and
// GitLab's equivalents. Listing them (GET) stays quiet.
import type { Finding } from '../../types';
import { parseUrl } from '../common/urls';
import type { HttpRequest } from '../common/httpRequest';

export const KEY_PATH =
  /(?:^|\/)(?:user\/(?:keys|gpg_keys|ssh_signing_keys)|repos\/[^/]+\/[^/]+\/keys|api\/v4\/(?:user\/keys|users\/[^/]+\/keys|projects\/[^/]+\/deploy_keys))\/?$/;
export const HOOK_PATH =
  /(?:^|\/)(?:repos\/[^/]+\/[^/]+\/hooks|orgs\/[^/]+\/hooks|api\/v4\/(?:projects|groups)\/[^/]+\/hooks)\/?$/;

// Every alternative ends in `keys` or `hooks`: a path without the word is answered without compiling the
// expression (0.1–0.2 ms at its first test in a hook's process).
export const isKeyPath = (path: string): boolean => path.includes('keys') && KEY_PATH.test(path);
export const isHookPath = (path: string): boolean => path.includes('hooks') && HOOK_PATH.test(path);

const CREATING = new Set(['POST', 'PUT', 'PATCH', '?']);

export function forgeAccessFindings(req: HttpRequest): Finding[] {
  if (!CREATING.has(req.method)) return [];
  for (const url of req.urls.slice(0, 8)) {
    const path = decodeURIComponent(parseUrl(url)?.path ?? url.split(/[?#]/)[0]).replace(/^\/+/, '/');
    if (isKeyPath(path))
      return [
        {
          id: 'http.forge-access-key',
          summary: `adds a key through the git host's API (${path}): whoever holds its private half reaches the code from anywhere, long after this session`,
          target: path,
          alternative: 'let the account owner add keys in the host’s settings',
          severity: 65,
        },
      ];
    if (isHookPath(path))
      return [
        {
          id: 'http.forge-webhook',
          summary: `adds or changes a webhook through the git host's API (${path}): the host then sends pushes, issues and comments to its URL`,
          target: path,
          alternative: 'let a repository admin set webhooks in the host’s settings',
          severity: 60,
        },
      ];
  }
  return [];
}
