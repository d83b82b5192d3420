// Every analyzer pack, in one list. Adding a pack means adding a module and
// one line here. Packs never import each other (or this list): what several
// read (URLs, SQL, findings, the deletion vocabulary, …) is in packs/common/,
// which imports no pack (test/unit/layout.test.ts).
import type { AnalysisContext, Pack, SimpleCommand } from '../types';
import { filesystemPack } from './filesystem';
import { systemPack } from './system';
import { clipboardAfter, secretsPack } from './secrets';
import { sharesPack } from './secrets/shares';
import { gitPack } from './git';
import { vcsPack } from './vcs';
import { sqlPack } from './sql';
import { databaseCliPack } from './databaseCli';
import { ormPack } from './orm';
import { cloudPack } from './cloud';
import { httpPack } from './http';
import { unknownPack } from './unknown';
import { guardPack } from './guard';
import { secretHuntPack } from './secretHunt';
import { autorunPack } from './autorun';
import { terminalPack } from './terminal';
import { genericCliPack } from './generic';
import { streamsPack } from './streams';
import { backupPack } from './backup';
import { identityPack } from './identity';
import { warehousePack } from './warehouse';
import { orchestrationPack } from './orchestration';
import { windowsPack } from './windows';
import { macosPack } from './macos';
import { agentsPack } from './agents';
import { outgoingPack } from './outgoing';
import { remotesAfter } from './outgoing/lineRemotes';
import { terminalPortsAfter } from './outgoing/openShells';
import { forwardsPorts } from '../environment/forwardedPorts';
import { stagedAfter } from './secrets/staged';
import { makesNothing } from '../parse/wrappers/madeOnLine';
import { setsUpHusky } from '../command/husky';

export const packs: readonly Pack[] = [
  filesystemPack,
  systemPack,
  secretsPack,
  sharesPack,
  gitPack,
  vcsPack,
  sqlPack,
  databaseCliPack,
  ormPack,
  cloudPack,
  httpPack,
  streamsPack,
  backupPack,
  identityPack,
  warehousePack,
  orchestrationPack,
  unknownPack,
  guardPack,
  secretHuntPack,
  autorunPack,
  windowsPack,
  macosPack,
  agentsPack,
  outgoingPack,
  terminalPack,
  genericCliPack,
];

// Packs per program name, with the every-command packs first. Built for a name at its first lookup, not for the
// 800-odd names at load: a hook call starts a process that reads a handful of programs, and building every list
// (an array for each name) was a good part of what loading the packs cost it.
const everyCommand: Pack[] = packs.filter((p) => p.commands === '*');
const unclaimedPacks: Pack[] = packs.filter((p) => p.commands === 'unclaimed');
const unclaimed: Pack[] = [...everyCommand, ...unclaimedPacks];
const byCommand = new Map<string, readonly Pack[]>();
/** Past this many names looked up, a name's list is built again at each lookup (a batch of made-up names stays bounded). */
const MAX_REMEMBERED_NAMES = 4096;

function packsNamed(name: string): readonly Pack[] {
  let list: Pack[] | undefined;
  for (const pack of packs) {
    if (pack.commands === '*' || pack.commands === 'unclaimed' || !pack.commands.includes(name)) continue;
    list ??= [...everyCommand];
    list.push(pack);
  }
  if (!list) return unclaimed;
  // A program only read in part (`tea`: its CI secrets) keeps the generic reading of its verbs (`tea repos delete`).
  if (list.every((p) => p.commands === '*' || p.partly?.includes(name))) list.push(...unclaimedPacks);
  return list;
}

/** Whether a pack names this program (`git`, `rm`); a name none does (`wipe`, `pyx`) is read by the generic pack only. */
export function claimedProgram(name: string): boolean {
  let list = byCommand.get(name);
  if (!list) {
    list = packsNamed(name);
    if (byCommand.size < MAX_REMEMBERED_NAMES) byCommand.set(name, list);
  }
  return list !== unclaimed;
}

/** The packs that read this command: those that name its program, else the generic reading of programs nobody names. */
export function packsFor(cmd: SimpleCommand): readonly Pack[] {
  const name = cmd.argv[0] ?? '';
  const known = byCommand.get(name);
  if (known) return known;
  const list = packsNamed(name);
  if (byCommand.size < MAX_REMEMBERED_NAMES) byCommand.set(name, list);
  return list;
}

/**
 * The context the line's next commands are judged in: files the command wrote
 * a credential into (secrets/staged.ts) and git remotes it added or re-pointed
 * (outgoing/lineRemotes.ts), which the commands after it may send to, and
 * whether it may have made files at all (a file missing now may then exist), whether it set up husky, and the
 * web terminal it starts (outgoing/openShells.ts), which a tunnel later on the line may publish.
 */
export function lineContextAfter(cmd: SimpleCommand, ctx: AnalysisContext): AnalysisContext {
  let after = terminalPortsAfter(cmd, clipboardAfter(cmd, remotesAfter(cmd, stagedAfter(cmd, ctx))));
  if (!after.huskySetUp && setsUpHusky(cmd.argv)) after = { ...after, huskySetUp: true };
  if (!after.portForwarded && forwardsPorts(cmd)) after = { ...after, portForwarded: true };
  return after.lineMade || makesNothing(cmd) ? after : { ...after, lineMade: true };
}
