// Ansible runs commands on other machines: `ansible HOSTS -m shell -a CMD`
// on the line, and `ansible-playbook site.yml` from the playbook's tasks
// (`shell:`, `command:`, `raw:`, `script:`, and `file: state=absent`, a
// recursive delete). Each is walked as a command on a remote host whose name
// carries the inventory, limit or host pattern, so a production inventory
// makes a production target. The playbook is read by a bounded line scanner,
// not a YAML parser, and the task files it imports and the roles it names are
// followed to a bound; a playbook that exists but cannot be read is asked
// about. A dry run (`--check`) and the listing forms read nothing.
import { withoutTrailingComment } from '../text/trailingComment';
import * as path from 'node:path';
import { optionValues, positionals } from '../command/args';
import { parseFinding, type Pending, type Scope, type Walker } from './normalize/scope';
import { expandGlob } from '../command/glob';
import { askRunTimeName } from './wrappers/runTimeNames';

/** A name that says production (as environment/programs.ts reads one; that room comes after this one). */
export const PRODUCTION_WORD = /(?:^|[.\-_/:,])(prod|production|live)\d*(?=$|[.\-_/:,])/i;
const MAX_FILES = 16;
const MAX_CHARS = 256 * 1024;
const MAX_LINES = 8192;
const MAX_COMMANDS = 256;

