// The compose files a `docker compose` call loads, read into one table of
// services as compose merges them: the files `-f` names (or COMPOSE_FILE),
// else the first compose.yaml / docker-compose.yml found from the project
// folder upwards with its override file beside it; the files their `include:`
// names; each service's `extends:` base, whose relative bind sources are read
// from the folder of the file it is written in. A file written earlier on the line
// is read as madeOnLine.ts reads a runner's file; one this reader cannot read,
// an include or extends it cannot follow, or more files or services than it
// reads, is asked about. Values are filled in as compose fills them (`${VAR}`,
// `${VAR:-default}`, `$$`); what a value needs that is not known here is left
// to the caller to ask about.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { parseFinding } from '../normalize/scope';
import type { LiteralValue } from '../literalData';
import { yamlData } from '../yamlData';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { readBeforeRun, unknownSource } from './madeOnLine';

export type Service = { [key: string]: LiteralValue };

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];
/** Parent folders looked in for a compose file, as compose looks upwards from the working folder. */
const MAX_PARENTS = 8;
/** Compose files one call loads (named, included, extended). */
const MAX_FILES = 16;
/** Services read from one project. */
export const MAX_SERVICES = 64;
/** Steps followed along one service's `extends:` chain. */
const MAX_EXTENDS = 4;
/** Keys whose lists compose adds to, rather than replaces, when a later file or an `extends:` names them again. */
const ADDED_LISTS = new Set(['volumes', 'devices', 'cap_add', 'security_opt']);
/** What a compose file holds that a container runs or reaches the host with: a file holding any is never skipped. */
const RUNS_OR_MOUNTS =
  /^[ \t]*-?[ \t]*(?:command|entrypoint|volumes|privileged|pid|network_mode|cap_add|devices|extends|include)[ \t]*:/m;

/** Words of one command string split as compose splits them, at most. */
const MAX_WORDS = 4096;

export function isRecord(v: LiteralValue | undefined): v is { [key: string]: LiteralValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface Project {
  /** The project folder: relative bind sources are read from it. */
  dir: string;
  /** The first file loaded, named in findings. */
  file: string;
  services: Map<string, Service>;
  /** The folder each service's relative bind sources are read from: an included file's own, else the project's. */
  dirs: Map<string, string>;
}

function tooComplex(w: Walker, via: string, what: string): void {
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${via}\` starts containers from ${what}, which AgentGuard cannot read: what they run was not judged, so a human must look at it`,
    ),
  );
}

/** Compose's merge of a service named again (a later file, an `extends:` child): lists of mounts add up, the rest is replaced. */
export function mergeService(base: Service, over: Service): Service {
  const out: Service = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const had = out[k];
    if (ADDED_LISTS.has(k) && Array.isArray(had) && Array.isArray(v)) out[k] = [...had, ...v];
    else if (k === 'environment' && isRecord(had) && isRecord(v)) out[k] = { ...had, ...v };
    else out[k] = v;
  }
  return out;
}

