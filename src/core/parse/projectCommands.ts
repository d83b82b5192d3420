// Command lines a project's tool configuration holds, which the tool runs:
// tox's `commands =` in tox.ini (or pyproject.toml's `[tool.tox]`), lefthook's
// `run:` in lefthook.yml. Read from the text alone, bounded in lines; what
// lies past the bound is said, so the caller asks rather than drops it.
import { shellWord } from '../text/shellWord';

/** lefthook's configuration files: their `run:` lines run on each commit once `lefthook install` ran. */
export const LEFTHOOK_FILES = [
  'lefthook.yml',
  '.lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yaml',
  'lefthook-local.yml',
  '.lefthook-local.yml',
];

/** Most command lines read from one file. */
export const MAX_PROJECT_COMMANDS = 256;
/** Most lines of one file looked at. */
const MAX_LINES = 8192;

export interface ProjectCommands {
  commands: string[];
  /** More lines or commands than are read: the rest would run unread. */
  pastBound: boolean;
}

/**
 * tox's replacements, as a command line judged here can hold them: the words typed after `--` (or the default
 * written), the project folder and tox's own folders.
 */
function toxSubstitute(line: string, posargs: string): string {
  return line
    .replace(/\{posargs(?::([^}]*))?\}/g, (_m, dflt: string | undefined) => posargs || (dflt ?? ''))
    .replace(/\{(?:toxinidir|tox_root)\}/g, '.')
    .replace(/\{(?:envtmpdir|env_tmp_dir)\}/g, '.tox/tmp')
    .replace(
      /\{(?:envdir|env_dir|envsitepackagesdir|envbindir|env_bin_dir|toxworkdir|work_dir|temp_dir)\}/g,
      '.tox/env',
    )
    .replace(/\{env:([A-Za-z_]\w*)(?::[^}]*)?\}/g, '$$$1');
}

/**
 * tox's `commands`, `commands_pre` and `commands_post` in any section of an ini text (tox.ini, setup.cfg's
 * `[tox:…]`, pyproject.toml's `legacy_tox_ini`), one line each, continued on indented lines; and the
 * `commands = [["pytest"], …]` lists of pyproject.toml's or tox.toml's native form.
 */
export function toxCommands(text: string, posargs = ''): ProjectCommands {
  const out: string[] = [];
  const lines = text.split('\n');
  let pastBound = lines.length > MAX_LINES;
  const push = (c: string) => {
    const line = toxSubstitute(c.trim().replace(/^-\s*/, '').replace(/\\$/, ''), posargs);
    if (!line || line.startsWith('#')) return;
    if (out.length >= MAX_PROJECT_COMMANDS) pastBound = true;
    else out.push(line);
  };
  for (let i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
    const m = /^\s*commands(?:_pre|_post)?\s*=\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    if (m[1].startsWith('[')) {
      // TOML: a list of argument lists, maybe over several lines.
      let value = m[1];
      while (!/\]\s*\]\s*$|^\[\s*\]\s*$/.test(value.trim()) && i + 1 < Math.min(lines.length, MAX_LINES))
        value += ' ' + lines[++i];
      for (const argv of value.matchAll(/\[([^[\]]*)\]/g)) {
        const words = [...argv[1].matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((w) => w[1] ?? w[2]);
        if (words.length) push(words.map(shellWord).join(' '));
      }
      continue;
    }
    push(m[1]);
    while (
      i + 1 < Math.min(lines.length, MAX_LINES) &&
      /^[ \t]+\S/.test(lines[i + 1]) &&
      !/^\s*\w+\s*=/.test(lines[i + 1])
    )
      push(lines[++i]);
  }
  return { commands: out, pastBound };
}

/** lefthook's `run:` commands in lefthook.yml, a plain value or a `|` / `>` block of the lines indented under it. */
export function lefthookCommands(text: string): ProjectCommands {
  const out: string[] = [];
  const lines = text.split('\n');
  let pastBound = lines.length > MAX_LINES;
  for (let i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
    const m = /^(\s*)-?\s*run\s*:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    let value = m[2].trim();
    if (/^[|>][-+]?$/.test(value)) {
      const block: string[] = [];
      while (
        i + 1 < Math.min(lines.length, MAX_LINES) &&
        (lines[i + 1].trim() === '' || indent(lines[i + 1]) > m[1].length)
      )
        block.push(lines[++i].trim());
      value = block.join(m[2].trim().startsWith('>') ? ' ' : '\n');
    } else value = value.replace(/^(['"])(.*)\1$/, '$2');
    if (!value) continue;
    if (out.length >= MAX_PROJECT_COMMANDS) pastBound = true;
    else out.push(value);
  }
  return { commands: out, pastBound };
}

function indent(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** A Procfile's process lines (`web: npm start`), which foreman, honcho, overmind and `heroku local` start together. */
export function procfileCommands(text: string): ProjectCommands {
  const out: string[] = [];
  const lines = text.split('\n');
  let pastBound = lines.length > MAX_LINES;
  for (const line of lines.slice(0, MAX_LINES)) {
    const m = /^\s*([\w.-]+)\s*:\s*(.*\S)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    if (out.length >= MAX_PROJECT_COMMANDS) pastBound = true;
    else out.push(m[2]);
  }
  return { commands: out, pastBound };
}
