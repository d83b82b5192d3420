// GNU parallel's options as its own option table declares them (GNU parallel 20221122, read through Perl's
// Getopt::Long with bundling): which take a value, so that the command it runs is found past them
// (`parallel --wd ~ rm -rf ::: .ssh` runs `rm` in the home folder, not a program named `~`), and the folder each
// job runs in. An option the table does not have may take a value or not: where the command starts is not known.
import { UNKNOWN } from '../dynamic';

/** Long options that take the next word as their value (`--name value`, or `--name=value`). */
const VALUE_LONG = new Set(
  (
    'arg-file-sep argfilesep arg-file argfile arg-sep argsep basefile bf basenameextensionreplace bner ' +
    'basenamereplace bnr bin block-size blocksize block block-timeout blocktimeout bt col-sep colsep ctag-string ' +
    'ctagstring debug delay delimiter dirnamereplace dnr env extensionreplace er filter group-by groupby ' +
    'halt-on-error haltonerror halt header joblog jl jobs limit linkinputsource xapplyinputsource load max-args ' +
    'maxargs max-chars maxchars max-procs maxprocs max-replace-args maxreplaceargs memfree memsuspend min-version ' +
    'minversion nice parens process-slot-var processslotvar profile recend recstart results result res retries ' +
    'return rpl rsync-opts rsyncopts semaphore-name semaphorename id semaphore-timeout semaphoretimeout st ' +
    'seqreplace shard shell-completion shellcompletion slotreplace sql-and-worker sqlandworker sql-master ' +
    'sqlmaster sql-worker sqlworker sql ssh-delay sshdelay ssh sshloginfile slf sshlogin tag-string tagstring ' +
    'template tmpl term-seq termseq timeout tmpdir tempdir total-jobs totaljobs total transfer-file transferfile ' +
    'transfer-files transferfiles tf trc trim use-compress-program compress-program usecompressprogram ' +
    'compressprogram use-decompress-program decompress-program usedecompressprogram decompressprogram work-dir ' +
    'workdir wd'
  ).split(' '),
);

/** Long options whose value is optional: a string taken from the next word unless it starts with `-`; a number. */
const OPTIONAL_LONG = new Map([
  ['eof', 'text'],
  ['replace', 'text'],
  ['max-lines', 'number'],
  ['maxlines', 'number'],
]);

const SWITCH_LONG = new Set(
  (
    'bar bg bug cat cleanup color-failed colour-failed colorfailed colourfailed color-fail colour-fail colorfail ' +
    'colourfail cf color colour compress controlmaster csv ctag ctrl-c ctrlc dry-run dryrun dr embed eta exit fg ' +
    'fifo filter-hosts filterhosts filter-host gnu group help hgrp hostgrp hostgroup hostgroups interactive ' +
    'keep-order keeporder latest-line latestline ll line-buffer line-buffered linebuffer linebuffered lb link ' +
    'xapply max-line-length-allowed maxlinelengthallowed no-ctrl-c no-ctrlc noctrlc no-keep-order nokeeporder nok ' +
    'no-k no-run-if-empty norunifempty nonall noswap null number-of-cores numberofcores number-of-cpus ' +
    'numberofcpus number-of-sockets numberofsockets number-of-threads numberofthreads onall open-tty ' +
    'output-as-files outputasfiles files pipe-part pipepart pipe spreadstdin plain plus progress quote recordenv ' +
    'record-env regexp regex remove-rec-sep removerecsep rrs resume resume-failed resumefailed retry-failed ' +
    'retryfailed round-robin roundrobin round semaphore session shebang hashbang shell-quote shellquote ' +
    'shell_quote show-limits showlimits shuf silent skip-first-line skipfirstline tag tee tmux tmux-pane tmuxpane ' +
    'tollef transfer tty ungroup use-cores-instead-of-threads usecoresinsteadofthreads use-cpus-instead-of-cores ' +
    'usecpusinsteadofcores use-sockets-instead-of-threads usesocketsinsteadofthreads verbose version wait ' +
    'will-cite willcite nonotice no-notice xargs'
  ).split(' '),
);

const VALUE_SHORT = new Set('BEHILUWaCDdjnsNPJS');
const OPTIONAL_SHORT = new Map([
  ['e', 'text'],
  ['i', 'text'],
  ['l', 'number'],
]);
const SWITCH_SHORT = new Set('TXYghkmpqrtuvxoMV0');

