// git: commands that destroy work that exists nowhere else (uncommitted
// changes, untracked files, stashes, reflog) or rewrite history others share
// (force push, remote branch deletion). Everyday git stays silent, including
// plain pushes to main and commits with scary messages.
import { hasFlag, optionValue, optionValues, positionals } from '../args';
import { classifyPath, displayPath } from '../paths';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';

/** Global options that take a separate value (`git -C dir status`). */
const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--config-env', '--attr-source', '--list-cmds']);

/** Branches other people build on: rewriting or deleting them hurts everyone. */
const SHARED_BRANCH = /^(?:main|master|trunk|develop|development|dev|prod|production|release|staging|stable|live|gh-pages)$|^(?:release|releases|hotfix|prod|production)[/-]/i;

export function isSharedBranch(ref: string): boolean {
  return SHARED_BRANCH.test(ref.replace(/^refs\/heads\//, ''));
}

interface Invocation {
  sub: string;
  /** argv from the subcommand on: args[0] is the subcommand, so args helpers start at 1. */
  args: string[];
}

/** Skips git's global options; undefined for `git`, `git --version`, `git --help`. */
function invocation(argv: readonly string[]): Invocation | undefined {
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    if (GLOBAL_WITH_VALUE.has(a)) i += 2;
    else if (a === '--version' || a === '-v' || a === '--help' || a === '-h' || a === '--html-path' || a === '--man-path' || a === '--info-path') return undefined;
    else i++;
  }
  if (i >= argv.length) return undefined;
  return { sub: argv[i], args: argv.slice(i) };
}

const has = (args: readonly string[], ...names: string[]): boolean => hasFlag(args, names);

/** A pathspec that covers the whole tree (or a large part of it). */
function isBroadPath(p: string): boolean {
  return p === '.' || p === './' || p === '*' || p === ':/' || p === ':/*' || p === '/' || p === '..' || p.startsWith(':(top)') || p === '-A';
}

function discardFinding(id: string, what: string, paths: readonly string[], alternative: string): Finding {
  const broad = paths.length === 0 || paths.some(isBroadPath);
  return {
    id,
    summary: `${what} throws away uncommitted changes ${broad ? 'in the whole working tree' : `to ${paths.slice(0, 3).join(', ')}`}; they cannot be recovered`,
    target: paths.length ? paths.join(' ') : '.',
    alternative,
    severity: broad ? 60 : 45,
  };
}

const STASH_FIRST = 'git stash push (the changes stay recoverable with git stash pop)';

function reset(args: string[]): Finding[] {
  if (!has(args, '--hard')) return [];
  const commit = positionals(args, [])[0] ?? 'HEAD';
  return [{
    id: 'git.reset-hard',
    summary: `git reset --hard ${commit} discards every uncommitted change in the working tree and index`,
    target: commit,
    alternative: `${STASH_FIRST}, or git reset --keep ${commit}, which refuses to overwrite local changes`,
    severity: 60,
  }];
}

const PUSH_VALUE_OPTIONS = ['--repo', '--receive-pack', '--exec', '-o', '--push-option'];

function push(args: string[]): Finding[] {
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
        alternative: shared ? 'protect the branch on the server; delete it by hand if it really must go' : 'make sure it is merged first (git branch -r --merged)',
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
      out.push(everything
        ? { id: 'git.force-push', summary: `force-pushes every branch to ${remote}, overwriting whatever others pushed`, target: remote, alternative: 'push the branch you mean with --force-with-lease', severity: 75 }
        : forcePush(remote, undefined, forceWord(args)));
    } else if (lease) {
      out.push({ id: 'git.force-push', summary: `force-pushes the current branch to ${remote} (with lease: refused if someone else pushed)`, target: remote, severity: 30 });
    }
  }
  return out;
}

