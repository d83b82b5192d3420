// `curl -K FILE URL`, `curl --config FILE`: curl reads more of its options
// from FILE, one per line (`output = ~/.bashrc`, `-T ~/.ssh/id_ed25519`,
// `data @.env`, `url = "https://…"`), exactly as if given on the command
// line. The file is read and its options put in place of `-K FILE`, so the
// call is judged as the curl it is; one that cannot be read, or that names
// more config files, is asked about.
import * as path from 'node:path';
import { UNKNOWN } from '../dynamic';
import { parseFinding, type Pending, type Scope, type Walker } from '../normalize/scope';
import type { UnwrapStep } from './common';

/** Most option lines of one config file taken: far more than a hand-written one holds. */
const MAX_LINES = 500;

/** One config line as curl reads it: `[--]name [=|:| ] value`, the value quoted with escapes or bare to the line's end. */
function lineWords(line: string): string[] | undefined {
  const m = /^\s*(-{0,2}[A-Za-z0-9][\w-]*)(?:\s*[=:]\s*|\s+)?(.*?)\s*$/.exec(line);
  if (!m) return undefined;
  const name = m[1].startsWith('-') ? m[1] : `--${m[1]}`;
  let value = m[2];
  if (value.startsWith('"')) {
    const q = /^"((?:[^"\\]|\\.)*)"/.exec(value);
    value = (q ? q[1] : value.slice(1)).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
  } else value = value.split(/\s+/)[0] ?? '';
  return value ? [name, value] : [name];
}

function unreadConfig(file: string, why: string) {
  return {
    ...parseFinding(
      'parse.too-complex',
      60,
      `curl takes more options from ${file} (named by -K/--config), ${why}: options there choose what is sent, uploaded and written (output, upload-file, data @FILE, url)`,
      file,
    ),
    alternative: 'give curl its options on the command line',
  };
}

/** Index of each `-K FILE` / `--config FILE` / `--config=FILE` / `-KFILE` in argv, with the file and how many words it takes. */
function configWords(argv: readonly string[]): [number, string, number][] {
  const out: [number, string, number][] = [];
  for (let i = 1; i < argv.length && i < 512; i++) {
    const a = argv[i];
    if (a === '--') break;
    if ((a === '-K' || a === '--config') && argv[i + 1] !== undefined) out.push([i, argv[i + 1], 2]);
    else if (a.startsWith('--config=')) out.push([i, a.slice(9), 1]);
    else if (/^-K./.test(a)) out.push([i, a.slice(2), 1]);
  }
  return out;
}

/** The same curl call with each config file's options in place of the option naming it; undefined without one. */
export function unwrapCurlConfig(p: Pending, scope: Scope, w: Walker): UnwrapStep | undefined {
  const configs = configWords(p.argv);
  if (!configs.length) return undefined;
  const argv: string[] = [];
  const dynamic: boolean[] = [];
  let at = 0;
  for (const [i, file, width] of configs) {
    argv.push(...p.argv.slice(at, i));
    dynamic.push(...p.dynamic.slice(at, i));
    at = i + width;
    const shown = file.split(UNKNOWN).join('');
    const abs = path.resolve(scope.cwd, file);
    const known = !file.includes(UNKNOWN) && !/[$`]/.test(file) && !w.writtenUnknown.has(abs);
    const text = !known ? undefined : file === '-' ? p.stdin : (w.written.get(abs) ?? w.ctx.readFile(file, scope.cwd));
    if (text === undefined) {
      w.addFinding(
        unreadConfig(
          shown,
          'which AgentGuard could not read (missing, unreadable, too large or only known when the line runs)',
        ),
      );
      continue;
    }
    for (const line of text.split('\n').slice(0, MAX_LINES)) {
      if (/^\s*(?:#|$)/.test(line)) continue;
      const words = lineWords(line);
      if (!words) continue;
      if (words[0] === '-K' || words[0] === '--config') {
        w.addFinding(unreadConfig(shown, `which names another config file (${words[1] ?? ''})`));
        continue;
      }
      argv.push(...words);
      dynamic.push(...words.map(() => false));
    }
  }
  argv.push(...p.argv.slice(at));
  dynamic.push(...p.dynamic.slice(at));
  return { kind: 'command', next: { ...p, argv, dynamic }, via: 'curl --config' };
}
