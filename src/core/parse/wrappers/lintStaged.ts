// lint-staged runs, for each glob of its config, the command lines given for it
// (with the staged files' names appended, files of the workspace): husky's
// `.husky/pre-commit` is usually `npx lint-staged`, so a commit runs them. The
// config is `--config FILE`, else the first of its files found from the working
// folder up to the repository's top: package.json's `lint-staged`, a
// `.lintstagedrc` (JSON or YAML), or a `lint-staged.config.js` exporting a plain
// object. A config made by code (a function, a variable) cannot be read here
// and asks.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { walkLines } from './buildLines';
import { repository } from './gitRepository';
import { pastBound } from './testFiles';

/** The files lint-staged looks for in a folder, in its order. */
const CONFIG_FILES = [
  'package.json',
  'package.yaml',
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.js',
  '.lintstagedrc.cjs',
  '.lintstagedrc.mts',
  '.lintstagedrc.ts',
  '.lintstagedrc.cts',
  'lint-staged.config.mjs',
  'lint-staged.config.js',
  'lint-staged.config.cjs',
  'lint-staged.config.mts',
  'lint-staged.config.ts',
  'lint-staged.config.cts',
];
/** Folders looked through up to the repository's top. */
const MAX_UP = 32;
/** Most tokens of a code config read. */
const MAX_TOKENS = 4096;

export function readLintStaged(p: Pending, scope: Scope, w: Walker): void {
  const argv = p.argv;
  if (argv.slice(1).some((a) => /^(?:-h|--help|-V|--version)$/.test(a))) return;
  let cwd = scope.cwd;
  let named: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '-c' || a === '--config' || a === '--cwd') && p.dynamic[i + 1])
      return pastBound(w, 'lint-staged', 'a config only known at run time');
    if (a === '-c' || a === '--config') named = argv[++i];
    else if (a.startsWith('--config=')) named = a.slice(9);
    else if (a === '--cwd') cwd = path.resolve(scope.cwd, argv[++i] ?? '.');
    else if (a.startsWith('--cwd=')) cwd = path.resolve(scope.cwd, a.slice(6));
  }
  const file = named !== undefined ? path.resolve(cwd, named) : findConfig(cwd, w);
  if (file === undefined) return;
  const text = w.ctx.readFile(file, cwd);
  noteUnreadScript(file, text, scope, w, 'lint-staged');
  if (text === undefined || text.length > MAX_SCRIPT_CHARS) return;
  const lines = configLines(path.basename(file), text);
  if (lines === undefined) return pastBound(w, 'lint-staged', `commands of ${file}, a config it cannot read`);
  // lint-staged runs each task in the config file's folder.
  walkLines(lines, path.relative(scope.cwd, file) || file, scope, w, 'lint-staged', path.dirname(file));
}

/** The first config file from `cwd` up to the repository's top (package.json only when it has the key). */
function findConfig(cwd: string, w: Walker): string | undefined {
  const top = repository(cwd, w)?.top;
  let dir = cwd;
  for (let i = 0; i < MAX_UP; i++) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      const text = w.ctx.readFile(file, dir);
      if (text === undefined && !w.ctx.stat?.(file)) continue;
      if (name === 'package.json' && !declaresConfig(text)) continue;
      if (name === 'package.yaml' && !/^lint-staged[ \t]*:/m.test(text ?? '')) continue;
      return file;
    }
    const up = path.dirname(dir);
    if (dir === top || up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** Whether package.json holds a `lint-staged` key; one that does not parse and names it is read (and asks). */
function declaresConfig(text: string | undefined): boolean {
  if (text === undefined || !text.includes('"lint-staged"')) return false;
  const json = parseJson(text);
  return typeof json !== 'object' || json === null || Object.prototype.hasOwnProperty.call(json, 'lint-staged');
}

/** The command lines of a config's text; undefined when it cannot be read. */
export function configLines(name: string, text: string): string[] | undefined {
  if (name === 'package.json') {
    const config = parseJson(text) as Record<string, unknown> | undefined;
    return config && typeof config === 'object' ? commandsOf(config['lint-staged']) : undefined;
  }
  if (/\.[mc]?[jt]s$/.test(name)) return commandsOf(exportedObject(text));
  if (name.endsWith('.json')) return commandsOf(parseJson(text));
  const json = /^\s*\{/.test(text) ? parseJson(text) : undefined;
  if (json !== undefined) return commandsOf(json);
  return yamlCommands(name === 'package.yaml' ? yamlSection(text, 'lint-staged') : text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Each glob's command: a string or a list of strings; anything else (a function, a nested object) is unread. */
function commandsOf(config: unknown): string[] | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return undefined;
  const out: string[] = [];
  for (const value of Object.values(config as Record<string, unknown>)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const c of list) {
      if (typeof c !== 'string') return undefined;
      out.push(c);
    }
  }
  return out;
}

/** The lines under a top-level `KEY:` of a YAML text, unindented by the first one's indent. */
function yamlSection(text: string, key: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(String.raw`^${key}[ \t]*:`).test(l));
  if (at < 0) return '';
  const body: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.trim() && !/^[ \t]/.test(l)) break;
    body.push(l);
  }
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return body.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

