// What to copy before a tool call the hook lets through (allow, or ask: the
// host may run it after its own prompt), and copying it. The plan is made
// from what the engine already knows about the call — its normalized
// commands and their file effects — so an `ls` costs no disk access at all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { positionals } from '../command/args';
import { fileEffects } from '../effects';
import { readingsFor, type Reading } from '../engine';
import type { HookRequest } from '../hosts/types';
import { analyzeSql, collectSql } from '../packs/common/sql';
import { gitGlobals, invocation } from '../packs/common/git';
import type { AnalysisContext, SimpleCommand } from '../types';
import { mcpConnection, planFromSql, planPostgres, type PgPlan } from './pgPlan';
import { LOCATION_VARS, type GitDiscard } from './git';
import type { SnapshotStatus } from './store';
import type { SnapshotBundle } from './bundle';
export type { SnapshotStatus } from './store';
export type { GitDiscard } from './git';

export interface SnapshotPlan {
  files: string[];
  /** SQLite database files a statement would destroy data in. */
  sqlite: string[];
  postgres: PgPlan[];
  /** Git commands that discard changes, where they work (what they discard is read when snapshotting). */
  git: GitDiscard[];
  /** Why part of the call cannot be snapshotted (targets only known when it runs). */
  unknown: string[];
}

export interface BeforeOptions {
  stateDir: string;
  workspace: string;
  cwd: string;
  /** The env object the engine judged the call with. */
  env: Record<string, string>;
  /** The readings the engine judged the line in: reused, not parsed again. */
  readings?: readonly Reading[];
  /**
   * Hands each snapshot taken to where no process of the user can write (the
   * AgentGuard service); why it could not, or undefined once kept. A
   * snapshot not kept there is no way back the call may count on.
   */
  keep?: (bundle: SnapshotBundle) => Promise<string | undefined>;
}

const DESTROYS = new Set(['delete', 'write', 'truncate', 'move']);
const GIT_DISCARDS = /^(?:clean|checkout|reset|restore|stash|switch)$/;
const SQL_DESTRUCTIVE = new Set([
  'sql.drop',
  'sql.truncate',
  'sql.delete-without-where',
  'sql.update-without-where',
  'sql.alter-drop',
  'sql.drop-owned',
]);

/** The path semantics of the machine the workspace is on: a `C:\\` workspace is read as Windows reads it. */
function pathsFor(workspace: string): typeof path.posix {
  return /^(?:[A-Za-z]:[\\/]|\\\\)/.test(workspace) ? path.win32 : path;
}

function within(dir: string, p: string): boolean {
  const api = pathsFor(dir);
  const rel = api.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !api.isAbsolute(rel));
}

/** Configuration that moves the work tree or the repository: what such a command discards cannot be read without running its settings. */
const RELOCATING_CONFIG = /^(?:core\.worktree|core\.bare|include\.|includeif\.)/i;

/**
 * A git command that discards uncommitted work, and where: git's global
 * options come before the subcommand (`git -C sub -c k=v reset --hard`) and
 * are read as git reads them, `-C` folders composing from the command's cwd.
 */
function gitDiscards(cmd: SimpleCommand): GitDiscard | undefined {
  const inv = invocation(cmd.argv);
  if (!inv || !GIT_DISCARDS.test(inv.sub)) return undefined;
  const args = inv.args;
  const flag = (...names: string[]) => names.some((n) => args.includes(n));
  if (inv.sub === 'reset' && !flag('--hard', '--merge', '--keep')) return undefined;
  if (inv.sub === 'stash' && !flag('-u', '--include-untracked', '--all', '-a')) return undefined;
  if (inv.sub === 'switch' && !flag('-f', '--force', '--discard-changes')) return undefined;
  if (inv.sub === 'clean' && flag('-n', '--dry-run')) return undefined;
  const g = gitGlobals(cmd.argv);
  const cwd = g.chdir.reduce((dir, c) => (c === '' ? dir : path.resolve(dir, c)), cmd.cwd);
  const env: Record<string, string> = {};
  for (const k of LOCATION_VARS)
    if (cmd.env[k] !== undefined) env[k] = path.isAbsolute(cmd.env[k]) ? cmd.env[k] : path.resolve(cwd, cmd.env[k]);
  const d: GitDiscard = { command: cmd.source || cmd.argv.join(' '), cwd, env };
  if (g.gitDir !== undefined) d.gitDir = path.resolve(cwd, g.gitDir);
  if (g.workTree !== undefined) d.workTree = path.resolve(cwd, g.workTree);
  const relocating = g.config.map((c) => c.split('=')[0]).filter((k) => RELOCATING_CONFIG.test(k));
  if (relocating.length)
    d.problem = `git is told where its files are with ${relocating.map((k) => `-c ${k}`).join(', ')}, so what it discards is not read beforehand`;
  return d;
}

