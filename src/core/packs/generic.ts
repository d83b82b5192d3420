// The generic reading of command-line tools no pack knows. Most CLIs of
// services share one grammar: `TOOL [NOUN…] VERB [TARGET]` (`hcloud server
// delete web-1`), its joined spellings (`apps:destroy`, `delete-service`,
// `service-instance-delete`, `purge_queue`), verb-first forms (`delete
// addon X`), verbs given as flags (`--delete --topic orders`) and verbs in
// the program's own name (`kafka-delete-records`). The verb says what
// happens; the nouns say to what (the same word classes the cloud CLIs are
// weighed by: backups, projects, stored data, running services, settings,
// single items); a target named like production makes any change there
// count. A tool's own pack, once it has one, knows better: this only reads
// programs no pack claims.
import { positionals } from '../command/args';
import type { Finding, Pack, SimpleCommand } from '../types';
import {
  ALT_LIST_FIRST,
  asksForHelp,
  classNoun,
  classSeverity,
  deletionClass,
  isKindWord,
  weigh,
  type DeletionClass,
} from './common/deletion';
import { findDeleteVerb, type VerbHit } from './common/verbs';
import { analyzeSql } from './common/sql';
import { retentionOption } from './common/retention';
import { finding } from './common/finding';
import { machineFindings } from './common/machines';
import { maybeChanges } from './common/firstLooks';

/** Verbs that empty or expire what they name rather than delete it by name: they matter only for data, backups and whole projects. */
const EMPTYING_VERBS = new Set(['reset', 'clear', 'flush', 'prune', 'expire', 'trim', 'forget', 'evict', 'cleanup']);
/** Verbs that change a running service: on a production-named target they are a production change. */
const CHANGE_VERBS = new Set([
  'deploy',
  'redeploy',
  'restart',
  'scale',
  'rollback',
  'restore',
  'promote',
  'migrate',
  'exec',
  'ssh',
  'console',
  'shell',
  'reset',
  'stop',
  'set',
  'unset',
  'update',
  'apply',
  'sync',
  'push',
  'release',
  'publish',
  'upgrade',
  'import',
  'load',
  'failover',
  'suspend',
  'disable',
  'enable',
  'rotate',
  'replace',
  'patch',
  'edit',
  'kill',
  'reboot',
  'resize',
  'detach',
]);
/** Flags named for a destructive action, and the option that names the thing it acts on. */
const FLAG_VERBS = new Set([
  '--delete',
  '--purge',
  '--drop',
  '--wipe',
  '--truncate',
  '--destroy',
  '--remove',
  '--delete-all',
  '--purge-all',
  '--drop-all',
]);
const PRODUCTION_NAME = /(?:^|[^a-z0-9])(?:prod|production|prd|live)\d*(?:[^a-z0-9]|$)/i;
/** Programs that only look or build, never reach a service: their words are arguments, not a service's grammar. */
const NOT_A_SERVICE_CLI = new Set([
  'man',
  'tldr',
  'info',
  'help',
  'apropos',
  'whatis',
  'history',
  'alias',
  'unalias',
  'complete',
  // Task runners: their words name recipes (`make purge`), which are judged by what the recipes run where they can be read.
  'make',
  'gmake',
  'just',
  'task',
  'mage',
  'invoke',
  'nox',
  'tox',
  'earthly',
  'bazel',
  'go',
  'cargo',
  'dotnet',
  'deno',
  'bun',
]);
const MAX_WORDS = 6;
/** Verbs that, with nothing named, take down everything the tool manages. */
const BARE_DESTROY = new Set(['destroy', 'nuke', 'obliterate', 'teardown', 'undeploy']);
/** Flags that, with nothing named, make a deleting verb take everything the tool installed (`istioctl uninstall --purge`). */
const EVERYTHING_FLAGS = new Set(['--purge', '--all']);
/**
 * Package and environment managers of this machine: `--all` removes every
 * package or a whole environment (`pipx uninstall --all`, `conda remove -n x
 * --all`), which a reinstall brings back. Not a service's resources.
 */
const LOCAL_PACKAGE_TOOLS = new Set([
  'pip',
  'pip3',
  'pipx',
  'uv',
  'conda',
  'mamba',
  'micromamba',
  'poetry',
  'pdm',
  'brew',
  'port',
  'gem',
  'rustup',
  'nvm',
  'fnm',
  'volta',
  'pyenv',
  'rbenv',
  'asdf',
  'mise',
  'sdk',
  'opam',
  'cabal',
  'ghcup',
  'choco',
  'scoop',
  'winget',
  'flatpak',
  'snap',
  'nix-env',
  'ollama',
]);
/** Verbs strong enough that an unnamed kind of thing is taken to be a running service. */
const STRONG_VERBS = new Set(['destroy', 'nuke', 'obliterate', 'terminate', 'purge', 'wipe', 'erase', 'undeploy']);
/** Flags that say the command is aimed at production. */
const PRODUCTION_FLAGS = new Set(['--prod', '--production', '--live', '--prd']);

