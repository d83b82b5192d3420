// What the tests that make real OS accounts share (the service world here,
// the end-to-end service machine through the compiled copy): whether this
// machine lets them, and uids no account or group has yet. Each harness adds
// its accounts to a copy of the account files it shows at /etc, so the
// machine's own are never written.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export const BWRAP = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((p) => fs.existsSync(p));

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** Why accounts cannot be made and used here, or undefined when they can. `what`: what the accounts are shown for. */
export function cannotMakeAccounts(what: string): string | undefined {
  if (process.platform !== 'linux')
    return 'the AgentGuard service runs on Linux here (launchd and Windows definitions are text-tested)';
  if (process.getuid?.() !== 0)
    return 'creating OS users and running processes under them needs root (CI runs as root)';
  if (!BWRAP) return `bubblewrap is needed to show ${what} at /etc`;
  if (!has('useradd') || !has('setpriv')) return 'useradd and setpriv are needed';
  return undefined;
}

function idsIn(file: string): number[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => Number(l.split(':')[2]))
    .filter(Number.isFinite);
}

/** `count` uids, each free as a user and as a group id on this machine. `base`: where to look (harnesses that may run at once use apart ranges). */
export function freeIds(count: number, base: number): number[] {
  const taken = new Set([...idsIn('/etc/passwd'), ...idsIn('/etc/group')]);
  const out: number[] = [];
  for (let i = 0; out.length < count && i < 1000; i++) {
    const id = base + Math.floor(Math.random() * 3000);
    if (!taken.has(id)) {
      taken.add(id);
      out.push(id);
    }
  }
  if (out.length < count) throw new Error('no free uid');
  return out;
}