/** The force flag as written, when it stands as its own word (so it can be swapped for --force-with-lease). */
function forceWord(args: string[]): string | undefined {
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

function clean(args: string[]): Finding[] {
  if (!has(args, '-f', '--force') || has(args, '-n', '--dry-run')) return [];
  const ignored = has(args, '-x', '-X');
  const dirs = has(args, '-d');
  const paths = positionals(args, ['-e', '--exclude']);
  return [{
    id: 'git.clean',
    summary: `git clean deletes untracked ${dirs ? 'files and directories' : 'files'}${ignored ? ', including ignored ones (.env, local config, data)' : ''} ${paths.length ? `under ${paths.join(' ')}` : 'in the working tree'}; git cannot bring them back`,
    target: paths.length ? paths.join(' ') : '.',
    alternative: 'git clean -n to see what would go, or git stash push --include-untracked to keep it recoverable',
    severity: ignored ? 65 : dirs ? 60 : 55,
  }];
}

function branch(args: string[]): Finding[] {
  const names = positionals(args, ['-u', '--set-upstream-to', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '-t', '--track']);
  const forceDelete = has(args, '-D') || (has(args, '-d', '--delete') && has(args, '-f', '--force'));
  if (forceDelete && names.length) {
    return [{
      id: 'git.branch-force-delete',
      summary: `git branch -D deletes ${names.join(', ')} even if its commits are merged nowhere else`,
      target: names.join(' '),
      alternative: `git branch -d ${names.join(' ')} (refuses when the branch holds unmerged work)`,
      severity: 45,
    }];
  }
  if (has(args, '-f', '--force') && !has(args, '-d', '--delete', '-m', '-M', '-c', '-C') && names.length >= 1 && isSharedBranch(names[0])) {
    return [{
      id: 'git.branch-force-move',
      summary: `git branch -f moves ${names[0]} to another commit; commits only it pointed to are dropped`,
      target: names[0],
      alternative: 'merge or revert instead of moving a shared branch',
      severity: 45,
    }];
  }
  return [];
}

/** Options of checkout/switch/restore that take a value. */
const CHECKOUT_VALUES = ['-b', '-B', '--orphan', '-c', '-C', '--create', '--force-create', '-s', '--source', '--conflict', '--pathspec-from-file', '-t', '--track'];
/** Extensions that make a word a file, not a branch (`release/2.0` is a branch, `src/app.ts` a file). */
const LOOKS_LIKE_FILE = /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|swift|c|h|cc|cpp|hpp|cs|php|json|ya?ml|toml|ini|md|txt|html?|css|scss|less|sql|sh|lock|env|xml|vue|svelte|gradle|properties|cfg|conf)$/i;

function checkout(args: string[]): Finding[] {
  if (has(args, '-p', '--patch')) return []; // interactive, hunk by hunk
  const dashdash = args.indexOf('--');
  const before = positionals(dashdash === -1 ? args : args.slice(0, dashdash), CHECKOUT_VALUES);
  const after = dashdash === -1 ? [] : args.slice(dashdash + 1);
  const creates = has(args, '-b', '-B', '--orphan');
  if (has(args, '-f', '--force') && !creates) {
    return [discardFinding('git.checkout-discard', 'git checkout --force', [], STASH_FIRST)];
  }
  // Creating a branch never touches paths (git refuses both at once).
  if (creates) return [];
  let paths: string[];
  if (dashdash !== -1) paths = after;
  else {
    // Without `--`, the first word is a branch unless it can only be a path; the rest are paths.
    const [first, ...rest] = before;
    paths = first !== undefined && (isBroadPath(first) || first.includes('*') || LOOKS_LIKE_FILE.test(first)) ? before : rest;
  }
  if (!paths.length) return [];
  return [discardFinding('git.checkout-discard', 'git checkout of paths', paths, `${STASH_FIRST}, or git diff > backup.patch first`)];
}

