// Database snapshots for PostgreSQL: before a psql command that drops,
// truncates or rewrites every row of tables (see pgPlan.ts), dump those
// tables (or the schema, or the database) with pg_dump over the command's own
// connection, inside a time budget. Restore runs the dump back with psql: the dumped
// tables are dropped and recreated with every row.
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withDatabase, type PgPlan } from './pgPlan';
import {
  snapshotTime,
  ensureStore,
  newSnapshotId,
  putBlob,
  writeManifest,
  type Manifest,
  type SnapshotStatus,
} from './store';

/** node:child_process (with the stream, socket and dgram modules behind it), loaded when a process is started: most calls never start one. */
function childProcess(): typeof ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:child_process') as typeof ChildProcess;
}

/** Connection words and PG* variables without passwords, to keep in the manifest. */
export function redact(plan: PgPlan): { args: string[]; env: Record<string, string> } {
  const args = plan.args.map((a) =>
    a.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1@').replace(/\bpassword=\S+\s*/g, ''),
  );
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
    const env = {
      ...plan.env,
      PGCONNECT_TIMEOUT: plan.env.PGCONNECT_TIMEOUT ?? String(Math.max(1, Math.floor(timeout / 2000))),
    };
    const run = childProcess().spawnSync('pg_dump', dumpArgs(plan, file), {
      cwd,
      env,
      timeout,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (run.error) {
      const why =
        (run.error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'pg_dump is not installed'
          : (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
            ? `pg_dump took longer than ${timeout / 1000} s`
            : run.error.message;
      return { taken: false, note: `no database snapshot: ${why}` };
    }
    if (run.status !== 0)
      return {
        taken: false,
        note: `no database snapshot: pg_dump failed: ${(run.stderr || `exit ${run.status}`).trim().split('\n')[0]}`,
      };
    const content = fs.readFileSync(file);
    const store = ensureStore(stateDir);
    const hash = putBlob(store, content);
    const kept = redact(plan);
    const manifest: Manifest = {
      id: newSnapshotId(),
      time: snapshotTime(),
      kind: 'database',
      targets: plan.targets,
      subject,
      cwd,
      database: {
        engine: 'postgresql',
        scope: plan.scope,
        args: kept.args,
        env: kept.env,
        sha256: hash,
        size: content.length,
      },
      bytes: content.length,
      ms: Date.now() - started,
    };
    writeManifest(store, manifest);
    return {
      taken: true,
      id: manifest.id,
      bundle: { manifest, blobs: new Map([[hash, content]]) },
      note: `database snapshot ${manifest.id}: pg_dump of ${plan.scope === 'tables' ? 'table' : plan.scope} ${plan.targets.join(', ')} (${content.length} bytes)`,
    };
  } catch (err) {
    return { taken: false, note: `no database snapshot: ${(err as Error).message}` };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Runs the dump back: the dumped tables (or schema, or database) are dropped and recreated with every row. */
export function restorePostgres(
  m: Manifest,
  blob: (sha256: string) => Buffer,
  env: NodeJS.ProcessEnv = process.env,
): { ok: true } | { ok: false; error: string } {
  const db = m.database;
  if (!db) return { ok: false, error: 'not a database snapshot' };
  const content = blob(db.sha256);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-restore-'));
  const file = path.join(tmpDir, 'dump.sql');
  try {
    fs.writeFileSync(file, content, { mode: 0o600 });
    // A dump with CREATE DATABASE is run from the maintenance database.
    const args = db.scope === 'database' ? withDatabase(db.args, 'postgres') : db.args;
    const run = childProcess().spawnSync(
      'psql',
      ['-X', '-q', '--no-password', '-v', 'ON_ERROR_STOP=1', ...args, '-f', file],
      {
        env: { ...env, ...db.env },
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        timeout: 10 * 60_000,
      },
    );
    if (run.error) return { ok: false, error: run.error.message };
    if (run.status !== 0) return { ok: false, error: `psql failed: ${(run.stderr || `exit ${run.status}`).trim()}` };
    return { ok: true };
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
