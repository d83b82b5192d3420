// A cargo build script's idioms read as the commands, deletes and writes they amount to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRust } from '../../../src/core/parse/rustCode';

const HOME = '/home/u';

test('Command chains, deletes and writes, with the home folder spelled as Rust spells it', () => {
  const r = readRust(
    [
      'use std::{env, fs, process::Command};',
      'fn main() {',
      '    Command::new("sh").arg("-c").arg("rm -rf ~").status().unwrap();',
      '    Command::new("git")',
      '        .args(&["push", "--force"])',
      '        .current_dir(".")',
      '        .output()',
      '        .unwrap();',
      '    fs::remove_dir_all(env::var("HOME").unwrap()).unwrap();',
      '    std::fs::remove_file(Path::new("/etc/hosts")).ok();',
      '    fs::write(dirs::home_dir().unwrap().join(".bashrc"), "x").unwrap();',
      '}',
    ].join('\n'),
    HOME,
  );
  assert.deepEqual(r.shell, ['rm -rf ~']);
  assert.deepEqual(r.argvs, [['git', 'push', '--force']]);
  assert.deepEqual(r.deletes, [
    { path: HOME, recursive: true },
    { path: '/etc/hosts', recursive: false },
  ]);
  assert.deepEqual(r.writes, [{ path: `${HOME}/.bashrc`, append: false }]);
});

test('paths only known at run time stay unknown', () => {
  const r = readRust(
    'let out = PathBuf::from(env::var("OUT_DIR").unwrap());\nfs::write(out.join("gen.rs"), code).unwrap();\nfs::remove_dir_all(&out).ok();\n',
    HOME,
  );
  assert.ok(r.writes.every((w) => w.path.startsWith('$(')));
  assert.ok(r.deletes.every((d) => d.path.startsWith('$(')));
});

test('a path bound by `let` or built by format! from the home folder is that path', () => {
  const r = readRust(
    [
      'fn main() {',
      '    let home = std::env::var("HOME").unwrap();',
      '    std::fs::remove_dir_all(format!("{}/notes", home)).unwrap();',
      '    let dir = Path::new(&env::var("HOME").unwrap()).join(".ssh");',
      '    Command::new("rm").arg("-rf").arg(&dir).status().unwrap();',
      '    fs::write(format!("{home}/.bashrc"), "x").unwrap();',
      '    let home = compute();',
      '    fs::remove_file(&home).ok();',
      '}',
    ].join('\n'),
    HOME,
  );
  assert.deepEqual(r.deletes, [
    { path: `${HOME}/notes`, recursive: true },
    { path: '$(compute())', recursive: false },
  ]);
  assert.deepEqual(r.argvs, [['rm', '-rf', `${HOME}/.ssh`]]);
  assert.deepEqual(r.writes, [{ path: `${HOME}/.bashrc`, append: false }]);
});
