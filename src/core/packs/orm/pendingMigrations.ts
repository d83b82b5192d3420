// Migration runners apply SQL files an agent may just have written: `supabase
// db push`, `prisma migrate deploy`, `drizzle-kit migrate`, `dbmate up`,
// `wrangler d1 migrations apply --remote`, `goose up`, `migrate -path DIR up`,
// `flyway migrate`, `sqitch deploy`. The command line shows none of it, so the
// SQL of the tool's migration folder is read and judged as `psql -f FILE`
// judges it against a target nobody proved disposable: a DROP TABLE, TRUNCATE
// or DELETE without WHERE there asks. Runners apply migrations in the order of
// their names, so the pending ones are the last: the last MAX_FILES are read.
// Only the part a runner applies going up is judged (dbmate's `-- migrate:up`,
// goose's `-- +goose Up`, golang-migrate's `*.up.sql`): a down section undoes
// its own migration. A folder that is not there keeps the tool's judgment as it
// was; SQL past the size bound asks. On a database proven to be this
// machine's, only the migrations the agent wrote are judged (migrationTarget.ts).
import * as path from 'node:path';
import { hasFlag, optionValue, positionals } from '../../command/args';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { analyzeSql } from '../common/sql';
import { localMigrationTarget } from './migrationTarget';

const MAX_FILES = 64;
const MAX_BYTES = 1024 * 1024;
/** Data lost or rewritten (DROP TABLE, TRUNCATE, DELETE or UPDATE without WHERE, DROP COLUMN); dropping an index or constraint is routine in migrations. */
const LOSES_DATA = 60;

interface Plan {
  /** What runs the migrations, for messages. */
  label: string;
  /** Folders to look in (relative to the working folder), the first one there wins. */
  dirs: string[];
  /** Which of a folder's entries hold SQL the runner applies. */
  pick: (name: string, isDir: boolean) => string | undefined;
  /** The part of a file the runner applies going up. */
  up?: (text: string) => string;
}

const sqlFile = (name: string, isDir: boolean): string | undefined =>
  !isDir && name.endsWith('.sql') ? name : undefined;

/** Where a migrate command's SQL lives, or undefined when the command applies none. */
function planFor(argv: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): Plan | undefined {
  const cwd = cmd.cwd;
  const [tool] = argv;
  // The helpers of command/args skip the first word, the tool.
  const args = argv;
  switch (tool) {
    case 'supabase': {
      const [group, action] = positionals(args, ['--db-url', '--workdir', '-p', '--password', '--include-roles']);
      if (group !== 'db' || action !== 'push' || hasFlag(args, ['--local'])) return undefined;
      const workdir = optionValue(args, ['--workdir']) ?? '.';
      return { label: 'supabase db push', dirs: [path.join(workdir, 'supabase/migrations')], pick: sqlFile };
    }
    case 'prisma': {
      const [group, action] = positionals(args, ['--schema']);
      if (group !== 'migrate' || action !== 'deploy') return undefined;
      const schema = optionValue(args, ['--schema']);
      return {
        label: 'prisma migrate deploy',
        dirs: [schema ? path.join(path.dirname(schema), 'migrations') : 'prisma/migrations'],
        pick: (name, isDir) => (isDir ? `${name}/migration.sql` : undefined),
      };
    }
    case 'drizzle-kit': {
      if (positionals(args, ['--config'])[0] !== 'migrate') return undefined;
      const config = optionValue(args, ['--config']);
      return { label: 'drizzle-kit migrate', dirs: [drizzleOut(config, ctx, cwd) ?? 'drizzle'], pick: sqlFile };
    }
    case 'dbmate': {
      const pos = positionals(args, ['-d', '--migrations-dir', '-u', '--url', '-e', '--env', '-s', '--schema-file']);
      if (pos[0] !== 'up' && pos[0] !== 'migrate') return undefined;
      const dir = optionValue(args, ['-d', '--migrations-dir']) ?? 'db/migrations';
      return {
        label: `dbmate ${pos[0]}`,
        dirs: [dir],
        pick: sqlFile,
        up: section(/^--\s*migrate:up\b/m, /^--\s*migrate:down\b/m),
      };
    }
    case 'wrangler': {
      const pos = positionals(args, ['--env', '-e', '--config', '-c', '--persist-to']);
      // Without --remote, wrangler applies D1 migrations to its local copy of the database.
      if (pos[0] !== 'd1' || pos[1] !== 'migrations' || pos[2] !== 'apply' || !hasFlag(args, ['--remote']))
        return undefined;
      return {
        label: 'wrangler d1 migrations apply --remote',
        dirs: [wranglerDir(ctx, cwd) ?? 'migrations'],
        pick: sqlFile,
      };
    }
    case 'goose': {
      const pos = positionals(args, ['-dir', '--dir', '-table', '--table', '-certfile', '-ssl-cert', '-ssl-key']);
      if (!pos.includes('up') && !pos.includes('up-by-one') && !pos.includes('up-to')) return undefined;
      const dir = optionValue(args, ['-dir', '--dir']) ?? cmd.env.GOOSE_MIGRATION_DIR ?? '.';
      return {
        label: 'goose up',
        dirs: [dir],
        pick: sqlFile,
        up: section(/^--\s*\+goose\s+Up\b/im, /^--\s*\+goose\s+Down\b/im),
      };
    }
    case 'migrate': {
      const pos = positionals(args, ['-path', '--path', '-source', '--source', '-database', '--database']);
      if (pos[0] !== 'up' && pos[0] !== 'goto') return undefined;
      const source = optionValue(args, ['-source', '--source'])?.replace(/^file:\/\//, '');
      const dir = optionValue(args, ['-path', '--path']) ?? source;
      if (!dir) return undefined;
      return { label: `migrate ${pos[0]}`, dirs: [dir], pick: (n, d) => (!d && n.endsWith('.up.sql') ? n : undefined) };
    }
    case 'flyway': {
      if (!positionals(args, [])[0]?.toLowerCase().startsWith('migrate')) return undefined;
      const locations = args.find((a) => a.startsWith('-locations='))?.slice('-locations='.length);
      const dirs = locations
        ? locations.split(',').map((l) => l.replace(/^filesystem:/, ''))
        : ['sql', 'src/main/resources/db/migration'];
      // Versioned (V1__x.sql) and repeatable (R__x.sql) migrations run; undo ones (U1__x.sql) do not.
      return { label: 'flyway migrate', dirs, pick: (n, d) => (!d && /^[VR].*\.sql$/.test(n) ? n : undefined) };
    }
    case 'sqitch': {
      if (positionals(args, ['--top-dir', '-t', '--target', '--to', '--to-change'])[0] !== 'deploy') return undefined;
      const top = optionValue(args, ['--top-dir']) ?? '.';
      return { label: 'sqitch deploy', dirs: [path.join(top, 'deploy')], pick: sqlFile };
    }
    default:
      return undefined;
  }
}

/** The text between a start marker and the next end marker (the whole text when it has no start marker). */
function section(start: RegExp, end: RegExp): (text: string) => string {
  return (text) => {
    const s = start.exec(text);
    if (!s) return text;
    const rest = text.slice(s.index + s[0].length);
    const e = end.exec(rest);
    return e ? rest.slice(0, e.index) : rest;
  };
}

/** drizzle.config's `out` folder. */
function drizzleOut(config: string | undefined, ctx: AnalysisContext, cwd: string): string | undefined {
  for (const name of config
    ? [config]
    : ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.json']) {
    const text = ctx.readFile(name, cwd);
    if (text === undefined) continue;
    const out = /["']?\bout["']?\s*:\s*["'`]([^"'`]+)["'`]/.exec(text)?.[1];
    return out ? path.join(path.dirname(name), out) : undefined;
  }
  return undefined;
}

/** wrangler.toml's `migrations_dir` of a D1 binding. */
function wranglerDir(ctx: AnalysisContext, cwd: string): string | undefined {
  const toml = ctx.readFile('wrangler.toml', cwd);
  if (toml !== undefined) return /^\s*migrations_dir\s*=\s*["']([^"']+)["']/m.exec(toml)?.[1];
  const json = ctx.readFile('wrangler.json', cwd) ?? ctx.readFile('wrangler.jsonc', cwd);
  return json === undefined ? undefined : /"migrations_dir"\s*:\s*"([^"]+)"/.exec(json)?.[1];
}

