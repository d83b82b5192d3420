// Options of the network senders whose value is a file written on this machine
// (`curl -o x.tgz URL`, `wget -O page.html URL`): that word is never where the
// request goes, so a file name that looks like a host (`x.tgz`, `dump.io`) is
// not read as one. The words are walked from the start, as the program's own
// option reader does, so a value cannot pose as an option: in
// `curl -d -o evil.example` the `-o` is `-d`'s data and `evil.example` is the
// URL. Past a long option the tables do not know (a value it may take would
// shift every word after it), nothing more is set aside.
import { CURL_SHORT_WITH_VALUE, CURL_VALUE_OPTIONS } from '../../command/valueOptions';
import { own } from '../../text/own';

interface SenderOptions {
  /** Long options that take the next word as their value, and those of them that name an output file. */
  valuedLong: ReadonlySet<string>;
  outputLong: ReadonlySet<string>;
  /** Letters that take a value (a cluster ends at the first), and those that name an output file. */
  valuedShort: ReadonlySet<string>;
  outputShort: ReadonlySet<string>;
  /** Long options known to take no value; any other long option ends the walk (a value it took would shift the rest). */
  flagLong: ReadonlySet<string>;
}

/** curl's everyday switches: the ones agents put before `-o`. */
const CURL_FLAGS = [
  '--silent',
  '--show-error',
  '--fail',
  '--fail-with-body',
  '--fail-early',
  '--location',
  '--location-trusted',
  '--compressed',
  '--insecure',
  '--verbose',
  '--include',
  '--head',
  '--get',
  '--globoff',
  '--remote-name',
  '--remote-name-all',
  '--remote-header-name',
  '--progress-bar',
  '--no-progress-meter',
  '--create-dirs',
  '--netrc',
  '--http1.1',
  '--http2',
  '--ipv4',
  '--ipv6',
  '--retry-connrefused',
  '--retry-all-errors',
  '--no-buffer',
  '--parallel',
  '--tlsv1.2',
  '--tlsv1.3',
  '--ssl-reqd',
  '--path-as-is',
];

const HTTPIE_VALUED_LONG = [
  '--output',
  '--auth',
  '--auth-type',
  '--session',
  '--session-read-only',
  '--print',
  '--pretty',
  '--style',
  '--format-options',
  '--proxy',
  '--cert',
  '--cert-key',
  '--ssl',
  '--ciphers',
  '--verify',
  '--timeout',
  '--max-redirects',
  '--default-scheme',
  '--response-charset',
  '--response-mime',
];
const HTTPIE: SenderOptions = {
  valuedLong: new Set(HTTPIE_VALUED_LONG),
  outputLong: new Set(['--output']),
  valuedShort: new Set(['o', 'a', 'A', 'p', 'P', 's']),
  outputShort: new Set(['o']),
  flagLong: new Set([
    '--download',
    '--continue',
    '--follow',
    '--check-status',
    '--quiet',
    '--verbose',
    '--headers',
    '--body',
    '--json',
    '--form',
    '--ignore-stdin',
    '--offline',
  ]),
};

const SENDERS: Readonly<Record<string, SenderOptions>> = {
  curl: {
    valuedLong: new Set(CURL_VALUE_OPTIONS.filter((o) => o.startsWith('--'))),
    outputLong: new Set([
      '--output',
      '--dump-header',
      '--cookie-jar',
      '--trace',
      '--trace-ascii',
      '--stderr',
      '--etag-save',
      '--output-dir',
    ]),
    valuedShort: CURL_SHORT_WITH_VALUE,
    outputShort: new Set(['o', 'D', 'c']),
    flagLong: new Set(CURL_FLAGS),
  },
  wget: {
    valuedLong: new Set([
      '--output-document',
      '--output-file',
      '--append-output',
      '--directory-prefix',
      '--execute',
      '--input-file',
      '--base',
      '--tries',
      '--timeout',
      '--wait',
      '--quota',
      '--user-agent',
      '--level',
      '--domains',
      '--reject',
      '--accept',
      '--include-directories',
      '--exclude-directories',
      '--header',
      '--user',
      '--password',
      '--post-data',
      '--post-file',
      '--body-data',
      '--body-file',
      '--method',
    ]),
    outputLong: new Set(['--output-document', '--output-file', '--append-output', '--directory-prefix']),
    valuedShort: new Set(['O', 'o', 'a', 'P', 'e', 'i', 'B', 't', 'T', 'w', 'Q', 'U', 'l', 'D', 'R', 'A', 'I', 'X']),
    outputShort: new Set(['O', 'o', 'a', 'P']),
    flagLong: new Set([
      '--quiet',
      '--verbose',
      '--no-verbose',
      '--continue',
      '--timestamping',
      '--recursive',
      '--mirror',
      '--no-parent',
      '--no-check-certificate',
      '--show-progress',
      '--no-clobber',
      '--server-response',
      '--spider',
      '--content-disposition',
    ]),
  },
  http: HTTPIE,
  https: HTTPIE,
  xh: HTTPIE,
  xhs: HTTPIE,
};

/** The places in `argv` of the words that name a file the sender writes here, read as its options are read. */
export function outputFileValues(argv: readonly string[]): ReadonlySet<number> {
  const found = new Set<number>();
  const opts = own(SENDERS, argv[0] ?? '');
  if (!opts) return found;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.length < 2 || a[0] !== '-') continue;
    if (a.startsWith('--')) {
      if (a.includes('=')) continue;
      if (opts.valuedLong.has(a)) {
        if (opts.outputLong.has(a)) found.add(i + 1);
        i++;
      } else if (!opts.flagLong.has(a)) break;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      if (!opts.valuedShort.has(a[k])) continue;
      // The rest of the word is the value (`-ofile`); only a letter that ends its word takes the next one.
      if (k === a.length - 1) {
        if (opts.outputShort.has(a[k])) found.add(i + 1);
        i++;
      }
      break;
    }
  }
  return found;
}
