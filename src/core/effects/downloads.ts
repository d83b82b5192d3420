// The files downloaders write: curl, wget, aria2c and HTTPie (and xh). What
// they write is the server's text, whatever it is when the command runs;
// DOWNLOADERS names them for the packs that judge such text (a CI file
// fetched into place), so there is one list.
import * as path from 'node:path';
import { CURL_SHORT_WITH_VALUE } from '../command/valueOptions';
import { homeOf, resolveWord } from '../command/paths';
import type { AnalysisContext, SimpleCommand } from '../types';
import type { EffectSink } from './types';

/** Programs whose written files hold text from the network. */
export const DOWNLOADERS: ReadonlySet<string> = new Set(['curl', 'wget', 'aria2c', 'http', 'https', 'xh', 'xhs']);

/** Whether a file the download would be named after is there now and kept (wget then writes beside it). */
type Kept = (word: string) => boolean;

const URL_WORD = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The file name a URL's path ends in (`https://h/a/ci.yml?x=1` → `ci.yml`), or undefined when it ends in none. */
export function urlFileName(url: string): string | undefined {
  const rest = url.replace(URL_WORD, '');
  const slash = rest.indexOf('/');
  if (slash === -1) return undefined;
  const name = rest.slice(slash).split(/[?#]/)[0].split('/').pop() ?? '';
  // Kept as written: curl and wget name the file with the URL's own characters (`%2F` stays, no `/` appears).
  return name && name !== '.' && name !== '..' ? name : undefined;
}

function under(dir: string | undefined, file: string): string {
  return dir === undefined || file.startsWith('/') ? file : `${dir.replace(/\/+$/, '')}/${file}`;
}

/**
 * `curl -o FILE` (also in a cluster, `-sSLo FILE`), `curl -O URL` (the URL's
 * file name, in `--output-dir`): the download replaces that file.
 */
function curlDownloads(argv: readonly string[], sink: EffectSink): void {
  const outputs: string[] = [];
  const urls: string[] = [];
  let remoteName = false;
  let dir: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      urls.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, attached] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a];
      const value = (): string | undefined => attached ?? argv[++i];
      if (name === '--output') outputs.push(value() ?? '');
      else if (name === '--output-dir') dir = value();
      else if (name === '--url') urls.push(value() ?? '');
      else if (name === '--remote-name' || name === '--remote-name-all') remoteName = true;
      continue;
    }
    if (a.length > 1 && a[0] === '-') {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (ch === 'O') remoteName = true;
        if (!CURL_SHORT_WITH_VALUE.has(ch)) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (ch === 'o' && value !== undefined) outputs.push(value);
        break;
      }
      continue;
    }
    if (URL_WORD.test(a)) urls.push(a);
  }
  for (const o of outputs) if (o && o !== '-' && o !== '/dev/null') sink.add('truncate', under(dir, o));
  if (!remoteName) return;
  for (const u of urls) {
    const name = urlFileName(u);
    if (name) sink.add('truncate', under(dir, name));
  }
}

/** wget short options that take a value (`-n` takes one letter: `-nv`, `-nc`, `-np`); a cluster ends at the first. */
const WGET_SHORT_WITH_VALUE = new Set('eoaiBtOTwQPUlARDIXn'.split(''));
const WGET_LONG_VALUES = new Set(['--output-document', '--directory-prefix', '--output-file', '--append-output']);
/** Fetches that land a tree named by the remote (or pages beside the file): not read here. */
const WGET_TREE_FLAGS = new Set([
  '-r',
  '--recursive',
  '-m',
  '--mirror',
  '-x',
  '--force-directories',
  '-p',
  '--page-requisites',
]);

/**
 * `wget -O FILE`: the download replaces that file; without -O, each URL's
 * file name (in `-P DIR`) is written — or, where a file of that name is kept
 * (`kept`), `NAME.1` beside it, unless an option makes wget write over it. A recursive fetch lands a tree named by
 * the remote: not read here.
 */
