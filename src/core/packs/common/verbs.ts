// Platform CLIs share one grammar: `tool [noun…] verb [target]`, sometimes
// colon-joined (`heroku apps:destroy`, `firebase firestore:delete`) or
// hyphen-joined (`cf delete-service`). One analyzer reads that grammar, so
// a subcommand nobody listed (`fly mpg destroy`) is still judged by its verb
// and by what it names.
import { positionals } from '../../command/args';
import type { Finding, SimpleCommand } from '../../types';
import {
  ALT_LIST_FIRST,
  asksForHelp,
  classSeverity,
  deletesPhrase,
  isKindWord,
  deletionClass,
  isDryRun,
  weigh,
  type DeletionClass,
  type Effect,
} from './deletion';
import { finding } from './finding';
import { findStopVerb, stopFinding } from './stopVerbs';
import { findMachineWipe, machineWipeFinding } from './machineWipe';

/** Verbs that delete what they name. */
const DELETE_VERBS = new Set([
  'delete',
  'del',
  'destroy',
  'remove',
  'rm',
  'purge',
  'wipe',
  'erase',
  'nuke',
  'terminate',
  'drop',
  'truncate',
  'uninstall',
  'deregister',
  'unregister',
  'obliterate',
  'undeploy',
]);
/** Verbs that drop a value (a variable, a secret): small by nature. */
const UNSET_VERBS = new Set(['unset']);

/** Verbs that change something without deleting it. */
const WRITE_VERBS = new Set([
  'set',
  'add',
  'create',
  'new',
  'update',
  'deploy',
  'up',
  'push',
  'apply',
  'scale',
  'restart',
  'run',
  'exec',
  'import',
  'patch',
  'edit',
  'upgrade',
  'install',
  'promote',
  'rollback',
  'restore',
  'reset',
  'stop',
  'start',
  'attach',
  'detach',
  'unlink',
  'link',
  'enable',
  'disable',
  'put',
  'upload',
  'migrate',
  'move',
  'mv',
  'rename',
  'copy',
  'cp',
  'sync',
  'publish',
  'invite',
  'transfer',
  'resize',
  'rotate',
  'redeploy',
  'release',
  'suspend',
  'resume',
  'cancel',
  'kill',
  'execute',
  'write',
  'insert',
  'load',
  'clone',
  'fork',
  'merge',
  'close',
  'reopen',
  'archive',
  'unarchive',
  'revoke',
  'grant',
  'connect',
  'ssh',
  'shell',
  'console',
  'psql',
  'open',
  'down',
  'capture',
  'failover',
  'reboot',
  'rebuild',
  'reinstall',
  'reimage',
]);

/** Verbs (and bare nouns that list) that only look. */
const READ_VERBS = new Set([
  'list',
  'ls',
  'get',
  'show',
  'describe',
  'status',
  'logs',
  'log',
  'info',
  'whoami',
  'version',
  'help',
  'inspect',
  'view',
  'tail',
  'diff',
  'plan',
  'preview',
  'validate',
  'lint',
  'search',
  'history',
  'top',
  'explain',
  'output',
  'graph',
  'providers',
  'fmt',
  'check',
  'doctor',
  'login',
  'logout',
  'auth',
  'completion',
  'docs',
  'ping',
  'test',
  'config',
  'pull',
  'read',
  'watch',
  'metrics',
  'usage',
  'print',
  'env',
  'browse',
  'releases',
  'ps',
  'regions',
  'sizes',
  'me',
  'tree',
  'query',
  'download',
  'export',
  'dump',
  'variables',
  'vars',
  'domains',
  'addons',
  'apps',
  'projects',
  'access',
  'whois',
  'backups',
  'dev',
  'emulators',
  'serve',
  'local',
]);

/**
 * Unambiguous verbs other than deleting ones: once one is read, the words
 * after it are arguments (`doctl compute droplet get remove-later`).
 */
const OTHER_VERBS = new Set([
  'list',
  'ls',
  'get',
  'show',
  'describe',
  'view',
  'inspect',
  'create',
  'add',
  'set',
  'update',
  'deploy',
  'run',
  'exec',
  'open',
  'tail',
  'logs',
  'search',
  'scale',
  'restart',
  'start',
  'stop',
  'attach',
  'connect',
  'ssh',
  'import',
  'export',
  'push',
  'pull',
  'apply',
  'edit',
  'patch',
  'rename',
  'copy',
  'move',
  'clone',
  'status',
  'info',
  'login',
  'logout',
  'link',
  'up',
]);

