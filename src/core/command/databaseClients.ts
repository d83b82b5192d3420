// The option tables of the SQL clients whose options are read as their own
// parsers read them (psql's getopt_long, MySQL's and MariaDB's my_getopt),
// and the client's words spelled out from them: every option in a word of its
// own, a long name written in full, a value in the word after its option. The
// readers that look for one option by name (`-c`, `--execute`) then find it
// however it was written: `-qAtc"SQL"`, `--comm SQL`, `--exe=SQL`,
// `--loose-execute SQL`.
import { readPlacedOptions, type GetoptStyle } from './options';

/** psql's getopt_long table (startup.c): `aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01`, its long names. */
const PSQL_VALUED = [
  '--command',
  '--dbname',
  '--file',
  '--field-separator',
  '--host',
  '--log-file',
  '--output',
  '--port',
  '--pset',
  '--record-separator',
  '--set',
  '--table-attr',
  '--username',
  '--variable',
];
const PSQL_FLAGS = [
  '--echo-all',
  '--no-align',
  '--csv',
  '--echo-errors',
  '--echo-queries',
  '--echo-hidden',
  '--field-separator-zero',
  '--html',
  '--list',
  '--no-readline',
  '--single-transaction',
  '--quiet',
  '--record-separator-zero',
  '--single-step',
  '--single-line',
  '--tuples-only',
  '--version',
  '--no-password',
  '--password',
  '--expanded',
  '--no-psqlrc',
  // `--help[=topic]`: its value only ever attached.
  '--help',
];
export const PSQL_OPTIONS: GetoptStyle = {
  short: 'cdfFhLoPpRTUv',
  long: PSQL_VALUED,
  // GNU getopt_long: options after the database name, and any unique beginning of a long name (`--out FILE`).
  permute: true,
  abbreviations: [...PSQL_VALUED, ...PSQL_FLAGS],
};

/**
 * The mysql and mariadb clients' long options that take the next word as their value: MariaDB 10.11's (`mariadb
 * --help --verbose`) and MySQL 8's (its manual's table of client options). `--password`, `--pager` and `--debug`
 * take one only after `=`, and are flags here.
 */
const MYSQL_VALUED = new Set([
  'authentication-oci-client-config-profile',
  'bind-address',
  'character-sets-dir',
  'compression-algorithms',
  'connect-timeout',
  'database',
  'default-auth',
  'default-character-set',
  'defaults-extra-file',
  'defaults-file',
  'defaults-group-suffix',
  'delimiter',
  'dns-srv-name',
  'execute',
  'fido-register-factor',
  'histignore',
  'host',
  'init-command',
  'load-data-local-dir',
  'login-path',
  'max-allowed-packet',
  'max-join-size',
  'net-buffer-length',
  'network-namespace',
  'oci-config-file',
  'plugin-authentication-kerberos-client-mode',
  'plugin-dir',
  'port',
  'prompt',
  'protocol',
  'quick-max-column-width',
  'register-factor',
  'select-limit',
  'server-arg',
  'server-public-key-path',
  'shared-memory-base-name',
  'socket',
  'ssl-ca',
  'ssl-capath',
  'ssl-cert',
  'ssl-cipher',
  'ssl-crl',
  'ssl-crlpath',
  'ssl-fips-mode',
  'ssl-key',
  'ssl-mode',
  'ssl-session-data',
  'tee',
  'tls-ciphersuites',
  'tls-sni-servername',
  'tls-version',
  'user',
  'zstd-compression-level',
]);
/** The names both clients know. */
const MYSQL_SHARED = [
  'auto-rehash',
  'auto-vertical-output',
  'batch',
  'binary-as-hex',
  'binary-mode',
  'character-sets-dir',
  'column-names',
  'column-type-info',
  'comments',
  'compress',
  'connect-expired-password',
  'connect-timeout',
  'database',
  'debug',
  'debug-check',
  'debug-info',
  'default-auth',
  'default-character-set',
  'defaults-extra-file',
  'defaults-file',
  'defaults-group-suffix',
  'delimiter',
  'enable-cleartext-plugin',
  'execute',
  'force',
  'help',
  'host',
  'html',
  'i-am-a-dummy',
  'ignore-spaces',
  'init-command',
  'line-numbers',
  'local-infile',
  'max-allowed-packet',
  'max-join-size',
  'named-commands',
  'net-buffer-length',
  'no-auto-rehash',
  'no-beep',
  'no-defaults',
  'one-database',
  'pager',
  'password',
  'plugin-dir',
  'port',
  'print-defaults',
  'prompt',
  'protocol',
  'quick',
  'raw',
  'reconnect',
  'safe-updates',
  'select-limit',
  'show-warnings',
  'sigint-ignore',
  'silent',
  'skip-column-names',
  'skip-line-numbers',
  'socket',
  'ssl',
  'ssl-ca',
  'ssl-capath',
  'ssl-cert',
  'ssl-cipher',
  'ssl-crl',
  'ssl-crlpath',
  'ssl-key',
  'table',
  'tee',
  'tls-version',
  'unbuffered',
  'user',
  'verbose',
  'version',
  'vertical',
  'wait',
  'xml',
];
/** Each client's whole table of long names: my_getopt takes a beginning that is unique in it. */
export const MYSQL_CLIENT_NAMES: Readonly<Record<'mariadb' | 'mysql', readonly string[]>> = {
  mariadb: [
    ...MYSQL_SHARED,
    'abort-source-on-error',
    'disable-tee',
    'print-query-on-error',
    'progress-reports',
    'quick-max-column-width',
    'sandbox',
    'secure-auth',
    'server-arg',
    'ssl-verify-server-cert',
  ],
  mysql: [
    ...MYSQL_SHARED,
    'authentication-oci-client-config-profile',
    'bind-address',
    'commands',
    'compression-algorithms',
    'dns-srv-name',
    'fido-register-factor',
    'get-server-public-key',
    'histignore',
    'load-data-local-dir',
    'login-path',
    'network-namespace',
    'no-login-paths',
    'oci-config-file',
    'password1',
    'password2',
    'password3',
    'pipe',
    'plugin-authentication-kerberos-client-mode',
    'plugin-authentication-webauthn-client-preserve-privacy',
    'register-factor',
    'server-public-key-path',
    'shared-memory-base-name',
    'skip-named-commands',
    'skip-pager',
    'skip-reconnect',
    'skip-system-command',
    'ssl-fips-mode',
    'ssl-mode',
    'ssl-session-data',
    'ssl-session-data-continue-on-failed-reuse',
    'syslog',
    'system-command',
    'telemetry-client',
    'tls-ciphersuites',
    'tls-sni-servername',
    'zstd-compression-level',
  ],
};