const COMMAND_MODULES = /^(?:ansible\.builtin\.|ansible\.windows\.)?(?:shell|command|raw|win_shell|win_command)$/;
const SCRIPT_MODULE = /^(?:ansible\.builtin\.)?script$/;
const FILE_MODULE = /^(?:ansible\.builtin\.)?file$/;
const INCLUDES = /^(?:ansible\.builtin\.)?(?:import_playbook|include_tasks|import_tasks|include)$/;
const READ_ONLY_FLAGS = new Set(['--check', '-C', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags']);
const PLAYBOOK_VALUES = [
  '-i',
  '--inventory',
  '--inventory-file',
  '-l',
  '--limit',
  '-e',
  '--extra-vars',
  '-t',
  '--tags',
  '--skip-tags',
  '-u',
  '--user',
  '--vault-id',
  '--vault-password-file',
  '-f',
  '--forks',
  '-c',
  '--connection',
  '-T',
  '--timeout',
  '--start-at-task',
  '-M',
  '--module-path',
  '--private-key',
  '--key-file',
  '--become-user',
  '--become-method',
];

/** The host a play or ad-hoc call runs on, named so the environment can read it: the first name that says production, else the first named. */
export function ansibleTarget(argv: readonly string[], hosts?: string): string {
  const names = [
    ...optionValues(argv, ['--limit', '-l']),
    ...(argv[0] === 'ansible' ? positionals(argv, PLAYBOOK_VALUES.concat('-m', '--module-name', '-a', '--args')) : []),
    ...optionValues(argv, ['--inventory', '--inventory-file', '-i']),
    ...(hosts ? [hosts] : []),
  ].filter((n) => n && !n.includes(':'));
  return names.find((n) => PRODUCTION_WORD.test(n)) ?? names[0] ?? 'all';
}

const unquote = (s: string) => (/^(["']).*\1$/s.test(s) ? s.slice(1, -1) : s);
const indentOf = (line: string) => line.length - line.trimStart().length;
const KEY = /^(\s*)(?:-\s+)?([\w.]+):(?:\s+(.*))?$/;

/** The lines under a key (more indented than it), as one scalar: `|` keeps the lines, `>` and plain fold them. */
function blockBelow(lines: readonly string[], from: number, keyIndent: number): { text: string; end: number } {
  const body: string[] = [];
  let k = from;
  for (; k < lines.length && (lines[k].trim() === '' || indentOf(lines[k]) > keyIndent); k++)
    body.push(lines[k].trim());
  return { text: body.join('\n').trim(), end: k };
}

interface Tasks {
  commands: string[];
  scripts: string[];
  includes: string[];
  hosts?: string;
  /** A module's settings ran past the lines read of one block: what the rest sets is not known. */
  pastBlockBound?: boolean;
}

/** `k=v k2=v2` free-form arguments. */
function freeForm(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of value.matchAll(/([\w]+)=("[^"]*"|'[^']*'|\S+)/g)) out.set(m[1], unquote(m[2]));
  return out;
}

/** Most lines read of one module's settings. */
export const MAX_BLOCK_LINES = 64;

/**
 * The settings of a module written as a mapping under its key (`file:` then
 * `path: …`, `state: absent`). A block longer than the bound marks the tasks
 * `pastBlockBound`: a `state: absent` past it would otherwise go unread.
 */
function mapping(lines: readonly string[], from: number, keyIndent: number, tasks: Tasks): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = from; k < lines.length; k++) {
    if (lines[k].trim() === '') continue;
    if (indentOf(lines[k]) <= keyIndent) break;
    if (k - from >= MAX_BLOCK_LINES) {
      tasks.pastBlockBound = true;
      break;
    }
    const m = KEY.exec(lines[k]);
    if (m?.[3] !== undefined) out.set(m[2], unquote(m[3].trim()));
  }
  return out;
}

export function playbookTasks(text: string): Tasks {
  const lines = text.split('\n').slice(0, MAX_LINES);
  const tasks: Tasks = { commands: [], scripts: [], includes: [] };
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i]);
    if (!m) continue;
    const [, lead, key] = m;
    const value = withoutTrailingComment(m[3] ?? '').trim();
    const indent = lead.length;
    if (key === 'hosts' && value && tasks.hosts === undefined) tasks.hosts = unquote(value);
    else if (COMMAND_MODULES.test(key)) {
      if (value && !/^[|>][+-]?$/.test(value)) tasks.commands.push(unquote(value));
      else if (value) tasks.commands.push(blockBelow(lines, i + 1, indent).text);
      else {
        const args = mapping(lines, i + 1, indent, tasks);
        const cmd = args.get('cmd') ?? args.get('_raw_params');
        if (cmd && !/^[|>]/.test(cmd)) tasks.commands.push(cmd);
        else if (cmd) tasks.commands.push(blockBelow(lines, i + 2, indent + 2).text);
        else if (args.has('argv'))
          tasks.commands.push(blockBelow(lines, i + 2, indent + 2).text.replace(/^-\s+/gm, ''));
      }
    } else if (SCRIPT_MODULE.test(key)) {
      const script = value ? value : mapping(lines, i + 1, indent, tasks).get('cmd');
      if (script) tasks.scripts.push(unquote(script));
    } else if (FILE_MODULE.test(key)) {
      const args = value ? freeForm(value) : mapping(lines, i + 1, indent, tasks);
      const target = args.get('path') ?? args.get('dest') ?? args.get('name');
      if (args.get('state') === 'absent' && target) tasks.commands.push(`rm -rf ${JSON.stringify(target)}`);
    } else if (INCLUDES.test(key) && value) tasks.includes.push(unquote(value));
    else if (key === 'roles' || key === 'role') {
      if (value && key === 'role') tasks.includes.push(`roles/${unquote(value)}/tasks/main.yml`);
      for (let k = i + 1; k < lines.length && key === 'roles'; k++) {
        const item = /^\s*-\s+(?:role:\s+)?([\w.-]+)\s*$/.exec(lines[k]);
        if (lines[k].trim() && indentOf(lines[k]) < indent) break;
        if (item) tasks.includes.push(`roles/${item[1]}/tasks/main.yml`);
      }
    }
  }
  return tasks;
}

/**
 * Queues each file an include named by a template (`tasks/{{ ansible_os_family }}.yml`) could be: those its fixed
 * parts match on disk, as the shell would match `tasks/*.yml`. False when that is not a bounded set: a name that is
 * all template, or more matches than are read.
 */
function queueTemplated(inc: string, dir: string, queue: string[], w: Walker): boolean {
  const pattern = inc.replace(/\{\{.*?\}\}/g, '*');
  if (/(?:^|\/)\*(?:$|\/)/.test(pattern) || /[?[]/.test(pattern)) return false;
  const found = expandGlob(path.resolve(dir, pattern), w.ctx);
  if (found === undefined || 'tooMany' in found || found.matches.length > MAX_FILES) return false;
  for (const m of found.matches) queue.push(m.path);
  return true;
}

function unread(w: Walker, summary: string, target?: string): void {
  w.addFinding(
    parseFinding(
      'parse.too-complex',
      60,
      `${summary}: what it runs was not judged, so a human must look at it`,
      target,
    ),
  );
}

/** `ansible-playbook [opts] PLAYBOOK…`: every task command walked as run on the play's hosts. */
export function readPlaybooks(p: Pending, scope: Scope, w: Walker): void {
  if (scope.remote || p.argv.some((a) => READ_ONLY_FLAGS.has(a) || a === '--help' || a === '--version')) return;
  const books = positionals(p.argv, PLAYBOOK_VALUES);
  // A playbook named through a variable is known only when the line runs: what it runs cannot be read first.
  const runTime = books.find((b) => p.dynamic[p.argv.indexOf(b)]);
  if (runTime !== undefined) return askRunTimeName(w, 'ansible-playbook', runTime, 'runs the playbook');
  const queue = books.map((b) => path.resolve(scope.cwd, b));
  const found: Tasks = { commands: [], scripts: [], includes: [] };
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    if (seen.size >= MAX_FILES)
      return unread(w, `ansible-playbook includes more files than AgentGuard reads (${MAX_FILES})`);
    seen.add(file);
    const text = w.ctx.readFile(file, scope.cwd);
    const st = w.ctx.stat?.(file);
    if (text === undefined || text.length > MAX_CHARS) {
      // A playbook that is not there makes ansible fail; one that is there but cannot be read is asked about.
      if (text !== undefined || st?.isFile)
        unread(w, `ansible-playbook runs ${file}, which AgentGuard cannot read`, file);
      continue;
    }
    const t = playbookTasks(text);
    found.hosts ??= t.hosts;
    if (t.pastBlockBound)
      unread(
        w,
        `${file} has a task whose settings run past the ${MAX_BLOCK_LINES} lines AgentGuard reads of one`,
        file,
      );
    found.commands.push(...t.commands);
    const dir = path.dirname(file);
    for (const s of t.scripts) {
      const [script, ...args] = s.split(/\s+/);
      const body = w.ctx.readFile(path.resolve(dir, script), scope.cwd);
      if (body === undefined || body.length > MAX_CHARS)
        unread(w, `ansible-playbook runs the script ${script}`, script);
      else found.commands.push(args.length ? `set -- ${args.join(' ')}\n${body}` : body);
    }
    for (const inc of t.includes) {
      if (!inc.includes('{{')) queue.push(path.resolve(dir, inc));
      else if (!queueTemplated(inc, dir, queue, w))
        unread(w, `${file} includes ${inc}, a file named only when the play runs`, inc);
    }
  }
  if (found.commands.length > MAX_COMMANDS)
    unread(w, `ansible-playbook runs more task commands than AgentGuard reads (${MAX_COMMANDS})`);
  const remote = { kind: 'ssh' as const, target: ansibleTarget(p.argv, found.hosts) };
  const inner: Scope = { ...scope, remote, via: [...scope.via, 'ansible-playbook task'], depth: scope.depth + 1 };
  for (const c of found.commands.slice(0, MAX_COMMANDS)) if (c.trim()) w.walkText(c, inner, true);
}
