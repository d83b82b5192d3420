/**
 * Links made by R and Lua code, read as codeLinks.ts reads the other languages': each as the `ln -s` or `ln` it
 * stands for. R's `file.symlink(from, to)` and `file.link(from, to)`, fs's `link_create(path, new_path, symbolic =
 * TRUE)`, R.utils' `createLink(link, target)` and Windows' `Sys.junction(from, link)` take their arguments by
 * place or by name, in any order and shortened as R allows (`file.symlink(to = ".claude", from = "/tmp/evil")`);
 * LuaFileSystem's `lfs.link(old, new[, symlink])` and luaposix's `link(target, link[, soft])` make a hard link
 * unless their third argument is true.
 */
import { topLevelIndex } from './codeScan';
import { own } from '../text/own';
import { lnArgv } from './linkCommand';

/** The part of a code reading a link adds to (interpreters.ts's CodeReading). */
interface LinkReading {
  argvs: string[][];
}

/** How a call's arguments are read: `path` reads one as a path (`$(EXPR)` when computed), `args` splits a list. */
interface ArgReaders {
  path: (expr: string) => string;
  args: (text: string) => string[];
}

/** Whether the link is symbolic: always, never, or as one argument says (with its default when left out). */
type Symbolic = boolean | { formal: string; default: boolean };

/** An R call's formal arguments in order, and which of them name the link's target and the link. */
interface RLinkCall {
  formals: readonly string[];
  target: string;
  link: string;
  symbolic: Symbolic;
}

