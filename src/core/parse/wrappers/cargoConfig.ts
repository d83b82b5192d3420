// What cargo's config says about a call beyond its words: `[alias] start =
// "run"` makes `cargo start` run the crate as `cargo run` does, and `[build]
// target-dir = "out"` (or CARGO_BUILD_TARGET_DIR) moves the programs `cargo
// build` writes to out/debug/. Both come from the config files cargo reads
// (buildFiles.ts: cargoConfigFiles), the environment and `--config`. An agent
// can write either with its edit tool and run the crate under another name.
// Only a subcommand cargo does not have built in is looked up: an alias of a
// built-in name is ignored by cargo, and the lookup is kept off the common calls.
import * as path from 'node:path';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { tomlKeys } from '../tomlTasks';

type CargoCall = Pick<Pending, 'argv' | 'dynamic' | 'env'>;

/** cargo's built-in subcommands and their short names: an alias of one of these names is never used. */
const BUILT_IN = new Set(
  'add b bench build c check clean config d doc fetch fix generate-lockfile git-checkout help info init install locate-project login logout metadata new owner package pkgid publish r read-manifest remove report rm run rustc rustdoc search t tree uninstall update vendor verify-project version yank'.split(
    ' ',
  ),
);
/** Aliases naming aliases followed, at most; past it (or a loop) the call asks. */
const MAX_ALIAS_STEPS = 8;
/** Items of one config array read. */
const MAX_VALUE_ITEMS = 64;
/** Config files read for one call's target-dir, includes and `--config FILE` counted; past it the run asks. */
const MAX_CONFIG_TEXTS = 24;
/** Files including files followed, at most; past it the run asks. */
const MAX_INCLUDE_DEPTH = 4;

/** A value set outside the line's text or only at run time. */
const unknownValue = (v: string) => /[$`\u0001]/.test(v);

/**
 * The call with its alias expanded as cargo expands it (`cargo start --release` → `cargo run --release`); the call
 * itself when its subcommand is built in or no alias names it (an external `cargo-NAME`); undefined, after a
 * parse.too-complex finding, when the alias's value cannot be read.
 */
export function cargoAliased<T extends CargoCall>(call: T, scope: Scope, w: Walker): T | undefined {
  let out = call;
  for (let step = 0; step <= MAX_ALIAS_STEPS; step++) {
    const { sub, at } = cargoSubcommand(out.argv);
    // A subcommand known only at run time is left to the readers of the call as written.
    if (sub === undefined || BUILT_IN.has(sub) || out.dynamic[at]) return out;
    const value = step === MAX_ALIAS_STEPS ? null : aliasValue(sub, call, scope, w);
    if (value === undefined) return out;
    if (value === null) {
      w.addFinding(
        parseFinding(
          'parse.too-complex',
          60,
          `\`cargo ${sub}\` may be an alias in cargo's config whose value AgentGuard could not read: what it runs was not judged`,
        ),
      );
      return undefined;
    }
    const { argv, dynamic } = out;
    out = {
      ...out,
      argv: [...argv.slice(0, at), ...value, ...argv.slice(at + 1)],
      dynamic: [...dynamic.slice(0, at), ...value.map(() => false), ...dynamic.slice(at + 1)],
    };
  }
  return out;
}

/** The words an alias stands for; undefined when none is defined, null when one may be and cannot be read. */
function aliasValue(name: string, call: CargoCall, scope: Scope, w: Walker): string[] | null | undefined {
  const env = call.env[`CARGO_ALIAS_${name.toUpperCase().replace(/-/g, '_')}`];
  if (env !== undefined) return unknownValue(env) ? null : env.split(/\s+/).filter(Boolean);
  const { at } = cargoSubcommand(call.argv);
  // `cargo --config 'alias.start="run"' start`: the highest of the config's layers.
  for (let k = 1; k < at; k++) {
    const joined = call.argv[k].startsWith('--config=');
    if (call.argv[k] !== '--config' && !joined) continue;
    const valueAt = joined ? k : k + 1;
    const text = joined ? call.argv[k].slice(9) : call.argv[k + 1];
    if (call.dynamic[valueAt]) return null;
    const found = text === undefined ? undefined : tomlEntry(text, `alias.${name}`);
    if (found !== undefined) return aliasWords(found);
  }
  for (const abs of cargoConfigFiles(call, scope)) {
    const text = w.ctx.readFile(abs, scope.cwd);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) {
      noteUnreadScript(path.relative(scope.cwd, abs) || abs, text, scope, w, `cargo ${name}`);
      continue;
    }
    const found = tomlEntry(text, `alias.${name}`);
    if (found !== undefined) return aliasWords(found);
  }
  return undefined;
}

