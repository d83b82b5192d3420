// Remotes a line adds or re-points before it pushes: `git remote add mirror
// URL && git push mirror --all`. The repository's .git/config does not hold
// them yet, so the push is read with what the line itself set: pushing every
// branch, tag or ref to such a remote sends the whole source to a place the
// repository never sent code. A single branch pushed to a new remote (`git
// remote add origin URL && git push -u origin main`) is how a new repository
// is published, and stays quiet.
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { invocation } from '../common/git';
import { finding } from '../common/finding';
import { gitUrlHost } from './git';

/** Remotes remembered per line; past it the line's further remotes are not followed. */
const MAX_REMOTES = 16;

/** `git remote add NAME URL`, `git remote set-url [--push] NAME URL`, `git config remote.NAME.url URL`: the remote and its URL. */
function remoteSet(cmd: SimpleCommand): [string, string] | undefined {
  if (cmd.remote || cmd.argv[0] !== 'git') return undefined;
  const inv = invocation(cmd.argv);
  if (inv?.sub === 'remote') {
    const pos = positionals(inv.args, ['-t', '-m', '--track', '--master']);
    if ((pos[0] === 'add' || pos[0] === 'set-url') && pos[1] && pos[2]) return [pos[1], pos[2]];
    return undefined;
  }
  if (inv?.sub === 'config') {
    const pos = positionals(inv.args, ['--file', '-f', '--blob', '--type', '--default']);
    const m = /^remote\.(.+)\.(?:url|pushurl)$/i.exec(pos[0] ?? '');
    if (m && pos[1]) return [m[1], pos[1]];
  }
  return undefined;
}

/** The context the line's next commands are judged in: this one's, plus the remote it adds or re-points. */
export function remotesAfter(cmd: SimpleCommand, ctx: AnalysisContext): AnalysisContext {
  const set = remoteSet(cmd);
  if (!set) return ctx;
  const added = new Map(ctx.remotesAdded ?? []);
  if (added.size >= MAX_REMOTES && !added.has(set[0])) return ctx;
  added.set(set[0], set[1]);
  return { ...ctx, remotesAdded: added };
}

/** Push options that send every branch, every tag, or every ref. */
const EVERYTHING = ['--all', '--branches', '--mirror', '--tags'];
const PUSH_VALUE_OPTS = ['--repo', '--receive-pack', '--exec', '-o', '--push-option'];

/** `git push mirror --all` (or `--mirror`, `--tags`, `'refs/heads/*:…'`) to a remote the line added or re-pointed. */
export function pushEverythingFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  if (!ctx.remotesAdded?.size) return undefined;
  const inv = invocation(cmd.argv);
  if (inv?.sub !== 'push') return undefined;
  const pos = positionals(inv.args, PUSH_VALUE_OPTS);
  const name = optionValue(inv.args, ['--repo']) ?? pos[0];
  const url = name === undefined ? undefined : ctx.remotesAdded.get(name);
  // A folder of this machine (`/mnt/usb/app.git`) is a backup, not the source leaving.
  const host = url === undefined ? undefined : gitUrlHost(url);
  if (url === undefined || !host || host === 'localhost' || /^127\./.test(host)) return undefined;
  const flag = EVERYTHING.find((f) => hasFlag(inv.args, [f]));
  const glob = pos.slice(1).find((r) => r.includes('*'));
  if (!flag && !glob) return undefined;
  const what = flag === '--tags' ? 'every tag' : flag ? 'every branch' : `every ref ${glob} matches`;
  return finding(
    'outgoing.git-push-all',
    55,
    `git push ${flag ?? glob} sends ${what} of the repository to ${name}, a remote this line points at ${url}: the whole source leaves for a place the repository never pushed to`,
    url,
    "push one branch to the repository's own remote; let the user add remotes and mirror the repository",
  );
}
