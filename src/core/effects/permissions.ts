// Commands that change who may read, write or run a file, not what it holds:
// modes (chmod), owner and group (chown, chgrp), ACLs (setfacl), Linux file
// attributes (chattr: `-i` lifts the immutable flag) and BSD/macOS flags
// (chflags). Each names its files, and whether it reaches everything below
// them (`-R`); a recursive change over a folder holding AgentGuard's own
// files reaches those files too (pathTouch.ts, guard/protectedPaths.ts).
import { hasFlag, optionValue, positionals } from '../command/args';
import { CHOWN_VALUE_OPTS } from '../command/valueOptions';

/** A file whose permissions, owner, ACL or attributes change; `recursive` when everything below it changes too. */
export interface PermissionTarget {
  word: string;
  recursive: boolean;
}

export const PERMISSION_COMMANDS = new Set(['chmod', 'chown', 'chgrp', 'setfacl', 'chattr', 'chflags']);

// chmod modes may look like options (`-w`, `-rwx`); `-R` is the only recursive spelling.
const CHMOD_MODE_RE = /^(?:[0-7]{1,4}|[ugoa]*(?:[-+=][rwxXstugo]*)+(?:,[ugoa]*(?:[-+=][rwxXstugo]*)+)*)$/;

/** The files a permission command changes, in the order named; undefined for any other command. */
export function permissionTargets(name: string, argv: readonly string[]): PermissionTarget[] | undefined {
  switch (name) {
    case 'chmod':
      return chmodTargets(argv);
    case 'chown':
    case 'chgrp': {
      const recursive = hasFlag(argv, ['-R', '--recursive']);
      const pos = positionals(argv, CHOWN_VALUE_OPTS);
      const files = optionValue(argv, ['--reference']) === undefined ? pos.slice(1) : pos;
      return files.map((word) => ({ word, recursive }));
    }
    case 'setfacl':
      return setfaclTargets(argv);
    case 'chattr':
      return chattrTargets(argv);
    case 'chflags': {
      // `chflags [-fhvx] [-R [-H|-L|-P]] FLAGS FILE…`: the flags are the first operand.
      const recursive = hasFlag(argv, ['-R']);
      return positionals(argv)
        .slice(1)
        .map((word) => ({ word, recursive }));
    }
    default:
      return undefined;
  }
}

function chmodTargets(argv: readonly string[]): PermissionTarget[] {
  const out: PermissionTarget[] = [];
  let recursive = false;
  let modeSeen = false;
  let endOpts = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!endOpts && a === '--') {
      endOpts = true;
      continue;
    }
    if (!endOpts && a.startsWith('--')) {
      if (a === '--recursive') recursive = true;
      else if (a.startsWith('--reference')) {
        modeSeen = true;
        if (a === '--reference') i++;
      }
      continue;
    }
    // The mode comes first and may look like an option (`-w`, `-rwx`).
    if (!modeSeen && CHMOD_MODE_RE.test(a)) {
      modeSeen = true;
      continue;
    }
    if (!endOpts && a[0] === '-' && a.length > 1) {
      if (a.includes('R')) recursive = true;
      continue;
    }
    if (!modeSeen) {
      modeSeen = true;
      continue;
    }
    out.push({ word: a, recursive: false });
  }
  // `chmod -R` anywhere applies to every file, even files named before it.
  if (recursive) for (const t of out) t.recursive = true;
  return out;
}

/** The words after the program: options (with the value a `takesValue` one takes along) and operands; `--` ends the options. */
function operands(
  argv: readonly string[],
  isOption: (word: string) => boolean,
  takesValue: (option: string) => boolean,
): { options: string[]; files: string[] } {
  const options: string[] = [];
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!isOption(a)) files.push(a);
    else {
      options.push(a);
      if (takesValue(a)) i++;
    }
  }
  return { options, files };
}

/** setfacl's options that take a value: an ACL or a file of them (`--restore=FILE` names its files inside FILE: not read here). */
const SETFACL_SHORT_VALUES = /[mMxX]/;
const SETFACL_LONG_VALUES = [
  '--set',
  '--set-file',
  '--modify',
  '--modify-file',
  '--remove',
  '--remove-file',
  '--restore',
];

/** A short cluster's flags: the letters before the first that takes a value (`-Rm` is -R, then -m ACL). */
function clusterFlags(option: string): string {
  const at = option.slice(1).search(SETFACL_SHORT_VALUES);
  return at === -1 ? option.slice(1) : option.slice(1, at + 1);
}

/** `setfacl [-bkndRLP] [-m|-x ACL] [-M|-X FILE] FILE…`, `-Rm u:x:rwx DIR` (a value ends a cluster). */
function setfaclTargets(argv: readonly string[]): PermissionTarget[] {
  const { options, files } = operands(
    argv,
    (a) => a.length > 1 && a[0] === '-',
    (a) =>
      a.startsWith('--')
        ? SETFACL_LONG_VALUES.includes(a)
        : clusterFlags(a).length === a.length - 2 && SETFACL_SHORT_VALUES.test(a[a.length - 1]),
  );
  const recursive = options.some((o) => o === '--recursive' || (!o.startsWith('--') && clusterFlags(o).includes('R')));
  return files.map((word) => ({ word, recursive }));
}

/** `chattr [-RVf] [-v VERSION] [-p PROJECT] [-+=ATTRS]… FILE…`: a word led by `-` is options or attributes taken away. */
function chattrTargets(argv: readonly string[]): PermissionTarget[] {
  const { options, files } = operands(
    argv,
    (a) => a.length > 1 && (a[0] === '-' || a[0] === '+' || a[0] === '='),
    (a) => a === '-v' || a === '-p',
  );
  const recursive = options.some((o) => o[0] === '-' && o.includes('R'));
  return files.map((word) => ({ word, recursive }));
}