function wgetDownloads(argv: readonly string[], sink: EffectSink, kept: Kept | undefined): void {
  const values = new Map<string, string>();
  const urls: string[] = [];
  let tree = false;
  let overwrites = false;
  let noClobber = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      urls.push(...argv.slice(i + 1).filter((w) => URL_WORD.test(w)));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (WGET_TREE_FLAGS.has(name)) tree = true;
      if (WGET_OVERWRITING.has(name)) overwrites = true;
      if (name === '--no-clobber') noClobber = true;
      if (WGET_LONG_VALUES.has(name)) values.set(name, eq === -1 ? (argv[++i] ?? '') : a.slice(eq + 1));
      continue;
    }
    if (a.length > 1 && a[0] === '-') {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (WGET_TREE_FLAGS.has(`-${ch}`)) tree = true;
        if (WGET_OVERWRITING.has(`-${ch}`)) overwrites = true;
        if (!WGET_SHORT_WITH_VALUE.has(ch)) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : (argv[++i] ?? '');
        if (ch === 'n' && value.startsWith('c')) noClobber = true;
        if (ch === 'O') values.set('--output-document', value);
        else if (ch === 'P') values.set('--directory-prefix', value);
        else if (ch === 'o') values.set('--output-file', value);
        else if (ch === 'a') values.set('--append-output', value);
        break;
      }
      continue;
    }
    if (URL_WORD.test(a)) urls.push(a);
  }
  // The log: `-o` replaces it, `-a` appends to it.
  const log = values.get('--output-file');
  if (log) sink.add('truncate', log);
  const appended = values.get('--append-output');
  if (appended) sink.add('write', appended);
  const file = values.get('--output-document');
  if (file !== undefined) {
    if (file && file !== '-' && file !== '/dev/null') sink.add('truncate', file);
    return;
  }
  if (tree) return;
  const dir = values.get('--directory-prefix');
  for (const u of urls) {
    const file = under(dir, urlFileName(u) ?? 'index.html');
    // A file of that name already there is kept: wget writes `NAME.1` beside it, or nothing with --no-clobber.
    if (overwrites || !kept?.(file)) sink.add('write', file);
    else if (!noClobber) sink.add('write', file + '.1');
  }
}

/** wget options after which a file already there is written over (or appended to): timestamping, continuing, backups, commands. */
const WGET_OVERWRITING = new Set([
  '-N',
  '--timestamping',
  '-c',
  '--continue',
  '--start-pos',
  '--backups',
  '-e',
  '--execute',
  '--config',
]);

/** aria2c short options that take a value. */
const ARIA2_SHORT_WITH_VALUE = new Set('dilojstmxkUTMuOC'.split(''));

/**
 * `aria2c -d DIR -o NAME URL…`: the download lands in DIR (the working folder
 * by default) as NAME, or as each URL's file name. aria2c renames the file
 * when one is there already (unless told otherwise), but which name it picks
 * depends on options and config files: the plain name is claimed. An input
 * file (`-i`) names its files inside it: not read here.
 */
function aria2Downloads(argv: readonly string[], sink: EffectSink): void {
  let dir: string | undefined;
  let out: string | undefined;
  const urls: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (name !== '--dir' && name !== '--out') continue;
      const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
      if (name === '--dir') dir = value;
      else out = value;
      continue;
    }
    if (a.length > 1 && a[0] === '-') {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (!ARIA2_SHORT_WITH_VALUE.has(ch)) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (ch === 'd') dir = value;
        else if (ch === 'o') out = value;
        break;
      }
      continue;
    }
    if (URL_WORD.test(a)) urls.push(a);
  }
  if (out) sink.add('truncate', under(dir, out));
  else for (const u of urls) sink.add('write', under(dir, urlFileName(u) ?? 'index.html'));
}

/** HTTPie and xh options that take a value (`-o` read apart). */
const HTTPIE_VALUE_OPTS = new Set([
  '-a',
  '--auth',
  '-A',
  '--auth-type',
  '-p',
  '--print',
  '-s',
  '--style',
  '--pretty',
  '--session',
  '--session-read-only',
  '--verify',
  '--cert',
  '--cert-key',
  '--proxy',
  '--timeout',
  '--max-redirects',
  '--boundary',
  '--format-options',
  '--response-charset',
  '--response-mime',
  '--ssl',
  '--ciphers',
  '--default-scheme',
  '--raw',
]);

interface HttpieCall {
  output?: string;
  download: boolean;
  url?: string;
}