const WORKDIR = new Set(['work-dir', 'workdir', 'wd']);

/** Words of options looked at, at most. */
const MAX_OPTION_WORDS = 256;

type Takes = 'value' | 'text' | 'number' | 'switch' | undefined;

/** What a long option takes: by its name, or as Getopt::Long reads a unique abbreviation (`--work` is `--workdir`). */
function longTakes(name: string): [Takes, string] {
  if (VALUE_LONG.has(name)) return ['value', name];
  if (SWITCH_LONG.has(name)) return ['switch', name];
  const optional = OPTIONAL_LONG.get(name);
  if (optional) return [optional as Takes, name];
  // Names of one option (`--work` for work-dir and workdir) or of several that take alike: read alike (Getopt::Long
  // refuses the second kind, and parallel runs nothing).
  const full = [...VALUE_LONG, ...SWITCH_LONG, ...OPTIONAL_LONG.keys()].filter((n) => n.startsWith(name));
  const kinds = new Set(full.map((n) => longTakes(n)[0]));
  if (full.length === 0 || kinds.size !== 1) return [undefined, name];
  return [[...kinds][0], full.every((n) => WORKDIR.has(n)) ? 'wd' : full[0]];
}

function shortTakes(letter: string): Takes {
  if (VALUE_SHORT.has(letter)) return 'value';
  if (SWITCH_SHORT.has(letter)) return 'switch';
  return OPTIONAL_SHORT.get(letter) as Takes;
}

function takesNext(takes: Takes, next: string | undefined): boolean {
  if (next === undefined || next.startsWith(':::')) return false;
  if (takes === 'value') return true;
  if (takes === 'text') return !next.startsWith('-');
  return takes === 'number' && /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(next);
}

export interface ParallelOptions {
  /** Where the command starts. */
  start: number;
  /** The value of --workdir, as written. */
  workdir?: string;
  /** An option parallel's table does not have, or options set at run time: where the command starts is not known. */
  unknown?: string;
}

/** `parallel`'s options, those of the PARALLEL variable first (it holds options as a line of words). */
export function parallelOptions(argv: readonly string[], fromEnv: string | undefined): ParallelOptions {
  if (fromEnv !== undefined && (/[$`\\'"]/.test(fromEnv) || fromEnv.includes(UNKNOWN)))
    return { start: 1, unknown: 'the PARALLEL variable' };
  const envWords = fromEnv?.split(/\s+/).filter(Boolean) ?? [];
  const words = ['parallel', ...envWords, ...argv.slice(1)];
  const r = readOptions(words);
  if (r.start <= envWords.length) return { ...r, start: 1, unknown: r.unknown ?? 'the PARALLEL variable' };
  return { ...r, start: r.start - envWords.length };
}

function readOptions(argv: readonly string[]): ParallelOptions {
  let workdir: string | undefined;
  let i = 1;
  for (; i < argv.length && i < MAX_OPTION_WORDS; i++) {
    const a = argv[i];
    if (a === '--') return { start: i + 1, ...(workdir !== undefined ? { workdir } : {}) };
    if (a.length < 2 || a[0] !== '-') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const [takes, name] = longTakes(eq === -1 ? a.slice(2) : a.slice(2, eq));
      if (takes === undefined) return { start: i, unknown: a };
      let value = eq === -1 ? undefined : a.slice(eq + 1);
      if (value === undefined && takesNext(takes, argv[i + 1])) value = argv[++i];
      if (WORKDIR.has(name) && value !== undefined) workdir = value;
      continue;
    }
    // A bundle of letters (`-kj 4`, `-j4`): the first that takes a value takes the rest of the word, or the next.
    for (let k = 1; k < a.length; k++) {
      const takes = shortTakes(a[k]);
      if (takes === undefined) return { start: i, unknown: a };
      if (takes === 'switch') continue;
      if (k === a.length - 1 && takesNext(takes, argv[i + 1])) i++;
      break;
    }
  }
  if (i >= MAX_OPTION_WORDS) return { start: i, unknown: 'options past the bound' };
  return { start: i, ...(workdir !== undefined ? { workdir } : {}) };
}
