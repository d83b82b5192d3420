// Room `effects/`: what a command does to files. fileEffects() (here) lists
// every file a command deletes, writes, truncates, moves or re-permissions;
// fileCommands.ts reads the file commands every shell has (rm, mv, cp …);
// toolWrites.ts adds the writes hidden in option values (archivers,
// downloaders, line editors), patches.ts those named inside a patch;
// pathTouch.ts says whether such a touch reaches a given path. The
// filesystem pack, protected paths, the ledger and snapshots all read effects
// from here.
//
// Which files a command writes, truncates, moves, deletes or re-permissions.
// Shared by the filesystem pack and protected-path checks.
import { remoteCopyEffects } from './remoteCopies';
import { homeOf, resolveWord } from '../command/paths';
import type { AnalysisContext, Redirect, SimpleCommand } from '../types';
import { RecentReadings } from './recent';
import type { FileEffect, FileEffectKind } from './types';
import { bracedWords } from './braces';
import { SQL_WRITERS, sqlFileEffects } from './sqlWrites';
import { databaseOutputEffects } from './databaseOutputs';
import { withLineLinks } from './lineLinks';
import { EFFECTS_BY_NAME } from './byName';
import { commandEffects, isFileTarget, isRemote } from './fileCommands';
export type { FileEffect, FileEffectKind } from './types';
export { expandBraces, MAX_BRACE_ALTERNATIVES } from './braces';
export { DOWNLOADERS, serverNamedDownload } from './downloads';
export { isMkfs, isRemote, RSYNC_DELETE_FLAGS } from './fileCommands';

function isHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('--version');
}

class Collector {
  readonly out: FileEffect[] = [];
  constructor(
    private readonly cwd: string,
    private readonly home: string,
    private readonly braces?: ReadonlyMap<string, readonly string[] | null>,
    /** A one-letter `x:` is a Windows drive (see isRemote); rsync's host words are skipped with it. */
    readonly drives = true,
  ) {}
  add(kind: FileEffectKind, word: string, recursive?: boolean, dynamicHint = false): void {
    if (!word || isRemote(word)) return;
    const alternatives = bracedWords(word, this.braces);
    if (Array.isArray(alternatives)) {
      for (const w of alternatives) if (w && !isRemote(w)) this.one(kind, w, recursive, dynamicHint);
      return;
    }
    this.one(kind, word, recursive, dynamicHint, alternatives === 'unread');
  }
  private one(kind: FileEffectKind, word: string, recursive?: boolean, dynamicHint = false, unread = false): void {
    const r = resolveWord(word, this.cwd, this.home);
    const dynamic = r.dynamic || r.tempVar || dynamicHint || /[*?[]/.test(word);
    const e: FileEffect = { kind, path: r.dynamic ? word : r.abs, dynamic };
    if (unread) e.unread = true;
    if (recursive) e.recursive = true;
    if (kind === 'delete' && !dynamic && /\/\.?$/.test(word)) e.follow = true;
    this.out.push(e);
  }
}

/** Every file effect of one simple command, redirects included. Git is judged by its own pack. */
// Several judges ask for the same command's effects (filesystem, protected paths, autorun): read once per command.
const recent = new RecentReadings<FileEffect[]>((cmd, ctx) => readEffects(cmd, ctx));

export function fileEffects(cmd: SimpleCommand, ctx: AnalysisContext): FileEffect[] {
  return recent.of(cmd, ctx);
}

function readEffects(cmd: SimpleCommand, ctx: AnalysisContext): FileEffect[] {
  const c = new Collector(cmd.cwd, homeOf(cmd.env, ctx), cmd.braces, ctx.windows === true);
  const argv = cmd.argv;
  const name = argv[0] ?? '';
  // `psql <<EOF … COPY t TO '/path' … EOF`: a client given no words still runs the SQL it reads.
  if (SQL_WRITERS.has(name) && !isHelp(argv)) {
    sqlFileEffects(name, argv, cmd.stdin, c);
    databaseOutputEffects(name, argv, c);
  }
  if (argv.length > 1 && !isHelp(argv)) {
    commandEffects(name, argv, c);
    moreEffects(name, cmd, ctx, c);
  }
  // Indexed: run for every command, and until V8 optimizes this (most of a batch) for…of allocates per step.
  for (let i = 0; i < cmd.redirects.length; i++) redirectEffect(cmd.redirects[i], c);
  return withLineLinks(c.out, cmd, homeOf(cmd.env, ctx));
}

/** Writes named by option values, folders, patches or operands (byName.ts). */
function moreEffects(name: string, cmd: SimpleCommand, ctx: AnalysisContext, c: Collector): void {
  const argv = cmd.argv;
  if (remoteCopyEffects(name, argv, c)) return;
  const read = EFFECTS_BY_NAME.get(name);
  if (read) read(argv, c, name, cmd, ctx);
}

function redirectEffect(r: Redirect, c: Collector): void {
  if (r.op === '<' || !isFileTarget(r.target)) return;
  c.add(r.op === '>>' || r.op === '&>>' || r.op === '<>' ? 'write' : 'truncate', r.target);
}
