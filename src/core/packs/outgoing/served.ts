// A folder served to the network: `python3 -m http.server -d ~`, `php -S
// 0.0.0.0:8000 -t ~`, `npx http-server ~`, `caddy file-server --root ~`,
// `busybox httpd -h ~`, `ruby -run -e httpd ~`, or put on a public tunnel
// (`tailscale funnel ~`, `ngrok http file:///home/u`). Every file in the
// folder is then one request away for whoever reaches the address: serving
// the home, `/` or a key store (`~/.ssh`, `~/.aws`) hands out keys and
// settings, and a project folder holding a credential file (`.env`) hands out
// that file. A build folder or the project served on 127.0.0.1 is a preview
// for this machine's browser and stays quiet.
import { hasFlag, optionValue, positionals } from '../../command/args';
import { classifyPath } from '../../command/paths';
import { isLocalHost } from '../common/urls';
import { credentialIn } from '../common/credentials';
import { folderCredential } from '../common/uploadFolders';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';

interface Served {
  server: string;
  /** The folder served, as written; `.` when the server serves where it is started. */
  dir: string;
  /** The address it listens on; undefined when it listens on every interface. */
  bind?: string;
  /** Who reaches it past this machine's interfaces: a public tunnel, a tailnet. */
  tunnel?: string;
  /** The tunnel is open to the internet. */
  public?: boolean;
}

