// Task runners told to work from another folder (`composer -d DIR run-script
// x`, `pdm -p DIR run x`, `poe -C DIR x`, `invoke -r DIR x`, `mise -C DIR run
// x`, `cargo make --cwd DIR x`, `deno task --config DIR/deno.json x`) read
// that folder's task file: the call is read again there, the option dropped,
// as `cd DIR && …` is, so the tasks judged are the ones that run. A folder
// known only at run time leaves what runs unread: asked, as for `rake -C`.
import * as path from 'node:path';
import { parseFinding, type Pending, type Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';
import { own } from '../../text/own';

interface FolderForm {
  /** Options naming the folder (or, with `file`, the task file whose folder) the runner works from. */
  options: readonly string[];
  /** The options name a task file: the call moves to its folder when its name is one of these. */
  file?: readonly string[];
  /** Words that must follow the program's name for this to apply (`cargo make`, `deno task`). */
  lead?: readonly string[];
  /** Subcommands read past before the task's name (`pdm run x`, `mise tasks run x`). */
  subs?: ReadonlySet<string>;
  /** The runner's other options that take the next word as their value. */
  valued?: ReadonlySet<string>;
  /** Options stand anywhere before `--` (Symfony's console, composer's): no word ends the search. */
  anywhere?: true;
}

const INVOKE: FolderForm = {
  options: ['-r', '--search-root'],
  valued: new Set(['-c', '--collection', '-f', '--config']),
};
const CARGO_MAKE: FolderForm = {
  options: ['--cwd'],
  valued: new Set(['-t', '--task', '-p', '--profile', '--makefile', '-e', '--env', '--env-file', '-l', '--loglevel']),
};

const FORMS: Readonly<Record<string, FolderForm>> = {
  composer: { options: ['-d', '--working-dir'], anywhere: true },
  pdm: { options: ['-p', '--project'], subs: new Set(['run']) },
  poe: { options: ['-C', '--directory', '--root'], valued: new Set(['-e', '--executor']) },
  invoke: INVOKE,
  inv: INVOKE,
  mise: {
    options: ['-C', '--cd'],
    subs: new Set(['run', 'r', 'tasks']),
    valued: new Set(['-E', '--env', '-j', '--jobs']),
  },
  makers: CARGO_MAKE,
  cargo: { ...CARGO_MAKE, lead: ['make'] },
  'cargo-make': { ...CARGO_MAKE, lead: ['make'] },
  // nox runs from its noxfile's folder, whatever its options' order.
  nox: { options: ['-f', '--noxfile'], file: ['noxfile.py'], anywhere: true },
  deno: {
    options: ['-c', '--config'],
    file: ['deno.json', 'deno.jsonc'],
    lead: ['task'],
    valued: new Set(['--cwd', '-f', '--filter']),
  },
};

/** Where a folder option stands: its first word, how many words it takes, and its value's word. */
export interface FolderOption {
  at: number;
  words: 1 | 2;
  valueAt: number;
  value: string | undefined;
}

/** The folder option `names` at word `i`, if it is one (`--prefix DIR`, `--prefix=DIR`). */
export function folderOptionAt(argv: readonly string[], i: number, names: readonly string[]): FolderOption | undefined {
  const a = argv[i];
  const eq = a.indexOf('=');
  if (eq > 0)
    return names.includes(a.slice(0, eq)) ? { at: i, words: 1, valueAt: i, value: a.slice(eq + 1) } : undefined;
  return names.includes(a) ? { at: i, words: 2, valueAt: i + 1, value: argv[i + 1] } : undefined;
}

/**
 * The call read again in the folder its option names, the option dropped; undefined when it names none. A folder
 * known only at run time, or a task file of another name than the runner's own, is asked about (its tasks unread).
 */
export function runnerFolderStep(prog: string, p: Pending, w: Walker): UnwrapStep | undefined {
  const form = own(FORMS, prog);
  if (!form) return undefined;
  const argv = p.argv;
  let i = 1;
  for (const word of form.lead ?? []) if (argv[i++] !== word) return undefined;
  let subRead = false;
  for (; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      // The task's name: what follows it is the task's own.
      if (form.anywhere) continue;
      if (!subRead && form.subs?.has(a)) {
        subRead = true;
        continue;
      }
      return undefined;
    }
    const found = folderOptionAt(argv, i, form.options);
    if (!found) {
      if (form.valued?.has(a)) i++;
      continue;
    }
    const via = `${argv.slice(0, 1 + (form.lead?.length ?? 0)).join(' ')} ${a.split('=')[0]}`;
    if (found.value === undefined || found.value === '' || p.dynamic[found.valueAt])
      return unreadRunnerFolder(w, via, 'names a folder known only at run time');
    let dir = found.value;
    if (form.file) {
      if (!form.file.includes(path.basename(dir)))
        return unreadRunnerFolder(w, via, `names a task file AgentGuard does not read (${dir})`);
      dir = path.dirname(dir);
    }
    const at = i;
    const keep = (_: unknown, k: number) => k < at || k >= at + found.words;
    return {
      kind: 'command',
      next: { ...p, argv: argv.filter(keep), dynamic: p.dynamic.filter(keep) },
      via,
      cwd: dir,
    };
  }
  return undefined;
}

/** A runner's tasks left unread because where it reads them is not known here: asked. */
export function unreadRunnerFolder(w: Walker, via: string, what: string): undefined {
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `\`${via}\` ${what}: the tasks it runs were not read, so a human must look at it`,
    ),
  );
  return undefined;
}

/**
 * The folder a wrapper's `-D DIR` / `--chdir=DIR` (sudo, run0) names among its options before word `end`; a folder
 * known only at run time is asked about, the command still read where the line stands.
 */
export function wrapperFolder(p: Pending, end: number, w: Walker, via: string): string | undefined {
  for (let i = 1; i < end; i++) {
    const found = folderOptionAt(p.argv, i, ['-D', '--chdir']);
    if (!found) continue;
    if (!found.value || p.dynamic[found.valueAt])
      return unreadRunnerFolder(w, `${via} -D`, 'names a folder known only at run time');
    return found.value;
  }
  return undefined;
}

/** Whether the call names a folder or task file by one of `names` whose value is known only at run time. */
export function namesRunTimeFolder(p: Pending, names: readonly string[]): boolean {
  for (let i = 1; i < p.argv.length && p.argv[i] !== '--'; i++) {
    const found = folderOptionAt(p.argv, i, names);
    if (found && found.value !== undefined && p.dynamic[found.valueAt]) return true;
  }
  return false;
}
