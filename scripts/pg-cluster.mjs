// A throwaway PostgreSQL cluster in a temp folder, for the demo and the
// tests: Debian's server binaries (/usr/lib/postgresql/*/bin), trust auth,
// a unix socket in the same folder and no TCP listener, so nothing clashes
// with a server already running. PostgreSQL refuses to run as root: as root
// the cluster runs as `nobody` (runuser), which owns the folder.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const INSTALL_HINT = 'apt-get install postgresql';

/** The newest PostgreSQL server bin folder, or undefined when none is installed. */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')));
  } catch {
    return undefined;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

function run(argv, opts) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 30_000, ...opts });
  if (r.status !== 0)
    throw new Error(`${argv.join(' ')} failed: ${(r.stderr || r.stdout || r.error?.message || '').trim()}`);
  return r.stdout;
}

/**
 * Starts a cluster; returns how to reach it and how to stop it, or
 * `{ missing: hint }` when PostgreSQL is not installed.
 */
export function startCluster({ database = 'app' } = {}) {
  const bin = findPostgresBin();
  if (!bin) return { missing: INSTALL_HINT };
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as nobody, who must reach the folder: /tmp, whatever TMPDIR says. Short, too: a socket path has ~100 bytes.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(asRoot ? '/tmp' : os.tmpdir(), 'agentguard-pg-')));
  const data = path.join(dir, 'data');
  const as = asRoot ? ['runuser', '-u', 'nobody', '--'] : [];
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    run(['chown', 'nobody', dir]);
  }
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  // A port number only names the socket file inside our own folder.
  const port = String(20000 + Math.floor(Math.random() * 40000));
  const user = 'agentguard';
  const stop = () => {
    spawnSync(
      as[0] ?? path.join(bin, 'pg_ctl'),
      [...as.slice(1), ...(as.length ? [path.join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', '-w', 'stop'],
      { cwd: dir, env, stdio: 'ignore', timeout: 20_000 },
    );
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(
      [...as, path.join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--no-sync', '--locale=C'],
      { cwd: dir, env },
    );
    const options = `-k ${dir} -p ${port} -c listen_addresses= -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
    run(
      [
        ...as,
        path.join(bin, 'pg_ctl'),
        '-D',
        data,
        '-o',
        options,
        '-l',
        path.join(dir, 'log'),
        '-w',
        '-t',
        '30',
        'start',
      ],
      { cwd: dir, env },
    );
    run([path.join(bin, 'createdb'), '-h', dir, '-p', port, '-U', user, database], { env });
  } catch (err) {
    stop();
    throw err;
  }
  const conn = ['-h', dir, '-p', port, '-U', user, '-d', database];
  return {
    bin,
    host: dir,
    port,
    user,
    database,
    /** Connection options for psql and pg_dump. */
    conn,
    /** Runs SQL with psql (unaligned, tuples only); returns stdout. */
    psql(sql) {
      return run([path.join(bin, 'psql'), '-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', ...conn, '-c', sql], {
        env,
      }).trim();
    },
    stop,
  };
}