const isClassWithData = (cls: DeletionClass): boolean =>
  cls === 'backup' || cls === 'top' || cls === 'data' || cls === 'service';

/** `--delete-namespaces`, `--purge-volumes`, `--drop-db`: a flag that deletes a kind of thing. */
const FLAG_DELETES_KIND = /^--(?:delete|purge|drop|wipe|destroy|remove)-([a-z]+)$/;

function flagVerb(argv: readonly string[]): VerbHit | undefined {
  for (let i = 1; i < argv.length && i < 24; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    const kind = FLAG_DELETES_KIND.exec(a);
    if (kind && isKindWord(kind[1]))
      return { verb: a.slice(2).split('-')[0], index: -1, nouns: [kind[1]], object: kind[1] };
    if (!a.startsWith('--') || !FLAG_VERBS.has(a)) continue;
    // The object is named by a sibling option: `--topic orders`, `--group billing`, `--index logs`.
    const nouns: string[] = [];
    let target: string | undefined;
    for (let j = 1; j < argv.length && j < 32; j++) {
      const o = argv[j];
      if (!o.startsWith('--') || j === i) continue;
      const name = o.slice(2).split('=')[0];
      if (!isKindWord(name)) continue;
      nouns.push(name);
      target ??= o.includes('=') ? o.slice(o.indexOf('=') + 1) : argv[j + 1];
    }
    return { verb: a.slice(2).split('-')[0], index: -1, nouns, object: nouns[0], target };
  }
  return undefined;
}

/** Verbs that delete a service's resources; package managers say `uninstall`, `remove` or `rm`, where `-a` means every version (`gem uninstall -a rails`). */
const RESOURCE_VERBS = new Set(['delete', 'destroy', 'terminate', 'nuke', 'obliterate']);

/**
 * The kind a verb with no noun acts on, named by an option instead
 * (`kapp delete --app api`). `-a` names the app on platform CLIs (heroku,
 * fly, kapp) and means "all" on the rest: more than one item either way.
 */
function optionNoun(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length && i < 24; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (a === '-a') return 'app';
    if (!a.startsWith('--')) continue;
    const name = a.slice(2).split('=')[0];
    if (isKindWord(name)) return name;
  }
  return undefined;
}

/** `kafka-delete-records`, `pg-drop-all`: the program's own name holds the verb. */
function nameVerb(name: string): VerbHit | undefined {
  if (!name.includes('-') && !name.includes('_')) return undefined;
  const hit = findDeleteVerb(
    [
      name
        .replace(/\.(?:sh|py|rb|js)$/, '')
        .split(/[-_]/)
        .slice(1)
        .join('-'),
    ],
    1,
  );
  return hit ? { ...hit, target: undefined } : undefined;
}

function emptyingVerb(words: readonly string[]): VerbHit | undefined {
  const nouns: string[] = [];
  for (let i = 0; i < words.length && i < MAX_WORDS - 1; i++) {
    const w = words[i].toLowerCase();
    if (EMPTYING_VERBS.has(w))
      return { verb: w, index: i, nouns: [...nouns], object: nouns[nouns.length - 1], target: words[i + 1] };
    nouns.push(...w.split(/[-_:]/));
  }
  return undefined;
}

function productionTarget(cmd: SimpleCommand, words: readonly string[]): string | undefined {
  for (const w of words.slice(0, MAX_WORDS + 2)) if (PRODUCTION_NAME.test(w)) return w;
  const argv = cmd.argv;
  for (let i = 1; i < argv.length && i < 32; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) continue;
    if (PRODUCTION_FLAGS.has(a)) return a;
    const eq = a.indexOf('=');
    const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    // Option values only: an option's value that starts with a dash is the next option.
    if (value && !value.startsWith('-') && PRODUCTION_NAME.test(value)) return value;
  }
  return undefined;
}

/** Options through which warehouse and database CLIs nobody named take SQL. */
const SQL_OPTIONS = new Set(['-e', '--execute', '-q', '--query', '--sql', '--command', '--statement', '-c', '-s']);
const SQL_START =
  /^\s*(?:drop|truncate|delete|update|alter|grant|vacuum|create\s+or\s+replace|merge|insert\s+overwrite)\b/i;

/** Destructive SQL handed to an unknown CLI (`dbsqlcli -e 'DROP TABLE …'`) and retention cut through its options. */
function sqlAndRetention(cmd: SimpleCommand): Finding[] {
  const argv = cmd.argv;
  const out: Finding[] = [];
  for (let i = 1; i < argv.length - 1 && i < 32; i++) {
    if (SQL_OPTIONS.has(argv[i]) && SQL_START.test(argv[i + 1])) {
      out.push(...analyzeSql(argv[i + 1], `${argv[0]} ${argv[i]}`));
      break;
    }
  }
  const cut = retentionOption(cmd);
  if (cut) out.push(cut);
  return out;
}

