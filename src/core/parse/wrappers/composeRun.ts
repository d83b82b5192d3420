// `docker compose up|run|create|start|restart` (docker-compose, podman
// compose, podman-compose) starts the containers its compose files describe:
// each service's `command:` with its `volumes:` bound from the host. Each
// started service is judged as the `docker run` line that starts the same
// container (remote.ts reads that line: bind mounts mapped to host paths,
// --privileged, the host's pid or network namespace), so
// `volumes: ["/home/me:/h"]` with `command: rm -rf /h/notes` weighs what
// `docker run -v /home/me:/h alpine rm -rf /h/notes` does. A value built from
// a variable not known here, in what a service runs or mounts, is asked about.
import * as path from 'node:path';
import type { Pending, Scope, Walker } from '../normalize/scope';
import { parseFinding } from '../normalize/scope';
import type { LiteralValue } from '../literalData';
import { shellWord } from '../../text/shellWord';
import { walkLines } from './buildLines';
import { interpolate, isRecord, loadProject, splitWords, type Project, type Service } from './composeFiles';
import { COMPOSE_GLOBAL_VALUE_OPTS, COMPOSE_RUN_VALUE_OPTS, DOCKER_GLOBAL_VALUE_OPTS } from './remote';

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);
/** Verbs that start containers, and the options of each that take a value. */
const STARTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['up', ['-t', '--timeout', '--scale', '--exit-code-from', '--attach', '--no-attach', '--pull', '--wait-timeout']],
  ['create', ['--scale', '--pull']],
  ['start', ['--wait-timeout']],
  ['restart', ['-t', '--timeout']],
  ['run', COMPOSE_RUN_VALUE_OPTS],
]);
/** `docker compose run`'s options carried onto the container it starts. */
const RUN_CARRIED = new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '-v', '--volume', '--cap-add']);
/** Variables read from a project's `.env` file, at most. */
const MAX_DOTENV_VARS = 512;

interface Call {
  /** The engine's words the container would be started with (`docker`, `podman -H ssh://x`). */
  engine: string[];
  files: string[];
  projectDir?: string;
  envFiles: string[];
  verb: string;
  services: string[];
  /** `run SERVICE CMD…`: the command and the options that replace the service's. */
  command?: string[];
  runOpts: string[];
  noDeps: boolean;
  dynamic: boolean;
}

