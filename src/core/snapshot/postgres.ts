// Database snapshots for PostgreSQL: before a psql command that drops,
// truncates or rewrites every row of tables, dump those tables (or the
// schema, or the database) with pg_dump over the command's own connection,
// inside a time budget. Restore runs the dump back with psql: the dumped
// tables are dropped and recreated with every row.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeSql, collectSql } from '../packs/sql';
import type { AnalysisContext, SimpleCommand } from '../types';
import type { SnapshotStatus } from './files';
import { ensureStore, newSnapshotId, putBlob, readBlob, snapshotDir, writeManifest, type DatabaseDump, type Manifest } from './store';

export interface PgPlan {
  scope: DatabaseDump['scope'];
  /** Tables or the schema to dump; the database name for scope `database`. */
  targets: string[];
  /** Connection options as the command gave them. */
  args: string[];
  env: Record<string, string>;
}

const PSQL_FLAGS = 'aAbeEHlnqsStxXwWz01';
const PSQL_VALUED = 'cfdhpUvoLPFRT';
const LONG_VALUED = new Set(['--command', '--file', '--dbname', '--host', '--port', '--username', '--set', '--variable', '--output', '--log-file', '--pset', '--field-separator', '--record-separator', '--table-attr']);
const CONN_SHORT: Record<string, string> = { h: '-h', p: '-p', U: '-U', d: '-d' };
const CONN_LONG: Record<string, string> = { '--host': '-h', '--port': '-p', '--username': '-U', '--dbname': '-d' };

interface PsqlArgs {
  /** Spelled-out argv (`-tAc X` → `-t -A -c X`) for the SQL readers. */
  argv: string[];
  conn: { h?: string; p?: string; U?: string; d?: string };
}

function readPsql(argv: readonly string[]): PsqlArgs {
  const out: string[] = [argv[0]];
  const conn: PsqlArgs['conn'] = {};
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      const value = eq === -1 ? (LONG_VALUED.has(name) ? argv[++i] : undefined) : a.slice(eq + 1);
      out.push(name, ...(value !== undefined && LONG_VALUED.has(name) ? [value] : []));
      const key = CONN_LONG[name]?.slice(1) as keyof PsqlArgs['conn'] | undefined;
      if (key && value !== undefined) conn[key] = value;
      continue;
    }
    if (a.length > 1 && a[0] === '-') {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (PSQL_VALUED.includes(ch)) {
          const value = k + 1 < a.length ? a.slice(k + 1) : argv[++i];
          out.push('-' + ch, value ?? '');
          const key = CONN_SHORT[ch]?.slice(1) as keyof PsqlArgs['conn'] | undefined;
          if (key && value !== undefined) conn[key] = value;
          break;
        }
        if (PSQL_FLAGS.includes(ch)) out.push('-' + ch);
      }
      continue;
    }
    positional.push(a);
    out.push(a);
  }
  if (conn.d === undefined && positional[0] !== undefined) conn.d = positional[0];
  if (conn.U === undefined && positional[1] !== undefined) conn.U = positional[1];
  return { argv: out, conn };
}

const SPLIT_TARGETS = /,\s*/;

/** What a psql command would destroy, and how to reach it; undefined when it destroys no data. */
export function planPostgres(cmd: SimpleCommand, ctx: AnalysisContext): PgPlan | undefined {
  if (cmd.argv[0] !== 'psql' || cmd.remote) return undefined;
  const psql = readPsql(cmd.argv);
  const inputs = collectSql({ ...cmd, argv: psql.argv, dynamic: psql.argv.map(() => false) }, ctx, { inline: ['-c', '--command'], files: ['-f', '--file'] });
  const tables = new Set<string>();
  const schemas = new Set<string>();
  let database: string | undefined;
  let whole = false;
  for (const source of inputs.sources) {
    for (const f of analyzeSql(source.text)) {
      const names = (f.target ?? '').split(SPLIT_TARGETS).filter(Boolean);
      if (f.target?.includes('more)')) whole = true;
      switch (f.id) {
        case 'sql.drop': {
          const type = /^DROP ([A-Z ]+?) deletes/.exec(f.summary)?.[1] ?? '';
          if (type === 'DATABASE') database = names[0];
          else if (type === 'SCHEMA') names.forEach((n) => schemas.add(n));
          else if (type === 'TABLE' || type === 'FOREIGN TABLE' || type === 'MATERIALIZED VIEW') names.forEach((n) => tables.add(n));
          break;
        }
        case 'sql.truncate':
        case 'sql.delete-without-where':
        case 'sql.update-without-where':
        case 'sql.alter-drop':
          names.forEach((n) => tables.add(n));
          break;
        case 'sql.drop-owned':
        case 'sql.dynamic-destructive':
          whole = true;
          break;
      }
    }
  }
  const args: string[] = [];
  for (const k of ['h', 'p', 'U'] as const) if (psql.conn[k] !== undefined) args.push(`-${k}`, psql.conn[k]!);
  if (psql.conn.d !== undefined) args.push('-d', psql.conn.d);
  const env = cmd.env;
  if (database) return { scope: 'database', targets: [database], args: withDatabase(args, database), env };
  if (whole || schemas.size > 1 || (schemas.size && tables.size)) return { scope: 'database', targets: [currentDatabase(args, env) ?? '(default database)'], args, env };
  if (schemas.size) return { scope: 'schema', targets: [...schemas], args, env };
  if (tables.size) return { scope: 'tables', targets: [...tables], args, env };
  return undefined;
}