function switchBranch(args: string[]): Finding[] {
  if (!has(args, '--discard-changes', '-f', '--force')) return [];
  return [discardFinding('git.checkout-discard', 'git switch --discard-changes', [], STASH_FIRST)];
}

function restore(args: string[]): Finding[] {
  if (has(args, '-p', '--patch')) return [];
  const staged = has(args, '-S', '--staged');
  const worktree = has(args, '-W', '--worktree');
  if (staged && !worktree) return []; // only unstages: the working tree is untouched
  const paths = positionals(args, CHECKOUT_VALUES);
  const fromFile = optionValues(args, ['--pathspec-from-file']);
  if (!paths.length && !fromFile.length) return [];
  return [discardFinding('git.restore-discard', 'git restore', paths.length ? paths : fromFile, `${STASH_FIRST}, or git restore --staged to only unstage`)];
}

function stash(args: string[]): Finding[] {
  const [action, ref] = positionals(args, ['-m', '--message']);
  if (action === 'clear') {
    return [{ id: 'git.stash-drop', summary: 'git stash clear deletes every stash; stashed work cannot be recovered', target: 'all stashes', alternative: 'git stash list, then drop only the entries you mean', severity: 60 }];
  }
  if (action === 'drop') {
    return [{ id: 'git.stash-drop', summary: `git stash drop deletes ${ref ?? 'the latest stash'} and the work saved in it`, target: ref ?? 'stash@{0}', alternative: 'git stash show -p first, or git stash pop to apply it instead', severity: 45 }];
  }
  return [];
}

/** `--expire=now` style values that make the reflog forget everything. */
function expiresNow(v: string | undefined): boolean {
  return v !== undefined && v !== 'never' && v !== 'false';
}

function reflog(args: string[]): Finding[] {
  const action = positionals(args)[0];
  if (action === 'expire' && (expiresNow(optionValue(args, ['--expire'])) || expiresNow(optionValue(args, ['--expire-unreachable'])))) {
    return [{ id: 'git.reflog-expire', summary: 'git reflog expire throws away the reflog, the safety net that recovers reset, rebased or deleted commits', target: 'reflog', alternative: 'leave the reflog to expire on its own (90 days)', severity: 60 }];
  }
  if (action === 'delete') {
    return [{ id: 'git.reflog-expire', summary: 'git reflog delete removes reflog entries used to recover lost commits', target: 'reflog', severity: 50 }];
  }
  return [];
}

function gc(args: string[], sub: string): Finding[] {
  const prune = optionValue(args, sub === 'prune' ? ['--expire'] : ['--prune']);
  if (sub === 'prune' ? has(args, '-n', '--dry-run') : prune === undefined || prune === 'never' || !/^(?:now|all|0|\d)/.test(prune)) return [];
  return [{ id: 'git.prune', summary: `git ${sub} deletes unreachable commits now, so lost work can no longer be recovered`, target: 'repository objects', alternative: 'git gc without --prune=now (keeps two weeks of unreachable objects)', severity: 50 }];
}

function rewriteHistory(tool: string): Finding[] {
  return [{
    id: 'git.rewrite-history',
    summary: `${tool} rewrites every commit of the repository; every clone and open pull request diverges`,
    alternative: 'run it on a fresh mirror clone, after a backup (git clone --mirror)',
    severity: 70,
  }];
}

/**
 * `git submodule foreach [--recursive] CMD` runs CMD in every submodule. CMD
 * is shell text; judge the git commands in it (bounded, one level).
 */
function submoduleForeach(args: string[]): Finding[] {
  const at = args.indexOf('foreach');
  if (at === -1 || at > 2) return [];
  const words = args.slice(at + 1).filter((w) => w !== '--recursive' && w !== '-q' && w !== '--quiet');
  const out: Finding[] = [];
  for (const part of words.join(' ').split(/&&|\|\||;|\|/).slice(0, 16)) {
    const argv = part.trim().split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));
    if (argv[0] !== 'git') continue;
    for (const f of analyzeArgv(argv)) out.push({ ...f, summary: `in every submodule: ${f.summary}` });
  }
  return out;
}