/** An alias's words: a string split at spaces, as cargo splits it, or an array's items. */
const aliasWords = (v: string | string[] | null) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : v);

/**
 * The folders `target-dir` names, wherever cargo's config sets it: `[build] target-dir` of its config files and of the
 * files they `include`, `--config build.target-dir="out"`, `--config FILE`, CARGO_BUILD_TARGET_DIR. A config file's
 * value is relative to the folder above the file's own (`.cargo/`'s parent), an inline value or the environment's to
 * the folder cargo runs in (`base`). Null when one is known only at run time or a config file cannot be read.
 */
export function configTargetDirs(call: CargoCall, cwd: string, base: string, w: Walker): string[] | null {
  const dirs: string[] = [];
  const env = call.env.CARGO_BUILD_TARGET_DIR;
  if (env !== undefined) {
    if (unknownValue(env)) return null;
    dirs.push(path.resolve(base, env));
  }
  const options = configOptions(call);
  if (options === null) return null;
  for (const text of options.inline) {
    const found = tomlEntry(text, 'build.target-dir');
    if (found === null || Array.isArray(found)) return null;
    if (found !== undefined) dirs.push(path.resolve(base, found));
  }
  const texts = configTexts(configFiles(call, options, cwd, base), cwd, w);
  if (texts === null) return null;
  for (const { abs, text, named } of texts) {
    const found = tomlEntry(text, 'build.target-dir');
    if (found === null || Array.isArray(found)) return null;
    if (found === undefined) continue;
    dirs.push(path.resolve(path.dirname(path.dirname(abs)), found));
    // A file named outside a .cargo folder: its own folder too, where the line may expect the build (a guess too
    // many only reads the crate once more; one too few lets the program run unread).
    if (named) dirs.push(path.resolve(path.dirname(abs), found));
  }
  return dirs;
}

/**
 * The texts of every config file a cargo call reads (buildFiles.ts reads the programs they name): those cargo finds,
 * those `--config FILE` names, and the files they include. Null when one named cannot be read, or is known only at
 * run time.
 */
export function cargoConfigTexts(call: CargoCall, cwd: string, base: string, w: Walker): ConfigText[] | null {
  const options = configOptions(call);
  return options && configTexts(configFiles(call, options, cwd, base), cwd, w);
}