/** The compose call `p` makes, when it starts containers; undefined for every other command (a cheap look at its words). */
function composeCall(p: Pending): Call | undefined {
  const argv = p.argv;
  const prog = argv[0];
  let i = 1;
  let engine: string[];
  if (prog === 'docker-compose' || prog === 'podman-compose')
    engine = [prog === 'podman-compose' ? 'podman' : 'docker'];
  else if (ENGINES.has(prog)) {
    while (i < argv.length && argv[i].startsWith('-')) i += DOCKER_GLOBAL_VALUE_OPTS.includes(argv[i]) ? 2 : 1;
    if (argv[i] !== 'compose') return undefined;
    engine = argv.slice(0, i);
    i++;
  } else return undefined;
  const call: Call = {
    engine,
    files: [],
    envFiles: [],
    verb: '',
    services: [],
    runOpts: [],
    noDeps: false,
    dynamic: false,
  };
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const [opt, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    if (!COMPOSE_GLOBAL_VALUE_OPTS.includes(opt)) continue;
    const value = inline ?? argv[++i];
    if (value === undefined) return undefined;
    call.dynamic ||= p.dynamic[i] === true;
    if (opt === '-f' || opt === '--file') call.files.push(value);
    else if (opt === '--project-directory') call.projectDir = value;
    else if (opt === '--env-file') call.envFiles.push(value);
  }
  const valueOpts = STARTS.get(argv[i] ?? '');
  if (!valueOpts) return undefined;
  call.verb = argv[i];
  for (let k = i + 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--') {
      call.services.push(...argv.slice(k + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (a === '--no-deps') call.noDeps = true;
      const takes = valueOpts.includes(a);
      if (call.verb === 'run' && (RUN_CARRIED.has(a) || a === '--entrypoint') && argv[k + 1] !== undefined)
        call.runOpts.push(a, argv[k + 1]);
      if (takes) k++;
      continue;
    }
    call.dynamic ||= p.dynamic[k] === true;
    call.services.push(a);
    // `run SERVICE CMD…`: the words after the service are the command it runs.
    if (call.verb === 'run') {
      call.command = argv.slice(k + 1);
      break;
    }
  }
  return call;
}

/** Variables compose fills its files with: the line's environment over the project's `.env` (or `--env-file`) file. */
function composeVars(call: Call, project: Project, p: Pending, scope: Scope, w: Walker): Map<string, string> {
  const vars = new Map<string, string>();
  const files = call.envFiles.length
    ? call.envFiles.map((f) => path.resolve(scope.cwd, f))
    : [path.join(project.dir, '.env')];
  for (const f of files) {
    const text = w.ctx.readFile(f, scope.cwd) ?? '';
    for (const line of text.split('\n', MAX_DOTENV_VARS)) {
      const m = /^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)[ \t]*=[ \t]*(.*?)[ \t]*$/.exec(line);
      if (m) vars.set(m[1], m[2].replace(/^(['"])(.*)\1$/, '$2'));
    }
  }
  for (const [k, v] of Object.entries(p.env)) vars.set(k, v);
  return vars;
}

/** A `command:` or `entrypoint:` as words; undefined when it cannot be read, null when the service sets none. */
function commandWords(v: LiteralValue | undefined, vars: ReadonlyMap<string, string>): string[] | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    const s = interpolate(v, vars);
    return s === undefined ? undefined : splitWords(s);
  }
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v) {
    const s = typeof x === 'string' || typeof x === 'number' ? interpolate(String(x), vars) : undefined;
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** A bind source as the host path it names: relative to the project folder, `~` the home. */
function hostPath(src: string, dir: string, home: string): string | undefined {
  if (src === '~' || src.startsWith('~/')) return path.join(home, src.slice(1));
  if (src.startsWith('/')) return src;
  if (src === '.' || src === '..' || src.startsWith('./') || src.startsWith('../')) return path.resolve(dir, src);
  return undefined;
}

/** The `-v`/`--mount` options of a service's volumes; undefined when one cannot be read. */
function volumeOptions(v: LiteralValue | undefined, dir: string, home: string, vars: ReadonlyMap<string, string>) {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const item of v) {
    if (typeof item === 'string') {
      const spec = interpolate(item, vars);
      if (spec === undefined) return undefined;
      const at = spec.indexOf(':');
      const src = at > 0 ? hostPath(spec.slice(0, at), dir, home) : undefined;
      out.push('-v', src !== undefined ? src + spec.slice(at) : spec);
    } else if (isRecord(item)) {
      if (item.type !== 'bind') continue;
      const source = typeof item.source === 'string' ? interpolate(item.source, vars) : undefined;
      const target = typeof item.target === 'string' ? interpolate(item.target, vars) : undefined;
      const src = source !== undefined ? (hostPath(source, dir, home) ?? source) : undefined;
      if (src === undefined || target === undefined) return undefined;
      out.push('--mount', `type=bind,source=${src},target=${target}`);
    } else return undefined;
  }
  return out;
}

const FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['pid', '--pid'],
  ['network_mode', '--network'],
  ['ipc', '--ipc'],
  ['userns_mode', '--userns'],
  ['user', '--user'],
  ['working_dir', '--workdir'],
];
const LISTS: ReadonlyArray<readonly [string, string]> = [
  ['cap_add', '--cap-add'],
  ['devices', '--device'],
  ['security_opt', '--security-opt'],
];

/** The words of the `docker run` line that starts a service's container; undefined when a part that matters cannot be read. */
function runArgv(
  name: string,
  svc: Service,
  call: Call,
  project: Project,
  home: string,
  vars: ReadonlyMap<string, string>,
  own: boolean,
): string[] | undefined {
  const opts: string[] = [];
  if (svc.privileged === true) opts.push('--privileged');
  for (const [key, flag] of FLAGS) {
    const v = svc[key];
    if (typeof v === 'string' || typeof v === 'number') opts.push(`${flag}=${interpolate(String(v), vars) ?? ''}`);
  }
  for (const [key, flag] of LISTS) {
    const v = svc[key];
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') opts.push(`${flag}=${x}`);
  }
  const env = svc.environment;
  if (isRecord(env)) for (const [k, v] of Object.entries(env)) opts.push('-e', v === null ? k : `${k}=${String(v)}`);
  else if (Array.isArray(env)) for (const x of env) if (typeof x === 'string') opts.push('-e', x);
  const dir = project.dirs.get(name) ?? project.dir;
  const volumes = volumeOptions(svc.volumes, dir, home, vars);
  // `run SERVICE CMD…` replaces that service's command and adds its options; the services it depends on run their own.
  const run = own ? runOptions(call.runOpts, dir, home) : { opts: [] };
  let entry = commandWords(svc.entrypoint, vars);
  let command = own && call.command?.length ? call.command : commandWords(svc.command, vars);
  if (run.entrypoint !== undefined) [entry, command] = [splitWords(run.entrypoint), call.command ?? null];
  if (volumes === undefined || entry === undefined || command === undefined) return undefined;
  const image = typeof svc.image === 'string' ? (interpolate(svc.image, vars) ?? name) : name;
  // The entrypoint's words go after the image, before the command's: the container execs them in that order, and the
  // `docker run` reading judges the words after the image as what runs.
  return [...call.engine, 'run', ...opts, ...volumes, ...run.opts, image, ...(entry ?? []), ...(command ?? [])];
}

/** Whether a service reaches the host beyond its own container: a bind mount, the host's namespaces, more privilege. */
function reachesHost(svc: Service): boolean {
  const binds = Array.isArray(svc.volumes) && svc.volumes.some((v) => typeof v !== 'string' || /^[.~/$]/.test(v));
  return (
    binds || ['privileged', 'pid', 'network_mode', 'ipc', 'userns_mode', 'cap_add', 'devices'].some((k) => k in svc)
  );
}

/** `docker compose run`'s own options, carried onto the container (its `-v` sources read as the service's are). */
function runOptions(words: readonly string[], dir: string, home: string): { opts: string[]; entrypoint?: string } {
  const out: { opts: string[]; entrypoint?: string } = { opts: [] };
  for (let k = 0; k + 1 < words.length; k += 2) {
    const [opt, value] = [words[k], words[k + 1]];
    if (opt === '--entrypoint') out.entrypoint = value;
    else if (opt === '-v' || opt === '--volume') {
      const at = value.indexOf(':');
      const src = at > 0 ? hostPath(value.slice(0, at), dir, home) : undefined;
      out.opts.push('-v', src !== undefined ? src + value.slice(at) : value);
    } else out.opts.push(opt, value);
  }
  return out;
}

/** The services a call starts: those named (all when none), with the ones they depend on unless `--no-deps`. */
function startedServices(call: Call, project: Project): string[] {
  const all = [...project.services.keys()];
  if (!call.services.length || call.dynamic) return all;
  const named = call.verb === 'run' ? call.services.slice(0, 1) : call.services;
  const out = named.filter((s) => project.services.has(s));
  if (call.noDeps || call.verb === 'start' || call.verb === 'restart') return out;
  for (let k = 0; k < out.length; k++) {
    const deps = project.services.get(out[k])?.depends_on;
    const names = Array.isArray(deps) ? deps : isRecord(deps) ? Object.keys(deps) : [];
    for (const d of names) if (typeof d === 'string' && project.services.has(d) && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Whether a service runs a command of its own or binds a host folder: what makes one that cannot be read matter. */
function runsOrBinds(svc: Service): boolean {
  return (
    svc.command != null ||
    svc.entrypoint != null ||
    (Array.isArray(svc.volumes) && svc.volumes.some((v) => typeof v !== 'string' || /^[.~/$]/.test(v)))
  );
}

/**
 * Judges each container a compose call starts as the `docker run` line starting it; nothing for other commands.
 * True when the command `run SERVICE CMD…` gives was judged so (with the service's mounts): it needs no other reading.
 */
export function readComposeStart(p: Pending, scope: Scope, w: Walker): boolean {
  const call = composeCall(p);
  if (!call) return false;
  const via = `${p.argv.slice(0, p.argv.indexOf(call.verb) + 1).join(' ')}`;
  const files = call.files.map((f) => path.resolve(scope.cwd, f));
  const projectDir = call.projectDir !== undefined ? path.resolve(scope.cwd, call.projectDir) : undefined;
  if (call.files.includes('-')) {
    w.addFinding(
      parseFinding(
        'parse.too-complex',
        60,
        `\`${via}\` reads its compose file from stdin: what it runs was not judged`,
      ),
    );
    return false;
  }
  const project = loadProject(files, projectDir, p, scope, w, via);
  if (!project) return false;
  const vars = composeVars(call, project, p, scope, w);
  const lines: string[] = [];
  const ownCommand = call.command?.length ? call.services[0] : undefined;
  let judgedOwn = false;
  for (const name of startedServices(call, project)) {
    const svc = project.services.get(name)!;
    // `run SERVICE CMD` in a container that reaches nothing of the host: CMD is read as run in it (remote.ts), as before.
    if (name === ownCommand && !reachesHost(svc) && !call.runOpts.length) continue;
    judgedOwn ||= name === ownCommand;
    const own = call.verb === 'run' && name === call.services[0];
    const argv = runArgv(name, svc, call, project, w.ctx.home, vars, own);
    if (argv) lines.push(argv.map(shellWord).join(' '));
    else if (runsOrBinds(svc) || (own && call.command?.length))
      w.addFinding(
        parseFinding(
          'parse.too-complex',
          60,
          `\`${via}\` starts the service ${name} of ${project.file}, whose command or volumes AgentGuard cannot read: what it runs was not judged, so a human must look at it`,
        ),
      );
  }
  walkLines(lines, project.file, scope, w, via);
  return judgedOwn;
}
