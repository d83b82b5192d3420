// The MongoDB shells (mongosh, and the legacy mongo) run Node JavaScript:
// `mongosh --eval CODE`, `mongosh --file F` / `-f F`, and the `.js` files
// named after the connection string. Beside the database calls the database
// room judges, that code can `require("child_process")`, delete and write
// files like any node script: it is read with the reader `node -e` uses. The
// mongosh command itself is left as it is for the database room.
import type { Pending, Scope, Walker } from '../normalize/scope';
import { readBeforeRun } from './madeOnLine';
import { emitCodeReading } from './shells';
import { MAX_SCRIPT_CHARS, noteUnreadScript } from './common';
import { mayAct } from '../codeWords';

/** Most code pieces (evals and files) of one mongosh call read; a hand-written line has one or two. */
const MAX_PIECES = 16;

/** The via under which the code is read: the Mongo calls the code reader finds come back as mongosh lines, not re-read. */
const VIA = 'mongosh code';

/** `load("seed.js")` in the shell's code: the file runs in the same shell. */
const LOAD_CALL = /\bload\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** Reads code for what the node reader acts on; the database calls alone are the database room's (and read there once). */
function readShellCode(code: string, p: Pending, scope: Scope, w: Walker): void {
  if (mayAct('node', code, false)) emitCodeReading('node', code, p, scope, w, VIA);
}

/** The code mongosh runs from its words: `--eval` values, `--file`/`-f` files, and positional `.js` files. */
function mongoCodeWords(p: Pending): { evals: string[]; files: string[] } {
  const argv = p.argv;
  const evals: string[] = [];
  const files: string[] = [];
  for (let i = 1; i < argv.length && evals.length + files.length < MAX_PIECES; i++) {
    const a = argv[i];
    if (a === '--eval' && argv[i + 1] !== undefined) evals.push(argv[++i]);
    else if (a.startsWith('--eval=')) evals.push(a.slice(7));
    else if ((a === '--file' || a === '-f') && argv[i + 1] !== undefined) files.push(argv[++i]);
    else if (a.startsWith('--file=')) files.push(a.slice(7));
    else if (!a.startsWith('-') && /\.[cm]?js$/i.test(a) && !p.dynamic[i]) files.push(a);
  }
  // Files the evaluated code loads run as the named ones do (one level: a loaded file's own loads are not followed).
  for (const code of evals) for (const m of code.matchAll(LOAD_CALL)) if (files.length < MAX_PIECES) files.push(m[2]);
  return { evals, files };
}

export function unwrapMongoShell(p: Pending, scope: Scope, w: Walker): undefined {
  if (scope.via.includes(VIA)) return undefined;
  const prog = p.argv[0];
  const { evals, files } = mongoCodeWords(p);
  for (const code of evals) readShellCode(code, p, scope, w);
  for (const file of files) {
    const via = `${prog} ${file}`;
    const text = readBeforeRun(file, p, scope, w, via);
    noteUnreadScript(file, text, scope, w, via);
    if (text !== undefined && text.length <= MAX_SCRIPT_CHARS) readShellCode(text, p, scope, w);
  }
  return undefined;
}