// Words without which this reading finds nothing (a deleting, emptying or changing verb, a production name, a
// retention setting or SQL): maybeChanges, common/firstLooks.ts. Most commands hold none of them.

function analyze(cmd: SimpleCommand): Finding[] | undefined {
  const argv = cmd.argv;
  const name = argv[0] ?? '';
  if (
    !name ||
    name.includes('/') ||
    NOT_A_SERVICE_CLI.has(name) ||
    argv.length < 2 ||
    !maybeChanges(cmd.source) ||
    asksForHelp(argv)
  )
    return undefined;
  // A local machine deleted with its disk (vagrant, multipass, virsh, limactl, colima …): its own reading.
  const machine = machineFindings(name, argv);
  if (machine) return [machine];
  const data = argv.length > 2 ? sqlAndRetention(cmd) : [];
  if (data.length) return data;
  const words = positionals(argv).slice(0, MAX_WORDS + 2);
  if (words[0] === 'help') return undefined;

  let hit = findDeleteVerb(words, MAX_WORDS) ?? flagVerb(argv) ?? nameVerb(name);
  let emptying = false;
  if (!hit) {
    hit = emptyingVerb(words);
    emptying = hit !== undefined;
  }
  const production = productionTarget(cmd, words);
  if (hit) {
    // Verb-first (`northflank delete addon X`): the kind follows the verb.
    if (!hit.nouns.length && hit.target && isKindWord(hit.target)) {
      hit = { ...hit, nouns: [hit.target], object: hit.target, target: words[hit.index + 2] };
    }
    // `kapp delete -a api`: no noun among the words, but an option names the kind.
    const named = hit.nouns.length || !RESOURCE_VERBS.has(hit.verb) ? undefined : optionNoun(argv);
    if (named) hit = { ...hit, nouns: [named], object: named };
    // `waypoint destroy`, `tool nuke`, `istioctl uninstall --purge`: a bare destroying verb takes down what the tool deploys.
    const bare =
      !hit.nouns.length &&
      (hit.target === undefined || hit.target.startsWith('-')) &&
      (BARE_DESTROY.has(hit.verb) || (argv.some((a) => EVERYTHING_FLAGS.has(a)) && !LOCAL_PACKAGE_TOOLS.has(name)));
    let cls = bare ? 'service' : deletionClass(hit.nouns, hit.object);
    if (cls === 'other' && STRONG_VERBS.has(hit.verb)) cls = 'service';
    // `--all`: every one of them, whatever a single one weighs.
    if ((cls === 'other' || cls === 'small') && argv.includes('--all') && !LOCAL_PACKAGE_TOOLS.has(name))
      cls = 'service';
    const shown = [name, ...(hit.index >= 0 ? words.slice(0, hit.index + 1) : [`--${hit.verb}`])].join(' ');
    const target = hit.target ?? production;
    const weighty = isClassWithData(cls) || cls === 'config';
    if (!emptying && weighty) {
      return [
        destructiveVerb(
          `${shown} ${target ? `deletes ${target} (${classNoun(cls)})` : `deletes ${classNoun(cls)}`}`,
          weigh(classSeverity(cls), target, ...hit.nouns),
          target ?? name,
        ),
      ];
    }
    if (emptying && isClassWithData(cls)) {
      return [
        destructiveVerb(
          `${shown} empties or expires ${classNoun(cls)}${target ? ` (${target})` : ''}`,
          weigh(classSeverity(cls) - 5, target, ...hit.nouns),
          target ?? name,
        ),
      ];
    }
    // A single item, or an unnamed kind of thing: routine (`pip uninstall x`), unless production is named; emptying a cache is routine anywhere.
    if (production && !emptying)
      return [destructiveVerb(`${shown} deletes ${production}, named like production`, 60, production)];
    return undefined;
  }
  if (production && words.slice(0, 4).some((w) => CHANGE_VERBS.has(w.toLowerCase().split(/[-_:]/).pop() ?? ''))) {
    return [
      {
        id: 'cli.production-change',
        summary: `${name} ${words.slice(0, 3).join(' ')} changes ${production}, named like production`,
        target: production,
        alternative: 'make the change on staging first, and let the user run it against production',
        severity: 60,
      },
    ];
  }
  return undefined;
}

function destructiveVerb(summary: string, severity: number, target: string): Finding {
  return finding('cli.destructive-verb', severity, summary, target, ALT_LIST_FIRST);
}

export const genericCliPack: Pack = {
  id: 'cli',
  commands: 'unclaimed',
  analyze,
};