function analyzeGit(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  const out = analyzeArgv(cmd.argv);
  const inv = invocation(cmd.argv);
  if (inv?.sub === 'add') out.push(...addSecrets(inv.args, cmd, ctx));
  return out;
}

// Words that could name a credential file; the rest skip path classification.
const SECRET_NAME_HINT = /env|id_|\.(?:pem|key|p12|pfx|jks|keystore|ppk|tfstate)$|credential|secret|netrc|pgpass|master\.key|service[-_]?account/i;

/** `git add .env`, `git add -f config/master.key`: once committed, the secret stays in history. */
function addSecrets(args: string[], cmd: SimpleCommand, ctx: AnalysisContext): Finding[] {
  if (has(args, '-n', '--dry-run')) return [];
  for (const w of positionals(args, ['--chmod', '--pathspec-from-file'])) {
    if (!SECRET_NAME_HINT.test(w)) continue;
    const p = classifyPath(w, cmd.cwd, cmd.env, ctx);
    if (!p.credential) continue;
    const shown = displayPath(p.abs, ctx);
    return [{
      id: 'git.add-secret',
      summary: `git add stages ${shown}, which holds credentials: once committed and pushed it stays in the history`,
      target: shown,
      alternative: `add ${shown} to .gitignore and commit a template (${shown}.example) instead`,
      severity: 55,
    }];
  }
  return [];
}

/**
 * `git -c alias.NAME=VALUE NAME …` defines an alias for this one call. A
 * plain alias is expanded and judged; a `!` alias is shell text, which
 * nothing here can read.
 */
function inlineAlias(argv: readonly string[], inv: Invocation, depth: number): Finding[] | undefined {
  const prefix = `alias.${inv.sub}=`;
  const defs = optionValues(argv.slice(0, argv.length - inv.args.length), ['-c']).filter((v) => v.startsWith(prefix));
  if (defs.length === 0) return undefined;
  const body = defs[defs.length - 1].slice(prefix.length).trim();
  if (body.startsWith('!')) {
    return [{
      id: 'git.inline-shell-alias',
      summary: `git -c alias.${inv.sub}='!…' runs shell text defined on the command line: ${body.slice(1, 80)}`,
      target: inv.sub,
      alternative: 'run the commands directly so they can be reviewed',
      severity: 60,
    }];
  }
  if (depth > 0 || !body) return undefined;
  return analyzeArgv(['git', ...body.split(/\s+/), ...inv.args.slice(1)], depth + 1);
}

function analyzeArgv(argv: readonly string[], depth = 0): Finding[] {
  const inv = invocation(argv);
  if (!inv) return [];
  const { sub, args } = inv;
  if (argv.length !== args.length + 1) {
    const aliased = inlineAlias(argv, inv, depth);
    if (aliased) return aliased;
  }
  switch (sub) {
    case 'reset': return reset(args);
    case 'push': return push(args);
    case 'clean': return clean(args);
    case 'branch': return branch(args);
    case 'checkout': return checkout(args);
    case 'switch': return switchBranch(args);
    case 'restore': return restore(args);
    case 'stash': return stash(args);
    case 'reflog': return reflog(args);
    case 'gc':
    case 'prune': return gc(args, sub);
    case 'filter-branch':
    case 'filter-repo': return rewriteHistory(`git ${sub}`);
    case 'update-ref':
      if (!has(args, '-d')) return [];
      return [{ id: 'git.update-ref-delete', summary: `git update-ref -d deletes ref ${positionals(args)[0] ?? ''} without any check`.trim(), target: positionals(args)[0], alternative: 'git branch -d / git tag -d', severity: 55 }];
    case 'worktree': {
      const [action, path] = positionals(args);
      if (action !== 'remove' || !has(args, '-f', '--force')) return [];
      return [{ id: 'git.worktree-remove', summary: `git worktree remove --force deletes worktree ${path ?? ''} with its uncommitted changes`.replace('  ', ' '), target: path, alternative: 'commit or stash in that worktree first', severity: 50 }];
    }
    case 'rm':
      if (has(args, '--cached') || !has(args, '-f', '--force')) return [];
      return [{ id: 'git.rm-force', summary: `git rm --force deletes ${positionals(args, ['--pathspec-from-file']).join(' ') || 'files'} including uncommitted changes to them`, target: positionals(args).join(' ') || undefined, alternative: 'git rm without -f (refuses when the files have local changes)', severity: 45 }];
    case 'submodule':
      return submoduleForeach(args);
    case 'read-tree':
      if (!(has(args, '--reset') && has(args, '-u'))) return [];
      return [{ id: 'git.reset-hard', summary: 'git read-tree --reset -u overwrites the working tree like reset --hard', alternative: STASH_FIRST, severity: 60 }];
    default:
      return [];
  }
}