/** `127.0.0.1:8000`, `tcp://localhost:3000`, `:80`, `8080` → the host part, undefined for every interface. */
function bindHost(listen: string | undefined): string | undefined {
  if (listen === undefined) return undefined;
  const bare = listen.replace(/^\w+:\/\//, '');
  if (/^\d+$/.test(bare)) return undefined;
  const host = bare.startsWith('[') ? bare.slice(1, bare.indexOf(']')) : bare.replace(/:\d*$/, '');
  return host && host !== '0.0.0.0' && host !== '::' && host !== '*' ? host : undefined;
}

/** What a command serves and how, for the servers and tunnels read here. */
function servedOf(cmd: SimpleCommand): Served | undefined {
  const a = cmd.argv;
  const name = a[0] ?? '';
  if (name === 'python' || name === 'python3' || name === 'python2') {
    const m = a.indexOf('-m');
    if (m === -1 || (a[m + 1] !== 'http.server' && a[m + 1] !== 'SimpleHTTPServer')) return undefined;
    const rest = a.slice(m + 1);
    return {
      server: `${name} -m ${a[m + 1]}`,
      dir: optionValue(rest, ['--directory', '-d']) ?? '.',
      bind: optionValue(rest, ['--bind', '-b']),
    };
  }
  if (name === 'php') {
    const listen = optionValue(a, ['-S']);
    return listen === undefined
      ? undefined
      : { server: 'php -S', dir: optionValue(a, ['-t']) ?? '.', bind: bindHost(listen) };
  }
  if (name === 'http-server' || name === 'serve') {
    const values =
      name === 'serve'
        ? ['-l', '--listen', '-c', '--config']
        : ['-p', '--port', '-a', '-c', '-e', '--ext', '-P', '--proxy', '-C', '--cert', '-K', '--key', '-t', '-U', '-S'];
    const dir = positionals(a, values)[0] ?? '.';
    const bind = name === 'serve' ? bindHost(optionValue(a, ['-l', '--listen'])) : bindHost(optionValue(a, ['-a']));
    return { server: name, dir, bind };
  }
  // busybox's httpd (`busybox httpd -f -h DIR -p [IP:]PORT`); Apache's httpd takes no folder to serve.
  if (name === 'httpd' && (cmd.via.includes('busybox') || optionValue(a, ['-h']) !== undefined)) {
    return { server: 'httpd', dir: optionValue(a, ['-h']) ?? '.', bind: bindHost(optionValue(a, ['-p'])) };
  }
  // `ruby -run -e httpd [DIR] -p PORT -b ADDR` (un.rb).
  if (name === 'ruby' && (a[1] === '-run' || a[1] === '-run,') && a[2] === '-e' && a[3] === 'httpd') {
    return {
      server: 'ruby -run -e httpd',
      dir: positionals(a, ['-p', '--port', '-b', '--bind-address'], 4)[0] ?? '.',
      bind: optionValue(a, ['-b', '--bind-address']),
    };
  }
  if (name === 'caddy' && a[1] === 'file-server') {
    const listen = optionValue(a, ['--listen', '-l']);
    // `--domain` takes the folder to the internet with a certificate for the name.
    const domain = optionValue(a, ['--domain', '-d']);
    return {
      server: 'caddy file-server',
      dir: optionValue(a, ['--root', '-r']) ?? '.',
      bind: bindHost(listen ?? ':80'),
      tunnel: domain && `the internet (${domain})`,
      public: domain !== undefined,
    };
  }
  if (name === 'jwebserver') {
    // The JDK's server listens on the loopback unless told otherwise.
    return {
      server: 'jwebserver',
      dir: optionValue(a, ['-d', '--directory']) ?? '.',
      bind: optionValue(a, ['-b', '--bind-address']) ?? '127.0.0.1',
    };
  }
  if (name === 'tailscale' && (a[1] === 'funnel' || a[1] === 'serve')) {
    // A target that is a path is served as files (`tailscale funnel ~`); a port or URL is a proxy to a running server.
    const target = positionals(a, ['--set-path', '--https', '--http', '--tcp', '--tls-terminated-tcp', '--bg'], 2).find(
      (w) => /^[/~.]/.test(w),
    );
    if (!target) return undefined;
    return {
      server: `tailscale ${a[1]}`,
      dir: target,
      tunnel: a[1] === 'funnel' ? 'the internet (Tailscale Funnel)' : 'every machine of the tailnet',
      public: a[1] === 'funnel',
    };
  }
  if (name === 'ngrok' && a[1] === 'http') {
    const target = a.slice(2).find((w) => /^file:\/\//i.test(w));
    if (!target) return undefined;
    return {
      server: 'ngrok http',
      dir: decodeURI(target.replace(/^file:\/\//i, '')) || '/',
      tunnel: 'the internet (an ngrok URL)',
      public: true,
    };
  }
  return undefined;
}

/** Every program whose serving is read here (`npx http-server` and `busybox httpd` arrive unwrapped). */
export const FILE_SERVERS = new Set([
  'python',
  'python3',
  'python2',
  'php',
  'http-server',
  'serve',
  'httpd',
  'ruby',
  'caddy',
  'jwebserver',
  'tailscale',
  'ngrok',
]);

/** Why serving a folder exposes what it should not: the home, `/`, a key store, or a credential file in it. */
function exposed(dir: string, cmd: SimpleCommand, ctx: AnalysisContext, local: boolean): string | undefined {
  const p = classifyPath(dir, cmd.cwd, cmd.env, ctx);
  if (p.dynamic) return undefined;
  if (p.location !== 'workspace' && p.location !== 'workspace-inside' && p.location !== 'temp') {
    const store = credentialIn([dir], cmd, ctx);
    return store ? `${store.shown}, a credential store` : 'every file in it, keys and settings included';
  }
  // The project or a folder of it: only a credential file inside is a leak, and only past this machine.
  if (local) return undefined;
  const hit = folderCredential('serve', [dir], cmd, ctx);
  return hit ? `${hit}, with every other file in it` : undefined;
}

export function servedFolderFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const s = servedOf(cmd);
  if (!s || hasFlag(cmd.argv, ['--help'])) return undefined;
  const local = !s.tunnel && s.bind !== undefined && isLocalHost(s.bind);
  const what = exposed(s.dir, cmd, ctx, local);
  if (!what) return undefined;
  const to = s.tunnel ?? (local ? "this machine's browsers and programs" : 'anyone who can reach this machine');
  return {
    id: 'outgoing.serve-folder',
    summary: `${s.server} serves ${s.dir} over HTTP to ${to}: ${what}`,
    target: s.dir,
    alternative: 'serve the project folder (or a build output) only, bound to 127.0.0.1',
    severity: s.public ? 75 : 60,
  };
}