/** The name a client's table gives a written name: itself, the one name it begins, or none (unknown, ambiguous). */
export function mysqlNameIn(table: readonly string[], name: string): string | undefined {
  if (table.includes(name)) return name;
  const begun = table.filter((n) => n.startsWith(name));
  return begun.length === 1 ? begun[0] : undefined;
}

/** Whether a mysql long name (no dashes) takes the next word as its value. */
export const mysqlTakesValue = (name: string): boolean => MYSQL_VALUED.has(name);

/**
 * A mysql or mariadb long name as my_getopt reads it: `--loose-` dropped, `_` as `-`, a unique beginning as the
 * name it begins. The program may be either client (`mysql` is MariaDB's on Debian, MySQL's on Homebrew): where
 * the two read a beginning as different names, a name that takes a value wins, so that no value is ever read as
 * an option; a test keeps the two tables from reading a beginning as a flag in one and a valued name in the other.
 */
function mysqlLongName(written: string): string {
  const bare = written.replace(/^--(?:loose[-_])?/, '').replace(/_/g, '-');
  const read = [mysqlNameIn(MYSQL_CLIENT_NAMES.mariadb, bare), mysqlNameIn(MYSQL_CLIENT_NAMES.mysql, bare)];
  const name = read.find((n) => n !== undefined && MYSQL_VALUED.has(n)) ?? read.find((n) => n !== undefined);
  return `--${name ?? bare}`;
}

/** The mysql and mariadb options: `-p` and `-#` take a value only in their own word. */
export const MYSQL_OPTIONS: GetoptStyle = {
  short: 'DehPSu',
  optional: 'p#',
  long: [...MYSQL_VALUED].map((n) => `--${n}`),
  // my_getopt: options after the database name too.
  permute: true,
  canonical: mysqlLongName,
};

/** The option tables by client name. */
export const DATABASE_CLIENT_OPTIONS: Readonly<Record<string, GetoptStyle>> = {
  psql: PSQL_OPTIONS,
  mysql: MYSQL_OPTIONS,
  mariadb: MYSQL_OPTIONS,
};

/**
 * `argv` spelled out as `style` reads it: each option a word of its own with its full name, a value in the word
 * after it (a value that can only be attached stays attached), operands where they were, and `--` with what
 * follows it as given. `dynamic` follows the words (an option or value takes its word's). Reads each word once.
 */
export function spelledOut(
  argv: readonly string[],
  dynamic: readonly boolean[],
  style: GetoptStyle,
): { argv: string[]; dynamic: boolean[] } {
  const read = readPlacedOptions(argv, 1, style);
  const out = [argv[0]];
  const dyn = [dynamic[0] ?? false];
  const push = (word: string, from: number): void => {
    out.push(word);
    dyn.push(dynamic[from] ?? false);
  };
  let next = 0;
  for (let i = 1; i < argv.length; i++) {
    if (next < read.options.length && read.options[next].word === i) {
      // A cluster `-qAtc` holds several options in one word: each is spelled out in turn.
      let last = i;
      while (next < read.options.length && read.options[next].word === i) {
        const opt = read.options[next++];
        if (opt.value === undefined) push(opt.name, i);
        else if (opt.name.length === 2 && style.optional?.includes(opt.name[1])) push(opt.name + opt.value, i);
        else {
          push(opt.name, i);
          // A value in the next word, or attached; none when the line ends where it should be.
          if (opt.last === i || opt.last < argv.length) push(opt.value, opt.last);
        }
        last = Math.max(last, opt.last);
      }
      i = last;
      continue;
    }
    // Not an option's word: an operand, or `--` and everything after it.
    if (argv[i] === '--') {
      for (let k = i; k < argv.length; k++) push(argv[k], k);
      break;
    }
    push(argv[i], i);
  }
  return { argv: out, dynamic: dyn };
}
