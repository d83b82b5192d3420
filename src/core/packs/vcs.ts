// Version control other than git (Mercurial, Fossil, Subversion, Jujutsu, DVC),
// judged as the git pack judges their git twins: what destroys work that
// exists nowhere else (uncommitted changes, untracked files, stripped
// commits, the operation log) or changes a shared server (a Subversion URL
// deleted in one commit) asks; what the tool itself can undo (`hg strip`
// keeps a bundle, `jj abandon` is one `jj undo` away) stays quiet.
import { hasFlag, optionValue, positionals } from '../command/args';
import type { Finding, Pack, SimpleCommand } from '../types';
import { asksForHelp } from './common/deletion';
import { discardFinding, isSharedBranch } from './common/git';
import { finding } from './common/finding';
import { own } from '../text/own';

const HG_VALUES = [
  '-r',
  '--rev',
  '-R',
  '--repository',
  '--cwd',
  '-B',
  '--bookmark',
  '-I',
  '-X',
  '--include',
  '--exclude',
];
const SVN_VALUES = ['-m', '--message', '-F', '--file', '--depth', '--username', '--password', '-r', '--revision'];
const FOSSIL_VALUES = ['-R', '--repository', '--case-sensitive', '--ignore', '--keep', '--clean'];
const JJ_VALUES = ['-r', '--revision', '--revisions', '-R', '--repository', '-b', '--bookmark', '--remote', '--at-op'];

/** Deleting untracked (and with `all`, ignored) files: the git clean twin. */
function cleanFinding(tool: string, ignored: boolean, alternative: string): Finding {
  return finding(
    'vcs.clean',
    ignored ? 65 : 60,
    `${tool} deletes every untracked file in the working tree${ignored ? ', including ignored ones (.env, local config, data)' : ''}; they were never committed, so no history holds them`,
    '.',
    alternative,
  );
}

function hg(argv: readonly string[]): Finding[] {
  const words = positionals(argv, HG_VALUES);
  const sub = words[0];
  const args = words.slice(1);
  switch (sub) {
    case 'purge':
    case 'clean':
      if (hasFlag(argv, ['-p', '--print', '-n', '--dry-run'])) return [];
      return [cleanFinding(`hg ${sub}`, hasFlag(argv, ['--all']), 'hg purge --print to see what would go')];
    case 'update':
    case 'up':
    case 'checkout':
    case 'co':
      return hasFlag(argv, ['-C', '--clean'])
        ? [discardFinding('vcs.discard', `hg ${sub} --clean`, [], 'hg shelve first, or hg update --check')]
        : [];
    case 'revert':
      // Without --no-backup every reverted file is kept as FILE.orig.
      if (!hasFlag(argv, ['-C', '--no-backup'])) return [];
      return [
        discardFinding(
          'vcs.discard',
          'hg revert --no-backup',
          hasFlag(argv, ['-a', '--all']) ? [] : args,
          'hg revert without --no-backup keeps each file as FILE.orig',
        ),
      ];
    case 'strip':
    case 'prune': {
      // A stripped commit is kept as a bundle in .hg/strip-backup unless --no-backup; --force also drops uncommitted changes.
      const noBackup = hasFlag(argv, ['--no-backup', '--nobackup', '-n']);
      const force = hasFlag(argv, ['-f', '--force']);
      if (!noBackup && !force) return [];
      return [
        finding(
          'vcs.strip',
          60,
          `hg ${sub}${noBackup ? ' --no-backup deletes the commits it strips with no backup bundle' : ' --force throws away uncommitted changes in the working tree as it strips'}`,
          args[0] ?? optionValue(argv, ['-r', '--rev']) ?? '.',
          noBackup ? 'hg strip without --no-backup keeps a bundle in .hg/strip-backup' : 'hg shelve first',
        ),
      ];
    }
    case 'shelve':
      if (hasFlag(argv, ['--cleanup']))
        return [
          finding(
            'vcs.shelve-drop',
            60,
            'hg shelve --cleanup deletes every shelved change',
            '.',
            'hg shelve --list, then delete only the shelves you mean',
          ),
        ];
      return [];
    default:
      return [];
  }
}

