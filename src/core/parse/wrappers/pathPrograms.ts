// A program called by a name no pack reads (`wipe`, `pyx`), found on PATH in a
// folder the agent can write: a script appended to `~/.local/bin/wipe`, a link
// `~/.local/bin/pyx` to python3, a file put in `node_modules/.bin`. Putting a
// new name on PATH is a new tool and stays quiet (autorun/shadowing.ts); what
// runs under that name is read here, as `./wipe` or `~/.local/bin/wipe` is
// (pathScripts.ts). A name a pack reads (`git`, `npm`) is judged by its name
// and not looked up: such a name put in a PATH folder asks when it is put
// there (`autorun.path-shadow`), and a lookup for every command of every line
// would cost each of them a look into each PATH folder.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';
import { SYSTEM_PROGRAMS } from './programCopies';
import { unwrapPathScript } from './pathScripts';

/**
 * Commands every system has in its own folders (coreutils, findutils, util-linux, archivers, editors, build tools),
 * and the shell's builtins: not looked up. The same name put in a user's PATH folder asks as it is put there (`autorun.path-shadow`), so only a
 * name no system folder holds can be new on PATH; looking each of these up would cost every line a look per folder.
 */
const SYSTEM_COMMANDS: ReadonlySet<string> = new Set(
  (
    'rm mv cp ln ls mkdir rmdir chmod chown chgrp touch cat tac head tail tee wc sort uniq cut tr paste join split ' +
    'csplit comm diff cmp patch echo printf test expr true false yes seq sleep date env printenv id whoami groups ' +
    'uname hostname pwd basename dirname realpath readlink stat du df sync dd truncate shred mktemp install file ' +
    'find xargs grep egrep fgrep sed awk gawk mawk nl fold fmt od xxd hexdump base64 base32 md5sum sha1sum ' +
    'sha256sum sha512sum cksum sum tar gzip gunzip zcat bzip2 bunzip2 xz unxz zstd unzip zip 7z ps kill killall ' +
    'pkill pgrep top htop free uptime nice nohup timeout watch less more man info which whereis type column lsof ' +
    'make cmake ninja meson gcc cc g++ clang ld as ar strip nm objdump tmux screen vim vi nvim nano emacs ed tput ' +
    'clear reset stty tty mount umount lsblk blkid fdisk chroot su sudo doas ssh scp sftp rsync curl wget ping ' +
    'dig host nslookup netstat ss ip ifconfig crontab at jq yq tree locate updatedb iconv envsubst gettext ' +
    // The shell's own builtins run no file, whatever PATH holds.
    'cd export set unset local declare typeset readonly source exit return shift wait read trap eval exec alias ' +
    'unalias hash pushd popd dirs mapfile readarray let shopt builtin command enable getopts umask ulimit jobs fg bg ' +
    'disown history complete compgen caller times suspend logout'
  ).split(' '),
);

/** PATH folders looked in for one name, at most. */
const MAX_FOLDERS = 32;
/** A name as a program is called by it on a line: no slash, no expansion. */
const PLAIN_NAME = /^[\w.+-]+$/;

/** Runners that put the package's `node_modules/.bin` folders first on PATH for what they run (scripts, `npx x`). */
const PACKAGE_RUNNER = /^(?:npm|pnpm|yarn|bun|npx|pnpx|bunx)\b/;
/** Folders above the working one whose `node_modules/.bin` a runner puts on PATH, at most. */
const MAX_PACKAGE_LEVELS = 8;

