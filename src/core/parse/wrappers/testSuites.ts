// Test runners that run the suite when a flag or a task says so: `node --test`,
// `rspec`, `rails test` (Minitest), the test tasks of `rake` (rakeSuites.ts), `phpunit`.
// Each collects test files by its default patterns under its test folder, or
// the paths named, and loads its helpers first (spec_helper.rb and what
// `.rspec` requires, test_helper.rb, the bootstrap phpunit.xml names): all are
// read as test code is (testFiles.ts), so a spec that deletes the home folder
// asks while one that removes the temp folder it made stays quiet.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { rakeSuites } from './rakeSuites';
import { collectTests, pastBound, readTests, testOperands } from './testFiles';
import { VALUE_OPTIONS, type TestKind } from './testOptions';

const SUITE_PROGRAMS = new Set(['node', 'rspec', 'rails', 'rake', 'phpunit']);
const LANG: Partial<Record<TestKind, 'node' | 'ruby' | 'php'>> = {
  node: 'node',
  rspec: 'ruby',
  minitest: 'ruby',
  phpunit: 'php',
};
/** Files one helper list (a `.rspec`, a phpunit.xml) names that are read; past it the call asks. */
const MAX_HELPERS = 32;

/** The suite the line runs and the line as that runner reads its operands, or undefined when it runs none. */
function suiteRun(prog: string, p: Pending): { kind: TestKind; p: Pending } | undefined {
  const argv = p.argv;
  if (prog === 'node') {
    // `--test` among node's own options; after the script it is the script's argument.
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--test') return { kind: 'node', p };
      if (!a.startsWith('-') || p.dynamic[i]) return undefined;
      if (VALUE_OPTIONS.node.has(a)) i++;
    }
    return undefined;
  }
  if (prog === 'rspec') return { kind: 'rspec', p };
  if (prog === 'phpunit') return { kind: 'phpunit', p };
  if (prog === 'rails') {
    // `rails test`, `rails t`, `rails test:system`, `rails test:all`: Minitest over test/.
    const sub = argv[1] ?? '';
    if (sub !== 'test' && sub !== 't' && !sub.startsWith('test:')) return undefined;
    return { kind: 'minitest', p: { ...p, argv: [prog, ...argv.slice(2)], dynamic: [false, ...p.dynamic.slice(2)] } };
  }
  return undefined;
}

/** Reads the test files and helpers of the suite the line runs, as test code. */
export function readTestSuite(prog: string, p: Pending, scope: Scope, w: Walker): void {
  if (!SUITE_PROGRAMS.has(prog)) return;
  const runs = prog === 'rake' ? rakeSuites(p, scope, w) : [suiteRun(prog, p)];
  for (const run of runs) if (run) readSuite(run, prog, p, scope, w);
}

function readSuite(given: { kind: TestKind; p: Pending }, prog: string, p: Pending, scope: Scope, w: Walker): void {
  let run = given;
  const { kind } = run;
  const helpers: string[] = [];
  let defaults: string[] | undefined;
  if (kind === 'node') defaults = ['.'];
  else if (kind === 'rspec') {
    const { base, pattern } = rspecSetup(run.p, scope, w, prog, helpers);
    defaults = [base];
    // `--pattern GLOB` in place of `*_spec.rb`, under the test folder unless it starts there.
    if (pattern && !testOperands(kind, run.p).paths.length) {
      const glob = pattern.startsWith(`${base}/`) ? pattern : `${base}/${pattern}`;
      run = { kind, p: { ...run.p, argv: [...run.p.argv, glob], dynamic: [...run.p.dynamic, false] } };
    }
  } else if (kind === 'minitest') {
    defaults = ['test'];
    helpers.push('test/test_helper.rb');
  } else defaults = phpunitSetup(run.p, scope, w, prog, helpers);
  const collected = collectTests(kind, run.p, scope, w, prog, defaults);
  const there = helpers
    .map((f) => path.resolve(scope.cwd, f))
    .filter((f) => w.ctx.stat?.(f)?.isFile || w.ctx.readFile(f, scope.cwd) !== undefined);
  readTests(LANG[kind]!, [...there, ...collected.tests], p, scope, w, prog);
}

