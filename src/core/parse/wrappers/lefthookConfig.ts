// lefthook runs, for a hook, each `run:` line of its config, and each file of
// its `scripts:` (`.lefthook/HOOK/NAME`, through the `runner:` named, else
// the file itself); a config's `extends:` files add theirs. `lefthook install`
// makes git run them on each commit, `lefthook run HOOK` runs them now: both
// read every config file it would load, bounded; a config only fetched at run
// time (`remotes:`) or an `extends:` named by a pattern asks.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { LEFTHOOK_FILES, lefthookCommands } from '../projectCommands';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { walkLines } from './buildLines';
import { pastBound } from './testFiles';

/** Most config files one call loads (its own, and those `extends:` names). */
const MAX_CONFIGS = 16;
/** Most script files read from one config. */
const MAX_SCRIPTS = 64;

export function readLefthook(p: Pending, scope: Scope, w: Walker): void {
  const via = `lefthook ${p.argv[1]}`;
  const queue = LEFTHOOK_FILES.map((f) => path.resolve(scope.cwd, f));
  for (let k = 0; k < queue.length; k++) {
    if (k >= MAX_CONFIGS + LEFTHOOK_FILES.length) return pastBound(w, via, `config files (${MAX_CONFIGS})`);
    const file = queue[k];
    const text = w.ctx.readFile(file, scope.cwd);
    const name = path.relative(scope.cwd, file) || file;
    noteUnreadScript(name, text, scope, w, via);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) continue;
    const found = lefthookCommands(text);
    if (found.pastBound) pastBound(w, via, `command lines in ${name}`);
    const lines = [...found.commands, ...scriptLines(text, scope, w, via)];
    walkLines(lines, name, scope, w, via);
    for (const extended of listUnder(text, 'extends')) {
      // lefthook expands globs and environment variables in `extends:`: such a name is only known at run time.
      if (/[*?[{$]/.test(extended)) pastBound(w, via, `configs named by a pattern (${extended})`);
      else if (!queue.includes(path.resolve(scope.cwd, extended))) queue.push(path.resolve(scope.cwd, extended));
    }
    if (/^remotes[ \t]*:/m.test(text)) pastBound(w, via, 'configs fetched from other repositories');
  }
}

/** The items of a top-level YAML list `KEY:` (block `- item` lines, or a `[a, b]` flow list). */
function listUnder(text: string, key: string): string[] {
  const m = new RegExp(String.raw`^${key}[ \t]*:[ \t]*(.*)$`, 'm').exec(text);
  if (!m) return [];
  const unquote = (s: string): string => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (m[1].trim().startsWith('['))
    return m[1]
      .replace(/^\s*\[|\]\s*$/g, '')
      .split(',')
      .map(unquote)
      .filter(Boolean);
  if (m[1].trim()) return [unquote(m[1])];
  const out: string[] = [];
  for (const line of text.slice(m.index + m[0].length + 1).split('\n')) {
    const item = /^[ \t]+-[ \t]*(.+?)[ \t]*$/.exec(line);
    if (item) out.push(unquote(item[1]));
    else if (line.trim() && !line.trimStart().startsWith('#')) break;
  }
  return out;
}

/**
 * The command each `scripts:` entry runs: `RUNNER FILE` (or FILE) for the file of that name in the hook's folder
 * under `source_dir` (`.lefthook/`) and `source_dir_local` (`.lefthook-local/`).
 */
function scriptLines(text: string, scope: Scope, w: Walker, via: string): string[] {
  const dirs = [topValue(text, 'source_dir') ?? '.lefthook', topValue(text, 'source_dir_local') ?? '.lefthook-local'];
  const out: string[] = [];
  let hook: string | undefined;
  let scriptsIndent = -1;
  let script: { name: string; indent: number; runner?: string } | undefined;
  const flush = (): void => {
    if (!script || !hook) return;
    for (const dir of dirs) {
      const file = path.join(dir, hook, script.name);
      if (w.ctx.readFile(file, scope.cwd) === undefined && !w.ctx.stat?.(path.resolve(scope.cwd, file))) continue;
      out.push(script.runner ? `${script.runner} ${quote(file)}` : quote(`./${file}`));
    }
    script = undefined;
  };
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const key = /^[ \t]*(?:"([^"]*)"|'([^']*)'|([^:#\s][^:#]*?))[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(line);
    if (indent === 0) {
      flush();
      hook = key ? (key[1] ?? key[2] ?? key[3]) : undefined;
      scriptsIndent = -1;
    } else if (key && (key[3] ?? '') === 'scripts' && !key[4]) {
      flush();
      scriptsIndent = indent;
    } else if (scriptsIndent >= 0 && indent <= scriptsIndent) {
      flush();
      scriptsIndent = -1;
    } else if (scriptsIndent >= 0 && key && (script === undefined || indent <= script.indent)) {
      flush();
      script = { name: key[1] ?? key[2] ?? key[3], indent };
    } else if (script && key && key[3] === 'runner') script.runner = key[4].replace(/^(['"])(.*)\1$/, '$2');
    if (out.length > MAX_SCRIPTS) {
      pastBound(w, via, `scripts (${MAX_SCRIPTS})`);
      return out.slice(0, MAX_SCRIPTS);
    }
  }
  flush();
  return out;
}

function topValue(text: string, key: string): string | undefined {
  const v = new RegExp(String.raw`^${key}[ \t]*:[ \t]*(\S.*?)[ \t]*$`, 'm').exec(text)?.[1];
  return v?.replace(/^(['"])(.*)\1$/, '$2');
}

function quote(s: string): string {
  return /^[\w./@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