/** `node_modules/.bin` of the working folder and the folders above it, nearest first, as npm puts them on PATH. */
function packageBins(cwd: string): string[] {
  const out: string[] = [];
  for (let dir = cwd, n = 0; n < MAX_PACKAGE_LEVELS; n++) {
    out.push(path.join(dir, 'node_modules', '.bin'));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/**
 * Where a bare name is found on the command's PATH outside the system's folders (the first such folder holding a file
 * of that name). The system's folders are not looked in: the agent cannot write there, and a name that is there too
 * asked when it was put in a folder before them (`autorun.path-shadow`). Each folder is looked in once a line.
 */
function whichOnPath(name: string, p: Pending, scope: Scope, w: Walker): string | undefined {
  const { pathListing, realpath } = w.ctx;
  if (!pathListing && !realpath) return undefined;
  const folders = userFolders(p.env.PATH ?? '');
  const first = scope.via.some((v) => PACKAGE_RUNNER.test(v)) ? packageBins(scope.cwd) : [];
  for (let i = 0; i < first.length + folders.length && i < MAX_FOLDERS; i++) {
    const dir = i < first.length ? first[i] : folders[i - first.length];
    const file = dir + '/' + name;
    // A listing per folder, made once a judgment: a name is missing from almost every folder looked in.
    const there = pathListing ? pathListing(dir)?.has(name) === true : realpath?.(file) !== undefined;
    if (there && w.ctx.stat?.(file)?.isDir !== true) return file;
  }
  return undefined;
}

// Every command of a batch has the same PATH: its folders outside the system's are worked out once.
let lastPath: { value: string; folders: readonly string[] } | undefined;
function userFolders(value: string): readonly string[] {
  if (lastPath?.value === value) return lastPath.folders;
  const folders = [
    ...new Set(
      value.split(':').filter((d) => d.startsWith('/') && !SYSTEM_PROGRAMS.test(d.endsWith('/') ? d : d + '/')),
    ),
  ].slice(0, MAX_FOLDERS);
  lastPath = { value, folders };
  return folders;
}

/** A version manager's shim is this small: a few lines that hand the call on. */
const MAX_SHIM_CHARS = 2048;
/**
 * The lines of the shims pyenv, rbenv and their kin write for every tool they manage, and nothing else: settings, a
 * debug switch, the program's own name, and the hand-over to the manager's own `exec`, none of them a command of the
 * shim's choosing. A line of any other kind makes the file a script like any other, read as one.
 */
const SHIM_LINES = [
  /^#!\/(?:usr\/)?bin\/(?:env )?(?:ba)?sh$/,
  /^set -e$/,
  /^\[ -n "\$[A-Z]+_DEBUG" \] && set -x$/,
  /^program="\$\{0##\*\/\}"$/,
  /^export [A-Z_]+="[^"$`\\]*"$/,
  /^[A-Z_]+=\$\{0%\/\*\}$/,
  /^if \[\[ \$[A-Z_]+ != "[^"$`\\]*" \]\]; then$/,
  /^ {2}export _[A-Z_]+="\$[A-Z_]+"$/,
  /^fi$/,
  /^exec "\/[^"$`\\]*\/libexec\/(?:pyenv|rbenv|nodenv|goenv|jenv|plenv|phpenv)" exec "\$program" "\$@"$/,
];

/**
 * A version manager's shim (`program="${0##…}"; exec "…/libexec/pyenv" exec "$program" "$@"`): it runs the program
 * its name says, judged by that name, as the call is without the shim. Reading it would read the manager's own
 * scripts for every call of every tool it manages.
 */
function versionManagerShim(file: string, scope: Scope, w: Walker): boolean {
  const text = w.ctx.readFile(file, scope.cwd);
  if (text === undefined || text.length > MAX_SHIM_CHARS || !text.startsWith('#!')) return false;
  for (const line of text.split('\n')) {
    if (line !== '' && !SHIM_LINES.some((re) => re.test(line))) return false;
  }
  return true;
}

/** A package's own folder: what npm installed there is the package's code, run by the bin's name. */
const IN_PACKAGE = /\/node_modules\/(?!\.bin\/)/;

/**
 * A bin npm linked from an installed package (`node_modules/.bin/mocha` → `../mocha/bin/mocha.js`) in an
 * interpreter's language: judged by its name, as it was before it was looked up. Reading it would read each tool's
 * own launcher (mocha spawns node with the arguments it computes) for every `npx mocha`. A shell script or a
 * program put there, and a bin linked from outside an installed package, are read.
 */
function installedPackageBin(file: string, scope: Scope, w: Walker): boolean {
  const real = w.ctx.realpath?.(file);
  if (real === undefined || !IN_PACKAGE.test(real)) return false;
  const text = w.ctx.readFile(real, scope.cwd);
  // A compiled program (esbuild's, too large to read or not text) is judged by its name in any folder.
  if (text === undefined || text.slice(0, 1024).includes('\0')) return true;
  return /^#![^\n]*\b(?:node|bun|deno|python[\d.]*|ruby|perl)\b/.test(text.slice(0, 256));
}

/** `wipe ARGS` with `wipe` a file of a PATH folder outside the system's: read as `FOLDER/wipe ARGS` is. */
export function unwrapPathProgram(
  raw: string,
  prog: string,
  p: Pending,
  scope: Scope,
  w: Walker,
): UnwrapStep | undefined {
  if (raw !== prog || p.dynamic[0] || SYSTEM_COMMANDS.has(prog) || !PLAIN_NAME.test(raw)) return undefined;
  if (w.claimed?.(prog) !== false) return undefined;
  const file = whichOnPath(prog, p, scope, w);
  if (file === undefined || SYSTEM_PROGRAMS.test(file) || versionManagerShim(file, scope, w)) return undefined;
  if (installedPackageBin(file, scope, w)) return undefined;
  return unwrapPathScript(file, p, scope, w);
}