const R_LINK_CALLS: Readonly<Record<string, RLinkCall>> = {
  'file.symlink': { formals: ['from', 'to'], target: 'from', link: 'to', symbolic: true },
  'file.link': { formals: ['from', 'to'], target: 'from', link: 'to', symbolic: false },
  // A directory junction: on Windows, a symbolic link to a folder.
  'Sys.junction': { formals: ['from', 'link'], target: 'from', link: 'link', symbolic: true },
  link_create: {
    formals: ['path', 'new_path', 'symbolic'],
    target: 'path',
    link: 'new_path',
    symbolic: { formal: 'symbolic', default: true },
  },
  createLink: {
    formals: ['link', 'target', 'skip', 'overwrite', 'methods'],
    target: 'target',
    link: 'link',
    symbolic: true,
  },
};
/** The calls, bare or through their package (`base::`, `fs::`, `R.utils:::`). */
const R_CALL = String.raw`(?:(?:base|fs|R\.utils)\s*:::?\s*)?(file\.symlink|file\.link|Sys\.junction|link_create|createLink)`;
/** `ln <- file.symlink`: a call held under another name. */
const R_CALL_ALIAS = new RegExp(String.raw`(?<![\w.$])([A-Za-z.][\w.]*)\s*(?:<<?-|=)\s*${R_CALL}\b(?!\s*\()`, 'g');
/** `"/tmp/evil" |> file.symlink(".claude")`: the value piped in, a string spelled out or any other expression. */
const R_PIPED = /(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')?\s*(\|>|%>%)\s*$/;

/** The modules whose `link` makes a file-system link: LuaFileSystem and luaposix. */
const LUA_MODULE = String.raw`(?:lfs|posix(?:\.unistd)?)`;
const LUA_REQUIRE = String.raw`require\s*\(?\s*(?:'${LUA_MODULE}'|"${LUA_MODULE}"|\[\[${LUA_MODULE}\]\])\s*\)?`;
/** `local fs = require "lfs"`: a name the module is held under. */
const LUA_MODULE_ALIAS = new RegExp(String.raw`(?<![\w.])([A-Za-z_]\w*)\s*=\s*${LUA_REQUIRE}`, 'g');
const MAX_ALIASES = 16;

const MAX_LINKS = 64;
/** Calls matched, most of them other functions (Lua's bare names): bounded apart from the links made. */
const MAX_SEEN = 1024;
/** Elements of an R vector read (`c("a", "b")`): R makes one link per pair. */
const MAX_ELEMENTS = 8;

/** Records the links R or Lua `code` makes as `ln` argvs. True when there were more than the bound. */
export function readRLuaLinks(reading: LinkReading, language: string, code: string, read: ArgReaders): boolean {
  if (!/link|junction/i.test(code)) return false;
  return language === 'r' ? readRLinks(reading, code, read) : readLuaLinks(reading, code, read);
}

function readRLinks(reading: LinkReading, code: string, read: ArgReaders): boolean {
  const aliases = new Map<string, string>();
  for (const a of code.matchAll(R_CALL_ALIAS)) {
    if (aliases.size >= MAX_ALIASES) break;
    aliases.set(a[1], a[2]);
  }
  const held = [...aliases.keys()].map((a) => a.replace(/\./g, '\\.')).join('|');
  const calls = new RegExp(String.raw`(?<![\w.$:])(?:${R_CALL}${held ? `|(${held})` : ''})\s*\(`, 'g');
  let m: RegExpExecArray | null;
  let [seen, made] = [0, 0];
  while ((m = calls.exec(code))) {
    if (++seen > MAX_SEEN) return true;
    const call = own(R_LINK_CALLS, m[1] ?? aliases.get(m[2]) ?? '');
    if (!call) continue;
    const args = callArgs(code, m.index + m[0].length, read);
    const bound = matchR(pipedInto(code.slice(Math.max(0, m.index - 256), m.index), args), call.formals);
    const [target, link] = [bound?.get(call.target), bound?.get(call.link)];
    if (!target || !link) continue;
    const flag = typeof call.symbolic === 'boolean' ? undefined : bound?.get(call.symbolic.formal);
    const symbolic =
      typeof call.symbolic === 'boolean'
        ? [call.symbolic]
        : flag === undefined
          ? [call.symbolic.default]
          : truth(flag, /^(?:TRUE|T)$/, /^(?:FALSE|F)$/);
    const [targets, links] = [elements(target, read), elements(link, read)];
    const pairs = Math.max(targets.length, links.length);
    for (let i = 0; i < pairs; i++) {
      if (made >= MAX_LINKS) return true;
      made += addLink(reading, read.path(targets[i % targets.length]), read.path(links[i % links.length]), symbolic);
    }
  }
  return false;
}

/** The arguments of the call whose `(` ends just before `start`. */
function callArgs(code: string, start: number, read: ArgReaders): string[] {
  const end = topLevelIndex(code, start, 4096, (c) => c === ')');
  return read.args(code.slice(start, end)).filter(Boolean);
}

/**
 * The arguments with the value piped into the call: in the place of its placeholder (`_` for `|>`, `.` for
 * magrittr's `%>%`), else first. A value not spelled out is read as computed.
 */
function pipedInto(before: string, args: string[]): string[] {
  const pipe = R_PIPED.exec(before);
  if (!pipe) return args;
  const value = pipe[1] !== undefined || pipe[2] !== undefined ? pipe[0].replace(/\s*(?:\|>|%>%)\s*$/, '') : 'piped()';
  const placeholder = pipe[3] === '|>' ? '_' : '.';
  const at = args.findIndex((a) => a === placeholder || new RegExp(`=\\s*\\${placeholder}$`).test(a));
  if (at < 0) return [value, ...args];
  return args.map((a, i) => (i === at ? a.slice(0, a.length - 1) + value : a));
}

/**
 * R's matching of arguments to formals: exact names, then a name's unique prefix, then the unnamed ones in order.
 * Undefined when R would stop with an error (an argument matching nothing, or more than one formal).
 */
function matchR(args: readonly string[], formals: readonly string[]): Map<string, string> | undefined {
  const bound = new Map<string, string>();
  const unnamed: string[] = [];
  const named: [string, string][] = [];
  for (const a of args) {
    const kw = /^(?:`([^`]+)`|(['"])(.+?)\2|([A-Za-z.][\w.]*))\s*=(?!=)\s*([\s\S]*)$/.exec(a);
    if (kw) named.push([kw[1] ?? kw[3] ?? kw[4], kw[5].trim()]);
    else unnamed.push(a);
  }
  const partial: [string, string][] = [];
  for (const [name, value] of named) {
    if (formals.includes(name) && !bound.has(name)) bound.set(name, value);
    else partial.push([name, value]);
  }
  for (const [name, value] of partial) {
    const hits = formals.filter((f) => !bound.has(f) && f.startsWith(name));
    if (hits.length !== 1) return undefined;
    bound.set(hits[0], value);
  }
  for (const f of formals) if (!bound.has(f) && unnamed.length) bound.set(f, unnamed.shift()!);
  return unnamed.length ? undefined : bound;
}

/** The elements of an R vector of paths (`c("a", "b")`); any other expression is one. */
function elements(expr: string, read: ArgReaders): string[] {
  const vector = /^c\s*\(([\s\S]*)\)$/.exec(expr);
  const parts = vector ? read.args(vector[1]).filter(Boolean) : [];
  return parts.length && parts.length <= MAX_ELEMENTS ? parts : [expr];
}

/** A flag's value: true or false when it is spelled out, both when it is computed (either link may be made). */
function truth(expr: string, yes: RegExp, no: RegExp): boolean[] {
  return yes.test(expr.trim()) ? [true] : no.test(expr.trim()) ? [false] : [true, false];
}

/** Adds one link as each `ln` it may be; a link whose name is computed is left to the write it is. Counts it. */
function addLink(reading: LinkReading, target: string, link: string, symbolic: readonly boolean[]): number {
  if (link.startsWith('$(')) return 0;
  for (const s of symbolic) reading.argvs.push(lnArgv(target, link, s));
  return 1;
}

function readLuaLinks(reading: LinkReading, code: string, read: ArgReaders): boolean {
  const aliases = new Set<string>();
  for (const a of code.matchAll(LUA_MODULE_ALIAS)) {
    if (aliases.size >= MAX_ALIASES) break;
    aliases.add(a[1]);
  }
  const receiver = receiverPattern(aliases);
  // `local ln = lfs.link`: the function held under a name, called bare.
  const functions = new Set<string>();
  const held = new RegExp(String.raw`(?<![\w.])([A-Za-z_]\w*)\s*=\s*${receiver}\s*\.\s*link\b(?!\s*\()`, 'g');
  for (const f of code.matchAll(held)) {
    if (functions.size >= MAX_ALIASES) break;
    functions.add(f[1]);
  }
  const onModule = new RegExp(String.raw`(?:^|[^\w.])${receiver}\s*\.\s*$`);
  const calls = new RegExp(String.raw`(?<![\w:])(${['link', ...functions].join('|')})\s*\(`, 'g');
  let m: RegExpExecArray | null;
  let [seen, made] = [0, 0];
  while ((m = calls.exec(code))) {
    if (++seen > MAX_SEEN) return true;
    const before = code.slice(Math.max(0, m.index - 96), m.index);
    // `lfs.link(…)` on the module; a name holding its function only bare (`ln(…)`, not `t.ln(…)`).
    const called = /\.\s*$/.test(before) ? m[1] === 'link' && onModule.test(before) : functions.has(m[1]);
    if (!called) continue;
    const [target, link, soft] = callArgs(code, m.index + m[0].length, read);
    if (!target || !link) continue;
    // Lua's truth: all but false and nil; a number or string spelled out is true.
    const symbolic =
      soft === undefined ? [false] : truth(soft, /^(?:true|-?\d[\w.]*|"[^"]*"|'[^']*')$/, /^(?:false|nil)$/);
    if (made >= MAX_LINKS) return true;
    made += addLink(reading, luaPath(target, read), luaPath(link, read), symbolic);
  }
  return false;
}

/** A module receiver: `lfs`, `posix`, `posix.unistd`, `require("lfs")`, or a name it is held under (and its `.unistd`). */
function receiverPattern(aliases: ReadonlySet<string>): string {
  const names = [...aliases].map((a) => String.raw`\b${a}(?:\s*\.\s*unistd)?`);
  return `(?:\\b${LUA_MODULE}|${LUA_REQUIRE}${names.length ? '|' + names.join('|') : ''})`;
}

/** Lua's long strings (`[[…]]`, `[==[…]==]`) hold their text as written; the rest is read as the others are. */
function luaPath(expr: string, read: ArgReaders): string {
  const long = /^\[(=*)\[\n?([\s\S]*?)\]\1\]$/.exec(expr);
  return long ? long[2] : read.path(expr);
}
