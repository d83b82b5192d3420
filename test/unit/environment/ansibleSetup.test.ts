// ansible-playbook acts where its inventory says even when the command line
// names none: `$ANSIBLE_INVENTORY`, the `inventory =` of the ansible.cfg it
// reads, `$ANSIBLE_LIMIT`, and an extra variable naming the environment
// (`-e env=production`). Each asks as `-i inventory/production` does; dry runs
// (`--check`, `--diff` with it), listings and a dev inventory stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine } from '../support/engineHarness';
import { HOME, WORKSPACE } from '../support/helpers';

test("ansible's inventory from the environment, ansible.cfg or an extra variable names production", () => {
  const { decide, ids } = engine();
  for (const command of [
    'ANSIBLE_INVENTORY=inventory/production ansible-playbook site.yml',
    'export ANSIBLE_INVENTORY=inventories/prod; ansible-playbook site.yml',
    'ansible-playbook -i inventory site.yml -e env=production',
    `ansible-playbook site.yml --extra-vars '{"target_env": "prod"}'`,
    'ANSIBLE_LIMIT=prod ansible-playbook -i inventory/hosts.ini site.yml',
  ]) {
    assert.notEqual(decide(command), 'allow', command);
    assert.ok(ids(command).includes('env.production-write'), `${command}: ${ids(command)}`);
  }
  for (const command of [
    'ansible-playbook -i inventory/dev site.yml',
    'ANSIBLE_INVENTORY=inventory/dev ansible-playbook site.yml',
    'ansible-playbook -i inventory site.yml -e env=staging',
    'ansible-playbook site.yml -e version=1.2.3',
    'ANSIBLE_INVENTORY=inventory/production ansible-playbook site.yml --check --diff',
    'ansible-playbook -i inventory/production site.yml --list-hosts',
    'ansible-playbook site.yml',
  ])
    assert.equal(decide(command), 'allow', command);
});

test('the inventory of the ansible.cfg a run reads counts; one naming dev, or overridden by -i, does not', () => {
  const prod = engine({ [path.join(WORKSPACE, 'ansible.cfg')]: '[defaults]\ninventory = inventory/production\n' });
  assert.notEqual(prod.decide('ansible-playbook site.yml'), 'allow');
  assert.equal(prod.decide('ansible-playbook site.yml --check'), 'allow');
  assert.equal(prod.decide('ansible-playbook -i inventory/dev site.yml'), 'allow');
  // Another section's key is not the inventory.
  const other = engine({ [path.join(WORKSPACE, 'ansible.cfg')]: '[inventory]\ninventory = production\n' });
  assert.equal(other.decide('ansible-playbook site.yml'), 'allow');
  const dev = engine({ [path.join(WORKSPACE, 'ansible.cfg')]: '[defaults]\ninventory = inventory/dev\n' });
  assert.equal(dev.decide('ansible-playbook site.yml'), 'allow');
  // The user's own ~/.ansible.cfg when the project has none.
  const home = engine({ [path.join(HOME, '.ansible.cfg')]: '[defaults]\nhostfile = /etc/ansible/prod-hosts\n' });
  assert.notEqual(home.decide('ansible-playbook site.yml'), 'allow');
});
