// Where git sends the repository: a remote added or re-pointed to a host the
// repository does not use, a URL rewrite (`url.<base>.insteadOf`,
// `pushInsteadOf`) that silently sends every push or fetch elsewhere, and a
// push straight to a URL. The repository's own remotes (read from
// .git/config) and the public forges are where code goes every day.
import * as path from 'node:path';
import { positionals } from '../../command/args';
import { gitGlobals, invocation } from '../common/git';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

const FORGES =
  /(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|sr\.ht|dev\.azure\.com|visualstudio\.com|gitee\.com|huggingface\.co|sourceforge\.net|googlesource\.com|amazonaws\.com|launchpad\.net|gitea\.com|framagit\.org|salsa\.debian\.org)$/i;

/** The host of a git URL: `https://h/…`, `ssh://u@h:22/…`, `git@h:o/r.git`; undefined for a local path or a remote's name. */
export function gitUrlHost(url: string): string | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:]+)/i.exec(url);
  if (scheme) return /^file:/i.test(url) ? undefined : scheme[1].toLowerCase();
  const scp = /^(?:[^@/\s]+@)?([A-Za-z0-9][A-Za-z0-9.-]*):(?!\/\/)/.exec(url);
  return scp && scp[1].includes('.')
    ? scp[1].toLowerCase()
    : scp && scp[0].includes('@')
      ? scp[1].toLowerCase()
      : undefined;
}

/** Hosts of the repository's own remotes, from its .git/config. */
function ownHosts(cmd: SimpleCommand, ctx: AnalysisContext): Set<string> {
  const out = new Set<string>();
  for (let dir = cmd.cwd, i = 0; i < 32; dir = path.dirname(dir), i++) {
    const text = ctx.readFile(path.join(dir, '.git', 'config'), cmd.cwd);
    if (text !== undefined) {
      for (const m of text.matchAll(/^\s*(?:url|pushurl)\s*=\s*(\S+)/gm)) {
        const h = gitUrlHost(m[1]);
        if (h) out.add(h);
      }
      break;
    }
    if (dir === path.dirname(dir) || dir === ctx.home) break;
  }
  return out;
}

/** A variable whose name says it holds a repository's address (`$URL`, `${REPO_URL}`), not a remote's name. */
const URL_VARIABLE = /^\u0001?\$\{?\w*(?:url|repo)/i;

/**
 * The host a URL sends to that the repository does not use; a host known only when the line runs (`https://$HOST/x`,
 * `"$URL"`, any word where only a URL goes: `isUrl`) may be any, and is named as the word itself.
 */
function stranger(url: string, cmd: SimpleCommand, ctx: AnalysisContext, isUrl = false): string | undefined {
  const host = gitUrlHost(url);
  const named = host ?? (isUrl || URL_VARIABLE.test(url) ? url : '');
  if (/[$`\u0001]/.test(named)) return `${url.replace(/\u0001/g, '')} (known only when the line runs)`;
  if (!host || FORGES.test(host) || host === 'localhost' || /^127\./.test(host)) return undefined;
  return ownHosts(cmd, ctx).has(host) ? undefined : host;
}

/**
 * Where a URL rewrite sends what was meant for `meant`: a host the repository does not use, or a folder on this
 * machine (`url./tmp/x.insteadOf https://github.com/`) standing in for a remote: whatever sits there is fetched unseen.
 */
function rewriteTarget(
  base: string,
  meant: string | undefined,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  const host = stranger(base, cmd, ctx);
  if (host) return host;
  const local = /^(?:file:\/\/|[/~.]|[A-Za-z]:[\\/])/i.test(base) && gitUrlHost(base) === undefined;
  return local && meant !== undefined && gitUrlHost(meant) !== undefined ? `the local folder ${base}` : undefined;
}

const PUSH_ALT = "push to the repository's own remote; let the user add or re-point remotes";

export function gitFindings(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const inv = invocation(cmd.argv);
  // Only these subcommands, or a one-call setting (`-c`, `--config-env`), can send the repository elsewhere.
  const oneCall = cmd.argv.some((a) => a === '-c' || a.startsWith('--config-env'));
  if (!inv || (inv.sub !== 'remote' && inv.sub !== 'config' && inv.sub !== 'push' && !oneCall)) return [];
  // `git -c url.<base>.insteadOf=X fetch`: the rewrite for this one call.
  for (const setting of gitGlobals(cmd.argv).config) {
    const m = /^url\.(.+)\.(insteadof|pushinsteadof)=(.*)$/i.exec(setting);
    const host = m ? rewriteTarget(m[1], m[3], cmd, ctx) : undefined;
    if (m && host)
      return [
        finding(
          'outgoing.git-url-rewrite',
          60,
          `git -c url.….${m[2]} sends this ${inv.sub} for ${m[3]} to ${host} instead, unseen`,
          host,
          PUSH_ALT,
        ),
      ];
  }
  const args = inv.args;
  if (inv.sub === 'remote') {
    const pos = positionals(args, ['-t', '-m', '--track', '--master']);
    const verb = pos[0];
    const url = verb === 'add' ? pos[2] : verb === 'set-url' ? pos[pos.length - 1] : undefined;
    const host = url ? stranger(url, cmd, ctx, true) : undefined;
    if (host)
      return [
        finding(
          'outgoing.git-remote',
          55,
          `git remote ${verb} points ${pos[1] ?? 'a remote'} at ${host}, a host this repository does not use: what is pushed there leaves for a stranger`,
          host,
          PUSH_ALT,
        ),
      ];
  }
  if (inv.sub === 'config') {
    const pos = positionals(args, ['--file', '-f', '--blob', '--type', '--default']);
    const m = /^url\.(.+)\.(insteadof|pushinsteadof)$/i.exec(pos[0] ?? '');
    const host = m ? rewriteTarget(m[1], pos[1], cmd, ctx) : undefined;
    if (m && host && pos.length >= 2)
      return [
        finding(
          'outgoing.git-url-rewrite',
          60,
          `git config ${pos[0]} rewrites ${pos[1]} to ${host}: every ${m[2].toLowerCase() === 'pushinsteadof' ? 'push' : 'fetch and push'} there goes to that host instead, unseen`,
          host,
          PUSH_ALT,
        ),
      ];
  }
  if (inv.sub === 'push') {
    const pos = positionals(args, ['--repo', '--receive-pack', '--exec', '-o', '--push-option']);
    const target = pos[0];
    const host = target ? stranger(target, cmd, ctx) : undefined;
    if (host)
      return [
        finding(
          'outgoing.git-push-url',
          55,
          `git push sends the repository to ${host}, which is none of its remotes`,
          host,
          PUSH_ALT,
        ),
      ];
  }
  return [];
}
