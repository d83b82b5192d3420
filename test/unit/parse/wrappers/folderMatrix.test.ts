// Every way a call names the folder a runner works in, crossed with the ways a folder is spelled: the tasks judged
// are the ones of the folder named, never the working directory's of the same name. One table, so a runner or
// wrapper that gains a folder option is checked in every spelling (packageFolder.ts, runnerFolders.ts, makefile.ts,
// env.ts, the `cd` builtins).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';
import { HOME, WORKSPACE } from '../../support/helpers';

const OTHER = `${HOME}/code/billing`;
const HARM = 'rm -rf ~';
const QUIET = 'rm -rf dist';

/** The `clean` task of every runner below, running `body`, in `dir`. */
function taskFiles(dir: string, body: string): Record<string, string> {
  return {
    [`${dir}/package.json`]: JSON.stringify({ name: dir.split('/').pop(), scripts: { clean: body } }),
    [`${dir}/Makefile`]: `clean:\n\t${body}\n`,
    [`${dir}/justfile`]: `clean:\n    ${body}\n`,
    [`${dir}/Taskfile.yml`]: `version: '3'\ntasks:\n  clean:\n    cmds:\n      - ${body}\n`,
    [`${dir}/Rakefile`]: `task :clean do\n  sh "${body}"\nend\n`,
    [`${dir}/composer.json`]: JSON.stringify({ scripts: { clean: body } }),
    [`${dir}/pyproject.toml`]: `[tool.pdm.scripts]\nclean = "${body}"\n\n[tool.poe.tasks]\nclean = "${body}"\n`,
    [`${dir}/mise.toml`]: `[tasks.clean]\nrun = "${body}"\n`,
    [`${dir}/Makefile.toml`]: `[tasks.clean]\nscript = "${body}"\n`,
    [`${dir}/deno.json`]: JSON.stringify({ tasks: { clean: body } }),
    [`${dir}/tasks.py`]: `from invoke import task\n\n@task\ndef clean(c):\n    c.run("${body}")\n`,
  };
}

/** Each call, with {DIR} where the folder goes. */
const FORMS = [
  'npm --prefix {DIR} run clean',
  'npm run clean --prefix {DIR}',
  'npm -C {DIR} run clean',
  'pnpm -C {DIR} clean',
  'pnpm --dir {DIR} clean',
  'yarn --cwd {DIR} clean',
  'bun --cwd {DIR} run clean',
  'composer -d {DIR} run-script clean',
  'composer --working-dir={DIR} clean',
  'invoke -r {DIR} clean',
  'deno task --config {DIR}/deno.json clean',
  'pdm -p {DIR} run clean',
  'poe -C {DIR} clean',
  'mise -C {DIR} run clean',
  'cargo make --cwd {DIR} clean',
  'makers --cwd {DIR} clean',
  'make -C {DIR} clean',
  'make --directory={DIR} clean',
  'just -f {DIR}/justfile clean',
  'task -d {DIR} clean',
  'rake -C {DIR} clean',
  'env -C {DIR} npm run clean',
  'env --chdir={DIR} npm run clean',
  'sudo -D {DIR} npm run clean',
  'sudo --chdir={DIR} npm run clean',
  'cd {DIR} && npm run clean',
  'cd {DIR} && make clean',
  'cd {DIR}; just clean',
  'pushd {DIR} && task clean',
  '(cd {DIR} && rake clean)',
  'bash -c "cd {DIR} && npm run clean"',
];

/** The other project's folder as an agent may write it from the workspace. */
const SPELLINGS = [OTHER, '~/code/billing', '../billing', '$HOME/code/billing'];

/** The spellings a form takes: bash leaves a `~` after `--option=` as it is, a folder named `~` that is not there. */
function spelled(form: string): string[] {
  return form.includes('={DIR}') ? SPELLINGS.filter((d) => !d.startsWith('~')) : SPELLINGS;
}

test("another folder's harmful task is judged, in every spelling of every form", () => {
  const e = engine({ ...taskFiles(WORKSPACE, QUIET), ...taskFiles(OTHER, HARM) });
  const missed: string[] = [];
  for (const form of FORMS)
    for (const d of spelled(form)) {
      const c = form.replace(/{DIR}/g, d);
      if (!e.ids(c).includes('fs.rm-home')) missed.push(`${c}: ${e.ids(c).join() || 'allow'}`);
    }
  assert.deepEqual(missed, []);
});

test("the working directory's harmful task is not judged in the other folder's place", () => {
  const e = engine({ ...taskFiles(WORKSPACE, HARM), ...taskFiles(OTHER, QUIET) });
  const wrong: string[] = [];
  for (const form of FORMS)
    for (const d of spelled(form)) {
      const c = form.replace(/{DIR}/g, d);
      if (e.ids(c).includes('fs.rm-home')) wrong.push(c);
    }
  assert.deepEqual(wrong, []);
});

test('a folder named only at run time is asked about in every form', () => {
  const e = engine({ ...taskFiles(WORKSPACE, QUIET), ...taskFiles(OTHER, HARM) });
  const quiet = FORMS.map((f) => f.replace(/{DIR}/g, '"$DIR"')).filter((c) => e.decide(c) === 'allow');
  assert.deepEqual(quiet, []);
});
