// Git hosting APIs that move or remove a branch past every review: GitHub's
// "update a reference" with `force: true` (PATCH /repos/{owner}/{repo}/git/
// refs/heads/{branch}), deleting a branch's ref, and removing branch
// protection (DELETE …/branches/{branch}/protection); GitLab's protected
// branch removal and branch deletion. On a branch others build on (main,
// release…) that is a force push through the API.
import type { Finding } from '../../types';
import { isSharedBranch } from '../common/git';
import { parseUrl } from '../common/urls';
import type { HttpRequest } from '../common/httpRequest';

const GITHUB_REF = /\/repos\/([^/]+\/[^/]+)\/git\/refs\/heads\/(.+?)\/?$/;
const GITHUB_PROTECTION = /\/repos\/([^/]+\/[^/]+)\/branches\/([^/]+)\/protection(?:\/|$)/;
const GITLAB_BRANCH = /\/projects\/([^/]+)\/(?:repository\/branches|protected_branches)\/([^/?]+)/;

function forced(req: HttpRequest): boolean {
  return req.bodies.some((b) => b.text !== undefined && /"force"\s*:\s*(?:true|"true")/.test(b.text));
}

export function refFindings(req: HttpRequest): Finding[] {
  if (req.method !== 'PATCH' && req.method !== 'DELETE') return [];
  for (const url of req.urls.slice(0, 8)) {
    const path = decodeURIComponent(parseUrl(url)?.path ?? '');
    const ref = GITHUB_REF.exec(path);
    if (ref && ((req.method === 'PATCH' && forced(req)) || req.method === 'DELETE')) {
      const shared = isSharedBranch(ref[2]);
      return [
        {
          id: 'http.force-ref-update',
          summary: `${req.method === 'DELETE' ? 'deletes' : 'force-moves'} the branch ${ref[2]} of ${ref[1]} through the API${shared ? ', a branch others build on' : ''}: commits on it can be lost`,
          target: `${ref[1]}:${ref[2]}`,
          alternative: 'push to a feature branch and open a pull request',
          severity: shared ? 75 : 55,
        },
      ];
    }
    const protection = GITHUB_PROTECTION.exec(path);
    if (protection && req.method === 'DELETE') {
      return [
        {
          id: 'http.branch-protection-removed',
          summary: `removes the protection of ${protection[2]} in ${protection[1]}: force pushes and unreviewed merges are let through`,
          target: `${protection[1]}:${protection[2]}`,
          alternative: 'let a repository admin change branch protection',
          severity: 70,
        },
      ];
    }
    const lab = GITLAB_BRANCH.exec(path);
    if (lab && req.method === 'DELETE') {
      const shared = isSharedBranch(lab[2]);
      return [
        {
          id: 'http.force-ref-update',
          summary: `${path.includes('protected_branches') ? 'unprotects' : 'deletes'} the branch ${lab[2]} of project ${lab[1]} through the GitLab API`,
          target: `${lab[1]}:${lab[2]}`,
          alternative: 'let a maintainer change it in GitLab',
          severity: shared ? 70 : 50,
        },
      ];
    }
  }
  return [];
}

/** Endpoints that send a message to a person: mail, SMS, chat posts, push notifications. */
const MESSAGE_PATH =
  /\/(?:v\d+\/)?(?:mail\/send|messages(?:\.json)?|emails?|email\/batch|chat\.postMessage|chat\.postEphemeral|sendMessage|sendMail|send|sms|notifications?|webhooks\/[^/]+\/[^/]+)\/?$/i;
const MESSAGE_HOST =
  /(?:^|\.)(?:sendgrid\.com|mailgun\.net|twilio\.com|slack\.com|discord\.com|postmarkapp\.com|resend\.com|sparkpost\.com|mandrillapp\.com|mailchimp\.com|telegram\.org|vonage\.com|nexmo\.com|messagebird\.com|pushover\.net|onesignal\.com|amazonaws\.com|brevo\.com|sendinblue\.com|mailjet\.com|plivo\.com|graph\.facebook\.com)$/i;

/** A message sent once per item of a list: to many people at once, and none can be unsent. */
export function bulkMessageFinding(req: HttpRequest): Finding | undefined {
  if (req.method !== 'POST' && req.method !== '?') return undefined;
  for (const url of req.urls.slice(0, 8)) {
    const u = parseUrl(url);
    if (!u?.host || !MESSAGE_HOST.test(u.host) || !MESSAGE_PATH.test(u.path)) continue;
    return {
      id: 'http.bulk-message',
      summary: `sends a message through ${u.host} once for every item of a list: to many people at once, and none can be unsent`,
      target: u.host,
      alternative: 'send one test message first, and let the user start the bulk send',
      severity: 60,
    };
  }
  return undefined;
}
