// Programs that run one shell line on many hosts at once: pdsh, pssh
// (parallel-ssh), clush, Salt (`salt`, `salt-ssh`, and `salt-call` on this
// machine) and `knife ssh`. The line is read as the script it is, as ssh's
// is, and remembers where it runs: the host list or target, named by the
// first name in it that says production (as Ansible's hosts are), so a
// production list makes a production target. Salt's `cmd.script salt://PATH`
// runs a file of the master's file root; it is read when it can be, and asks
// when it cannot.
import * as path from 'node:path';
import { readOptions, type GetoptStyle, type OptionsRead } from '../../command/options';
import { PRODUCTION_WORD } from '../ansible';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import { joinForShell, MAX_SCRIPT_CHARS, type UnwrapStep } from './common';

/** The values given to any of `names`, name by name (the first name's first), as the host lists are read. */
const valuesOf = (line: OptionsRead, names: readonly string[]): string[] =>
  names.flatMap((n) => line.options.flatMap((o) => (o.name === n && o.value !== undefined ? [o.value] : [])));
const hasFlag = (line: OptionsRead, names: readonly string[]): boolean =>
  line.options.some((o) => o.value === undefined && names.includes(o.name));

/** Words of a host expression that join its names rather than name a host. */
const JOINERS = new Set(['and', 'or', 'not']);

/**
 * The host names of host lists, node sets, Salt targets and Chef queries, as the environment reads an ssh target:
 * `web[1-4]` → `web1`, `user@db1` → `db1`, `@prod` → `prod`, `G@env:prod` → `prod`, `chef_environment:production`
 * → `production`, `^/etc/hosts.prod` → `/etc/hosts.prod`. Exclusions (`-web3`) and joiners (`and`) are no targets.
 */
function hostNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let word = '';
  for (const ch of `${list},`) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (depth > 0 || (ch !== ',' && ch !== ' ' && ch !== '\t' && ch !== '\n')) {
      word += ch;
      continue;
    }
    const bare = word.replace(/^[(^!]+|[)]+$/g, '');
    const name = bare
      .slice(bare.lastIndexOf('@') + 1)
      .replace(/^.*:/, '')
      .replace(/\[(\w+)[^\]]*\]/g, '$1');
    if (name && !word.startsWith('-') && !JOINERS.has(name.toLowerCase())) names.push(name);
    word = '';
  }
  return names;
}

/** The target the lines run on: the first host named for production, else the first named, else `fallback`. */
function hostTarget(lists: readonly string[], fallback: string): { kind: 'ssh'; target: string } {
  const names = lists.flatMap(hostNames);
  return { kind: 'ssh', target: names.find((n) => PRODUCTION_WORD.test(n)) ?? names[0] ?? fallback };
}

/** The line the hosts run, or the lines fed on stdin when none is given (as ssh reads them). */
function remoteLine(
  p: Pending,
  words: readonly string[],
  via: string,
  remote: { kind: 'ssh'; target: string },
): UnwrapStep | undefined {
  // What is fed to the program goes to every host too: the program itself is judged for it, as ssh is.
  const fed = p.redirects.some((r) => r.op === '<' || r.op === '<>') || p.stdinFrom !== undefined;
  if (words.length)
    return { kind: 'script', text: joinForShell(words), via, remote, ...(fed ? { alsoEmit: true } : {}) };
  if (p.stdin !== undefined) return { kind: 'script', text: p.stdin, via, remote };
  return undefined;
}

/** The words before the command, evidence of where it runs. */
const viaOf = (argv: readonly string[], operands: readonly string[]): string =>
  argv.slice(0, argv.length - operands.length).join(' ');

// pdsh(1) with its host-selection modules (genders, dshgroup, netgroup, slurm, torque): the options taking a value.
const PDSH: GetoptStyle = { short: 'wxgXltufRMFjPC', long: [] };

/** `pdsh -w web[1-4] CMD…`, `pdsh -g GROUP CMD`, `pdsh -a CMD`: the host list from -w (and WCOLL), groups from -g. */
function pdsh(p: Pending): UnwrapStep | undefined {
  const line = readOptions(p.argv, 1, PDSH);
  const lists = [...valuesOf(line, ['-w', '-g']), ...(p.env.WCOLL ? [p.env.WCOLL] : [])];
  return remoteLine(p, line.operands, viaOf(p.argv, line.operands), hostTarget(lists, 'all'));
}

