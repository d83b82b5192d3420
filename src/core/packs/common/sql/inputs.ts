// Reading the SQL a command will run: inline options, files, stdin, `<`.
import * as path from 'node:path';
import { optionValues } from '../../../command/args';
import { filesWrittenBefore } from '../../../parse/normalize';
import type { AnalysisContext, Finding, SimpleCommand } from '../../../types';
import { MAX_SQL_CHARS } from './lexer';
import { analyzeSql, sqlEffect } from './analyze';
import { fileNamedAtRunTime } from '../../../text/runTimeMarks';

// Connection strings name the database (and host) a client command targets.
export interface Connection {
  host?: string;
  db?: string;
}

const URI = /^([a-z][a-z0-9+.:-]*):\/\/(?:[^@/]*@)?([^/?#]*)(?:\/([^?#]*))?/i;

/** Host and database from a URI (`postgres://u@h:5432/app`), a conninfo (`host=h dbname=app`) or a bare name. */
export function parseConnection(s: string | undefined): Connection {
  if (!s) return {};
  const uri = URI.exec(s);
  if (uri) {
    const host = uri[2].replace(/:\d+$/, '').split(',')[0] || undefined;
    const db = uri[3] ? decodeURIComponentSafe(uri[3]) : undefined;
    return { host, db: db || undefined };
  }
  if (/\b(?:host|dbname)=/.test(s)) {
    const host = /\bhost=([^\s]+)/.exec(s)?.[1];
    const db = /\bdbname=([^\s]+)/.exec(s)?.[1];
    return { host, db };
  }
  return { db: s };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface SqlSource {
  text: string;
  /** Where it comes from, for messages: `inline`, a file name, `stdin`. */
  origin: string;
}

export interface SqlInputs {
  sources: SqlSource[];
  /** Files named on the command line (or included) that could not be read. */
  unreadable: string[];
  /** SQL that will run but cannot be known: a bare `$VAR`, a pipe from an unknown producer. */
  unknown: string[];
  /** argv of a database dump piped in (`pg_dump … | psql`). */
  dumpFrom?: string[];
}

export interface SqlInputSpec {
  /** Options whose value is SQL (`-c`, `--command`, `-e`). */
  inline?: readonly string[];
  /** Options whose value is a file of SQL (`-f`, `--file`). */
  files?: readonly string[];
  /** SQL taken from positionals (sqlite3's statements after the db file). */
  positionalSql?: readonly string[];
  /** Files taken from positionals (mongosh's script.js). */
  positionalFiles?: readonly string[];
  /** Whether the tool reads SQL from stdin when no inline SQL is given (default true). */
  readsStdin?: boolean;
}

const MAX_FILES = 8;
/** A word that is nothing but an unresolved expansion: `$SQL`, `${QUERY}`, `$(cat x)`. */
const ONLY_EXPANSION = /^\s*(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*\)|`.*`)\s*$/s;
/** Client commands that run another file: psql `\i`, sqlite `.read`, mysql `source` / `\.`. */
const INCLUDE =
  /^[ \t]*(?:\\i|\\ir|\\include|\\include_relative|\.read|source|\\\.)[ \t]+['"]?([^\s'";]+)['"]?[ \t]*;?[ \t]*$/gim;
const DUMPERS = new Set(['pg_dump', 'pg_dumpall', 'mysqldump', 'mariadb-dump']);

/** Every piece of SQL a client will run, read through ctx.readFile (bounded), following includes one level. */
export function collectSql(cmd: SimpleCommand, ctx: AnalysisContext, spec: SqlInputSpec): SqlInputs {
  const inputs: SqlInputs = { sources: [], unreadable: [], unknown: [] };
  const argv = cmd.argv;
  let files = 0;
  // A file written earlier on the line (`echo 'DROP TABLE t' > x.sql && psql -f x.sql`) holds what the line wrote, not what is on disk now.
  const written = filesWrittenBefore(cmd);
  const readInto = (file: string): void => {
    if (files++ >= MAX_FILES) return;
    const abs = written && path.resolve(cmd.cwd, file);
    if (abs && written.has(abs)) {
      const text = written.get(abs);
      if (text === undefined)
        inputs.unknown.push(`${file}, written earlier on the line with content not known before it runs`);
      else inputs.sources.push({ text, origin: file });
      return;
    }
    const text = ctx.readFile(file, cmd.cwd);
    if (text === undefined) inputs.unreadable.push(file);
    else inputs.sources.push({ text, origin: file });
  };
  const inline = [...(spec.inline ? optionValues(argv, spec.inline) : []), ...(spec.positionalSql ?? [])];
  for (const text of inline) {
    if (ONLY_EXPANSION.test(text)) inputs.unknown.push(`SQL from ${text.trim()}, which is not known before it runs`);
    else inputs.sources.push({ text, origin: 'inline' });
  }
  let stdinNamed = false;
  for (const file of [...(spec.files ? optionValues(argv, spec.files) : []), ...(spec.positionalFiles ?? [])]) {
    // `psql -f /dev/stdin <<< SQL`: the file named is the client's own input.
    if (STDIN_NAMES.has(file)) stdinNamed = true;
    else readInto(file);
  }
  const nothingElse = inputs.sources.length === 0 && inputs.unreadable.length === 0 && inputs.unknown.length === 0;
  if (stdinNamed || (spec.readsStdin !== false && nothingElse)) {
    const input = cmd.redirects.filter((r) => r.op === '<' || r.op === '<>').pop();
    const from = cmd.stdinFrom ?? [];
    if (input && input.target !== '/dev/null') readInto(input.target);
    else if (cmd.stdin !== undefined) inputs.sources.push({ text: cmd.stdin, origin: 'stdin' });
    else if (from[0] === 'cat' && from.length === 2) inputs.unreadable.push(from[1]);
    else if (DUMPERS.has(from[0] ?? '')) inputs.dumpFrom = from;
    else if (from.length)
      inputs.unknown.push(`SQL piped from \`${from.slice(0, 3).join(' ')}\`, which cannot be read before it runs`);
  }
  // Files the SQL itself runs (`\i teardown.sql`, `.read wipe.sql`, `source x.sql`).
  for (const s of inputs.sources.slice(0, MAX_FILES)) {
    if (!/\\i|\.read|source|\\\./i.test(s.text)) continue;
    for (const m of s.text.slice(0, MAX_SQL_CHARS).matchAll(INCLUDE)) readInto(m[1]);
  }
  return inputs;
}

const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

const DESTRUCTIVE_FILE_NAME =
  /(?:^|[^a-z])(?:drop|truncate|reset|wipe|purge|clean|cleanup|teardown|destroy|nuke|delete|erase|clear|rollback|down)(?:[^a-z]|$)/i;

/**
 * Findings for everything a client will run. A file that cannot be read asks
 * only when its name says it destroys data; SQL that cannot be known asks.
 * `analyze` is analyzeSql by default (mongosh passes its own).
 */
export function judgeSqlInputs(
  inputs: SqlInputs,
  label: string,
  analyze: (text: string, origin?: string) => Finding[] = analyzeSql,
): Finding[] {
  const out: Finding[] = [];
  for (const s of inputs.sources) out.push(...analyze(s.text, s.origin === 'inline' ? undefined : s.origin));
  for (const file of inputs.unreadable) {
    // `psql -f "$F"`, `.read $F`: a file named only when the line runs may be any file, a wipe among them.
    const runTime = fileNamedAtRunTime(file);
    const suspicious = !runTime && DESTRUCTIVE_FILE_NAME.test(file.split('/').pop() ?? file);
    const why = runTime
      ? ', named only when the line runs'
      : suspicious
        ? ', and whose name says it destroys data'
        : '';
    out.push({
      id: 'sql.unread-file',
      summary: `${label} runs ${file.replace(/\u0001/g, '')}, which could not be read to check it${why}`,
      target: file,
      severity: runTime || suspicious ? 50 : 20,
      ...(runTime && { alternative: 'name the SQL file in full on the line, so it can be read first' }),
    });
  }
  for (const what of inputs.unknown) {
    out.push({
      id: 'sql.unknown-input',
      summary: `${label} runs ${what}`,
      alternative: 'write the SQL to a file, read it, then run it with -f',
      severity: 45,
    });
  }
  const dump = inputs.dumpFrom;
  if (dump) {
    // A dump piped into a client copies a database over the target. mysqldump
    // adds DROP TABLE by default; pg_dump only with --clean / -c.
    const drops = dump[0].startsWith('pg_dump')
      ? dump.some((a) => a === '--clean' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a))
      : !dump.includes('--skip-add-drop-table') && !dump.includes('--no-create-info');
    if (drops) {
      out.push({
        id: 'sql.restore-replaces',
        summary: `${label} loads a dump (${dump[0]}) that drops and recreates every table it contains`,
        alternative: 'restore into a new, empty database and switch over once it is checked',
        severity: 50,
      });
    }
  }
  return out;
}

/** read/write effect of what a client will run; no known SQL (an interactive session) counts as write. */
export function inputsEffect(
  inputs: SqlInputs,
  effect: (text: string) => 'read' | 'write' = sqlEffect,
): 'read' | 'write' {
  if (inputs.unreadable.length || inputs.unknown.length || inputs.dumpFrom || inputs.sources.length === 0)
    return 'write';
  return inputs.sources.every((s) => effect(s.text) === 'read') ? 'read' : 'write';
}