/** Subcommands that only look. Everything else is treated as a change. */
const READ_SUBCOMMANDS = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'annotate', 'ls-files', 'ls-tree', 'ls-remote', 'rev-parse', 'rev-list',
  'describe', 'shortlog', 'grep', 'cat-file', 'help', 'version', 'fetch', 'whatchanged', 'name-rev', 'merge-base',
  'check-ignore', 'check-attr', 'count-objects', 'fsck', 'verify-commit', 'verify-tag', 'verify-pack', 'for-each-ref',
  'show-ref', 'show-branch', 'range-diff', 'difftool', 'var', 'archive', 'bundle', 'clone',
]);

function gitEffect(cmd: SimpleCommand): 'read' | 'write' {
  const inv = invocation(cmd.argv);
  if (!inv) return 'read';
  const { sub, args } = inv;
  if (READ_SUBCOMMANDS.has(sub)) return 'read';
  const pos = positionals(args);
  switch (sub) {
    case 'branch':
      return pos.length === 0 && !has(args, '-d', '-D', '--delete', '-m', '-M', '-c', '-C', '-u', '--set-upstream-to', '--unset-upstream', '--edit-description') ? 'read' : 'write';
    case 'tag':
      return pos.length === 0 || has(args, '-l', '--list', '-v', '--verify') ? 'read' : 'write';
    case 'remote':
      return pos.length === 0 || pos[0] === 'show' || pos[0] === 'get-url' ? 'read' : 'write';
    case 'stash':
      return pos[0] === 'list' || pos[0] === 'show' ? 'read' : 'write';
    case 'reflog':
      return pos.length === 0 || pos[0] === 'show' || pos[0] === 'exists' ? 'read' : 'write';
    case 'config':
      return has(args, '--get', '--get-all', '--get-regexp', '-l', '--list') || pos[0] === 'get' || pos[0] === 'list' || (pos.length === 1 && !has(args, '--unset', '--unset-all', '--add', '--replace-all')) ? 'read' : 'write';
    case 'worktree':
      return pos[0] === 'list' ? 'read' : 'write';
    case 'submodule':
      return pos[0] === 'status' || pos[0] === 'summary' ? 'read' : 'write';
    default:
      return 'write';
  }
}

export const gitPack: Pack = {
  id: 'git',
  commands: ['git', 'bfg'],
  analyze(cmd, ctx) {
    if (cmd.argv[0] === 'bfg') {
      return cmd.argv.length > 1 && !has(cmd.argv, '--help', '-h', '--version') ? rewriteHistory('BFG Repo-Cleaner') : undefined;
    }
    const out = analyzeGit(cmd, ctx);
    return out.length ? out : undefined;
  },
  effect(cmd) {
    if (cmd.argv[0] === 'bfg') return 'write';
    return gitEffect(cmd);
  },
};