function httpieCall(argv: readonly string[]): HttpieCall {
  const call: HttpieCall = { download: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--output') call.output = argv[++i];
    else if (a.startsWith('--output=')) call.output = a.slice(9);
    else if (/^-o./.test(a)) call.output = a.slice(2);
    else if (a === '-d' || a === '--download') call.download = true;
    else if (/^-[a-zA-Z]+$/.test(a) && a.includes('d') && !a.includes('o')) call.download = true;
    else if (HTTPIE_VALUE_OPTS.has(a)) i++;
    // The first word that is not an option or a method is the URL (`example.com/x`, `:3000/x`, `https://h/x`).
    else if (!a.startsWith('-') && call.url === undefined && !/^[A-Z]+$/.test(a)) call.url = a;
  }
  return call;
}

/**
 * `http -o FILE URL` (with or without `--download`) writes the response body
 * to FILE; `http --download URL` names the file after the URL (or what the
 * server says in Content-Disposition, see serverNamedDownload).
 */
function httpieDownloads(argv: readonly string[], sink: EffectSink): void {
  const call = httpieCall(argv);
  if (call.output !== undefined) {
    if (call.output && call.output !== '-' && call.output !== '/dev/null') sink.add('truncate', call.output);
    return;
  }
  if (call.download && call.url !== undefined)
    sink.add('write', urlFileName('x://' + call.url.replace(URL_WORD, '')) ?? 'index.html');
}

/**
 * The folder a download lands in under a name the server sends (`curl -OJ`,
 * `http --download URL` without `-o`), when it does; undefined otherwise.
 */
export function serverNamedDownload(argv: readonly string[]): string | undefined {
  const name = argv[0] ?? '';
  if (name === 'curl') {
    if (!argv.some((a) => a === '--remote-header-name' || /^-[a-zA-Z]*J/.test(a))) return undefined;
    let dir = '.';
    for (let i = 1; i < argv.length; i++)
      if (argv[i] === '--output-dir') dir = argv[i + 1] ?? dir;
      else if (argv[i].startsWith('--output-dir=')) dir = argv[i].slice(13);
    return dir;
  }
  if (name === 'http' || name === 'https' || name === 'xh' || name === 'xhs') {
    const call = httpieCall(argv);
    return call.download && call.output === undefined ? '.' : undefined;
  }
  return undefined;
}

/** wget config files and settings that make it write over a file already there (names compared without `-`/`_`, any case). */
const WGETRC_OVERWRITING_RE = /^\s*(?:timestamping|continue|outputdocument|startpos|backups)\s*=/im;

/**
 * A file wget would keep, for `kept`: a regular file there now, on a line
 * where no earlier command may have removed or made it, with no wget config
 * (`$WGETRC`, `~/.wgetrc`, `/etc/wgetrc`) that turns on writing over it.
 * Undefined (every name claimed as written) where that cannot be told.
 */
export function wgetKeptFiles(cmd: SimpleCommand, ctx: AnalysisContext): Kept | undefined {
  const stat = ctx.stat;
  if (!stat || ctx.lineMade || cmd.remote || cmd.env.WGETRC !== undefined) return undefined;
  const home = homeOf(cmd.env, ctx);
  for (const rc of [path.posix.join(home, '.wgetrc'), '/etc/wgetrc', '/usr/local/etc/wgetrc']) {
    if (!stat(rc)) continue;
    const text = ctx.readFile(rc, cmd.cwd);
    if (text === undefined || WGETRC_OVERWRITING_RE.test(text.replace(/[-_]/g, ''))) return undefined;
  }
  return (word) => {
    const r = resolveWord(word, cmd.cwd, home);
    return !r.dynamic && stat(r.abs)?.isFile === true;
  };
}

/** `curl -o FILE`, `wget URL`, `aria2c -o FILE URL`, `http --download -o FILE URL`: the download writes that file. */
export function downloadEffects(name: string, argv: readonly string[], sink: EffectSink, kept?: Kept): void {
  if (name === 'curl') curlDownloads(argv, sink);
  else if (name === 'wget') wgetDownloads(argv, sink, kept);
  else if (name === 'aria2c') aria2Downloads(argv, sink);
  else httpieDownloads(argv, sink);
}
