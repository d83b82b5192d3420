// A program outside the workspace changed without being replaced: `echo … >> ~/.local/bin/tool`,
// `sed -i … ~/.nvm/versions/node/v20/bin/npm`, `perl -pi -e … ~/bin/deploy`. Replacing an existing file there
// asks (`fs.overwrite-outside-workspace`), but an append or an edit in place keeps the file and adds what runs the
// next time anyone calls the program: the user, the editor or the agent itself. Notes and logs outside the
// workspace are appended to all the time, so only a program asks: a file in a folder of PATH or a home program
// folder, one with an execute bit, or a script (`#!`).
import * as path from 'node:path';
import type { FileEffect } from '../../effects';
import { classifyPath, displayPath, type PathInfo } from '../../command/paths';
import { IN_PLACE_EDITORS } from '../../command/inPlaceEditors';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';

/**
 * Programs whose `write` effect changes a file's text in place (their other writes are new files or folders): the
 * in-place editors, and those that write into a file they are given (`tee -a`, `sponge -a`, `dd conv=notrunc`, `patch`).
 */
const EDITORS: ReadonlySet<string> = new Set([...IN_PLACE_EDITORS, 'tee', 'sponge', 'dd', 'patch']);
const APPEND_OPS = new Set(['>>', '&>>', '<>']);
/** Folders holding programs by their name: `~/bin`, `~/.local/bin`, `~/.nvm/…/bin`, `~/.pyenv/shims`. */
const PROGRAM_FOLDERS = new Set(['bin', 'sbin', 'shims']);
/** Home folders of programs named otherwise, HOME-relative. */
const HOME_PROGRAM_DIRS = ['.local/share/pnpm', '.dotnet/tools', '.local/share/mise/installs'];
const OUTSIDE_OWN = new Set<PathInfo['location']>(['home-inside', 'other-home', 'workspace-ancestor', 'outside']);
const MAX_PATH_DIRS = 64;
const INSIDE_OWN = new Set<PathInfo['location']>(['workspace-inside']);
/** What changes an installed package's file: its text replaced or added to, or another file moved onto it. */
const INSTALLED_WRITES = new Set<FileEffect['kind']>(['write', 'truncate', 'move']);
/**
 * A file of a package installed in the workspace: its code, not a tool's cache (`node_modules/.cache`, `.vite`).
 * The bins npm links (`node_modules/.bin`) and pnpm's store (`.pnpm`) are its code too.
 */
const INSTALLED_CODE = /\/node_modules\/(?:\.(?:bin|pnpm)\/|[^./])/;

/** Judges one written path of a command: an in-place change of a program outside the workspace asks. */
export function judgeProgramEdit(
  p: PathInfo,
  e: FileEffect,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
  home: string,
): Finding | undefined {
  if (cmd.remote || ctx.windows || p.dynamic || p.glob) return undefined;
  const own = INSIDE_OWN.has(p.location);
  if (!own && !OUTSIDE_OWN.has(p.location)) return undefined;
  // A folder filled whole (`tar -xzf p.tgz -C node_modules`, `cp -r pkg node_modules`) lands packages there.
  if (own && !INSTALLED_CODE.test(p.abs) && !(e.recursive && p.abs.endsWith('/node_modules'))) return undefined;
  if (own ? !INSTALLED_WRITES.has(e.kind) : e.kind !== 'write') return undefined;
  // Inside the workspace any write counts, a new text or a new date too: a package's files are judged by its name
  // only while they look as installed (parse/wrappers/pathPrograms.ts), and `touch` of its package.json would make
  // an edited bin look so again.
  if (own) return installedEdit(displayPath(p.abs, ctx, home));
  const name = cmd.argv[0] ?? '';
  if (!EDITORS.has(name) && !appendedBy(cmd, e, p, ctx)) return undefined;
  const why = programFolder(p.abs, cmd, home) ?? programFile(p.abs, ctx);
  if (!why) return undefined;
  const what = displayPath(p.abs, ctx, home);
  return finding(
    'fs.edit-program-outside-workspace',
    55,
    `changes ${what} in place, ${why} outside the workspace: what is added runs the next time it is called`,
    what,
    'change a copy inside the workspace, or ask the user to change the program',
  );
}

/** A redirect that appends to the path (`>>`, `&>>`, `<>`): the file keeps its text and gains the output. */
function appendedBy(cmd: SimpleCommand, e: FileEffect, p: PathInfo, ctx: AnalysisContext): boolean {
  for (const r of cmd.redirects) {
    if (!APPEND_OPS.has(r.op)) continue;
    if (r.target === e.path || classifyPath(r.target, cmd.cwd, cmd.env, ctx).abs === p.abs) return true;
  }
  return false;
}

/** Where the file lies in a folder of programs: one of the command's PATH, or a program folder of the home. */
function programFolder(abs: string, cmd: SimpleCommand, home: string): string | undefined {
  const dir = path.posix.dirname(abs);
  const pathVar = cmd.env.PATH ?? '';
  if (pathVar.includes(dir)) {
    const dirs = pathVar.split(':', MAX_PATH_DIRS);
    if (dirs.some((d) => d.startsWith('/') && path.posix.normalize(d).replace(/\/+$/, '') === dir))
      return 'a program in a folder on PATH';
  }
  // A package's own files outside the workspace (a global install): its commands run them.
  if (dir.includes('/node_modules/')) return 'a file of an installed package';
  if (!abs.startsWith(home + '/')) return undefined;
  if (PROGRAM_FOLDERS.has(path.posix.basename(dir))) return 'a program in a program folder of the home';
  const rel = dir.slice(home.length + 1);
  if (HOME_PROGRAM_DIRS.some((d) => rel === d || rel.startsWith(d + '/')))
    return 'a program in a program folder of the home';
  return undefined;
}

/** An existing file that runs as a program: an execute bit, or a script's `#!` line. */
function programFile(abs: string, ctx: AnalysisContext): string | undefined {
  const st = ctx.stat?.(abs);
  if (!st?.isFile) return undefined;
  if (st.mode !== undefined && (st.mode & 0o111) !== 0) return 'an executable file';
  // Read only for a write outside the workspace (rare): a large log is left unread, as a program is seldom large.
  return ctx.readFile(abs, ctx.workspace)?.startsWith('#!') ? 'a script' : undefined;
}

/**
 * A package installed in the workspace changed in place (`echo … >> node_modules/.bin/eslint`, `sed -i …
 * node_modules/x/lib/x.js`): npx, the npm scripts and the package's users run what is added, under its name.
 * Installs and patch tools (`patch-package`) change these files; an agent's shell seldom does.
 */
function installedEdit(what: string): Finding {
  return finding(
    'fs.edit-installed-package',
    55,
    `changes ${what}, a file of a package installed in the workspace: what it holds runs the next time the package's commands (npx, npm scripts) or its users run`,
    what,
    'change files of the project itself, or reinstall the package to get its own code back',
  );
}
