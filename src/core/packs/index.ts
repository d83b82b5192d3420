// Every analyzer pack, in one list. Adding a pack means adding a module and
// one line here. Packs never import each other (or this list): what several
// read (URLs, SQL, findings, the deletion vocabulary, …) is in packs/common/,
// which imports no pack (test/unit/layout.test.ts).
import type { Pack } from '../types';
import { filesystemPack } from './filesystem';
import { systemPack } from './system';
import { secretsPack } from './secrets';
import { sharesPack } from './secrets/shares';
import { gitPack } from './git';
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

export const packs: readonly Pack[] = [
  filesystemPack,
  systemPack,
  secretsPack,
  sharesPack,
  gitPack,
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