function currentDatabase(args: readonly string[], env: Record<string, string>): string | undefined {
  const i = args.indexOf('-d');
  const d = i === -1 ? env.PGDATABASE : args[i + 1];
  if (!d) return undefined;
  const uri = /^postgres(?:ql)?:\/\/[^/]*\/([^?#]*)/.exec(d);
  if (uri) return decodeURIComponent(uri[1]) || undefined;
  const named = /\bdbname=(\S+)/.exec(d);
  return named ? named[1] : d.includes('=') ? undefined : d;
}

/** The same connection, aimed at another database. */
function withDatabase(args: readonly string[], db: string): string[] {
  const out = [...args];
  const i = out.indexOf('-d');
  const current = i === -1 ? undefined : out[i + 1];
  let next = db;
  if (current && /^postgres(?:ql)?:\/\//.test(current)) next = current.replace(/^(postgres(?:ql)?:\/\/[^/?#]*)(?:\/[^?#]*)?/, `$1/${encodeURIComponent(db)}`);
  else if (current && /\bdbname=/.test(current)) next = current.replace(/\bdbname=\S+/, `dbname=${db}`);
  else if (current && current.includes('=')) next = `${current} dbname=${db}`;
  if (i === -1) out.push('-d', next);
  else out[i + 1] = next;
  return out;
}

/** Connection words and PG* variables without passwords, to keep in the manifest. */
function redact(plan: PgPlan): { args: string[]; env: Record<string, string> } {
  const args = plan.args.map((a) => a.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1@').replace(/\bpassword=\S+\s*/g, ''));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(plan.env)) if (/^PG[A-Z]+$/.test(k) && k !== 'PGPASSWORD') env[k] = v;
  return { args, env };
}

function dumpArgs(plan: PgPlan, file: string): string[] {
  const base = ['--no-password', '--clean', '--if-exists', '-f', file];
  if (plan.scope === 'database') return [...base, '--create', ...plan.args];
  if (plan.scope === 'schema') return [...base, ...plan.args, ...plan.targets.flatMap((s) => ['-n', s])];
  return [...base, ...plan.args, ...plan.targets.flatMap((t) => ['-t', t])];
}

export function pgTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env.AGENTGUARD_PGDUMP_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : 10_000;
}

/** Runs pg_dump for the plan and stores the dump. Never throws. */
export function takePostgresSnapshot(stateDir: string, plan: PgPlan, subject: string, cwd: string): SnapshotStatus {
  const started = Date.now();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-dump-'));
  const file = path.join(tmpDir, 'dump.sql');
  try {
    const timeout = pgTimeoutMs();
    const env = { ...plan.env, PGCONNECT_TIMEOUT: plan.env.PGCONNECT_TIMEOUT ?? String(Math.max(1, Math.floor(timeout / 2000))) };
    const run = spawnSync('pg_dump', dumpArgs(plan, file), { cwd, env, timeout, killSignal: 'SIGKILL', stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (run.error) {
      const why = (run.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'pg_dump is not installed' : (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `pg_dump took longer than ${timeout / 1000} s` : run.error.message;
      return { taken: false, note: `no database snapshot: ${why}` };
    }
    if (run.status !== 0) return { taken: false, note: `no database snapshot: pg_dump failed: ${(run.stderr || `exit ${run.status}`).trim().split('\n')[0]}` };
    const content = fs.readFileSync(file);
    const store = ensureStore(stateDir);
    const hash = putBlob(store, content);
    const kept = redact(plan);
    const manifest: Manifest = {
      id: newSnapshotId(),
      time: new Date().toISOString(),
      kind: 'database',
      targets: plan.targets,
      subject,
      cwd,
      database: { engine: 'postgresql', scope: plan.scope, args: kept.args, env: kept.env, sha256: hash, size: content.length },
      bytes: content.length,
      ms: Date.now() - started,
    };
    writeManifest(store, manifest);
    return { taken: true, id: manifest.id, note: `database snapshot ${manifest.id}: pg_dump of ${plan.scope === 'tables' ? 'table' : plan.scope} ${plan.targets.join(', ')} (${content.length} bytes)` };
  } catch (err) {
    return { taken: false, note: `no database snapshot: ${(err as Error).message}` };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Runs the dump back: the dumped tables (or schema, or database) are dropped and recreated with every row. */
export function restorePostgres(stateDir: string, m: Manifest, env: NodeJS.ProcessEnv = process.env): { ok: true } | { ok: false; error: string } {
  const db = m.database;
  if (!db) return { ok: false, error: 'not a database snapshot' };
  const content = readBlob(snapshotDir(stateDir), db.sha256);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-restore-'));
  const file = path.join(tmpDir, 'dump.sql');
  try {
    fs.writeFileSync(file, content, { mode: 0o600 });
    // A dump with CREATE DATABASE is run from the maintenance database.
    const args = db.scope === 'database' ? withDatabase(db.args, 'postgres') : db.args;
    const run = spawnSync('psql', ['-X', '-q', '--no-password', '-v', 'ON_ERROR_STOP=1', ...args, '-f', file], {
      env: { ...env, ...db.env },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 10 * 60_000,
    });
    if (run.error) return { ok: false, error: run.error.message };
    if (run.status !== 0) return { ok: false, error: `psql failed: ${(run.stderr || `exit ${run.status}`).trim()}` };
    return { ok: true };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
