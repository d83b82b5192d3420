// Pushes that rewrite or delete what others share: force pushes (and the
// --force-with-lease that should replace them) and remote branch deletion.
import { optionValue, positionals } from '../../command/args';
import type { Finding } from '../../types';
import { has, isSharedBranch } from '../common/git';

const PUSH_VALUE_OPTIONS = ['--repo', '--receive-pack', '--exec', '-o', '--push-option'];

export function push(args: readonly string[]): Finding[] {
  if (has(args, '-n', '--dry-run')) return [];
  const pos = positionals(args, PUSH_VALUE_OPTIONS);
  const remote = pos[0] ?? optionValue(args, ['--repo']) ?? 'the default remote';
  const refspecs = pos.slice(1);
  const out: Finding[] = [];
  const force = has(args, '-f', '--force');
  const lease = has(args, '--force-with-lease', '--force-if-includes');
  const deleting = has(args, '-d', '--delete');

  if (has(args, '--mirror')) {
    out.push({
      id: 'git.push-mirror',
      summary: `git push --mirror overwrites every ref on ${remote} and deletes the ones this clone does not have`,
      target: remote,
      alternative: 'push the branches you mean by name',
      severity: 75,
    });
  }
  if (has(args, '--prune')) {
    out.push({
      id: 'git.push-delete',
      summary: `git push --prune deletes every branch on ${remote} that does not exist locally`,
      target: remote,
      alternative: 'delete the remote branches you mean by name',
      severity: 55,
    });
  }
  const refs = refspecs.map((spec) => {
    const plus = spec.startsWith('+');
    const body = plus ? spec.slice(1) : spec;
    const colon = body.lastIndexOf(':');
    const full = colon === -1 ? body : body.slice(colon + 1);
    const dst = full.replace(/^refs\/(?:heads|tags)\//, '');
    const src = colon === -1 ? body : body.slice(0, colon);
    const tag = full.startsWith('refs/tags/') || /^v?\d+(?:\.\d+)+/.test(dst);
    return { spec, plus, dst, tag, deletes: deleting || (colon !== -1 && src === '' && dst !== '') };
  });
  for (const r of refs) {
    if (r.deletes) {
      const shared = !r.tag && isSharedBranch(r.dst);
      out.push({
        id: 'git.push-delete',
        summary: `deletes ${r.tag ? 'tag' : shared ? 'the shared branch' : 'branch'} ${r.dst} on ${remote}`,
        target: `${remote}/${r.dst}`,
        alternative: shared
          ? 'protect the branch on the server; delete it by hand if it really must go'
          : 'make sure it is merged first (git branch -r --merged)',
        severity: shared ? 80 : 50,
      });
    } else if (force || r.plus) {
      out.push(forcePush(remote, r.dst, r.plus ? undefined : forceWord(args)));
    } else if (lease && isSharedBranch(r.dst)) {
      out.push(leasePush(remote, r.dst));
    }
  }
  if (refs.length === 0 && !deleting) {
    const everything = has(args, '--all', '--branches', '--tags');
    if (force) {
      out.push(
        everything
          ? {
              id: 'git.force-push',
              summary: `force-pushes every branch to ${remote}, overwriting whatever others pushed`,
              target: remote,
              alternative: 'push the branch you mean with --force-with-lease',
              severity: 75,
            }
          : forcePush(remote, undefined, forceWord(args)),
      );
    } else if (lease) {
      out.push({
        id: 'git.force-push',
        summary: `force-pushes the current branch to ${remote} (with lease: refused if someone else pushed)`,
        target: remote,
        severity: 30,
      });
    }
  }
  return out;
}

/** The force flag as written, when it stands as its own word (so it can be swapped for --force-with-lease). */
function forceWord(args: readonly string[]): string | undefined {
  return args.includes('--force') ? '--force' : args.includes('-f') ? '-f' : undefined;
}

function forcePush(remote: string, branch: string | undefined, word?: string): Finding {
  const shared = branch !== undefined && isSharedBranch(branch);
  const target = branch ? `${remote}/${branch}` : remote;
  return {
    id: 'git.force-push',
    summary: shared
      ? `force-pushes ${branch}, a branch others build on: commits on ${remote} that are not here are lost for everyone`
      : `force-pushes ${branch ?? 'the current branch'} to ${remote}, overwriting commits that are not here`,
    target,
    alternative: shared
      ? `do not rewrite ${branch}: git revert the commits, or push a new branch and open a pull request`
      : `git push --force-with-lease ${remote === 'the default remote' ? 'origin' : remote} ${branch ?? 'HEAD'} (refused if someone else pushed meanwhile)`,
    severity: shared ? 80 : branch === undefined ? 60 : 55,
    ...(word && !shared ? { fix: { word, replacement: '--force-with-lease' } } : {}),
  };
}

function leasePush(remote: string, branch: string): Finding {
  return {
    id: 'git.force-push',
    summary: `rewrites the history of ${branch} on ${remote}, a branch others build on (with lease: refused only if someone pushed since the last fetch)`,
    target: `${remote}/${branch}`,
    alternative: `git revert the commits instead of rewriting ${branch}`,
    severity: 45,
  };
}
