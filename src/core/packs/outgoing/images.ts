// Container images pushed to a registry: `docker push ghcr.io/acme/api:1`,
// `skopeo copy oci:build docker://quay.io/acme/api`, `docker buildx build
// --push`. An image carries every file its build copied in (a `.env`, a key
// left in a layer stays there even when a later layer deletes it), and whoever
// can pull from the registry gets all of it: publishing, like `npm publish`
// (outgoing/publish.ts), so it asks. A registry on this machine
// (`localhost:5000`) is where the image already is, and stays quiet.
import * as path from 'node:path';
import { hasFlag, optionValue, optionValues, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { COMPOSE_VALUE_OPTS } from '../../command/valueOptions';

/** Options of the pushing tools that take a value (the image is the first positional after the verb). */
const VALUE_OPTS = [
  '--platform',
  '--creds',
  '--authfile',
  '--cert-dir',
  '--format',
  '-f',
  '--digestfile',
  '--sign-by',
  '--compression-format',
  '--retry',
  '--dest-creds',
  '--src-creds',
  '--dest-authfile',
  '--src-authfile',
  '--dest-cert-dir',
  '--src-cert-dir',
  '--tag',
  '-t',
  '--file',
  '--build-arg',
  '--target',
  '--output',
  '-o',
  '--cache-from',
  '--cache-to',
  '--label',
  '--secret',
  '--ssh',
  '--progress',
  '--builder',
  '--index',
  '--context',
  '-c',
  '--host',
  '-H',
  '--log-level',
  '-l',
];

/** podman's and buildah's destinations that are files or stores on this machine, not a registry. */
const LOCAL_TRANSPORT_RE = /^(?:dir|oci|oci-archive|docker-archive|docker-daemon|containers-storage):/;

const ENGINES = new Set(['docker', 'podman', 'nerdctl', 'buildah', 'finch']);
const COMPOSE = new Set(['docker-compose', 'podman-compose']);

/** Where an image reference points: its registry, or Docker Hub when it names none (`acme/api`). */
function registryOf(ref: string): string {
  const first = ref.replace(/^docker:\/\//, '').split('/')[0];
  return ref.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'Docker Hub';
}

/** A registry on this machine, where a push leaves nothing. */
function localRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return /^(?:localhost|127(?:\.\d+){3}|::1|0\.0\.0\.0)$/.test(host) || host.endsWith('.localhost');
}

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Compose files read for their `image:` lines, and lines read of each. */
const MAX_COMPOSE_LINES = 2000;

/** The `image:` of every service in the compose files a command names (or the default one); empty when none is read. */
function composeImages(cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const named = optionValues(cmd.argv, ['-f', '--file']);
  const dir = optionValue(cmd.argv, ['--project-directory']) ?? cmd.cwd;
  const images: string[] = [];
  for (const f of named.length ? named : COMPOSE_FILES) {
    const text = ctx.readFile(path.resolve(dir, f), cmd.cwd);
    if (text === undefined) continue;
    for (const line of text.split('\n', MAX_COMPOSE_LINES)) {
      const m = /^\s*image:\s*["']?([^\s"'#]+)/.exec(line);
      if (m) images.push(m[1]);
    }
    if (!named.length) break;
  }
  return images;
}

/**
 * `docker compose push`, `docker compose build --push`, `docker-compose push`:
 * every service's image goes to its registry. A compose file whose images are
 * all on a registry of this machine pushes nothing out.
 */
function composePush(cmd: SimpleCommand, ctx: AnalysisContext): { verb: string; image: string } | undefined {
  const a = cmd.argv;
  const at = a[0] === 'docker' || a[0] === 'podman' ? 1 : 0;
  const words = positionals(a, COMPOSE_VALUE_OPTS);
  if (at === 1 && words[0] !== 'compose') return undefined;
  const verb = words[at];
  if (verb !== 'push' && !(verb === 'build' && hasFlag(a, ['--push']))) return undefined;
  const all = composeImages(cmd, ctx);
  const images = all.filter((i) => !localRegistry(registryOf(i)));
  const services = words.slice(at + 1);
  if (all.length && !images.length) return undefined;
  const image =
    images.length === 1
      ? images[0]
      : services.length
        ? `the images of ${services.join(', ')}`
        : "the compose file's images";
  return { verb: `${a.slice(0, at + 1).join(' ')} ${verb}${verb === 'build' ? ' --push' : ''}`, image };
}

/** The image a command pushes to a registry, if it pushes one (`docker push`, `skopeo copy … docker://…`, `build --push`). */
function pushedImage(cmd: SimpleCommand, ctx: AnalysisContext): { verb: string; image: string } | undefined {
  const a = cmd.argv;
  const name = a[0] ?? '';
  if (COMPOSE.has(name) || (ENGINES.has(name) && a.includes('compose'))) return composePush(cmd, ctx);
  const words = positionals(a, VALUE_OPTS);
  if (ENGINES.has(name)) {
    const at = words[0] === 'image' || words[0] === 'manifest' ? 1 : 0;
    const verb = words[at];
    if (verb === 'push') {
      // `podman push local-image docker://quay.io/acme/api`: the second operand, when given, is where it goes.
      const dest = words[at + 2] ?? words[at + 1];
      if (!dest || LOCAL_TRANSPORT_RE.test(dest)) return undefined;
      return { verb: `${name} ${words.slice(0, at + 1).join(' ')}`, image: dest };
    }
    const builds = verb === 'build' || (words[at] === 'buildx' && words[at + 1] === 'build');
    if (builds && (hasFlag(a, ['--push']) || /type=registry/.test(optionValue(a, ['--output', '-o']) ?? ''))) {
      const tag = optionValue(a, ['--tag', '-t']);
      return tag ? { verb: `${name} ${verb === 'build' ? 'build' : 'buildx build'} --push`, image: tag } : undefined;
    }
    return undefined;
  }
  if (name === 'skopeo' && (words[0] === 'copy' || words[0] === 'sync')) {
    const dest = words[words.length - 1];
    return dest?.startsWith('docker://') && words.length >= 3
      ? { verb: `skopeo ${words[0]}`, image: dest.slice(9) }
      : undefined;
  }
  if (name === 'crane' || name === 'gcrane') {
    if (words[0] === 'push' && words[2]) return { verb: `${name} push`, image: words[2] };
    if ((words[0] === 'copy' || words[0] === 'cp') && words[2]) return { verb: `${name} ${words[0]}`, image: words[2] };
  }
  if ((name === 'oras' || name === 'regctl') && words[0] === 'push' && words[1])
    return { verb: `${name} push`, image: words[1] };
  return undefined;
}

/** Every program that can push an image. */
export const IMAGE_PUSHERS = new Set([...ENGINES, ...COMPOSE, 'skopeo', 'crane', 'gcrane', 'oras', 'regctl']);

export function imagePushFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const pushed = pushedImage(cmd, ctx);
  if (!pushed) return undefined;
  const registry = pushed.image.startsWith('the ') ? 'their registries' : registryOf(pushed.image);
  if (localRegistry(registry)) return undefined;
  return {
    id: 'outgoing.publish',
    summary: `${pushed.verb} publishes ${pushed.image} to ${registry}: whoever can pull from it gets every file the image holds`,
    target: `${pushed.image} → ${registry}`,
    alternative: 'push to a registry on this machine (localhost:5000) and let the user publish',
    severity: 55,
  };
}
