// What leaves the machine on purpose or by accident: the project copied,
// uploaded or streamed to another host (outgoing/copies.ts), the repository
// pointed at or pushed to a stranger's host (outgoing/git.ts), packages
// published and repositories made public (outgoing/publish.ts), folders
// served to the network (outgoing/served.ts), a local port opened on another host
// (outgoing/tunnels.ts), a shell opened to the network or put on a public tunnel
// (outgoing/openShells.ts). Credentials leaving are the secrets pack's;
// resources made public in a cloud are the identity pack's.
import { positionals } from '../command/args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';
import { parseUrl } from './common/urls';
import { remoteCopy, scriptCopy, streamed, streamFinding, upload } from './outgoing/copies';
import { TRANSFER_CLIENTS } from './common/transferScripts';
import { gitFindings } from './outgoing/git';
import { pushEverythingFinding } from './outgoing/lineRemotes';
import { IMAGE_PUSHERS, imagePushFinding } from './outgoing/images';
import { publicRepoFinding, publishFinding } from './outgoing/publish';
import { FILE_SERVERS, servedFolderFinding } from './outgoing/served';
import { reverseTunnelFinding, TUNNELERS } from './outgoing/tunnels';
import { STORE_UPLOADERS } from './outgoing/storeUploads';
import { OPEN_SHELL_PROGRAMS, openShellFinding } from './outgoing/openShells';

const HTTP_SENDERS = new Set(['curl', 'wget', 'http', 'https', 'xh']);
const RAW_SENDERS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet']);
const PUBLISHERS = new Set([
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'cargo',
  'twine',
  'poetry',
  'uv',
  'flit',
  'hatch',
  'gem',
  'dotnet',
  'nuget',
  'vsce',
  'ovsx',
  'mvn',
  'gradle',
  'gradlew',
  'mvnw',
  ...STORE_UPLOADERS,
]);

function urlHost(argv: readonly string[]): string | undefined {
  for (const a of argv.slice(1)) {
    if (!/^[a-z]+:\/\//i.test(a)) continue;
    const host = parseUrl(a)?.host;
    if (host && !/^(?:localhost|127\.\d+\.\d+\.\d+|::1)$/.test(host)) return host;
  }
  return undefined;
}

/** Every program this pack reads when it runs here; a command run over ssh is read for what was piped into it. */
const PROGRAMS = new Set([
  ...HTTP_SENDERS,
  ...RAW_SENDERS,
  ...PUBLISHERS,
  'scp',
  'rsync',
  ...TRANSFER_CLIENTS,
  'git',
  'gh',
  ...FILE_SERVERS,
  './gradlew',
  './mvnw',
  ...IMAGE_PUSHERS,
  ...TUNNELERS,
  ...OPEN_SHELL_PROGRAMS,
]);

function analyze(cmd: SimpleCommand, ctx: AnalysisContext): Finding[] | undefined {
  if (cmd.remote) {
    // `ssh -R 8080:localhost:5432 host cmd` is judged with the remote command's place; its tunnel is opened here.
    const tunnel = TUNNELERS.has(cmd.argv[0] ?? '') ? reverseTunnelFinding(cmd) : undefined;
    // A shell opened over ssh hands that host out; one in a container reaches the network only as its run publishes it.
    const shell =
      cmd.remote.kind === 'ssh' && OPEN_SHELL_PROGRAMS.has(cmd.argv[0] ?? '') ? openShellFinding(cmd, ctx) : undefined;
    if (tunnel || shell) return [tunnel, shell].filter((f): f is Finding => f !== undefined);
    // `… | ssh host 'cat > x'`: what the remote command reads is what was piped into ssh.
    if (cmd.remote.kind !== 'ssh' || !cmd.stdinFrom) return undefined;
    const what = streamed(cmd.stdinOrigin ?? cmd.stdinFrom, cmd, ctx);
    return what ? [streamFinding(what, cmd.remote.target, 'ssh')] : undefined;
  }
  const name = cmd.argv[0] ?? '';
  if (!PROGRAMS.has(name)) return undefined;
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => {
    if (f) out.push(f);
  };
  if (name === 'scp' || name === 'rsync') push(remoteCopy(cmd, ctx));
  else if (TRANSFER_CLIENTS.has(name)) push(scriptCopy(cmd, ctx));
  else if (HTTP_SENDERS.has(name)) {
    // Only a file named to upload (`-T f`, `-F x=@f`, `-d @f`, `--post-file=f`) or what is piped in can carry the project.
    if (
      !cmd.stdinFrom &&
      !cmd.argv.some(
        (a) =>
          a === '-T' ||
          a === '--upload-file' ||
          a.includes('@') ||
          a.startsWith('--post-file') ||
          a.startsWith('--body-file'),
      )
    )
      return undefined;
    const host = urlHost(cmd.argv);
    push(upload(cmd, ctx, host));
    const what = host ? streamed(cmd.stdinOrigin ?? cmd.stdinFrom, cmd, ctx) : undefined;
    if (what && cmd.argv.some((a) => a === '-' || a === '@-' || a.endsWith('=@-')))
      push(streamFinding(what, host!, name));
  } else if (RAW_SENDERS.has(name)) {
    const what = streamed(cmd.stdinOrigin ?? cmd.stdinFrom, cmd, ctx);
    const host = positionals(cmd.argv, ['-p', '-s', '-w', '-q', '-i', '-e', '-c'])[0];
    if (what && host && !/^(?:localhost|127\.)/.test(host)) push(streamFinding(what, host, name));
  } else if (name === 'git') {
    out.push(...gitFindings(cmd, ctx));
    push(pushEverythingFinding(cmd, ctx));
  } else if (name === 'gh') push(publicRepoFinding(cmd));
  if (FILE_SERVERS.has(name)) push(servedFolderFinding(cmd, ctx));
  // A build wrapper is run by its path (`./mvnw`, `billing/gradlew`).
  if (PUBLISHERS.has(name) || /(?:^|\/)(?:gradlew|mvnw)$/.test(name)) push(publishFinding(cmd, ctx));
  if (IMAGE_PUSHERS.has(name)) push(imagePushFinding(cmd, ctx));
  if (TUNNELERS.has(name)) push(reverseTunnelFinding(cmd));
  if (OPEN_SHELL_PROGRAMS.has(name)) push(openShellFinding(cmd, ctx));
  return out.length ? out : undefined;
}

export const outgoingPack: Pack = {
  id: 'outgoing',
  commands: '*',
  analyze,
};