function fossil(argv: readonly string[]): Finding[] {
  const words = positionals(argv, FOSSIL_VALUES);
  const sub = words[0];
  if (sub === 'clean' || sub === 'clea') {
    if (hasFlag(argv, ['-n', '--dry-run'])) return [];
    // `clean` keeps an undo copy of small files unless --force or --disable-undo; --verily and -x take ignored files too.
    const force = hasFlag(argv, ['-f', '--force', '--disable-undo', '--verily', '-x']);
    if (!force) return [];
    return [
      cleanFinding(
        `fossil clean ${hasFlag(argv, ['--verily']) ? '--verily' : hasFlag(argv, ['-x']) ? '-x' : '--force'}`,
        hasFlag(argv, ['--verily', '-x']),
        'fossil clean --dry-run to see what would go',
      ),
    ];
  }
  if ((sub === 'rm' || sub === 'delete' || sub === 'rmdir') && hasFlag(argv, ['--hard'])) {
    // Weighed as a discard: committed files come back with `fossil revert`, edits made since do not.
    const paths = words.slice(1);
    const weight = discardFinding('vcs.discard', `fossil ${sub} --hard`, paths, '');
    return [
      finding(
        'vcs.discard',
        weight.severity,
        `fossil ${sub} --hard deletes ${paths.length ? paths.slice(0, 3).join(', ') : 'the files'} from disk too; uncommitted edits to them cannot be recovered`,
        weight.target,
        `fossil ${sub} without --hard only stops tracking them`,
      ),
    ];
  }
  if (sub === 'scrub')
    return [
      finding(
        'vcs.rewrite-history',
        70,
        'fossil scrub removes content from the repository file for good',
        argv.at(-1) ?? '.',
        'run it on a copy of the repository file',
      ),
    ];
  if (sub === 'purge' && words[1] === 'obliterate')
    return [
      finding(
        'vcs.rewrite-history',
        70,
        'fossil purge obliterate deletes purged check-ins from the graveyard for good',
        '.',
        'leave them in the graveyard (fossil purge list)',
      ),
    ];
  return [];
}

/** A Subversion target on the server (`https://…`, `svn+ssh://…`, `^/branches/x`), not a working copy path. */
const SVN_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|\^\/)/i;

function svn(argv: readonly string[]): Finding[] {
  const words = positionals(argv, SVN_VALUES);
  const sub = words[0];
  const args = words.slice(1);
  if ((sub === 'delete' || sub === 'del' || sub === 'remove' || sub === 'rm') && args.some((a) => SVN_URL.test(a))) {
    // A URL is deleted on the server in one commit, like `git push --delete`.
    const urls = args.filter((a) => SVN_URL.test(a));
    const shared = urls.some(
      (u) => /\/trunk\/?$/.test(u) || isSharedBranch(u.replace(/\/$/, '').split('/').pop() ?? ''),
    );
    return [
      finding(
        'vcs.remote-delete',
        shared ? 80 : 50,
        `svn ${sub} deletes ${urls.slice(0, 3).join(', ')} on the server in a commit${shared ? ': the line of development everyone works on' : ''}`,
        urls[0],
        'copy it to a tag first (svn copy), and delete it from a working copy where the change can be reviewed',
      ),
    ];
  }
  if (sub === 'revert' && (hasFlag(argv, ['-R', '--recursive']) || optionValue(argv, ['--depth']) === 'infinity'))
    return [
      discardFinding('vcs.discard', 'svn revert -R', args.length ? args : ['.'], 'svn diff > changes.patch first'),
    ];
  if (sub === 'cleanup' && hasFlag(argv, ['--remove-unversioned', '--remove-ignored']))
    return [
      cleanFinding('svn cleanup', hasFlag(argv, ['--remove-ignored']), 'svn status to see the unversioned files first'),
    ];
  return [];
}