function sqliteTargets(cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const pos = positionals(cmd.argv, ['-cmd', '--cmd', '-init', '--init', '-separator', '-newline', '-nullvalue']);
  const db = pos[0];
  if (!db || db === ':memory:') return undefined;
  const inputs = collectSql(cmd, ctx, {
    inline: ['-cmd', '--cmd'],
    files: ['-init', '--init'],
    positionalSql: pos.slice(1),
  });
  const destructive = inputs.sources.some((s) => analyzeSql(s.text).some((f) => SQL_DESTRUCTIVE.has(f.id)));
  return destructive ? path.resolve(cmd.cwd, db) : undefined;
}

/** What a call would destroy that a snapshot can keep. Cheap: no disk access unless a command has destructive effects. */
export function planSnapshot(req: HookRequest, opts: BeforeOptions): SnapshotPlan {
  const plan: SnapshotPlan = { files: [], sqlite: [], postgres: [], git: [], unknown: [] };
  const api = pathsFor(opts.workspace);
  const state = path.resolve(opts.stateDir);
  // Effects name Windows paths in the engine's slash form (`C:/x`): kept in the workspace's own spelling.
  const keep = (raw: string): void => {
    const p = api.resolve(raw);
    if (within(opts.workspace, p) && !within(state, p) && !plan.files.includes(p)) plan.files.push(p);
  };
  if (req.kind === 'edit' && req.event !== 'afterFileEdit') {
    for (const t of req.targets ?? []) keep(api.resolve(opts.cwd, t.path));
    return plan;
  }
  if (req.kind === 'mcp') {
    planMcp(req, opts, plan);
    return plan;
  }
  if (req.kind !== 'shell' || !req.command) return plan;
  const { commands, ctx } = readingsFor(
    { command: req.command, cwd: opts.cwd, env: opts.env, ...(req.shell ? { shell: req.shell } : {}) },
    { workspace: opts.workspace, env: opts.env },
    opts.readings,
  );
  for (const cmd of commands) {
    if (cmd.remote) continue;
    for (const e of fileEffects(cmd, ctx)) {
      if (!DESTROYS.has(e.kind)) continue;
      if (e.dynamic) {
        if (within(opts.workspace, api.resolve(cmd.cwd, e.path.replace(/[*?[].*$/, '')))) plan.unknown.push(e.path);
        continue;
      }
      // Copying or moving into a folder replaces at most one file in it, not the folder: only deletions and moves copy a whole tree.
      if (
        (e.kind === 'write' || e.kind === 'truncate') &&
        fs.statSync(e.path, { throwIfNoEntry: false })?.isDirectory()
      )
        continue;
      keep(e.path);
    }
    const name = cmd.argv[0];
    const discard = name === 'git' ? gitDiscards(cmd) : undefined;
    if (discard) plan.git.push(discard);
    else if (name === 'psql') {
      const pg = planPostgres(cmd, ctx);
      if (pg) plan.postgres.push(pg);
    } else if (name === 'sqlite3' || name === 'sqlite') {
      const db = sqliteTargets(cmd, ctx);
      if (db && fs.existsSync(db)) plan.sqlite.push(db);
    }
  }
  return plan;
}

const SQL_KEYS = new Set(['sql', 'query', 'statement', 'statements', 'queries', 'q']);

/** SQL an MCP tool sends: dumped first when the server's connection is known, said so when it is not. */
function planMcp(req: HookRequest, opts: BeforeOptions, plan: SnapshotPlan): void {
  const input = req.mcp?.input;
  const texts: string[] = [];
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      if (!SQL_KEYS.has(k.toLowerCase())) continue;
      for (const t of Array.isArray(v) ? v : [v]) if (typeof t === 'string') texts.push(t);
    }
  }
  if (!texts.length) return;
  const url = mcpConnection(req.mcp?.server);
  const pg = planFromSql(texts, url ? ['-d', url] : [], opts.env);
  if (!pg) return;
  if (url) plan.postgres.push(pg);
  else plan.unknown.push(`${pg.targets.join(', ')} (the MCP server's database connection is not known)`);
}