const PSSH: GetoptStyle = {
  short: 'hHlpoetOxX',
  long: [
    '--hosts',
    '--host',
    '--user',
    '--par',
    '--outdir',
    '--errdir',
    '--timeout',
    '--option',
    '--extra-args',
    '--extra-arg',
  ],
};

/** `pssh -h hosts.txt -i CMD…`, `parallel-ssh -H 'web1 web2' CMD`: the hosts from -H, else the host file's name. */
function pssh(p: Pending): UnwrapStep | undefined {
  const line = readOptions(p.argv, 1, PSSH);
  const lists = valuesOf(line, ['-H', '--host', '-h', '--hosts']);
  return remoteLine(p, line.operands, viaOf(p.argv, line.operands), hostTarget(lists, 'hosts'));
}

const CLUSH: GetoptStyle = {
  short: 'swxgXROfloutm',
  long: [
    '--groupsource',
    '--group',
    '--worker',
    '--option',
    '--fanout',
    '--user',
    '--options',
    '--connect_timeout',
    '--command_timeout',
    '--mode',
    '--dest',
    '--color',
    '--pick',
    '--hostfile',
    '--nodefile',
    '--outdir',
    '--errdir',
    '--remote',
  ],
};

/** `clush -w node[1-9] CMD…`, `clush -g GROUP -b CMD`, `clush -a CMD`; a copy (`--copy`, `--rcopy`) runs no line. */
function clush(p: Pending): UnwrapStep | undefined {
  const line = readOptions(p.argv, 1, CLUSH);
  if (hasFlag(line, ['-c', '--copy', '--rcopy'])) return undefined;
  const lists = valuesOf(line, ['-w', '-g', '--group', '--hostfile', '--nodefile']);
  return remoteLine(p, line.operands, viaOf(p.argv, line.operands), hostTarget(lists, 'all'));
}

const SALT: GetoptStyle = {
  short: 'tbaclm',
  permute: true,
  long: [
    '--timeout',
    '--batch',
    '--batch-size',
    '--batch-wait',
    '--batch-safe-limit',
    '--batch-safe-size',
    '--auth',
    '--eauth',
    '--external-auth',
    '--return',
    '--return_config',
    '--return_kwargs',
    '--out',
    '--output',
    '--out-file',
    '--output-file',
    '--out-indent',
    '--output-indent',
    '--log-level',
    '--log-file',
    '--log-file-level',
    '--config-dir',
    '--module-executors',
    '--executor-opts',
    '--args-separator',
    '--subset',
    '--state-output',
    '--state-verbose',
    '--roster',
    '--roster-file',
    '--priv',
    '--priv-passwd',
    '--user',
    '--passwd',
    '--ssh-option',
    '--max-procs',
    '--extra-filerefs',
    '--thin-extra-modules',
    '--saltfile',
    '--master',
    '--id',
    '--file-root',
    '--pillar-root',
    '--states-dir',
    '--module-dirs',
    '--saltenv',
  ],
};

/** Salt functions whose first argument is a shell line. */
const SALT_SHELL_FUNCTIONS = new Set([
  'cmd.run',
  'cmd.run_all',
  'cmd.run_stdout',
  'cmd.run_stderr',
  'cmd.run_bg',
  'cmd.shell',
]);

/** A Salt keyword argument (`cwd=/srv`, `runas=root`): a name Python accepts, then `=`. */
const SALT_KWARG = /^([A-Za-z_]\w*)=([\s\S]*)$/;

/** Where Salt's `salt://` files are, in the default file root of the base environment. */
const SALT_FILE_ROOT = '/srv/salt';

/**
 * `salt TARGET FN ARGS…`, `salt-ssh TARGET FN ARGS…` (`-r CMD`: a raw shell line), `salt-call FN ARGS…` (here).
 * `cmd.run` and its kin run their first argument (or `cmd=`) as a shell line; `cmd.script` runs a file.
 */