function jj(argv: readonly string[]): Finding[] {
  const words = positionals(argv, JJ_VALUES);
  // Every jj command is recorded in the operation log, so `jj abandon` and `jj op restore` are undone by `jj undo`; losing that log is not.
  if ((words[0] === 'op' || words[0] === 'operation') && words[1] === 'abandon')
    return [
      finding(
        'vcs.oplog-delete',
        60,
        'jj op abandon deletes operations from the log, the record that jj undo recovers lost work from',
        words[2] ?? '.',
        'leave the operation log as it is',
      ),
    ];
  if (words[0] === 'util' && words[1] === 'gc' && argv.some((a) => /^--expire(?:=now)?$/.test(a)))
    return [
      finding(
        'vcs.prune',
        50,
        'jj util gc --expire=now deletes unreachable commits now, so abandoned work can no longer be recovered',
        '.',
        'jj util gc without --expire',
      ),
    ];
  // `--all` pushes deleted bookmarks too: the `git push --prune` twin.
  const pushAll = hasFlag(argv, ['--deleted', '--all']);
  if (words[0] === 'git' && words[1] === 'push' && pushAll && !hasFlag(argv, ['--dry-run']))
    return [
      finding(
        'vcs.remote-delete',
        55,
        `jj git push ${hasFlag(argv, ['--all']) ? '--all' : '--deleted'} deletes every bookmark on the remote that was deleted here`,
        '.',
        'push the bookmarks you mean by name (-b NAME)',
      ),
    ];
  return [];
}

const DVC_VALUES = ['--cd', '-r', '--remote', '-j', '--jobs', '-p', '--projects', '--rev', '-n', '--num', '--date'];

// DVC keeps data versions in a cache and a remote store, beside git. `dvc gc` drops every version the kept commits
// do not use: from this machine's cache it is the `git gc` twin, but `--cloud` deletes them from the shared remote,
// where the team's other branches and older versions live. `--force` on checkout or pull overwrites data changed here.
function dvc(argv: readonly string[]): Finding[] {
  const words = positionals(argv, DVC_VALUES);
  if (hasFlag(argv, ['--dry-run'])) return [];
  if (words[0] === 'gc' && hasFlag(argv, ['-c', '--cloud']))
    return [
      finding(
        'vcs.remote-delete',
        65,
        "dvc gc --cloud deletes from the remote storage every data version the kept commits do not use: older versions and other branches' data are lost for everyone who shares it",
        optionValue(argv, ['-r', '--remote']) ?? 'remote storage',
        "dvc gc without --cloud (this machine's cache only), or ask the user first",
      ),
    ];
  // Claimed here, so what the generic reader asked about stays asked about, under the id it had.
  if (words[0] === 'destroy')
    return [
      finding(
        'cli.destructive-verb',
        70,
        'dvc destroy deletes the DVC project: its .dvc folder with the cache of every data version, and the tracked data',
        '.dvc',
        'leave the project as it is; dvc remove the stages you mean',
      ),
    ];
  const every = hasFlag(argv, ['--all', '-A', '--all-commits']);
  if (
    every &&
    (words[0] === 'exp' || words[0] === 'experiments' || words[0] === 'queue') &&
    /^(?:remove|rm)$/.test(words[1] ?? '')
  )
    return [
      finding(
        'cli.destructive-verb',
        60,
        `dvc ${words[0]} ${words[1]} deletes every experiment ${words[0] === 'queue' ? 'in the queue' : 'with its results'}`,
        words[0],
        'remove the experiments you mean by name',
      ),
    ];
  if ((words[0] === 'checkout' || words[0] === 'pull') && hasFlag(argv, ['-f', '--force']))
    return [
      discardFinding(
        'vcs.discard',
        `dvc ${words[0]} --force`,
        // A `.dvc` file names the data it tracks, often a whole folder.
        words.slice(1).map((w) => w.replace(/\.dvc$/, '')),
        'dvc status to see the changed data first, then dvc commit or copy it aside',
      ),
    ];
  return [];
}

const READERS: Readonly<Record<string, (argv: readonly string[]) => Finding[]>> = { hg, fossil, svn, jj, dvc };

function analyze(cmd: SimpleCommand): Finding[] | undefined {
  if (asksForHelp(cmd.argv)) return undefined;
  const read = own(READERS, cmd.argv[0]);
  const out = read ? read(cmd.argv) : [];
  return out.length ? out : undefined;
}

export const vcsPack: Pack = {
  id: 'vcs',
  commands: Object.keys(READERS),
  analyze,
};