export interface VerbHit {
  verb: string;
  /** Index of the positional holding the verb. */
  index: number;
  /** Nouns before the verb (`volume` in `railway volume delete`), plus any joined to it (`service` in `delete-service`). */
  nouns: string[];
  /** The noun the verb acts on, nearest to it. */
  object?: string;
  /** What comes right after the verb: usually the resource name. */
  target?: string;
}

/**
 * Finds the first deleting verb within the first `depth` positionals: a word
 * (`delete`), the head of a joined word (`delete-service`, `purge_queue`) or
 * its tail (`service-instance-delete`, `app-remove`), or a part of a
 * colon-joined path (`apps:destroy`).
 */
/**
 * An API action spelled in PascalCase, as Alibaba, Tencent and Huawei Cloud's CLIs take them
 * (`DeleteInstance`, `TerminateInstances`), in its words; any other word whole (a camelCase
 * word is more often a name of the project's own: `migrations:wipeUsers`).
 */
function camelPieces(word: string): string[] {
  if (!/^[A-Z][a-z0-9]+[A-Z]/.test(word) || !/^[A-Za-z0-9]+$/.test(word)) return [word.toLowerCase()];
  return (word.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [word]).slice(0, 8).map((w) => w.toLowerCase());
}

export function findDeleteVerb(words: readonly string[], depth = 5): VerbHit | undefined {
  const nouns: string[] = [];
  const limit = Math.min(depth, words.length);
  for (let i = 0; i < limit; i++) {
    const parts = words[i].split(':');
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j].toLowerCase();
      // The first word is often a product named like a verb (`gcloud run`, `gh run`).
      if (i > 0 && OTHER_VERBS.has(part)) return undefined;
      const pieces =
        part.includes('-') || part.includes('_') ? part.split(/[-_]/).filter(Boolean) : camelPieces(parts[j]);
      const head = pieces[0] ?? part;
      const tail = pieces[pieces.length - 1] ?? part;
      const headVerb = DELETE_VERBS.has(head) || UNSET_VERBS.has(head);
      const tailVerb = !headVerb && pieces.length > 1 && (DELETE_VERBS.has(tail) || UNSET_VERBS.has(tail));
      if (headVerb || tailVerb) {
        // `delete-service`, `service-instance-delete`, `pg:backups:delete`: nouns on either side of the verb.
        const joined = headVerb ? pieces.slice(1) : pieces.slice(0, -1);
        const all = [...nouns, ...joined];
        const object = joined.length ? joined[joined.length - 1] : nouns[nouns.length - 1];
        const restOfWord = parts.slice(j + 1);
        const after = restOfWord.length ? undefined : words[i + 1];
        return { verb: headVerb ? head : tail, index: i, nouns: [...all, ...restOfWord], object, target: after };
      }
      nouns.push(...pieces);
    }
  }
  return undefined;
}

export function isUnsetVerb(verb: string): boolean {
  return UNSET_VERBS.has(verb);
}

/**
 * Read when the command path holds only looking words (`railway status`,
 * `heroku pg:info`, `heroku config`); write as soon as any word changes or
 * deletes (`heroku config:set`); unknown otherwise.
 */
export function verbEffect(words: readonly string[], depth = 4): Effect | undefined {
  let read = false;
  const limit = Math.min(depth, words.length);
  for (let i = 0; i < limit; i++) {
    for (const part of words[i].toLowerCase().split(':')) {
      const head = part.split('-')[0];
      if (DELETE_VERBS.has(head) || UNSET_VERBS.has(head) || WRITE_VERBS.has(head)) return 'write';
      if (READ_VERBS.has(part) || READ_VERBS.has(head)) read = true;
    }
  }
  return read ? 'read' : undefined;
}

