// Notebooks run from the command line, and IPython's -c (parse/wrappers/notebooks.ts):
// their Python cells are read as `python -c` is, their shell lines as shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notebookCells, readCells } from '../../../../src/core/parse/wrappers/notebooks';
import { engine } from '../../support/engineHarness';
import { WORKSPACE } from '../../support/helpers';

const notebook = (...cells: string[]) =>
  JSON.stringify({
    cells: [
      { cell_type: 'markdown', source: ['!rm -rf ~ is what not to do'] },
      ...cells.map((c) => ({ cell_type: 'code', source: c.split(/(?<=\n)/), outputs: [], metadata: {} })),
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });

test('cells are read as Python, their IPython shell lines as shell', () => {
  assert.deepEqual(notebookCells(notebook('a = 1\n', '!ls')), ['a = 1\n', '!ls']);
  assert.equal(notebookCells('{"cells": 3}'), undefined);
  assert.equal(notebookCells('not json'), undefined);
  const r = readCells([
    '%matplotlib inline\nimport os\n!rm -rf build\nfiles = !ls\n%system make',
    '%%bash\nrm -rf ~/x',
  ]);
  assert.equal(r.python, 'import os');
  assert.deepEqual(r.shell, ['rm -rf build', 'ls', 'make', 'rm -rf ~/x']);
});

test('a notebook run from the command line is judged by what its cells do', () => {
  const { decide, ids } = engine({
    [`${WORKSPACE}/wipe.ipynb`]: notebook('import shutil, os\n', 'shutil.rmtree(os.path.expanduser("~"))'),
    [`${WORKSPACE}/shell.ipynb`]: notebook('!rm -rf ~'),
    [`${WORKSPACE}/magic.ipynb`]: notebook('%%bash\nrm -rf ~/projects'),
    [`${WORKSPACE}/report.ipynb`]: notebook('import pandas as pd\ndf = pd.read_csv("data.csv")\n', '!ls -la'),
    [`${WORKSPACE}/broken.ipynb`]: '{"cells": [',
  });
  for (const c of [
    'jupyter execute wipe.ipynb',
    'jupyter nbconvert --to notebook --execute shell.ipynb',
    'jupyter-nbconvert --execute magic.ipynb',
    'papermill wipe.ipynb out.ipynb',
    'ipython shell.ipynb',
    'ipython -c \'import shutil, os; shutil.rmtree(os.path.expanduser("~"))\'',
    "ipython -c '!rm -rf ~'",
    'jupyter execute broken.ipynb',
  ]) {
    assert.notEqual(decide(c), 'allow', `${c}: ${ids(c)}`);
  }
  for (const c of [
    'jupyter execute report.ipynb',
    'papermill report.ipynb out.ipynb -p n 3',
    'jupyter nbconvert --to html wipe.ipynb',
    "ipython -c 'print(1)'",
    'jupyter lab',
  ]) {
    assert.equal(decide(c), 'allow', `${c}: ${ids(c)}`);
  }
});
