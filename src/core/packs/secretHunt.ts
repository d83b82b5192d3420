// Secret hunting: searching the home folder, other projects or the system for
// tokens, keys and passwords (the first step of the PocketOS incident was
// finding a token in a file). Searching the workspace is routine; searching
// everywhere else for credentials is not.
import * as path from 'node:path';
import { positionals } from '../command/args';
import { FD_VALUE_OPTIONS, RG_VALUE_OPTIONS } from '../command/valueOptions';
import { homeOf, resolveWord } from '../command/paths';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../types';

const SECRET_PATTERN =
  /token|secret|passw(?:or)?d|passwd|api[_-]?key|apikey|credential|private[ _-]?key|BEGIN [A-Z ]*PRIVATE|sk_live|sk_test|rk_live|AKIA|ASIA|ghp_|gho_|ghs_|github_pat|glpat|xox[abpr]|AIza|bearer|authorization|aws_access|aws_secret|client_secret|DATABASE_URL|mongodb\+srv|postgres(?:ql)?:\/\//i;
const SECRET_FILE =
  /\.pem\b|id_rsa|id_ed25519|id_ecdsa|id_dsa|\.key\b|\.env\b|credentials|\.p12\b|\.pfx\b|\.npmrc|\.netrc|\.pgpass|kubeconfig|\.kube|\.aws|\.ssh|\.docker\/config|secret|token|\.git-credentials|\.vault-token/i;

const GREP_VALUES = [
  '-e',
  '--regexp',
  '-f',
  '--file',
  '-m',
  '--max-count',
  '-A',
  '-B',
  '-C',
  '--include',
  '--exclude',
  '--exclude-dir',
  '--color',
  '--colour',
  '-d',
  '-D',
  '--label',
];

/** A search root outside the workspace and the temp folders: the home folder, another project, the system. */
function broadRoots(words: readonly string[], cmd: SimpleCommand, ctx: AnalysisContext): string[] {
  const home = homeOf(cmd.env, ctx);
  const out: string[] = [];
  for (const w of words) {
    const r = resolveWord(w, cmd.cwd, home);
    if (r.dynamic) continue;
    const abs = r.abs;
    const inside = (root: string) => abs === root || abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    if (inside(ctx.workspace) || ctx.tempDirs.some(inside)) continue;
    out.push(abs === home ? '~' : abs.startsWith(home + '/') ? '~' + abs.slice(home.length) : abs);
  }
  return out;
}

function hunt(what: string, roots: readonly string[]): Finding {
  return {
    id: 'secrets.hunt',
    summary: `searches ${roots.join(', ')} for ${what}: hunting for credentials outside the workspace`,
    target: roots[0],
    alternative: 'ask the user for the credential you need instead of searching for one',
    severity: 50,
  };
}

function grepLike(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const rg = argv[0] === 'rg' || argv[0] === 'ag' || argv[0] === 'ack';
  const recursive =
    rg ||
    argv.some(
      (a) =>
        (/^-[a-zA-Z]*[rR]/.test(a) && !a.startsWith('--')) || a === '--recursive' || a === '--dereference-recursive',
    );
  if (!recursive) return undefined;
  const explicit = argv.flatMap((a, i) =>
    a === '-e' || a === '--regexp' ? [argv[i + 1] ?? ''] : a.startsWith('--regexp=') ? [a.slice(9)] : [],
  );
  const pos = positionals(argv, rg ? RG_VALUE_OPTIONS : GREP_VALUES);
  const patterns = explicit.length ? explicit : pos.slice(0, 1);
  const paths = explicit.length ? pos : pos.slice(1);
  if (!patterns.some((p) => SECRET_PATTERN.test(p))) return undefined;
  const roots = broadRoots(paths, cmd, ctx);
  return roots.length ? hunt(`'${patterns[0].slice(0, 40)}'`, roots) : undefined;
}

/** Programs that print the content of the files they are given. */
const FILE_PRINTERS = new Set([
  'cat',
  'head',
  'tail',
  'less',
  'more',
  'strings',
  'xxd',
  'od',
  'base64',
  'bat',
  'batcat',
  'nl',
  'tac',
]);

function findLike(cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const names = argv.flatMap((a, i) => (/^-i?(?:name|path|wholename|regex)$/.test(a) ? [argv[i + 1] ?? ''] : []));
  if (argv[0] === 'find') {
    const roots: string[] = [];
    for (let i = 1; i < argv.length && !argv[i].startsWith('-') && argv[i] !== '(' && argv[i] !== '!'; i++)
      roots.push(argv[i]);
    // `find ~ -type f -exec cat {} +`: every file found is printed, whatever it holds.
    const exec = argv.findIndex((a) => a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir');
    const printer = exec === -1 ? undefined : path.basename(argv[exec + 1] ?? '');
    if (printer && FILE_PRINTERS.has(printer)) {
      const broad = broadRoots(roots.length ? roots : ['.'], cmd, ctx).filter(
        (r) => r === '~' || r === '/' || !r.startsWith('~/'),
      );
      if (broad.length) return hunt(`every file it finds, printed with ${printer}`, broad);
    }
    if (!names.some((n) => SECRET_FILE.test(n))) return undefined;
    const broad = broadRoots(roots.length ? roots : ['.'], cmd, ctx);
    return broad.length
      ? hunt(`key and credential files (${names.find((n) => SECRET_FILE.test(n))})`, broad)
      : undefined;
  }
  // fd PATTERN [PATH…], locate PATTERN: the pattern names the files.
  const pos = positionals(argv, [...FD_VALUE_OPTIONS, '-x', '--exec', '-X', '--exec-batch']);
  if (
    !pos[0] ||
    (!SECRET_FILE.test(pos[0]) &&
      !argv.some((a, i) => (a === '-e' || a === '--extension') && /pem|key|p12|pfx|env/.test(argv[i + 1] ?? '')))
  )
    return undefined;
  const broad = argv[0] === 'locate' ? ['/'] : broadRoots(pos.slice(1).length ? pos.slice(1) : ['.'], cmd, ctx);
  return broad.length ? hunt(`key and credential files (${pos[0]})`, broad) : undefined;
}

export const secretHuntPack: Pack = {
  id: 'secrets',
  commands: ['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'find', 'fd', 'fdfind', 'locate', 'plocate'],
  analyze(cmd, ctx) {
    const f =
      cmd.argv[0] === 'find' ||
      cmd.argv[0] === 'fd' ||
      cmd.argv[0] === 'fdfind' ||
      cmd.argv[0] === 'locate' ||
      cmd.argv[0] === 'plocate'
        ? findLike(cmd, ctx)
        : grepLike(cmd, ctx);
    return f ? [f] : undefined;
  },
};
