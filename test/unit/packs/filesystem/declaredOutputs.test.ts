// `rm -rf site` beside mkdocs.yml, `rm -rf data/processed` written by a dvc.yaml
// stage: a folder the project's site generator or pipeline writes, and its
// .gitignore ignores, is output. The same names without that configuration,
// or not ignored, are folders of work and still ask.
import { test } from 'node:test';
import { judgedOnDisk } from '../../support/engineHarness';

const DVC = [
  'stages:',
  '  prep:',
  '    cmd: python src/prep.py',
  '    deps: [data/raw]',
  '    outs:',
  '    - data/processed:',
  '        cache: false',
  '    - data/report.csv',
  '  train:',
  '    cmd: python src/train.py',
  '    outs: [models/model.pkl, features]',
  '',
].join('\n');

const project = {
  'mkdocs.yml': 'site_name: Acme\ntheme: {name: material}\n',
  'docs/index.md': '# Home\n',
  'site/index.html': '<html></html>\n',
  'site/assets/app.js': '1;\n',
  'handbook/book.toml': '[book]\ntitle = "x"\n[build]\nbuild-dir = "out-html"\n',
  'handbook/out-html/index.html': '<html></html>\n',
  'handbook/src/intro.md': '# Intro\n',
  'dvc.yaml': DVC,
  'data/raw/customers.csv': 'a,b\n',
  'data/raw.dvc': 'outs:\n- path: raw\n',
  'data/processed/customers.parquet': 'PAR1\n',
  'features/f.parquet': 'PAR1\n',
  'models/model.pkl': 'x\n',
  'models/notes.md': 'hand-written\n',
  'src/prep.py': 'print(1)\n',
  'public/index.php': '<?php\n',
  '.gitignore': 'site/\n/data/raw\n/data/processed\n/features\n/models\nout-html/\npublic/\n',
};

test('a folder the site generator or a dvc stage writes, and git ignores, is output: allowed', () => {
  judgedOnDisk(
    'ag-declared-',
    project,
    [
      'rm -rf site',
      'rm -rf site/',
      'rm -rf site/assets',
      'rm -rf site/*',
      'rm -rf handbook/out-html',
      'cd handbook && rm -rf out-html',
      'rm -rf data/processed',
      'rm -rf data/processed/*',
      'rm -rf features',
      'rm -rf site data/processed && mkdocs build && dvc repro',
    ],
    'allow',
    { git: true },
  );
});

test('the raw data, a folder holding one output, a folder no configuration names, and a rewritten configuration still ask', () => {
  judgedOnDisk(
    'ag-declared-',
    project,
    [
      // Tracked by `dvc add`: the original data, not a stage's output.
      'rm -rf data/raw',
      'rm -rf data',
      // Only models/model.pkl is an output; the folder holds other files.
      'rm -rf models',
      // Ignored, but no site generator here names it (no hugo.toml).
      'rm -rf public',
      'rm -rf handbook/src',
      'rm -rf docs',
      // The configuration changes on the line before the deletion.
      "echo 'site_dir: docs' >> mkdocs.yml && rm -rf docs",
      'rm -rf site src',
    ],
    'gate',
    { git: true },
  );
});

test('an output folder git does not ignore, or one outside the configuration folder, still asks', () => {
  judgedOnDisk(
    'ag-declared-',
    {
      'mkdocs.yml': 'site_name: Acme\n',
      'site/index.html': '<html></html>\n',
      'guide/mkdocs.yml': 'site_name: G\nsite_dir: ../src\n',
      'src/main.py': 'print(1)\n',
      '_config.yml': 'title: x\ndestination: .\n',
      '.gitignore': 'src/\n',
    },
    ['rm -rf site', 'rm -rf src', 'rm -rf guide/site', 'rm -rf ./*'],
    'gate',
    { git: true },
  );
});