export function isEmptyPlan(p: SnapshotPlan): boolean {
  return !p.files.length && !p.sqlite.length && !p.postgres.length && !p.git.length && !p.unknown.length;
}

/**
 * Takes the snapshots a call needs before it may run. Undefined when it
 * destroys nothing; otherwise what was taken, or why not. Never throws.
 */
export async function snapshotBefore(
  req: HookRequest,
  subject: string,
  opts: BeforeOptions,
): Promise<SnapshotStatus | undefined> {
  let plan: SnapshotPlan;
  try {
    plan = planSnapshot(req, opts);
  } catch (err) {
    return { taken: false, note: `no snapshot: ${(err as Error).message}` };
  }
  if (isEmptyPlan(plan)) return undefined;
  // Copying needs processes and the store: loaded only now, so a call that destroys nothing never pays for them.
  const { snapshotBudget, takeFileSnapshot } = await import('./files');
  const results: SnapshotStatus[] = [];
  if (plan.git.length) {
    const { gitDirtyFiles } = await import('./git');
    for (const d of plan.git) {
      const dirty = gitDirtyFiles(d);
      // A plan that cannot be made is said, never silently empty: the human and the agent learn that nothing was kept.
      if (!dirty.ok) {
        results.push({ taken: false, note: `no snapshot of what \`${d.command}\` discards: ${dirty.error}` });
        continue;
      }
      for (const f of dirty.files) if (within(opts.workspace, f) && !plan.files.includes(f)) plan.files.push(f);
    }
  }
  const budget = snapshotBudget();
  if (plan.files.length) {
    const r = takeFileSnapshot({
      stateDir: opts.stateDir,
      targets: plan.files,
      workspace: opts.workspace,
      subject,
      cwd: opts.cwd,
      budget,
    });
    if (r.taken || r.note) results.push(r);
  }
  if (plan.sqlite.length)
    results.push(
      takeFileSnapshot({
        stateDir: opts.stateDir,
        targets: plan.sqlite,
        workspace: path.dirname(plan.sqlite[0]),
        subject,
        cwd: opts.cwd,
        budget,
        kind: 'database',
      }),
    );
  if (plan.postgres.length) {
    const { takePostgresSnapshot } = await import('./postgres');
    for (const pg of plan.postgres) results.push(takePostgresSnapshot(opts.stateDir, pg, subject, opts.cwd));
  }
  if (plan.unknown.length)
    results.push({
      taken: false,
      note: `no snapshot of ${plan.unknown.slice(0, 3).join(', ')}: ${req.kind === 'mcp' ? 'nothing to dump it from' : 'which files it matches is only known when it runs'}`,
    });
  if (!results.length) return undefined;
  if (opts.keep) await keepEach(results, opts.keep);
  const taken = results.filter((r) => r.taken);
  return {
    taken: taken.length > 0,
    ...(results.some((r) => r.full) ? { full: true } : {}),
    ...(results.some((r) => r.unkept) ? { unkept: true } : {}),
    ...(taken[0]?.id ? { id: taken[0].id } : {}),
    note: results
      .map((r) => r.note)
      .filter(Boolean)
      .join('; '),
  };
}

/** Each snapshot taken, handed to its keeper: one it would not keep is no snapshot (the call then needs a human). */
async function keepEach(
  results: SnapshotStatus[],
  keep: (bundle: SnapshotBundle) => Promise<string | undefined>,
): Promise<void> {
  for (const [i, r] of results.entries()) {
    if (!r.bundle) continue;
    let error: string | undefined;
    try {
      error = await keep(r.bundle);
    } catch (err) {
      error = (err as Error).message;
    }
    results[i] = error
      ? { taken: false, unkept: true, note: `no snapshot the AgentGuard service keeps (${error})` }
      : { taken: r.taken, ...(r.id ? { id: r.id } : {}), ...(r.note ? { note: r.note } : {}) };
  }
}
