// The project's files and data sent to another machine: the workspace or a
// source folder copied with scp, rsync or sftp, a data file uploaded with
// curl or wget, an archive of the workspace or a database dump streamed into
// nc, ssh or curl. Build output (dist/, a release archive) goes to servers
// every day and says nothing; so do single configuration files, downloads and
// copies between folders of this machine.
import { positionals } from '../../command/args';
import { classifyPath } from '../../command/paths';
import { isRemote } from '../../effects';
import { RSYNC_VALUE_OPTS } from '../../command/valueOptions';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { scriptUpload } from '../common/transferScripts';

const DATA_EXT =
  /\.(?:csv|tsv|jsonl|ndjson|parquet|xlsx?|sql|dump|bak|db|sqlite3?|avro|orc|feather|pkl|h5|arrow)(?:\.gz|\.zst|\.bz2|\.xz)?$/i;
const DUMPERS = new Set([
  'pg_dump',
  'pg_dumpall',
  'mysqldump',
  'mariadb-dump',
  'mongodump',
  'redis-cli',
  'sqlite3',
  'duckdb',
]);
const ARCHIVERS = new Set(['tar', 'gtar', 'bsdtar', 'zip', '7z', '7za', 'cpio', 'pax']);
const SCP_VALUE_OPTS = ['-i', '-P', '-p', '-o', '-F', '-c', '-J', '-l', '-S', '-D', '-X'];

/** What of the project a local word names: the workspace, a folder of it that is not build output, a data file; undefined for anything else. */
export function projectData(word: string, cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  if (!word || isRemote(word, ctx.windows === true) || word.startsWith('-')) return undefined;
  const p = classifyPath(word, cmd.cwd, cmd.env, ctx);
  if (p.dynamic && !p.glob) return undefined;
  if (p.location === 'workspace' || p.location === 'workspace-ancestor' || p.location === 'home')
    return p.location === 'workspace' ? 'the workspace' : word;
  if (p.location !== 'workspace-inside' || p.regenerable) return undefined;
  if (p.dataFile || DATA_EXT.test(p.abs)) return `the data file ${word}`;
  // A name without an extension (`.env`, `Makefile`) is taken for a folder unless the disk says it is a file.
  if (!p.fileLike && !p.glob && ctx.stat?.(p.abs)?.isFile !== true) return `the folder ${word}`;
  return undefined;
}

function hostOf(operand: string): string {
  const at = operand.slice(0, operand.indexOf(':'));
  return at.slice(at.lastIndexOf('@') + 1) || operand;
}

function sent(what: string, host: string, how: string, severity = 60): Finding {
  return {
    id: 'outgoing.copy-to-host',
    summary: `${how} ${what} to ${host}: the project's code or data leaves this machine`,
    target: host,
    alternative: 'ask the user before sending the project anywhere; share it through its own repository',
    severity,
  };
}

/** `scp -r . host:…`, `rsync -a ./ host:…`. */
export function remoteCopy(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const name = cmd.argv[0];
  if (name === 'rsync' && cmd.argv.some((a) => a === '--dry-run' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n'))))
    return undefined;
  const pos = positionals(cmd.argv, name === 'rsync' ? RSYNC_VALUE_OPTS : SCP_VALUE_OPTS);
  if (pos.length < 2) return undefined;
  const dest = pos[pos.length - 1];
  if (!isRemote(dest, ctx.windows === true)) return undefined;
  for (const src of pos.slice(0, -1)) {
    const what = projectData(src, cmd, ctx);
    if (what) return sent(what, hostOf(dest), name);
  }
  return undefined;
}

/**
 * `sftp -b batch h`, `lftp -c 'open h; mirror -R src'`, `ncftpput h /up data.csv`: the files the client's script sends.
 * A script that cannot be read (`sftp -b /tmp/missing h`) may send any file: asked about.
 */
export function scriptCopy(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const up = scriptUpload(cmd, ctx);
  if (!up) return undefined;
  for (const f of up.files) {
    const what = projectData(f, cmd, ctx);
    if (what) return sent(what, up.host, up.client);
  }
  const unread = up.unread[0];
  if (unread === undefined) return undefined;
  return {
    id: 'outgoing.unread-transfer-script',
    summary: `${up.client} runs the commands in ${unread}, which could not be read to check what they send to ${up.host}`,
    target: unread,
    alternative: 'write the batch file where it can be read, read it, then run it',
    severity: 45,
  };
}

/** `curl -T data.csv URL`, `curl -F f=@dump.sql URL`, `wget --post-file x.db URL`. */
export function upload(cmd: SimpleCommand, ctx: AnalysisContext, host: string | undefined): Finding | undefined {
  if (!host) return undefined;
  const argv = cmd.argv;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1] ?? '';
    if (a === '-T' || a === '--upload-file' || a === '--post-file' || a === '--body-file') files.push(v);
    else if ((a === '-F' || a === '--form') && /=@/.test(v)) files.push(v.slice(v.indexOf('=@') + 2).split(';')[0]);
    else if ((a === '-d' || a === '--data' || a === '--data-binary') && v.startsWith('@')) files.push(v.slice(1));
    else if (a.startsWith('--post-file=') || a.startsWith('--body-file=')) files.push(a.slice(a.indexOf('=') + 1));
  }
  for (const f of files) {
    const what = projectData(f, cmd, ctx);
    if (what) return sent(what, host, `${argv[0]} uploads`, 55);
  }
  return undefined;
}

/** What a producer piped into a sender streams: an archive of the project, or a database dump. */
export function streamed(
  from: readonly string[] | undefined,
  cmd: SimpleCommand,
  ctx: AnalysisContext,
): string | undefined {
  if (!from?.length) return undefined;
  const name = from[0].replace(/^.*\//, '');
  if (DUMPERS.has(name)) {
    if (name === 'redis-cli' && !from.includes('--rdb')) return undefined;
    if ((name === 'sqlite3' || name === 'duckdb') && !from.some((w) => w === '.dump' || w.startsWith('.dump')))
      return undefined;
    return `a database dump (${from.slice(0, 2).join(' ')})`;
  }
  if (name === 'git' && (from[1] === 'archive' || (from[1] === 'bundle' && from[2] === 'create')))
    return 'the repository';
  // `cat export.csv | nc …`: a data file of the project read whole.
  if (name === 'cat' || name === 'pv') {
    for (const w of from.slice(1)) {
      const what = w.startsWith('-') ? undefined : projectData(w, cmd, ctx);
      if (what && what !== 'the workspace') return what;
    }
  }
  if (ARCHIVERS.has(name)) {
    // The archive goes to stdout (`tar c…f -`, `zip - …`) and holds the project.
    const words = from.slice(1).filter((w) => !/^-?[a-zA-Z]*[cfzjJv]+$/.test(w) || w === '-');
    for (const w of words) {
      if (w === '-') continue;
      const what = projectData(w, cmd, ctx);
      if (what) return `an archive of ${what}`;
    }
  }
  return undefined;
}

export function streamFinding(what: string, host: string, via: string): Finding {
  return {
    id: 'outgoing.stream-to-host',
    summary: `${via} streams ${what} to ${host}`,
    target: host,
    alternative: 'ask the user before sending data off this machine',
    severity: 65,
  };
}