/** The compose file compose loads when none is named: the first found from `start` upwards, with its override. */
function defaultFiles(start: string, w: Walker, cwd: string): string[] {
  let dir = start;
  for (let k = 0; k <= MAX_PARENTS; k++) {
    const found = DEFAULT_FILES.map((f) => path.join(dir, f)).find((f) => exists(f, w, cwd));
    if (found) {
      const override = OVERRIDE_FILES.map((f) => path.join(dir, f)).find((f) => exists(f, w, cwd));
      return override ? [found, override] : [found];
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return [];
}

function exists(file: string, w: Walker, cwd: string): boolean {
  const st = w.ctx.stat?.(file);
  return st ? st.isFile === true : w.ctx.readFile(file, cwd) !== undefined;
}

/** A file's text as compose will read it; undefined (with a finding where it runs unread) when it cannot be read. */
function fileText(file: string, p: Pending, scope: Scope, w: Walker, via: string): string | undefined {
  const text = readBeforeRun(file, p, scope, w, via);
  if (text !== undefined && text.length > MAX_SCRIPT_CHARS) {
    noteUnreadScript(file, text, scope, w, via);
    return undefined;
  }
  return text;
}

/** The files an `include:` list names, relative to the including file's folder; undefined for a form not read here. */
function included(v: LiteralValue, dir: string): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const item of v) {
    const named = isRecord(item) ? item.path : item;
    const paths = Array.isArray(named) ? named : [named];
    for (const f of paths) {
      if (typeof f !== 'string' || f.includes('$') || /^[a-z]+:\/\//i.test(f)) return undefined;
      out.push(path.resolve(dir, f));
    }
  }
  return out;
}

/**
 * The project a compose call loads: `named` files (already resolved), else the default ones from `projectDir`.
 * Undefined when there is none to read; services that cannot be read are asked about here.
 */
export function loadProject(
  named: readonly string[],
  projectDir: string | undefined,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
): Project | undefined {
  const queue = named.length ? [...named] : defaultFiles(projectDir ?? scope.cwd, w, scope.cwd);
  // None found: compose fails, unless an earlier command on the line makes one (madeOnLine.ts asks then).
  if (!queue.length) {
    readBeforeRun(path.resolve(projectDir ?? scope.cwd, DEFAULT_FILES[0]), p, scope, w, via);
    return undefined;
  }
  const project: Project = {
    dir: projectDir ?? path.dirname(queue[0]),
    file: path.relative(scope.cwd, queue[0]) || queue[0],
    services: new Map(),
    dirs: new Map(),
  };
  const loaded = queue.length;
  const raw = new Map<string, { svc: Service; file: string }>();
  for (let k = 0; k < queue.length; k++) {
    if (k >= MAX_FILES) {
      tooComplex(w, via, `more than ${MAX_FILES} compose files`);
      break;
    }
    const file = queue[k];
    const name = path.relative(scope.cwd, file) || file;
    const doc = readDoc(file, p, scope, w, via);
    if (doc === undefined) continue;
    if (doc.include !== undefined) {
      const more = included(doc.include, path.dirname(file));
      if (!more) tooComplex(w, via, `the files ${name} includes`);
      else for (const f of more) if (!queue.includes(f)) queue.push(f);
    }
    if (doc.services === undefined || doc.services === null) continue;
    if (!isRecord(doc.services)) {
      tooComplex(w, via, name);
      continue;
    }
    for (const [svcName, svc] of Object.entries(doc.services)) {
      if (raw.size >= MAX_SERVICES && !raw.has(svcName)) {
        tooComplex(w, via, `more than ${MAX_SERVICES} services`);
        break;
      }
      if (!isRecord(svc)) {
        if (svc !== null) tooComplex(w, via, `service ${svcName} of ${name}`);
        continue;
      }
      const prev = raw.get(svcName);
      raw.set(svcName, { svc: prev ? mergeService(prev.svc, svc) : svc, file });
      project.dirs.set(svcName, k < loaded ? project.dir : path.dirname(file));
    }
  }
  for (const [svcName, { svc, file }] of raw) {
    const dir = project.dirs.get(svcName) ?? project.dir;
    const resolved = withBase(svc, file, dir, (n) => raw.get(n), p, scope, w, via, 0);
    if (resolved) project.services.set(svcName, resolved);
    else tooComplex(w, via, `the service ${svcName} extends`);
  }
  return project;
}

/** A compose file read as a mapping; undefined when missing, or unreadable (asked about when it runs or mounts anything). */
function readDoc(
  file: string,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
): { [key: string]: LiteralValue } | undefined {
  const text = fileText(file, p, scope, w, via);
  if (text === undefined) return undefined;
  const doc = yamlData(text);
  if (isRecord(doc)) return doc;
  if (RUNS_OR_MOUNTS.test(text))
    unknownSource(w, via, path.relative(scope.cwd, file) || file, 'a compose file AgentGuard cannot read');
  return undefined;
}

/**
 * A service with its `extends:` chain merged under it, its relative bind sources meant to be read from `dir`;
 * undefined when the chain cannot be followed.
 */
function withBase(
  svc: Service,
  file: string,
  dir: string,
  named: (name: string) => { svc: Service; file: string } | undefined,
  p: Pending,
  scope: Scope,
  w: Walker,
  via: string,
  depth: number,
): Service | undefined {
  const ext = svc.extends;
  if (ext === undefined) return svc;
  if (depth >= MAX_EXTENDS) return undefined;
  const baseName = typeof ext === 'string' ? ext : isRecord(ext) ? ext.service : undefined;
  const baseFile = isRecord(ext) ? ext.file : undefined;
  if (typeof baseName !== 'string' || (baseFile !== undefined && typeof baseFile !== 'string')) return undefined;
  // A base named without a file is looked up where the service was; one in another file, among that file's services.
  let lookup = named;
  if (baseFile !== undefined) {
    const abs = path.resolve(path.dirname(file), baseFile);
    const doc = baseFile.includes('$') ? undefined : readDoc(abs, p, scope, w, via);
    const services = doc?.services;
    lookup = (n) => {
      const found = isRecord(services) ? services[n] : undefined;
      return isRecord(found) ? { svc: found, file: abs } : undefined;
    };
  }
  const base = lookup(baseName);
  if (!base) return undefined;
  // Compose reads the relative paths of a service extended from another file from that file's folder.
  const baseDir = baseFile === undefined ? dir : path.dirname(base.file);
  const chain = withBase(base.svc, base.file, baseDir, lookup, p, scope, w, via, depth + 1);
  const resolved = chain && baseDir !== dir ? bindsFrom(chain, baseDir) : chain;
  if (!resolved) return undefined;
  const own: Service = { ...svc };
  delete own.extends;
  return mergeService(resolved, own);
}

function relative(src: string): boolean {
  return src === '.' || src === '..' || src.startsWith('./') || src.startsWith('../');
}

/**
 * A service's relative bind sources made absolute from `dir`, the folder compose reads them from; undefined when
 * one is built from a variable, which may fill in a relative path whose folder would then be lost.
 */
function bindsFrom(svc: Service, dir: string): Service | undefined {
  if (!Array.isArray(svc.volumes)) return svc;
  const volumes: LiteralValue[] = [];
  for (const item of svc.volumes) {
    if (typeof item === 'string') {
      const at = item.indexOf(':');
      const src = at > 0 ? item.slice(0, at) : '';
      if (src.includes('$')) return undefined;
      volumes.push(relative(src) ? path.resolve(dir, src) + item.slice(at) : item);
    } else if (isRecord(item) && item.type === 'bind' && typeof item.source === 'string') {
      if (item.source.includes('$')) return undefined;
      volumes.push(relative(item.source) ? { ...item, source: path.resolve(dir, item.source) } : item);
    } else volumes.push(item);
  }
  return { ...svc, volumes };
}

/** `s` with compose's `${VAR}` filled in; undefined when it uses a variable not known here and gives no default. */
export function interpolate(s: string, vars: ReadonlyMap<string, string>): string | undefined {
  if (!s.includes('$')) return s;
  let unknown = false;
  const out = s.replace(
    /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_]\w*))/g,
    (_all, dollar?: string, braced?: string, op?: string, word?: string, bare?: string) => {
      if (dollar) return '$';
      const name = (braced ?? bare)!;
      const value = vars.get(name);
      const set = op?.startsWith(':') ? !!value : value !== undefined;
      if (op?.endsWith('-')) return set ? value! : (word ?? '');
      if (op?.endsWith('+')) return set ? (word ?? '') : '';
      if (value === undefined) unknown = true;
      return value ?? '';
    },
  );
  return unknown ? undefined : out;
}

/** A command string split into words as compose splits it (quotes and backslashes, no shell). */
export function splitWords(s: string): string[] | undefined {
  const out: string[] = [];
  let word: string | undefined;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const end = s.indexOf(c, k + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + (c === '"' ? s.slice(k + 1, end).replace(/\\(["\\$`])/g, '$1') : s.slice(k + 1, end));
      k = end;
    } else if (c === '\\' && k + 1 < s.length) word = (word ?? '') + s[++k];
    else word = (word ?? '') + c;
    if (out.length > MAX_WORDS) return undefined;
  }
  if (word !== undefined) out.push(word);
  return out;
}