/** A call's `--config` values before the program's own words after `--`: TOML `KEY=VALUE`s, and files to read. */
function configOptions(call: CargoCall): { inline: string[]; files: string[] } | null {
  const inline: string[] = [];
  const files: string[] = [];
  const end = call.argv.indexOf('--');
  for (let k = 1; k < (end < 0 ? call.argv.length : end); k++) {
    const joined = call.argv[k].startsWith('--config=');
    if (call.argv[k] !== '--config' && !joined) continue;
    const at = joined ? k : k + 1;
    const text = joined ? call.argv[k].slice(9) : call.argv[at];
    if (text === undefined || call.dynamic[at]) return null;
    // A `KEY=VALUE` is TOML; anything else names a file, read as a config file is.
    (/^[\w"'.\s-]+=/.test(text) ? inline : files).push(text);
  }
  return { inline, files };
}

function configFiles(
  call: CargoCall,
  options: { files: string[] },
  cwd: string,
  base: string,
): { abs: string; named: boolean }[] {
  return [
    ...cargoConfigFiles(call, { cwd }).map((abs) => ({ abs, named: false })),
    ...options.files.map((f) => ({ abs: path.resolve(base, f), named: true })),
  ];
}

export interface ConfigText {
  abs: string;
  text: string;
  named: boolean;
}

/**
 * The texts of cargo's config files and of the files they include (`include = "more.toml"`, a list of paths or of
 * `{ path = … }`, `[[include]] path = …`), each include relative to the file naming it. A config file that is not
 * there is skipped, as cargo skips it; null when a file named (by `--config` or an include) cannot be read, or the
 * includes go past the bounds.
 */
function configTexts(files: { abs: string; named: boolean }[], cwd: string, w: Walker): ConfigText[] | null {
  const out: ConfigText[] = [];
  const queue = files.map((f) => ({ ...f, depth: 0 }));
  for (let q = 0; q < queue.length; q++) {
    if (q >= MAX_CONFIG_TEXTS + files.length) return null;
    const { abs, named, depth } = queue[q];
    const text = w.ctx.readFile(abs, cwd);
    if (text === undefined && !named) continue;
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) return null;
    out.push({ abs, text, named });
    const included = includes(text);
    if (included === null || (included.length && depth >= MAX_INCLUDE_DEPTH)) return null;
    for (const inc of included)
      queue.push({ abs: path.resolve(path.dirname(abs), inc), named: true, depth: depth + 1 });
  }
  return out;
}

/** The paths a config text includes; null when it may include and is written past what is read. */
function includes(text: string): string[] | null {
  // Quick out: most config files include nothing.
  if (!/\binclude\b/.test(text)) return [];
  // `[[include]]` tables numbered, so each one's `path` is kept apart.
  let n = 0;
  const keys = tomlKeys(text.replace(/^(\s*)\[\[\s*include\s*\]\]/gm, (_, s: string) => `${s}[include.${n++}]`));
  const paths: string[] = [];
  const one = keys.get('include');
  if (one !== undefined) paths.push(one);
  for (let i = 0; i <= MAX_CONFIG_TEXTS; i++) {
    const item = keys.get(`include.${i}`) ?? keys.get(`include.${i}.path`);
    if (item !== undefined) paths.push(item);
  }
  const spelled = /^\s*(?:\[{1,2}\s*include\s*\]|include\s*[=.])/m.test(text);
  return spelled && !paths.length ? null : paths;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A dotted key's value in a TOML text (`alias.start` set in `[alias]` or top-level): a string, or an array's strings;
 * undefined when the key is not there, null when it may be and is written past what is read (an inline table, a value
 * of another type, a line the reader skips).
 */
function tomlEntry(text: string, key: string): string | string[] | null | undefined {
  const keys = tomlKeys(text);
  const one = keys.get(key);
  if (one !== undefined) return one;
  const items: string[] = [];
  for (let i = 0; i < MAX_VALUE_ITEMS && keys.has(`${key}.${i}`); i++) items.push(keys.get(`${key}.${i}`) as string);
  if (items.length && !keys.has(`${key}.${items.length}`)) return items;
  // Spelled past the forms read (`alias = { start = "run" }`, an array of tables, a line not read): fail closed.
  const table = key.slice(0, key.indexOf('.'));
  const name = escape(key.slice(table.length + 1));
  const spelled = new RegExp(String.raw`(?:^|[\s{,.])["']?${name}["']?\s*=`, 'm').test(text) && text.includes(table);
  return spelled || items.length ? null : undefined;
}

/** cargo's options before its subcommand that take the next word as their value. */
const CARGO_VALUE_FLAGS = new Set(['--manifest-path', '--config', '-Z', '--color', '-C']);

/** cargo's subcommand, past its own options and their values (`cargo -C rs +nightly run`), and where it stands. */
export function cargoSubcommand(argv: readonly string[]): { sub?: string; at: number } {
  let at = 1;
  while (at < argv.length && /^[-+]/.test(argv[at])) at += CARGO_VALUE_FLAGS.has(argv[at]) ? 2 : 1;
  return { sub: argv[at], at };
}

/** Folders up from where cargo runs looked at for its config. */
const MAX_CONFIG_DEPTH = 32;

/**
 * The config files cargo reads: `.cargo/config.toml` (or the older `.cargo/config`) of the folder it runs in — the
 * one `-C DIR` names, not the manifest's — and of each folder above it, and of CARGO_HOME.
 */
export function cargoConfigFiles(p: Pick<Pending, 'argv' | 'dynamic' | 'env'>, scope: Pick<Scope, 'cwd'>): string[] {
  const end = p.argv.indexOf('--');
  const cd = p.argv.findIndex((a, k) => a === '-C' && (end < 0 || k < end));
  // A folder known only at run time asks (cargoPackages).
  if (cd > 0 && (p.dynamic[cd + 1] || p.argv[cd + 1] === undefined)) return [];
  const dirs: string[] = [];
  let dir = cd > 0 ? path.resolve(scope.cwd, p.argv[cd + 1]) : scope.cwd;
  for (let k = 0; k < MAX_CONFIG_DEPTH; k++, dir = path.dirname(dir)) {
    dirs.push(path.join(dir, '.cargo'));
    if (path.dirname(dir) === dir) break;
  }
  const home = p.env.CARGO_HOME ?? (p.env.HOME ? path.join(p.env.HOME, '.cargo') : undefined);
  if (home !== undefined && path.isAbsolute(home) && !dirs.includes(home)) dirs.push(home);
  return dirs.flatMap((d) => [path.join(d, 'config.toml'), path.join(d, 'config')]);
}
