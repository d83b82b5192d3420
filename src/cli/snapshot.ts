// `agentguard snapshot list [--json] | show ID | restore ID | path`: the way
// back. restore puts files back byte for byte and tables back with every row.
// With an AgentGuard service named, list, show and restore are the service's
// snapshots (channels/service/snapshots.ts); `path` is still the user's copy.
import {
  restoreSnapshot,
  listSnapshots,
  readManifest,
  snapshotDir,
  type Manifest,
  recordEvent,
} from '../core/frontdoor/records';
import { readStateDir } from './stateRead';
import { serviceConfig, type ServiceConfig } from '../core/frontdoor/records';
import { ownAddress } from '../channels/service/client';
import { keptSnapshot, keptSnapshots, recordKeptRestore, restoreKeptSnapshot } from '../channels/service/snapshots';

const USAGE = 'usage: agentguard snapshot list [--json] | show ID | restore ID | path\n';

function summary(m: Manifest): object {
  return {
    id: m.id,
    time: m.time,
    kind: m.kind,
    targets: m.targets,
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
    bytes: m.bytes,
    ...(m.files ? { files: m.files.filter((f) => f.type === 'file').length } : {}),
    ...(m.database ? { engine: m.database.engine, scope: m.database.scope } : {}),
  };
}

function line(m: Manifest): string {
  const what =
    m.targets.length > 3 ? `${m.targets.slice(0, 3).join(', ')} (+${m.targets.length - 3})` : m.targets.join(', ');
  return `${m.id}  ${m.time}  ${m.kind.padEnd(8)}  ${what}${m.subject ? `  ← ${m.subject.length > 60 ? m.subject.slice(0, 57) + '...' : m.subject}` : ''}\n`;
}

export async function runSnapshot(args: string[]): Promise<number> {
  const service = serviceConfig();
  if (service && args[0] !== 'path') return runKeptSnapshot(service, args);
  const dir = readStateDir('snapshot');
  const [sub, ...rest] = args;
  switch (sub) {
    case 'path':
      process.stdout.write(snapshotDir(dir) + '\n');
      return 0;
    case 'list': {
      const all = listSnapshots(dir);
      if (rest.includes('--json')) process.stdout.write(JSON.stringify(all.map(summary), null, 2) + '\n');
      else if (!all.length) process.stdout.write(`no snapshots yet (${snapshotDir(dir)})\n`);
      else process.stdout.write(all.map(line).join(''));
      return 0;
    }
    case 'show': {
      const m = rest[0] ? readManifest(dir, rest[0]) : undefined;
      if (!m) {
        process.stderr.write(`agentguard snapshot show: no snapshot ${JSON.stringify(rest[0] ?? '')}\n`);
        return 1;
      }
      process.stdout.write(JSON.stringify(m, null, 2) + '\n');
      return 0;
    }
    case 'restore': {
      if (!rest[0]) {
        process.stderr.write(USAGE);
        return 64;
      }
      const r = restoreSnapshot(dir, rest[0]);
      if (!r.ok) {
        process.stderr.write(`agentguard snapshot restore: ${r.error}\n`);
        return 1;
      }
      const logged = recordEvent(dir, {
        event: 'snapshot.restored',
        by: 'cli',
        snapshot: rest[0],
        changes: r.restored,
      });
      if (!logged.ok)
        process.stderr.write(
          `agentguard snapshot restore: restored, but not recorded in the audit log: ${logged.error}\n`,
        );
      restoredLines(rest[0], r);
      return 0;
    }
    default:
      process.stderr.write(USAGE);
      return 64;
  }
}

function restoredLines(id: string, r: { restored: string[]; held?: string[] }): void {
  process.stdout.write(
    `restored snapshot ${id}: ${r.restored.length > 5 ? `${r.restored.slice(0, 5).join(', ')} (+${r.restored.length - 5} more)` : r.restored.join(', ')}\n`,
  );
  if (r.held)
    process.stdout.write(
      `not restored (AgentGuard's own files: copy them back by hand from the blobs \`agentguard snapshot show ${id}\` names): ${r.held.join(', ')}\n`,
    );
}

/** The snapshots the AgentGuard service keeps: the user's own copy is not read. */
async function runKeptSnapshot(service: ServiceConfig, args: string[]): Promise<number> {
  const address = ownAddress(service);
  const [sub, ...rest] = args;
  const fail = (what: string, error: string) => {
    process.stderr.write(`agentguard snapshot ${what}: ${error}\n`);
    return 1;
  };
  switch (sub) {
    case 'list': {
      const r = await keptSnapshots(address);
      if (!r.ok) return fail('list', r.error);
      if (rest.includes('--json')) process.stdout.write(JSON.stringify(r.all.map(summary), null, 2) + '\n');
      else if (!r.all.length) process.stdout.write('no snapshots yet (kept by the AgentGuard service)\n');
      else process.stdout.write(r.all.map(line).join(''));
      return 0;
    }
    case 'show': {
      if (!rest[0]) return fail('show', 'no snapshot ""');
      const b = await keptSnapshot(address, rest[0]);
      if ('error' in b) return fail('show', b.error);
      process.stdout.write(JSON.stringify(b.manifest, null, 2) + '\n');
      return 0;
    }
    case 'restore': {
      if (!rest[0]) {
        process.stderr.write(USAGE);
        return 64;
      }
      const r = await restoreKeptSnapshot(address, rest[0]);
      if (!r.ok) return fail('restore', r.error);
      // The way back is taken whatever happens next; that the service's log lacks it is said, never passed over.
      const unrecorded = await recordKeptRestore(address, rest[0], 'cli', r.restored);
      const logged = recordEvent(readStateDir('snapshot'), {
        event: 'snapshot.restored',
        by: 'cli',
        snapshot: rest[0],
        changes: r.restored,
      });
      if (!logged.ok)
        process.stderr.write(`agentguard snapshot restore: restored, but not in your own audit log: ${logged.error}\n`);
      restoredLines(rest[0], r);
      if (unrecorded) {
        process.stderr.write(
          `agentguard snapshot restore: RESTORED BUT NOT RECORDED BY THE AGENTGUARD SERVICE: ${unrecorded}. The files above were written back; the service's audit log (the record) has no entry for this restore${logged.ok ? ', only your own log has one' : ''}. Tell your administrator.\n`,
        );
        return 1;
      }
      return 0;
    }
    default:
      process.stderr.write(USAGE);
      return 64;
  }
}
