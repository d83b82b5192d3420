// An embedded database's file changed by the SQL its client runs: `sqlite3
// ~/.agentguard/state.db 'DELETE FROM …'` rewrites a file of AgentGuard's
// state as a redirect into it would. Only the places protectedPaths.ts guards
// are named here: changing an application's own database is the SQL readers'
// business, not a file write to ask about.
import * as path from 'node:path';
import { positionals } from '../command/args';
import type { Config } from '../config/schema';
import type { AnalysisContext, Finding, SimpleCommand } from '../types';
import { protectedPathFinding } from './protectedPaths';

/** Engines whose database is a file on this machine, named as their first word that is no option. */
const EMBEDDED = new Set(['sqlite3', 'sqlite', 'duckdb', 'litecli']);
/** Their options that take a value. */
const VALUE_OPTIONS = ['-c', '-s', '-cmd', '--cmd', '-init', '--init', '-separator', '-newline', '-nullvalue'];
/** Statements that change the database file (a read, `.dump` or `SELECT`, changes nothing). */
const CHANGES_DATABASE =
  /\b(?:insert|update|delete|replace|upsert|drop|create|alter|truncate|vacuum|reindex)\b|(?:^|\n|;)\s*\.(?:restore|import)\b/i;
/** SQL read for its verbs: past it, any change is assumed. */
const MAX_TEXT = 64 * 1024;

export function databaseFileFindings(cmd: SimpleCommand, ctx: AnalysisContext, config: Config | undefined): Finding[] {
  const argv = cmd.argv;
  if (!EMBEDDED.has(argv[0] ?? '') || cmd.remote) return [];
  if (argv.some((a) => a === '-readonly' || a === '--readonly')) return [];
  const file = positionals(argv, VALUE_OPTIONS)[0];
  if (file === undefined || file === ':memory:' || file.startsWith('file::memory:') || /^[$`]/.test(file)) return [];
  const sql = [...argv.slice(1).filter((a) => a !== file), cmd.stdin ?? ''].join('\n');
  // SQL given on stdin from a file, or interactively, may change anything.
  const unseen = cmd.stdin === undefined && positionals(argv, VALUE_OPTIONS).length < 2 && !argv.includes('-c');
  if (!unseen && sql.length <= MAX_TEXT && !CHANGES_DATABASE.test(sql)) return [];
  const p = file.startsWith('~/') ? path.posix.join(ctx.home, file.slice(2)) : path.posix.resolve(cmd.cwd, file);
  const hit = protectedPathFinding(p, 'write', ctx, config);
  return hit ? [hit] : [];
}
