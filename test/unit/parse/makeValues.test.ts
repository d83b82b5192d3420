// A Makefile's recipes are shell text make writes: `$<` and `$|` are no shell syntax, and make's functions
// (`$(if …)`, `$(patsubst …)`) are not commands, so a recipe holding one did not parse and the whole of `make`'s
// text was left unread. Make's automatic variables are now the rule's names, what make computes is a value known
// only at run time, and the commands `$(shell …)` runs in a recipe are judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskWorkspace } from '../support/engineHarness';

const NOTES = { '../../notes/todo.txt': 'x\n' };

function judgedMake(makefile: string, command = 'make'): { decision: string; ids: string[] } {
  const { judge, done } = diskWorkspace('ag-make-', { ...NOTES, Makefile: makefile }, { git: true });
  try {
    const r = judge(command);
    return { decision: r.decision, ids: r.findings.map((f) => f.id) };
  } finally {
    done();
  }
}

test("a recipe with make's own syntax is read, and what it runs is judged", () => {
  for (const makefile of [
    'all: main.c\n\tcc -c -o $@ $<\n\trm -rf ~/notes\n',
    'all: a.o | dir\n\techo $| $^\n\trm -rf ~/notes\n',
    'NPM := $(if $(YARN),$(YARN),npm)\nall:\n\techo $(patsubst %.c,%.o,x.c)\n\trm -rf ~/notes\n',
    'all:\n\techo $(shell rm -rf ~/notes)\n',
    'all:\n\tcp x $(@D)/y; rm -rf ~/notes\n',
  ]) {
    const r = judgedMake(makefile);
    assert.notEqual(r.decision, 'allow', makefile);
    assert.ok(r.ids.includes('fs.rm-outside-workspace'), `${makefile}: ${r.ids}`);
    assert.ok(!r.ids.includes('parse.unparseable'), `${makefile}: ${r.ids}`);
  }
});

test("make's computed values are unknown: a program or a deletion target make computes asks", () => {
  const program = judgedMake('P := $(subst x,r,xm)\nall:\n\t$(P) -rf ~/notes\n');
  assert.ok(program.ids.includes('parse.unknown-program'), program.ids.join());
  const target = judgedMake('all:\n\trm -rf $(firstword $(HOME))\n');
  assert.ok(target.ids.includes('fs.rm-unknown-target'), target.ids.join());
  const planted = judgedMake('all:\n\trm -rf $(firstword $(HOME))\n', '__runtime_value=/tmp make');
  assert.notEqual(planted.decision, 'allow', planted.ids.join());
});

test('harmless recipes with automatic variables stay quiet', () => {
  for (const makefile of [
    'all: main.o\n\tcc -o app $^\nmain.o: main.c\n\tcc -c $< -o $@\n',
    'build: src\n\tmkdir -p dist && cp -r $</. dist/ && echo built $@\n',
  ]) {
    const r = judgedMake(makefile);
    assert.equal(r.decision, 'allow', `${makefile}: ${r.ids}`);
  }
});