/** A YAML config: `GLOB: CMD`, `GLOB: [A, B]` or `GLOB:` over `- CMD` items; any other form is unread. */
function yamlCommands(text: string): string[] | undefined {
  const out: string[] = [];
  const unquote = (s: string): string =>
    s.startsWith('"') ? ((parseJson(s) as string | undefined) ?? s) : s.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  for (const line of text.split('\n')) {
    const t = line.replace(/[ \t]+#.*$/, '').trimEnd();
    if (!t.trim() || t.trimStart().startsWith('#')) continue;
    const item = /^[ \t]+-[ \t]+(.+)$/.exec(t);
    if (item) {
      out.push(unquote(item[1].trim()));
      continue;
    }
    const entry = /^(?:"[^"]*"|'[^']*'|[^\s:][^:]*?)[ \t]*:(?:[ \t]+(.*))?$/.exec(t);
    if (!entry || /^[ \t]/.test(t)) return undefined;
    const value = entry[1]?.trim();
    if (!value) continue;
    if (/^[|>]/.test(value)) return undefined;
    if (value.startsWith('[')) {
      const inner = /^\[(.*)\]$/.exec(value)?.[1];
      if (inner === undefined) return undefined;
      out.push(
        ...inner
          .split(',')
          .map((s) => unquote(s.trim()))
          .filter(Boolean),
      );
    } else out.push(unquote(value));
  }
  return out;
}

/**
 * The object a code config exports (`export default {…}`, `module.exports = {…}`) when it is plain data: string keys
 * to strings or lists of strings. Anything else it holds (a function, a name, a spread, a template with `${}`) leaves
 * it unread (undefined).
 */
function exportedObject(text: string): unknown {
  const m = /(?:^|[;\n])[ \t]*(?:export[ \t]+default|module\.exports[ \t]*=)[ \t]*(?=\{)/.exec(text);
  if (!m) return undefined;
  const tokens = tokenize(text.slice(m.index + m[0].length));
  if (!tokens) return undefined;
  let i = 0;
  const value = (): unknown => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (t.str !== undefined) return t.str;
    if (t.punct === '[') {
      const list: unknown[] = [];
      while (tokens[i]?.punct !== ']') {
        const v = value();
        if (typeof v !== 'string') return undefined;
        list.push(v);
        if (tokens[i]?.punct === ',') i++;
        else if (tokens[i]?.punct !== ']') return undefined;
      }
      i++;
      return list;
    }
    if (t.punct !== '{') return undefined;
    const obj: Record<string, unknown> = {};
    while (tokens[i]?.punct !== '}') {
      const key = tokens[i++];
      const k = key?.str ?? key?.name;
      if (k === undefined || tokens[i++]?.punct !== ':') return undefined;
      const v = value();
      if (v === undefined) return undefined;
      obj[k] = v;
      if (tokens[i]?.punct === ',') i++;
      else if (tokens[i]?.punct !== '}') return undefined;
    }
    i++;
    return obj;
  };
  return value();
}

interface Token {
  str?: string;
  name?: string;
  punct?: string;
}

/** JavaScript tokens up to the end of the first balanced `{…}`: strings, names and punctuation; undefined past a bound. */
function tokenize(src: string): Token[] | undefined {
  const out: Token[] = [];
  const re =
    /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.|\$(?!\{))*)`|([A-Za-z_$][\w$]*)|([{}[\]:,])|./gy;
  let depth = 0;
  for (let m = re.exec(src); m && m[0]; m = re.exec(src)) {
    if (out.length > MAX_TOKENS) return undefined;
    const [all, dq, sq, tpl, name, punct] = m;
    if (dq !== undefined || sq !== undefined || tpl !== undefined) {
      const raw = dq ?? sq ?? tpl ?? '';
      out.push({ str: raw.replace(/\\(.)/g, '$1') });
    } else if (name !== undefined) out.push({ name });
    else if (punct !== undefined) {
      out.push({ punct });
      if (punct === '{' || punct === '[') depth++;
      if ((punct === '}' || punct === ']') && --depth === 0) return out;
    } else if (!/^\s|^\/[/*]/.test(all)) out.push({ punct: all });
  }
  return out;
}
