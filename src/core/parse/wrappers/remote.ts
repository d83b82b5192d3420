// Commands run somewhere else: ssh, docker exec/run, compose, kubectl exec.
// The inner command is judged, and remembers where it runs.
import type { Pending } from '../normalize/scope';
import { readSshLine, reverseForwards } from '../../command/ssh';
import { joinForShell, skipOptions, slice, type UnwrapStep } from './common';
import { RUNTIME_VALUE_WORD, withRuntimeValue } from '../dynamic';

export function unwrapSsh(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  // Clustered letters read as ssh reads them: in `ssh -NR 9000 host cmd` the host is `host`, not `9000`.
  const line = readSshLine(argv);
  const i = line.destination;
  const host = argv[i];
  if (host === undefined) return undefined;
  const target = host.includes('@') ? host.slice(host.indexOf('@') + 1) : host;
  const remote = { kind: 'ssh' as const, target };
  // The wrapper's own words (port, user, options) stay in `via`: they are evidence of where it runs.
  const via = argv.slice(0, i + 1).join(' ');
  let rest = argv.slice(i + 1);
  if (rest[0] === '--') rest = rest.slice(1);
  // A local file fed to ssh (`ssh host 'cat > k' < ~/.ssh/id_rsa`) leaves this machine: ssh itself is judged too.
  // So does what a pipe feeds it (`tar czf - ~/.ssh | ssh host 'cat > k'`): ssh sends it as `curl -T -` would.
  // So does a local port opened on the remote host (`ssh -R 8080:localhost:5432 host cmd`): ssh is judged for it.
  // So do variables it is told to send along (`ssh -o SendEnv=GITHUB_TOKEN host cmd`).
  const fed =
    p.redirects.some((r) => r.op === '<' || r.op === '<>') ||
    argv.slice(1, i).some((w) => /SendEnv|SetEnv/i.test(w)) ||
    p.stdinFrom !== undefined ||
    reverseForwards(line).length > 0;
  if (rest.length) return { kind: 'script', text: joinForShell(rest), via, remote, ...(fed ? { alsoEmit: true } : {}) };
  if (p.stdin !== undefined) return { kind: 'script', text: p.stdin, via, remote };
  return undefined;
}

/** Docker's own options before its command that take a value (`docker -H ssh://prod compose …`). */
export const DOCKER_GLOBAL_VALUE_OPTS: readonly string[] = [
  '-H',
  '--host',
  '--context',
  '-c',
  '--config',
  '-l',
  '--log-level',
];
/** `docker compose`'s own options before its command that take a value. */
export const COMPOSE_GLOBAL_VALUE_OPTS: readonly string[] = [
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--env-file',
  '--profile',
  '--project-directory',
  '--ansi',
  '--progress',
  '--parallel',
];
/** The options of `docker compose run` and `docker compose exec` that take a value. */
export const COMPOSE_RUN_VALUE_OPTS: readonly string[] = [
  '-e',
  '--env',
  '--env-from-file',
  '-u',
  '--user',
  '-w',
  '--workdir',
  '--index',
  '--entrypoint',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '-l',
  '--label',
  '--cap-add',
  '--cap-drop',
  '--pull',
];

const DOCKER_EXEC_VALUE_OPTS = ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys'];
const DOCKER_RUN_VALUE_OPTS = [
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '--network',
  '--net',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--entrypoint',
  '--mount',
  '-l',
  '--label',
  '--platform',
  '--cpus',
  '-m',
  '--memory',
  '--restart',
  '--hostname',
  '-h',
  '--add-host',
  '--dns',
  '--log-driver',
  '--log-opt',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--ulimit',
  '--tmpfs',
  '--shm-size',
  '--pull',
  '--gpus',
  '--ipc',
  '--pid',
  '--runtime',
  '--stop-signal',
  '--health-cmd',
  '--cidfile',
  '--label-file',
  '--volumes-from',
  '--link',
  '--expose',
  '--group-add',
  '--memory-swap',
  '--cpu-shares',
  '-c',
  '--cpuset-cpus',
  '--stop-timeout',
  '--userns',
  '--uts',
  '--cgroupns',
  '--attach',
  '-a',
];

/** The last `--entrypoint X` / `--entrypoint=X` among argv[from, to), as docker reads it; undefined without one. */
function givenEntrypoint(p: Pending, from: number, to: number): { word: string; dynamic: boolean } | undefined {
  let given: { word: string; dynamic: boolean } | undefined;
  for (let k = from; k < to; k++) {
    const a = p.argv[k];
    if (a === '--entrypoint' && k + 1 < to) given = { word: p.argv[++k], dynamic: p.dynamic[k] === true };
    else if (a.startsWith('--entrypoint=')) given = { word: a.slice(13), dynamic: p.dynamic[k] === true };
    // Another option's value (`-e --entrypoint=x`) is not one.
    else if (DOCKER_RUN_VALUE_OPTS.includes(a)) k++;
  }
  return given;
}

