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
import { cargoConfigFiles, cargoSubcommand } from './buildFiles';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';

type CargoCall = Pick<Pending, 'argv' | 'dynamic' | 'env'>;

/** cargo's built-in subcommands and their short names: an alias of one of these names is never used. */
const BUILT_IN = new Set(
  'add b bench build c check clean config d doc fetch fix generate-lockfile git-checkout help info init install locate-project login logout metadata new owner package pkgid publish r read-manifest remove report rm run rustc rustdoc search t tree uninstall update vendor verify-project version yank'.split(
    ' ',
  ),
);
/** Aliases naming aliases followed, at most; past it (or a loop) the call asks. */
const MAX_ALIAS_STEPS = 8;
/** Lines of one config value read (a multi-line array). */
const MAX_VALUE_LINES = 64;

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
    const found = text === undefined ? undefined : tomlValue(text, '', 'alias', name);
    if (found !== undefined) return found;
  }
  for (const abs of cargoConfigFiles(call, scope)) {
    const text = w.ctx.readFile(abs, scope.cwd);
    if (text === undefined || text.length > MAX_SCRIPT_CHARS) {
      noteUnreadScript(path.relative(scope.cwd, abs) || abs, text, scope, w, `cargo ${name}`);
      continue;
    }
    const found = tomlValue(text, 'alias', 'alias', name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The folders `[build] target-dir` of cargo's config and CARGO_BUILD_TARGET_DIR name (a config file's relative to the
 * folder holding its .cargo, the environment's to the folder cargo runs in, `base`); null when one is known only at run time.
 */
export function configTargetDirs(call: CargoCall, cwd: string, base: string, w: Walker): string[] | null {
  const dirs: string[] = [];
  const env = call.env.CARGO_BUILD_TARGET_DIR;
  if (env !== undefined) {
    if (unknownValue(env)) return null;
    dirs.push(path.resolve(base, env));
  }
  for (const abs of cargoConfigFiles(call, { cwd })) {
    const text = w.ctx.readFile(abs, cwd);
    const found = text && text.length <= MAX_SCRIPT_CHARS ? tomlValue(text, 'build', 'build', 'target-dir') : undefined;
    if (found === null) return null;
    if (found?.length) dirs.push(path.resolve(path.dirname(path.dirname(abs)), found.join(' ')));
  }
  return dirs;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A key's value in a TOML text, in table `[table]` or top-level as `dotted.key`: a string split at spaces (as cargo
 * splits an alias) or an array of strings; undefined when the key is not there, null when it may be and is written
 * past what is read (an inline table, a value of another type).
 */
function tomlValue(text: string, table: string, dotted: string, key: string): string[] | null | undefined {
  const name = `(?:${escape(key)}|"${escape(key)}"|'${escape(key)}')`;
  const inTable = new RegExp(String.raw`^\s*${name}\s*=\s*(.*)$`);
  const topLevel = new RegExp(String.raw`^\s*${escape(dotted)}\s*\.\s*${name}\s*=\s*(.*)$`);
  const lines = text.split('\n');
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$/.exec(lines[i]);
    if (header) {
      current = header[1];
      continue;
    }
    const m =
      (current === table && table !== '' ? inTable : undefined)?.exec(lines[i]) ??
      (current === '' ? topLevel.exec(lines[i]) : null);
    if (!m) continue;
    let value = uncommented(m[1]).trim();
    // A multi-line array: its lines up to the closing bracket.
    for (let k = 1; value.startsWith('[') && !value.includes(']') && k < MAX_VALUE_LINES && i + k < lines.length; k++)
      value += ' ' + uncommented(lines[i + k]);
    return valueWords(value);
  }
  // Spelled past the forms read (`alias = { start = "run" }`, a key in a table of tables): fail closed.
  return new RegExp(String.raw`(?:^|[\s{,.])${name}\s*=`, 'm').test(text) && text.includes(dotted) ? null : undefined;
}

/** A line up to its comment: the first `#` outside a string (`"--release", # fast`). */
function uncommented(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === '"' && ch === '\\') i++;
    else if (quote) quote = ch === quote ? '' : quote;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

function valueWords(value: string): string[] | null {
  const v = value.trim();
  const one = /^"((?:[^"\\]|\\.)*)"$|^'([^']*)'$/.exec(v);
  if (one) return (one[1]?.replace(/\\(.)/g, '$1') ?? one[2]).split(/\s+/).filter(Boolean);
  if (!/^\[[^\]]*\]$/.test(v)) return null;
  const items = [...v.slice(1, -1).matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(?:,|$)/g)];
  const rest = v
    .slice(1, -1)
    .replace(/\s*(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*(?:,|$)/g, '')
    .trim();
  return rest ? null : items.map((x) => x[1]?.replace(/\\(.)/g, '$1') ?? x[2]);
}
