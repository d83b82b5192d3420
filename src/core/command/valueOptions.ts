// Options that take a value, per command, so their values are not read as paths.
export const CP_VALUE_OPTS = ['-t', '--target-directory', '-S', '--suffix'];

export const INSTALL_VALUE_OPTS = [
  '-t',
  '--target-directory',
  '-m',
  '--mode',
  '-o',
  '--owner',
  '-g',
  '--group',
  '-S',
  '--suffix',
];

export const RSYNC_VALUE_OPTS = [
  '-e',
  '--rsh',
  '--exclude',
  '--include',
  '--filter',
  '-f',
  '--exclude-from',
  '--include-from',
  '--files-from',
  '--rsync-path',
  '--backup-dir',
  '--suffix',
  '--chmod',
  '--chown',
  '-T',
  '--temp-dir',
  '--log-file',
  '--password-file',
  '--port',
  '--compare-dest',
  '--copy-dest',
  '--link-dest',
  '-B',
  '--block-size',
  '--bwlimit',
  '--timeout',
  '--max-size',
  '--min-size',
  '--partial-dir',
];

export const SED_VALUE_OPTS = ['-e', '--expression', '-f', '--file', '-l', '--line-length'];

export const TRUNCATE_VALUE_OPTS = ['-s', '--size', '-r', '--reference', '-o', '--io-blocks'];

export const SHRED_VALUE_OPTS = ['-n', '--iterations', '-s', '--size', '--random-source'];

export const TEE_VALUE_OPTS = ['--output-error'];

export const CHOWN_VALUE_OPTS = ['--reference', '--from'];

export const LN_VALUE_OPTS = ['-t', '--target-directory', '-S', '--suffix'];

export const MKFS_VALUE_OPTS = [
  '-t',
  '--type',
  '-L',
  '--label',
  '-b',
  '-N',
  '-O',
  '-E',
  '-I',
  '-m',
  '-T',
  '-U',
  '-g',
  '-G',
  '-i',
  '-J',
  '-C',
  '-d',
  '-r',
  '-e',
  '-o',
  '-n',
];

/** ssh's options that take a value: the first word after them is the host. */
export const SSH_VALUE_OPTS = [
  '-b',
  '-c',
  '-D',
  '-E',
  '-e',
  '-F',
  '-I',
  '-i',
  '-J',
  '-L',
  '-l',
  '-m',
  '-O',
  '-o',
  '-p',
  '-Q',
  '-R',
  '-S',
  '-W',
  '-w',
  '-B',
  '-P',
];

/** ripgrep's options that take a value (so the value is not read as the pattern or a path). */
export const RG_VALUE_OPTIONS: readonly string[] = [
  '-e',
  '--regexp',
  '-f',
  '--file',
  '-g',
  '--glob',
  '--iglob',
  '-t',
  '--type',
  '-T',
  '--type-not',
  '-m',
  '--max-count',
  '-A',
  '-B',
  '-C',
  '-j',
  '--threads',
  '--max-depth',
  '-d',
  '--color',
  '--colors',
  '-M',
  '--max-columns',
  '--sort',
  '--sortr',
  '-r',
  '--replace',
  '--pre',
  '--pre-glob',
  '--max-filesize',
  '--path-separator',
  '-E',
  '--encoding',
  '--ignore-file',
];

/** fd's options that take a value (fd(1)): the word after each is not the pattern or a path. */
export const FD_VALUE_OPTIONS: readonly string[] = [
  '-e',
  '--extension',
  '-t',
  '--type',
  '-E',
  '--exclude',
  '-d',
  '--max-depth',
  '--min-depth',
  '--exact-depth',
  '-S',
  '--size',
  '-j',
  '--threads',
  '-c',
  '--color',
  '--changed-within',
  '--changed-before',
  '-o',
  '--owner',
  '--base-directory',
  '--search-path',
  '--ignore-file',
  '--max-results',
  '--path-separator',
];

/** docker compose's own options and those of its subcommands that take a value (`down -t 10`, `--rmi all`). */
export const COMPOSE_VALUE_OPTS = [
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--profile',
  '--env-file',
  '--project-directory',
  '--ansi',
  '--progress',
  '--parallel',
  '-t',
  '--timeout',
  '--rmi',
];

/** Options of git checkout, switch and restore that take a value: the paths are what is left. */
export const GIT_CHECKOUT_VALUE_OPTS = [
  '-b',
  '-B',
  '--orphan',
  '-c',
  '-C',
  '--create',
  '--force-create',
  '-s',
  '--source',
  '--conflict',
  '--pathspec-from-file',
  '-t',
  '--track',
];

/** curl short options that take a value; a cluster ends at the first of them (`-sXPOST`, `-sSo out`). */
export const CURL_SHORT_WITH_VALUE: ReadonlySet<string> = new Set('bcCdDeEFHKmoPQrtTuUwxXyYzA'.split(''));

/** Node's options whose value is the next word (`node --import ./hooks.mjs app.js`): that word is no script. */
export const NODE_VALUE_OPTS: ReadonlySet<string> = new Set([
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--env-file',
  '--conditions',
  '-C',
  '--title',
  '--input-type',
  '--redirect-warnings',
]);