export function unwrapDocker(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  let i = 1;
  // Global options: `docker --context prod exec …`, `-H host`.
  while (i < argv.length && argv[i].startsWith('-')) i += DOCKER_GLOBAL_VALUE_OPTS.includes(argv[i]) ? 2 : 1;
  const sub = argv[i];
  if (sub === 'compose') return unwrapCompose(p, i + 1);
  if (sub === 'container' && (argv[i + 1] === 'exec' || argv[i + 1] === 'run')) i++;
  const verb = argv[i];
  if (verb !== 'exec' && verb !== 'run') return undefined;
  const j = skipOptions(argv, i + 1, verb === 'exec' ? DOCKER_EXEC_VALUE_OPTS : DOCKER_RUN_VALUE_OPTS);
  const container = argv[j];
  // `--entrypoint rm … alpine -rf /h`: the container runs that program, the words after the image its arguments
  // (one word, not split; an empty one leaves the words after the image to run alone).
  const given = verb === 'run' ? givenEntrypoint(p, i + 1, j) : undefined;
  if (container === undefined || (j + 1 >= argv.length && !given?.word)) return undefined;
  const via = argv.slice(0, j + 1).join(' ');
  const mounts = verb === 'run' ? bindMounts(argv.slice(i + 1, j)) : [];
  // An image whose entrypoint is a client (`curlimages/curl -d @x URL`): the words after it are that client's.
  const entry = verb === 'run' && !given ? imageEntrypoint(container, argv[j + 1]) : undefined;
  const inner: Pending = given?.word
    ? { ...p, argv: [given.word, ...argv.slice(j + 1)], dynamic: [given.dynamic, ...p.dynamic.slice(j + 1)] }
    : entry
      ? { ...p, argv: [entry, ...argv.slice(j + 1)], dynamic: [false, ...p.dynamic.slice(j + 1)] }
      : slice(p, j + 1);
  if (mounts.length) {
    const onHost = onTheHost(inner, 0, mounts, via);
    if (onHost) return onHost;
  }
  return {
    kind: 'command',
    next: inner,
    via,
    remote: { kind: 'docker', target: container },
    recordOuter: true,
  };
}

/** Images whose entrypoint is a network client, by the last part of their name: what that client is called. */
const CLIENT_IMAGES: Readonly<Record<string, string>> = {
  curl: 'curl',
  wget: 'wget',
  httpie: 'http',
  'aws-cli': 'aws',
  'azure-cli': 'az',
  'google-cloud-cli': 'gcloud',
  'cloud-sdk': 'gcloud',
  rclone: 'rclone',
};

/** The client an image runs its words with, when its words are that client's options or arguments. */
function imageEntrypoint(image: string, first: string | undefined): string | undefined {
  const name =
    image
      .replace(/[:@][^/]*$/, '')
      .split('/')
      .pop() ?? '';
  const client = Object.prototype.hasOwnProperty.call(CLIENT_IMAGES, name) ? CLIENT_IMAGES[name] : undefined;
  return client !== undefined && first !== undefined && first !== client && !first.startsWith('/') ? client : undefined;
}

interface Mount {
  /** Folder of the host. */
  src: string;
  /** Where the container sees it. */
  dst: string;
}

/** Host folders a container mounts: `-v /:/host`, `--volume=/etc:/host-etc:ro`, `--mount type=bind,source=/,target=/host`. */
function bindMounts(options: readonly string[]): Mount[] {
  const out: Mount[] = [];
  for (let k = 0; k < options.length && out.length < 16; k++) {
    const a = options[k];
    let spec: string | undefined;
    if (a === '-v' || a === '--volume' || a === '--mount') spec = options[k + 1];
    else if (a.startsWith('--volume=') || a.startsWith('--mount=') || a.startsWith('-v='))
      spec = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('-v/') || a.startsWith('-v~')) spec = a.slice(2);
    if (!spec) continue;
    const volume = /^((?:\/|~|\$HOME\b|\$\{HOME\})[^:]*):(\/[^:]*)/.exec(spec);
    if (volume) {
      out.push({ src: volume[1].replace(/(.)\/+$/, '$1'), dst: volume[2].replace(/(.)\/+$/, '$1') });
      continue;
    }
    const source = /(?:^|,)(?:source|src)=((?:\/|~)[^,]*)/.exec(spec);
    const target = /(?:^|,)(?:target|dst|destination)=(\/[^,]*)/.exec(spec);
    if (source && target && !/(?:^|,)type=(?:volume|tmpfs)/.test(spec))
      out.push({ src: source[1].replace(/(.)\/+$/, '$1'), dst: target[1].replace(/(.)\/+$/, '$1') });
  }
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A container that mounts host folders acts on the host through them:
 * `chroot /host CMD` with the host's root mounted runs CMD there, and
 * `/host-etc/passwd` is the host's `/etc/passwd`. When the inner command
 * reaches a mount, it is judged on this machine with the mount's paths read
 * as the host's; otherwise it stays a command in the container.
 */