/** The value of the first of `names` the line gives (`--name value` or `--name=value`). */
function optionValue(
  argv: readonly string[],
  dynamic: readonly boolean[],
  names: readonly string[],
): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    if (eq > 0 && a.startsWith('--') && names.includes(a.slice(0, eq))) return dynamic[i] ? undefined : a.slice(eq + 1);
    if (names.includes(a) && argv[i + 1] !== undefined) return dynamic[i + 1] ? undefined : argv[i + 1];
  }
  return undefined;
}

/**
 * rspec's test folder (`--default-path`, else spec/), its `--pattern`, and its helpers: spec_helper.rb and rails_helper.rb, and the
 * files `--require NAME` names on the line or in `.rspec` / `.rspec-local`, looked up in spec/ and lib/ as rspec does.
 */
function rspecSetup(
  p: Pending,
  scope: Scope,
  w: Walker,
  prog: string,
  helpers: string[],
): { base: string; pattern?: string } {
  const words = [...p.argv];
  for (const file of ['.rspec', '.rspec-local']) {
    const text = w.ctx.readFile(file, scope.cwd);
    if (text !== undefined)
      words.push(
        ...text
          .slice(0, 16 * 1024)
          .split(/\s+/)
          .filter(Boolean),
      );
  }
  const base = optionValue(words, [], ['--default-path']) ?? 'spec';
  helpers.push(path.join(base, 'spec_helper.rb'), path.join(base, 'rails_helper.rb'));
  const required: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const a = words[i];
    if ((a === '-r' || a === '--require') && words[i + 1] !== undefined) required.push(words[++i]);
    else if (a.startsWith('--require=')) required.push(a.slice('--require='.length));
    else if (/^-r\S/.test(a)) required.push(a.slice(2));
  }
  if (required.length > MAX_HELPERS) pastBound(w, prog, `required files (${MAX_HELPERS})`);
  for (const name of required.slice(0, MAX_HELPERS)) {
    const file = name.endsWith('.rb') ? name : `${name}.rb`;
    if (file.startsWith('/') || file.startsWith('.')) helpers.push(file);
    else helpers.push(path.join(base, file), path.join('lib', file));
  }
  return { base, pattern: optionValue(words, [], ['--pattern', '-P']) };
}

/**
 * PHPUnit's test folders and bootstrap: `--bootstrap FILE` or phpunit.xml's `bootstrap="FILE"`, and the
 * `<directory>` and `<file>` entries of its `<testsuites>` (tests/ when it names none).
 */
function phpunitSetup(p: Pending, scope: Scope, w: Walker, prog: string, helpers: string[]): string[] {
  const named = optionValue(p.argv, p.dynamic, ['-c', '--configuration']);
  const candidates = named
    ? [named, path.join(named, 'phpunit.xml'), path.join(named, 'phpunit.xml.dist')]
    : ['phpunit.xml', 'phpunit.xml.dist', 'phpunit.dist.xml'];
  let config: string | undefined;
  let at = '.';
  for (const c of candidates) {
    config = w.ctx.readFile(c, scope.cwd);
    at = path.dirname(c);
    if (config !== undefined) break;
  }
  // A bootstrap named in the config is relative to the config's folder.
  const given = optionValue(p.argv, p.dynamic, ['--bootstrap']);
  const configured =
    config && /<phpunit\b[^>]*?\bbootstrap\s*=\s*["']([^"']+)["']/.exec(config.slice(0, 64 * 1024))?.[1];
  if (given) helpers.push(given);
  else if (configured) helpers.push(path.join(at, configured));
  const suites = config ? /<testsuites>([\s\S]*?)<\/testsuites>/.exec(config.slice(0, 256 * 1024))?.[1] : undefined;
  const dirs: string[] = [];
  const entries = [...(suites ?? '').matchAll(/<(directory|file)\b([^>]*)>\s*([^<]+?)\s*<\/\1>/g)];
  if (entries.length > MAX_HELPERS) pastBound(w, prog, `test suite entries (${MAX_HELPERS})`);
  for (const [, tag, attributes, value] of entries.slice(0, MAX_HELPERS)) {
    if (tag === 'file') helpers.push(path.join(at, value));
    else {
      // The files of a `<directory>` are those with its `prefix` and `suffix` (`Test.php` unless it names one).
      const attribute = (name: string) =>
        new RegExp(String.raw`\b${name}\s*=\s*["']([^"'*?{}[\]]*)["']`).exec(attributes)?.[1];
      dirs.push(path.join(at, value, '**', `${attribute('prefix') ?? ''}*${attribute('suffix') ?? 'Test.php'}`));
    }
  }
  return dirs.length ? dirs : ['tests'];
}
