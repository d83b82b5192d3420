// Clues from the flags of database clients and ssh: the host, database and target they connect to.
import { optionValue, optionValues, positionals } from '../command/args';
import { SSH_VALUE_OPTS } from '../command/valueOptions';
import { readSshLine } from '../command/ssh';
import { SSH_LIKE } from './programs';
import { ClueSet } from './clueSet';
import { DATABASE_CLIENT_OPTIONS, spelledOut } from '../command/databaseClients';
import { own } from '../text/own';

const HOST_FLAGS = ['-h', '--host', '--hostname'];

const PSQL_VALUE_OPTS = [
  '-c',
  '-d',
  '-f',
  '-h',
  '-p',
  '-U',
  '-v',
  '-o',
  '-L',
  '-P',
  '-T',
  '-F',
  '-R',
  '-S',
  '--command',
  '--dbname',
  '--file',
  '--host',
  '--port',
  '--username',
  '--set',
  '--variable',
  '--output',
  '--log-file',
  '--pset',
  '--table-attr',
  '--field-separator',
  '--record-separator',
  '-j',
  '--jobs',
  '-n',
  '--schema',
  '-t',
  '--table',
  '-N',
  '-T',
  '-Z',
  '-E',
  '--encoding',
  '-O',
  '--owner',
  '-D',
  '--tablespace',
  '-l',
  '--locale',
  '--template',
];

const MYSQL_VALUE_OPTS = [
  '-e',
  '-h',
  '-P',
  '-u',
  '-D',
  '-S',
  '--execute',
  '--host',
  '--port',
  '--user',
  '--database',
  '--socket',
  '--defaults-file',
  '--login-path',
];

const MONGO_VALUE_OPTS = [
  '--host',
  '--port',
  '-u',
  '--username',
  '--eval',
  '--file',
  '-f',
  '--authenticationDatabase',
  '--tlsCAFile',
];

const ORACLE = new Set(['sqlplus', 'sql', 'rman', 'expdp', 'impdp']);

/** `user/pw@//host:1521/service`, `user/pw@host/service`, `user@tnsalias`: the host, or the alias that names one. */
function oracleClues(set: ClueSet, name: string, args: readonly string[]): void {
  for (const w of args.slice(1, 16)) {
    if (w.startsWith('-') || w.includes('://')) continue;
    const m = /^[^@\s/]+(?:\/[^@\s]*)?@(?:\/\/)?([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(w);
    if (m) set.add('host', m[1].toLowerCase(), `${name} connect string`);
  }
}

export function databaseClues(set: ClueSet, name: string, written: readonly string[]): void {
  // psql's and mysql's words spelled out from their tables: `psql --hos db.prod -c …` names its host too.
  const table = own(DATABASE_CLIENT_OPTIONS, name);
  const args = table ? spelledOut(written, [], table).argv : written;
  for (const h of optionValues(args, name === 'sqlcmd' ? ['-S', ...HOST_FLAGS] : HOST_FLAGS)) {
    if (h.includes('://')) set.urls(h, `${name} --host`);
    else set.add('host', h.replace(/^tcp:/i, '').split(/[,:]/)[0].toLowerCase(), `${name} --host`);
  }
  for (const w of args.slice(1)) set.conninfo(w, `${name} connection string`);
  if (ORACLE.has(name)) oracleClues(set, name, args);

  const pg =
    name.startsWith('pg') ||
    ['psql', 'dropdb', 'createdb', 'vacuumdb', 'reindexdb', 'clusterdb', 'dropuser', 'createuser'].includes(name);
  const mysql = name.startsWith('mysql') || name.startsWith('mariadb') || name === 'mycli';
  const mongo = name.startsWith('mongo');
  const flagged = pg
    ? optionValue(args, ['-d', '--dbname', '--maintenance-db'])
    : mysql
      ? optionValue(args, ['-D', '--database'])
      : mongo
        ? optionValue(args, ['--db', '-d'])
        : undefined;
  const first = pg
    ? positionals(args, PSQL_VALUE_OPTS)[0]
    : mysql
      ? positionals(args, MYSQL_VALUE_OPTS)[0]
      : mongo
        ? positionals(args, MONGO_VALUE_OPTS)[0]
        : undefined;
  for (const db of [flagged, first]) {
    if (!db || db.includes('://') || db.includes('=')) continue; // URLs and conninfo are read above
    // mongosh host/db
    set.add('database', mongo && db.includes('/') ? db.slice(db.indexOf('/') + 1) : db, `${name} database`);
    if (mongo && db.includes('/'))
      set.add('host', db.slice(0, db.indexOf('/')).split(':')[0].toLowerCase(), `${name} target`);
  }
}

export function sshHost(target: string): string {
  const at = target.slice(target.lastIndexOf('@') + 1);
  return (at.startsWith('[') ? at.slice(1, at.indexOf(']')) : at.split(':')[0]).toLowerCase();
}

export function sshClues(set: ClueSet, name: string, args: readonly string[]): void {
  if (SSH_LIKE.has(name)) {
    // ssh's letters cluster (`-fNL 9200:es:9200 bastion`): the destination is read as ssh reads it.
    const target = name === 'mosh' ? positionals(args, SSH_VALUE_OPTS)[0] : args[readSshLine(args).destination];
    if (target && !target.includes('://')) set.add('host', sshHost(target), `${name} target`);
    for (const jump of optionValues(args, ['-J']))
      for (const j of jump.split(',')) set.add('host', sshHost(j), `${name} jump host`);
    return;
  }
  // scp/rsync/sftp: `[user@]host:path` operands (not `./a:b`, `/x:y` or `C:\`)
  for (const w of args.slice(1)) {
    if (w.startsWith('-')) continue;
    const m = /^(?:[^@/\s]+@)?([A-Za-z0-9][A-Za-z0-9._-]*|\[[0-9a-fA-F:]+\]):/.exec(w);
    if (m && m[1].length > 1) set.add('host', sshHost(m[1]), `${name} target`);
    else if (name === 'sftp' && /^[^-/.][^/\s]*$/.test(w)) set.add('host', sshHost(w), `${name} target`);
  }
}