export interface VerbCliSpec {
  /** Finding ids are `<family>.<id>-delete`. */
  id: string;
  /** The pack family the findings belong to (default `cloud`). */
  family?: string;
  /** Product name for summaries (`Railway`). */
  product: string;
  /** Options that take a value, so the value is not mistaken for a subcommand. */
  valueOptions?: readonly string[];
  /** Options that name the target when no positional does (`--app`, `--volume`). */
  targetOptions?: readonly string[];
  /** Class of a bare verb with no noun (`railway delete` deletes the project). */
  bare?: DeletionClass;
  /** How far into the positionals subcommands reach. */
  depth?: number;
}

export function commandWords(cmd: SimpleCommand, valueOptions: readonly string[] = []): string[] {
  return positionals(cmd.argv, valueOptions);
}

/** The first of `names` present (in order of preference: `--name` before `--resource-group`). */
function optionTarget(argv: readonly string[], names: readonly string[]): string | undefined {
  for (const n of names) {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === n && i + 1 < argv.length) return argv[i + 1];
      if (n.startsWith('--') && a.startsWith(n + '=')) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

/** The generic judgment: a deleting verb, weighed by what it names. */
export function judgeDeleteVerb(cmd: SimpleCommand, spec: VerbCliSpec, words?: string[]): Finding[] | undefined {
  if (asksForHelp(cmd.argv) || isDryRun(cmd.argv)) return undefined;
  const path = words ?? commandWords(cmd, spec.valueOptions);
  if (path[0] === 'help') return undefined;
  const hit = findDeleteVerb(path, spec.depth);
  if (!hit) return judgeMachineWipe(cmd, spec, path) ?? judgeStopVerb(cmd, spec, path);
  // Verb-first CLIs (`eksctl delete cluster NAME`): the kind follows the verb.
  if (!hit.nouns.length && hit.target && isKindWord(hit.target)) {
    hit.nouns = [hit.target];
    hit.object = hit.target;
    hit.target = path[hit.index + 2];
  }
  const target = hit.target ?? (spec.targetOptions ? optionTarget(cmd.argv, spec.targetOptions) : undefined);
  let cls: DeletionClass;
  if (isUnsetVerb(hit.verb)) cls = 'small';
  else if (!hit.nouns.length && spec.bare) cls = spec.bare;
  else cls = deletionClass(hit.nouns, hit.object);
  const severity = weigh(classSeverity(cls), target, ...hit.nouns);
  const shown = [cmd.argv[0], ...path.slice(0, hit.index + 1)].join(' ');
  return [
    finding(
      `${spec.family ?? 'cloud'}.${spec.id}-delete`,
      severity,
      `${shown} ${deletesPhrase(cls, target)} on ${spec.product}`,
      target ?? spec.product,
      ALT_LIST_FIRST,
    ),
  ];
}

/** No deleting verb: a rebuild or reimage of a machine erases its disk, judged as that disk's deletion. */
function judgeMachineWipe(cmd: SimpleCommand, spec: VerbCliSpec, path: readonly string[]): Finding[] | undefined {
  const wipe = findMachineWipe(path, spec.depth ?? 5, (w) => OTHER_VERBS.has(w));
  if (!wipe) return undefined;
  const target = path[wipe.index + 1] ?? (spec.targetOptions ? optionTarget(cmd.argv, spec.targetOptions) : undefined);
  const shown = [cmd.argv[0], ...path.slice(0, wipe.index + 1)].join(' ');
  return [machineWipeFinding(`${spec.family ?? 'cloud'}.${spec.id}-delete`, wipe, shown, target, spec.product)];
}

/** No deleting verb: a stopping one (`vm deallocate`, `flexible-server stop`) of what serves or holds data asks. */
function judgeStopVerb(cmd: SimpleCommand, spec: VerbCliSpec, path: readonly string[]): Finding[] | undefined {
  const stop = findStopVerb(path, spec.depth ?? 5, (w) => OTHER_VERBS.has(w));
  if (!stop) return undefined;
  const target = path[stop.index + 1] ?? (spec.targetOptions ? optionTarget(cmd.argv, spec.targetOptions) : undefined);
  const shown = [cmd.argv[0], ...path.slice(0, stop.index + 1)].join(' ');
  return stopFinding(`${spec.family ?? 'cloud'}.${spec.id}-stop`, stop, shown, target, spec.product);
}