function onTheHost(p: Pending, from: number, mounts: readonly Mount[], via: string): UnwrapStep | undefined {
  let inner = p.argv.slice(from);
  // A word known only at run time (`"$EP"`, `$(cat f)`) may name any mounted folder, or be any program.
  let dynamic = p.dynamic.slice(from, from + inner.length);
  const unknown = dynamic.includes(true);
  const root = mounts.find((m) => m.src === '/' || m.src === '//');
  if (root && inner[0] === 'chroot' && inner[1] !== undefined && inner[1].replace(/(.)\/+$/, '$1') === root.dst) {
    inner = inner.slice(2);
    dynamic = dynamic.slice(2);
  } else if (!root && !unknown && !mounts.some((m) => inner.some((w) => w === m.dst || w.includes(m.dst + '/'))))
    return undefined;
  // The container execs its argv directly: each word is quoted so the shell reading below sees the same words, and
  // one known only at run time is read as unknown there too.
  let text = inner
    .map((word, k) =>
      dynamic[k] ? RUNTIME_VALUE_WORD : /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`,
    )
    .join(' ');
  for (const m of [...mounts].sort((a, b) => b.dst.length - a.dst.length)) {
    if (m.dst === '/') continue;
    const src = m.src === '/' || m.src === '//' ? '' : m.src;
    text = text.replace(
      // `-d @/a/credentials`, `--post-file=/a/x`, `-F f=@/a/x`: curl's `@` and option values name the mount too.
      new RegExp(`(^|[\\s'"=:@])${escapeRe(m.dst)}(?=/|$|[\\s'"])`, 'g'),
      (_all, lead: string) => `${lead}${src}`,
    );
  }
  const shown = mounts.map((m) => `${m.src} at ${m.dst}`).join(', ');
  const step: UnwrapStep = { kind: 'script', text, via: `${via} (the host's ${shown} mounted)`, cwd: '/' };
  return unknown ? { ...step, env: withRuntimeValue(p.env) } : step;
}

export function unwrapCompose(p: Pending, from: number): UnwrapStep | undefined {
  const argv = p.argv;
  let i = from;
  while (i < argv.length && argv[i].startsWith('-')) i += COMPOSE_GLOBAL_VALUE_OPTS.includes(argv[i]) ? 2 : 1;
  const verb = argv[i];
  if (verb !== 'exec' && verb !== 'run') return undefined;
  const j = skipOptions(argv, i + 1, COMPOSE_RUN_VALUE_OPTS);
  const service = argv[j];
  if (service === undefined || j + 1 >= argv.length) return undefined;
  return {
    kind: 'command',
    next: slice(p, j + 1),
    // Docker's own options stay in it (`docker -H ssh://prod compose exec …`): they say which daemon runs it.
    via: `${from > 2 ? argv.slice(0, from).join(' ') : 'docker compose'} ${verb} ${service}`,
    remote: { kind: 'docker', target: service },
    recordOuter: true,
  };
}

const KUBECTL_VALUE_OPTS = [
  '-n',
  '--namespace',
  '-c',
  '--container',
  '--context',
  '--kubeconfig',
  '-f',
  '--filename',
  '--pod-running-timeout',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '--as',
  '--token',
];

export function unwrapKubectlExec(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  // `kubectl run NAME --image=… -- CMD…`: the command runs in a new pod; `kubectl debug node/NAME|POD … -- CMD…` in a debugging container beside it (a node's at its root, under /host).
  let runAt = argv.indexOf('run');
  if (runAt === -1) runAt = argv.indexOf('debug');
  if (runAt !== -1 && runAt <= 6 && argv.indexOf('exec') === -1) {
    const dashdash = argv.indexOf('--', runAt);
    if (dashdash === -1 || dashdash + 1 >= argv.length) return undefined;
    return {
      kind: 'command',
      next: slice(p, dashdash + 1),
      via: argv.slice(0, dashdash).join(' '),
      remote: { kind: 'kubectl', target: argv[runAt + 1] ?? 'pod' },
      recordOuter: true,
    };
  }
  const execAt = argv.indexOf('exec');
  if (execAt === -1 || execAt > 6) return undefined;
  const dashdash = argv.indexOf('--', execAt);
  let podAt: number;
  let cmdAt: number;
  if (dashdash !== -1) {
    const operands = [];
    for (let i = execAt + 1; i < dashdash; i++) {
      if (argv[i].startsWith('-')) {
        if (KUBECTL_VALUE_OPTS.includes(argv[i])) i++;
        continue;
      }
      operands.push(i);
    }
    podAt = operands[0] ?? -1;
    cmdAt = dashdash + 1;
  } else {
    podAt = skipOptions(argv, execAt + 1, KUBECTL_VALUE_OPTS);
    cmdAt = podAt + 1;
  }
  if (podAt === -1 || cmdAt >= argv.length) return undefined;
  const target = argv[podAt];
  // Namespace and context stay in `via`, so the inner command is judged against the pod's environment.
  const via = argv
    .slice(0, cmdAt)
    .filter((a) => a !== '--')
    .join(' ');
  return { kind: 'command', next: slice(p, cmdAt), via, remote: { kind: 'kubectl', target }, recordOuter: true };
}