/**
 * Findings for the SQL a migration runner applies, judged as `psql -f` judges a file; undefined when the command
 * applies no migrations or their folder is not there to read.
 */
export function pendingMigrationFindings(
  argv: readonly string[],
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): Finding[] | undefined {
  if (!ctx.readdir) return undefined;
  const plan = planFor(argv, cmd, ctx);
  if (!plan) return undefined;
  for (const dir of plan.dirs) {
    const abs = path.resolve(cmd.cwd, dir);
    const entries = ctx.readdir(abs);
    if (!entries) continue;
    const files = entries
      .map((e) => plan.pick(e.name, e.dir))
      .filter((f): f is string => f !== undefined)
      .sort()
      .slice(-MAX_FILES);
    // A database on this machine has most of them applied already: the ones the agent wrote are what is new, and
    // after a command on the line that may have made files, any of them may be.
    const local = files.length && !ctx.lineMade ? localMigrationTarget(argv, cmd, ctx) : undefined;
    const judged = local ? files.filter((f) => ctx.agentWritten?.(path.join(abs, f)) === true) : files;
    return judgeFiles(plan, abs, dir, judged, ctx, cmd.cwd);
  }
  return undefined;
}

function judgeFiles(
  plan: Plan,
  abs: string,
  dir: string,
  files: readonly string[],
  ctx: AnalysisContext,
  cwd: string,
): Finding[] {
  const out: Finding[] = [];
  let bytes = 0;
  for (const file of files) {
    const shown = path.join(dir, file);
    const text = ctx.readFile(path.join(abs, file), cwd);
    bytes += text?.length ?? 0;
    if (text === undefined || bytes > MAX_BYTES) {
      out.push({
        id: 'sql.unread-file',
        summary: `${plan.label} applies ${shown}, which could not be read to check it${text === undefined ? '' : ` (the migrations past ${MAX_BYTES / 1024} KiB)`}`,
        target: shown,
        alternative: 'read the migration, then apply it by hand',
        severity: 50,
      });
      break;
    }
    const applied = plan.up ? plan.up(text) : text;
    for (const f of analyzeSql(applied, shown))
      if (f.severity >= LOSES_DATA)
        out.push({ ...f, summary: `${plan.label}: ${f.summary}`, target: f.target ?? shown });
  }
  return out;
}
