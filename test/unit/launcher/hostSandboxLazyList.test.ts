// A hook call's audit record says where the host's own sandbox stands; AgentGuard's deny-write list, which only
// tells how much of it the host's list holds, is built only once that sandbox is on. Real settings files in a
// temporary home and workspace: the status is the same whether the list is given or built on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostSandboxStatus } from '../../../src/core/launcher/hostSandbox';
import { denyWriteList } from '../../../src/core/launcher/denyList';
import type { HostId } from '../../../src/core/hosts/types';

function place(): { home: string; workspace: string; stateDir: string; done: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-lazy-list-'));
  const home = path.join(root, 'home');
  const workspace = path.join(home, 'code', 'app');
  fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
  return {
    home,
    workspace,
    stateDir: path.join(home, '.local', 'state', 'agentguard'),
    done: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

function both(host: HostId, p: ReturnType<typeof place>) {
  const env = { PATH: '/usr/bin:/bin' };
  const list = denyWriteList({ home: p.home, workspace: p.workspace, stateDir: p.stateDir, env, nested: false });
  let built = 0;
  const lazy = hostSandboxStatus(
    host,
    p.workspace,
    p.home,
    () => {
      built++;
      return list;
    },
    env,
    'linux',
  );
  return { eager: hostSandboxStatus(host, p.workspace, p.home, list, env, 'linux'), lazy, built, list };
}

const writeClaude = (p: ReturnType<typeof place>, settings: object) => {
  fs.mkdirSync(path.join(p.workspace, '.claude'), { recursive: true });
  fs.writeFileSync(path.join(p.workspace, '.claude', 'settings.local.json'), JSON.stringify(settings));
};

test('no sandbox on, or one that takes no list: the deny-write list is never built, and the status is the same', () => {
  const p = place();
  try {
    // Codex's own sandbox is on by default and takes no list; Cursor's is none AgentGuard can turn on.
    for (const host of ['claude', 'codex', 'copilot', 'cursor'] as HostId[]) {
      const r = both(host, p);
      assert.deepEqual(r.lazy, r.eager, host);
      assert.equal(r.built, 0, `${host}: the list was built for ${r.lazy.status}`);
    }
    writeClaude(p, { sandbox: { enabled: false, filesystem: { denyWrite: ['/srv/x'] } } });
    const off = both('claude', p);
    assert.equal(off.lazy.status, 'off');
    assert.deepEqual(off.lazy, off.eager);
    assert.equal(off.built, 0);
  } finally {
    p.done();
  }
});

test("Claude Code's sandbox on: the list is built once, and lacking or holding AgentGuard's paths reads as before", () => {
  const p = place();
  try {
    writeClaude(p, { sandbox: { enabled: true, filesystem: { denyWrite: ['/srv/x'] } } });
    const lacking = both('claude', p);
    assert.equal(lacking.built, 1);
    assert.deepEqual(lacking.lazy, lacking.eager);
    assert.equal(lacking.lazy.status, 'on');
    assert.match(lacking.lazy.says, new RegExp(`lacks ${lacking.list.length} of AgentGuard's ${lacking.list.length}`));

    writeClaude(p, { sandbox: { enabled: true, filesystem: { denyWrite: [...lacking.list] } } });
    const held = both('claude', p);
    assert.equal(held.built, 1);
    assert.deepEqual(held.lazy, held.eager);
    assert.equal(held.lazy.status, 'on+list');
  } finally {
    p.done();
  }
});

test('a list that cannot be built once the sandbox is on fails the status, as the eager list did', () => {
  const p = place();
  try {
    writeClaude(p, { sandbox: { enabled: true } });
    assert.throws(
      () =>
        hostSandboxStatus(
          'claude',
          p.workspace,
          p.home,
          () => {
            throw new Error('unreadable');
          },
          {},
          'linux',
        ),
      /unreadable/,
    );
  } finally {
    p.done();
  }
});
