// `agentguard snapshot list [--json] | show ID | restore ID | path`: the way
// back. restore puts files back byte for byte and tables back with every row.
import {
  restoreSnapshot,
  listSnapshots,
  readManifest,
  snapshotDir,
  type Manifest,
  recordEvent,
} from '../core/frontdoor/records';
import { stateDir } from '../core/frontdoor/launch';

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

export function runSnapshot(args: string[]): number {
  const dir = stateDir();
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
      process.stdout.write(
        `restored snapshot ${rest[0]}: ${r.restored.length > 5 ? `${r.restored.slice(0, 5).join(', ')} (+${r.restored.length - 5} more)` : r.restored.join(', ')}\n`,
      );
      if (r.held)
        process.stdout.write(
          `not restored (AgentGuard's own files: copy them back by hand from the blobs \`agentguard snapshot show ${rest[0]}\` names): ${r.held.join(', ')}\n`,
        );
      return 0;
    }
    default:
      process.stderr.write(USAGE);
      return 64;
  }
}
