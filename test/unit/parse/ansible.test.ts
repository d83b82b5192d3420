// Ansible runs commands on other machines: the module arguments of an ad hoc
// call and the tasks of a playbook (shell, command, raw, script, and a file
// set absent) are judged as commands on those hosts, and an inventory, limit
// or host pattern named for production makes a production target. A check
// run, a ping and a playbook of harmless tasks stay quiet; a playbook that is
// there but cannot be read asks. Real files, the whole engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';
import { MAX_BLOCK_LINES, playbookTasks } from '../../../src/core/parse/ansible';

const SITE = `- hosts: webservers
  become: true
  tasks:
    - name: clean
      ansible.builtin.shell: rm -rf /var/lib/postgresql
    - name: uptime
      command: uptime
  roles:
    - web
`;
const ROLE = `- name: wipe uploads
  file:
    path: /srv/uploads
    state: absent
`;
const QUIET = `- hosts: all
  tasks:
    - command: uptime
    - shell: |
        systemctl status nginx
        df -h
    - file: path=/tmp/build state=directory
`;

test('the commands of a playbook are read: shell, command, raw in every spelling, a file set absent', () => {
  const t = playbookTasks(
    `- hosts: db\n  tasks:\n    - shell: >\n        rm -rf\n        /data\n    - command:\n        cmd: dropdb shop\n    - raw: reboot\n    - file: path=/srv/x state=absent\n    - import_tasks: more.yml\n`,
  );
  assert.equal(t.hosts, 'db');
  assert.deepEqual(t.commands, ['rm -rf\n/data', 'dropdb shop', 'reboot', 'rm -rf "/srv/x"']);
  assert.deepEqual(t.includes, ['more.yml']);
});

test("a playbook's destructive tasks, its roles' included, are judged as run on its hosts", () => {
  const ws = diskWorkspace('ag-ansible-', { 'site.yml': SITE, 'roles/web/tasks/main.yml': ROLE, 'quiet.yml': QUIET });
  try {
    const r = ws.judge('ansible-playbook -i staging site.yml');
    assert.equal(r.decision, 'ask');
    const targets = r.findings.map((f) => f.target);
    assert.ok(targets.includes('/var/lib/postgresql'), JSON.stringify(targets));
    assert.ok(targets.includes('/srv/uploads'), JSON.stringify(targets));
    // A production inventory is a production target, even for harmless tasks; a check run changes nothing.
    const prod = ws.judge('ansible-playbook -i inventories/prod quiet.yml');
    assert.equal(prod.decision, 'ask');
    assert.ok(prod.environment.production);
    assert.equal(ws.judge('ansible-playbook -i inventories/prod quiet.yml --check').decision, 'allow');
    assert.equal(ws.judge('ansible-playbook -i staging quiet.yml').decision, 'allow');
    assert.equal(ws.judge('ansible-playbook -i staging missing.yml').decision, 'allow');
  } finally {
    ws.done();
  }
});

test('a playbook that is there but too large to read asks', () => {
  const big = `- hosts: all\n  tasks:\n${'    - command: uptime\n'.repeat(20000)}`;
  const ws = diskWorkspace('ag-ansible-', { 'big.yml': big });
  try {
    const r = ws.judge('ansible-playbook big.yml');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex'));
  } finally {
    ws.done();
  }
});

test('ad hoc module arguments run on the named hosts; a production pattern is production', () => {
  const ws = diskWorkspace('ag-ansible-', {});
  try {
    const r = ws.judge("ansible -i inventory prod -m command -a 'systemctl stop postgresql'");
    assert.equal(r.decision, 'ask');
    assert.ok(r.environment.production, JSON.stringify(r.environment));
    assert.equal(ws.judge("ansible all -m shell -a 'rm -rf /'").decision, 'deny');
    assert.equal(ws.judge("ansible prod -m apt -a 'name=nginx state=latest'").decision, 'ask');
    for (const quiet of ['ansible all -m ping', 'ansible prod -m ping', "ansible prod -m shell -a 'uptime'"])
      assert.equal(ws.judge(quiet).decision, 'allow', quiet);
  } finally {
    ws.done();
  }
});

test("a module's settings past the lines read of one block ask; a long block inside the bound is read", () => {
  const filler = (n: number): string => Array.from({ length: n }, (_, i) => `    owner_note_${i}: x\n`).join('');
  const past = `- hosts: all\n  tasks:\n  - file:\n${filler(MAX_BLOCK_LINES + 4)}    path: /srv/uploads\n    state: absent\n`;
  const within = `- hosts: all\n  tasks:\n  - file:\n${filler(MAX_BLOCK_LINES - 4)}    path: /srv/uploads\n    state: absent\n`;
  const calm = `- hosts: all\n  tasks:\n  - file:\n${filler(MAX_BLOCK_LINES - 4)}    path: /srv/cache\n    state: directory\n`;
  assert.equal(playbookTasks(past).pastBlockBound, true);
  assert.equal(playbookTasks(within).pastBlockBound, undefined);
  const ws = diskWorkspace('ag-ansible-', { 'past.yml': past, 'within.yml': within, 'calm.yml': calm });
  try {
    const r = ws.judge('ansible-playbook -i staging past.yml');
    assert.equal(r.decision, 'ask', JSON.stringify(r.findings));
    assert.ok(r.findings.some((f) => f.id === 'parse.too-complex'));
    const read = ws.judge('ansible-playbook -i staging within.yml');
    assert.ok(
      read.findings.some((f) => f.target === '/srv/uploads'),
      JSON.stringify(read.findings),
    );
    assert.equal(ws.judge('ansible-playbook -i staging calm.yml').decision, 'allow');
  } finally {
    ws.done();
  }
});
