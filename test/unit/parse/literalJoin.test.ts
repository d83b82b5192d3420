// String literals joined before code is read (parse/literalJoin.ts): Python's
// and Ruby's adjacent literals and `+` of literals are one string at run
// time, so `exec("import os;os.sys" "tem(…)")` runs os.system. The code a
// literal evaluates (Python's exec, JavaScript's eval) was read only up to
// the split, and the call ran unjudged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinLiterals } from '../../../src/core/parse/literalJoin';
import { engine } from '../support/engineHarness';

test('adjacent and added literals become one; prefixed, triple-quoted and bound-tighter ones stay', () => {
  assert.equal(joinLiterals('python', `exec("import os;os.sys" "tem('x')")`), `exec("import os;os.system('x')")`);
  assert.equal(joinLiterals('python', `x = "a" + 'b"c' + "d"`), `x = "ab\\"cd"`);
  assert.equal(joinLiterals('node', `eval("require('child_" + "process')")`), `eval("require('child_process')")`);
  // JavaScript has no adjacent literals; a prefix, a method on the second, or `%` keep them apart.
  assert.equal(joinLiterals('node', `f("a" "b")`), `f("a" "b")`);
  assert.equal(joinLiterals('python', `f"a" "b"`), `f"a" "b"`);
  assert.equal(joinLiterals('python', `"a" + "b".upper()`), `"a" + "b".upper()`);
  assert.equal(joinLiterals('python', `"%s" "%d" % (a, b)`), `"%s" "%d" % (a, b)`);
  assert.equal(joinLiterals('python', `"""a" "b"""`), `"""a" "b"""`);
  assert.equal(joinLiterals('perl', `"a" "b"`), `"a" "b"`);
});

test('a shell-out split across literals asks; joined harmless text stays quiet', () => {
  const { decide, ids } = engine();
  for (const c of [
    `python3 -c 'exec("import os;os.sys" "tem(\\"rm -rf /srv/data\\")")'`,
    `python3 -c 'eval("__imp" "ort__(\\"os\\").system(\\"rm -rf /srv/data\\")")'`,
    `python3 -c 'exec("import os;os.sys" + "tem(\\"rm -rf /srv/data\\")")'`,
    `python3 -c 'import os; os.system("rm -rf " "/srv/data")'`,
    `node -e 'eval("require(\\"child_" + "process\\").execSync(\\"rm -rf /srv/data\\")")'`,
    `ruby -e 'eval("system(\\"rm -rf " "/srv/data\\")")'`,
    // A quote inside a regular expression misleads the joiner: the code as written is still read.
    `node -e 'const q = /"/; require("child_process").execSync("rm -rf /srv/" + "data")'`,
    `node -e 'const q = /"/; require("child_process").execSync("rm -rf /srv/data")'`,
  ])
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  for (const c of [
    `python3 -c 'print("a" "b")'`,
    `python3 -c 'exec("print(" "1)")'`,
    `node -e 'console.log("a" + "b")'`,
    `node -e 'eval("1 + " + "2")'`,
  ])
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
});