function salt(p: Pending, scope: Scope, w: Walker, prog: string): UnwrapStep | undefined {
  const line = readOptions(p.argv, 1, SALT);
  const local = prog === 'salt-call';
  const ops = line.operands;
  const remote = local ? undefined : hostTarget(ops.slice(0, 1), 'all');
  const via = local ? prog : `${prog} ${ops[0] ?? ''}`.trim();
  if (prog === 'salt-ssh' && hasFlag(line, ['-r', '--raw', '--raw-shell']))
    return ops.length > 1 ? { kind: 'script', text: joinForShell(ops.slice(1)), via, remote } : undefined;
  const fnAt = local ? 0 : 1;
  const fn = ops[fnAt];
  if (fn === undefined) return undefined;
  const args = ops.slice(fnAt + 1);
  const kwargs = new Map<string, string>();
  for (const a of args) {
    const kw = SALT_KWARG.exec(a);
    if (kw) kwargs.set(kw[1], kw[2]);
  }
  const positional = args.filter((a) => !SALT_KWARG.test(a));
  const cwd = kwargs.get('cwd');
  const where = { ...(remote ? { remote } : {}), ...(cwd ? { cwd } : {}) };
  const fns = fn.split(',');
  if (fns.some((f) => SALT_SHELL_FUNCTIONS.has(f))) {
    // Several functions at once (`cmd.run,test.ping 'CMD',`): their arguments are not told apart here, so all are read.
    // A line spelled like a keyword (`FOO=1 rm -rf /x`) is still the line when nothing else is.
    const text = fns.length > 1 ? joinForShell(args) : (kwargs.get('cmd') ?? positional[0] ?? args[0]);
    return text === undefined ? undefined : { kind: 'script', text, via: `${via} ${fn}`, ...where };
  }
  if (fn !== 'cmd.script') return undefined;
  const source = kwargs.get('source') ?? positional[0];
  if (source === undefined) return undefined;
  const body = saltFile(source, kwargs.get('saltenv'), scope, w);
  if (body === undefined) {
    w.addFinding(
      parseFinding(
        'system.unread-script',
        45,
        `\`${via} cmd.script\` runs ${source}, and it cannot be read first`,
        source,
      ),
    );
    return undefined;
  }
  const scriptArgs = kwargs.get('args') ?? positional[1];
  const text = scriptArgs ? `set -- ${scriptArgs}\n${body}` : body;
  return { kind: 'script', text, via: `${via} cmd.script ${source}`, ...where };
}

/** A `salt://PATH` file of the base environment, as read from the file root; undefined when it cannot be read. */
function saltFile(source: string, saltenv: string | undefined, scope: Scope, w: Walker): string | undefined {
  const m = /^salt:\/\/([^?]+)(?:\?saltenv=(.*))?$/.exec(source);
  const env = saltenv ?? m?.[2] ?? 'base';
  if (!m || env !== 'base') return undefined;
  const file = path.posix.join(SALT_FILE_ROOT, m[1]);
  if (!file.startsWith(`${SALT_FILE_ROOT}/`)) return undefined;
  const text = w.ctx.readFile(file, scope.cwd);
  return text !== undefined && text.length <= MAX_SCRIPT_CHARS ? text : undefined;
}

const KNIFE: GetoptStyle = {
  short: 'aCGipPxsckuEF',
  permute: true,
  long: [
    '--attribute',
    '--concurrency',
    '--ssh-gateway',
    '--ssh-gateway-identity',
    '--ssh-identity-file',
    '--identity-file',
    '--ssh-port',
    '--ssh-password',
    '--ssh-user',
    '--ssh-timeout',
    '--prefix-attribute',
    '--server-url',
    '--config',
    '--config-option',
    '--key',
    '--user',
    '--environment',
    '--format',
    '--chef-zero-port',
    '--profile',
  ],
};

/** knife ssh's own sessions, not a shell line: `knife ssh QUERY interactive`. */
const KNIFE_SESSIONS = new Set(['interactive', 'screen', 'tmux', 'macterm', 'cssh', 'csshx']);

/** `knife ssh QUERY CMD… [options]`: the nodes the search query (or `-m` list) finds run CMD. */
function knife(p: Pending): UnwrapStep | undefined {
  if (p.argv[1] !== 'ssh') return undefined;
  const line = readOptions(p.argv, 2, KNIFE);
  const [query, ...words] = line.operands;
  if (query === undefined || !words.length || KNIFE_SESSIONS.has(words[0])) return undefined;
  const remote = hostTarget([query, ...valuesOf(line, ['-E', '--environment'])], 'nodes');
  return remoteLine(p, words, `knife ssh ${query}`, remote);
}

/** The readers of this module by program name (byName.ts adds them to its table). */
export const MANY_HOSTS: Readonly<
  Record<string, (p: Pending, scope: Scope, w: Walker, prog: string) => UnwrapStep | undefined>
> = {
  pdsh,
  pssh,
  'parallel-ssh': pssh,
  clush,
  salt,
  'salt-ssh': salt,
  'salt-call': salt,
  knife,
};
