// Clients that act on this machine unless told otherwise: a container CLI
// on the local daemon, an embedded database held in memory, a PostgreSQL or
// MySQL client naming no server, a platform CLI in its local mode. Evidence
// for disposable.ts that a command reaches nothing elsewhere.
import { positionals } from '../command/args';
import type { SimpleCommand } from '../types';
import { isLocalHost, MYSQL_CLIENTS, POSTGRES_CLIENTS } from './programs';

const CONTAINER_CLIS = new Set(['docker', 'podman', 'nerdctl', 'docker-compose']);
const DEFAULT_DOCKER_CONTEXTS = new Set(['default', 'desktop-linux', 'colima', 'orbstack', 'rootless']);

/** A container CLI talking to the daemon on this machine: no `-H`, no DOCKER_HOST, no other context. */
export function localDaemon(cmd: SimpleCommand, name: string): boolean {
  if (!CONTAINER_CLIS.has(name) || cmd.env.DOCKER_HOST || cmd.env.CONTAINER_HOST) return false;
  if (cmd.env.DOCKER_CONTEXT && !DEFAULT_DOCKER_CONTEXTS.has(cmd.env.DOCKER_CONTEXT)) return false;
  const argv = cmd.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) break;
    if (
      a === '-H' ||
      a.startsWith('--host') ||
      a === '-c' ||
      a.startsWith('--context') ||
      a === '--url' ||
      a === '--connection'
    )
      return false;
  }
  return true;
}

/** Docker's global options that take a value and name no daemon. */
const DOCKER_VALUE_OPTIONS = new Set(['--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

/** A daemon address on this machine: a Unix socket or named pipe, or TCP to the loopback. */
function localAddress(address: string): boolean {
  if (/^(?:unix|npipe):\/\//i.test(address)) return true;
  const host = /^(?:tcp|https?):\/\/(\[[^\]]{1,64}\]|[^:/]{1,253})/i.exec(address)?.[1];
  return host !== undefined && isLocalHost(host.replace(/^\[|\]$/g, ''));
}

/**
 * A command run in a container (`docker exec`, `docker compose exec`) of the daemon on this machine: every daemon
 * its wrappers or DOCKER_HOST name is a local socket or the loopback, and no other context is chosen.
 */
export function inLocalContainer(cmd: SimpleCommand): boolean {
  if (cmd.remote?.kind !== 'docker') return false;
  const daemon = cmd.env.DOCKER_HOST ?? cmd.env.CONTAINER_HOST;
  if (daemon && !localAddress(daemon)) return false;
  if (cmd.env.DOCKER_CONTEXT && !DEFAULT_DOCKER_CONTEXTS.has(cmd.env.DOCKER_CONTEXT)) return false;
  for (const via of cmd.via) {
    const words = via.trim().split(/\s+/, 64);
    if (!CONTAINER_CLIS.has(words[0].slice(words[0].lastIndexOf('/') + 1))) continue;
    for (let i = 1; i < words.length && words[i].startsWith('-'); i++) {
      const a = words[i];
      const eq = a.indexOf('=');
      const flag = eq === -1 ? a : a.slice(0, eq);
      const value = eq === -1 ? words[i + 1] : a.slice(eq + 1);
      if (flag === '-H' || flag === '--host' || flag === '-c' || flag === '--context') {
        const local =
          flag === '-H' || flag === '--host' ? localAddress(value ?? '') : DEFAULT_DOCKER_CONTEXTS.has(value ?? '');
        if (!local) return false;
        if (eq === -1) i++;
      } else if (flag === '--url' || flag === '--connection') return false;
      else if (DOCKER_VALUE_OPTIONS.has(flag) && eq === -1) i++;
    }
  }
  return true;
}

export const EMBEDDED_DATABASES = new Set(['sqlite3', 'sqlite', 'duckdb']);
const EMBEDDED_VALUE_OPTIONS = ['-c', '-cmd', '-init', '-separator', '-newline', '-nullvalue', '-s'];

/** `duckdb :memory:`, or no database file at all: the database lives only as long as the command. */
export function inMemory(args: readonly string[]): boolean {
  const file = positionals(args, EMBEDDED_VALUE_OPTIONS)[0];
  return file === undefined || file === ':memory:';
}

const PG_CLIENTS = new Set(POSTGRES_CLIENTS);
const MYSQL_CLIENT_SET = new Set(MYSQL_CLIENTS);

/** A database client with no server named anywhere it reads one: libpq and MySQL connect to this machine. */
export function defaultsToLocal(cmd: SimpleCommand, name: string): boolean {
  const pg = PG_CLIENTS.has(name);
  if (!pg && !MYSQL_CLIENT_SET.has(name)) return false;
  if (cmd.argv.some((a) => a.includes('://') || /\bhost=/.test(a))) return false;
  return pg ? !cmd.env.PGHOST && !cmd.env.PGSERVICE : !cmd.env.MYSQL_HOST;
}

/**
 * A platform CLI told to act on its local emulation (`wrangler … --local`,
 * `supabase … --local`), or a command that does so unless told otherwise
 * (`supabase db reset` resets the local database; `--linked` or `--db-url`
 * would reach a project).
 */
export function localMode(cmd: SimpleCommand, name: string): string | undefined {
  const argv = cmd.argv;
  if (name !== 'supabase' && !argv.includes('--local')) return undefined;
  if (
    argv.includes('--remote') ||
    argv.includes('--linked') ||
    argv.some((a) => a.startsWith('--db-url') || a.startsWith('--project-ref'))
  )
    return undefined;
  if (argv.includes('--local')) return `${name} --local acts on its local development copy`;
  if (name === 'supabase' && argv[1] === 'db' && argv[2] === 'reset')
    return 'supabase db reset resets the local development database (only --linked or --db-url reach a project)';
  return undefined;
}
