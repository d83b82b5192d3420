// Which files CI services, container builds and make run, and the command
// lines in each: GitHub Actions `run:`, GitLab CI and Bitbucket `script:`
// lists, CircleCI `run:`/`command:`, Buildkite `command(s):`, Azure
// Pipelines `script:`/`bash:`, compose `command:`/`entrypoint:`, Dockerfile
// RUN, CMD and ENTRYPOINT (shell and exec forms, continuations, heredocs),
// Makefile recipes and what make runs while reading (`$(shell …)`, `!=`).
// A bounded line scanner for the YAML ones, not a YAML parser: plain,
// quoted, block (`|`, `>`) and flow-list values under those keys.
import { withoutTrailingComment } from '../../text/trailingComment';
import * as path from 'node:path';
import { parseMakefile, shellCalls } from '../../parse/makefile';
import { shellWord } from '../../text/shellWord';
import { jenkinsCommands } from './jenkinsfile';
import { GITPOD_COMMAND_KEYS, LATER_KINDS, laterCommands, laterKind, type LaterKind } from './laterFiles';

export type PipelineKind =
  | 'github-actions'
  | 'gitlab-ci'
  | 'circleci'
  | 'buildkite'
  | 'azure-pipelines'
  | 'bitbucket'
  | 'jenkinsfile'
  | 'ci'
  | 'dockerfile'
  | 'compose'
  | 'makefile'
  | 'registry-config'
  | LaterKind;

export const MAX_LINES = 4_000;
/** Command lines read from one file: a long workflow holds a few hundred; past this the rest is unread (readLines). */
export const MAX_COMMANDS = 1_024;

/** A file's command lines, and how many of its leading lines were read for them (all of them unless a bound cut in). */
export interface PipelineRead {
  commands: string[];
  readLines: number;
}

export function pipelineKind(abs: string): PipelineKind | undefined {
  const base = path.basename(abs);
  const lower = base.toLowerCase();
  const dir = path.basename(path.dirname(abs));
  const parent = path.basename(path.dirname(path.dirname(abs)));
  const yaml = lower.endsWith('.yml') || lower.endsWith('.yaml');
  if (yaml && dir === 'workflows' && parent === '.github') return 'github-actions';
  if (lower === '.gitlab-ci.yml' || lower.endsWith('.gitlab-ci.yml')) return 'gitlab-ci';
  if (yaml && dir === '.circleci') return 'circleci';
  if (yaml && (dir === '.buildkite' || lower.startsWith('buildkite.') || lower === 'pipeline.buildkite.yml'))
    return 'buildkite';
  if (yaml && (lower.startsWith('azure-pipelines') || dir === '.azure-pipelines')) return 'azure-pipelines';
  if (lower === 'bitbucket-pipelines.yml') return 'bitbucket';
  if (lower === 'jenkinsfile' || lower.startsWith('jenkinsfile.') || lower.endsWith('.jenkinsfile'))
    return 'jenkinsfile';
  if (
    [
      '.drone.yml',
      '.woodpecker.yml',
      '.travis.yml',
      'cloudbuild.yaml',
      'cloudbuild.yml',
      'codemagic.yaml',
      'appveyor.yml',
      '.cirrus.yml',
    ].includes(lower) ||
    (yaml && dir === '.woodpecker')
  )
    return 'ci';
  if (
    lower === 'dockerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower === 'containerfile'
  )
    return 'dockerfile';
  if (yaml && (lower.startsWith('docker-compose') || lower.startsWith('compose'))) return 'compose';
  if (lower === 'makefile' || lower === 'gnumakefile' || lower.endsWith('.mk')) return 'makefile';
  if (
    ['.npmrc', '.yarnrc', '.yarnrc.yml', 'pip.conf', 'pip.ini', 'uv.toml', 'bunfig.toml', '.bunfig.toml'].includes(
      lower,
    )
  )
    return 'registry-config';
  // RubyGems' and Bundler's settings name where gems come from (`:sources:`, `BUNDLE_MIRROR__…`).
  if (lower === '.gemrc' || (lower === 'config' && dir === '.bundle')) return 'registry-config';
  return laterKind(abs);
}

/** Keys whose values are shell command lines, per format. */
const KEYS: Partial<Record<PipelineKind, ReadonlySet<string>>> = {
  'github-actions': new Set(['run']),
  'gitlab-ci': new Set(['script', 'before_script', 'after_script']),
  circleci: new Set(['run', 'command']),
  buildkite: new Set(['command', 'commands']),
  'azure-pipelines': new Set(['script', 'bash', 'sh']),
  bitbucket: new Set(['script', 'after-script']),
  ci: new Set([
    'script',
    'commands',
    'command',
    'install',
    'before_install',
    'before_script',
    'after_script',
    'run',
    'entrypoint',
    'args',
  ]),
  compose: new Set(['command', 'entrypoint']),
};

const unquote = (v: string): string => {
  const t = v.trim();
  if (t.length >= 2 && ((t[0] === '"' && t[t.length - 1] === '"') || (t[0] === "'" && t[t.length - 1] === "'"))) {
    return t[0] === '"'
      ? t.slice(1, -1).replace(/\\(["\\/nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c))
      : t.slice(1, -1).replace(/''/g, "'");
  }
  return withoutTrailingComment(t);
};

function flowItems(v: string): string[] {
  const body = v.trim().slice(1, -1);
  const out: string[] = [];
  let cur = '';
  let q = '';
  for (const c of body) {
    if (q) {
      cur += c;
      if (c === q) q = '';
      continue;
    }
    if (c === '"' || c === "'") {
      q = c;
      cur += c;
      continue;
    }
    if (c === ',') {
      out.push(unquote(cur));
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(unquote(cur));
  return out;
}

const indentOf = (l: string): number => l.length - l.trimStart().length;

/** A block scalar (`|`, `>`, with modifiers) starting after line `i`: its lines, and the index after it. */
function block(lines: readonly string[], i: number, keyIndent: number, folded: boolean): [string, number] {
  const body: string[] = [];
  let j = i + 1;
  let indent = -1;
  for (; j < lines.length; j++) {
    const l = lines[j];
    if (!l.trim()) {
      body.push('');
      continue;
    }
    const ind = indentOf(l);
    if (ind <= keyIndent) break;
    if (indent === -1) indent = ind;
    body.push(l.slice(Math.min(indent, ind)));
  }
  const text = body.join('\n').replace(/\n+$/, '');
  return [folded ? text.replace(/([^\n])\n(?=[^\n\s])/g, '$1 ') : text, j];
}

/** Command lines under the format's keys: inline values, block scalars, list items (each plain, quoted or a block). */
function yamlCommands(text: string, keys: ReadonlySet<string>): PipelineRead {
  const lines = text.split(/\r?\n/).slice(0, MAX_LINES);
  const out: string[] = [];
  let i = 0;
  for (; i < lines.length && out.length < MAX_COMMANDS; i++) {
    const m = /^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(lines[i]);
    if (!m || !keys.has(m[2])) continue;
    const keyIndent = m[1].length + (lines[i].trimStart().startsWith('-') ? 2 : 0);
    const value = m[3].trim();
    if (/^[|>][-+0-9]*$/.test(value)) {
      const [body, next] = block(lines, i, keyIndent, value.startsWith('>'));
      out.push(body);
      i = next - 1;
    } else if (value.startsWith('[')) {
      out.push(...flowItems(value));
    } else if (value && !value.startsWith('{') && !value.startsWith('&') && !value.startsWith('*')) {
      out.push(unquote(value));
    } else if (!value) {
      // A list (or a mapping whose `command:` is read on its own line).
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j];
        if (!l.trim() || l.trim().startsWith('#')) continue;
        const ind = indentOf(l);
        if (ind < keyIndent || (ind === keyIndent && !l.trimStart().startsWith('- '))) break;
        const item = /^\s*-\s+(.*)$/.exec(l);
        if (!item || (ind > keyIndent + 2 && !l.trimStart().startsWith('- '))) continue;
        const v = item[1].trim();
        if (/^[|>][-+0-9]*$/.test(v)) {
          const [body, next] = block(lines, j, ind, v.startsWith('>'));
          out.push(body);
          j = next - 1;
        } else if (!/^[\w-]+\s*:/.test(v)) out.push(unquote(v));
      }
    }
  }
  return { commands: out.filter((c) => c.trim()), readLines: i };
}

/** Dockerfile RUN, CMD and ENTRYPOINT: shell form (continued lines joined), exec form, and RUN heredocs. */
function dockerCommands(text: string): PipelineRead {
  const lines = text.split(/\r?\n/).slice(0, MAX_LINES);
  const out: string[] = [];
  let i = 0;
  for (; i < lines.length && out.length < MAX_COMMANDS; i++) {
    const m = /^\s*(RUN|CMD|ENTRYPOINT)\s+(.*)$/i.exec(lines[i]);
    if (!m) continue;
    let body = m[2];
    while (/\\\s*$/.test(body) && i + 1 < lines.length) body = body.replace(/\\\s*$/, ' ') + lines[++i].trim();
    body = body.replace(/^(?:--[\w-]+(?:=\S+)?\s+)+/, '');
    const heredoc = /<<-?\s*['"]?(\w+)['"]?/.exec(body);
    if (heredoc && m[1].toUpperCase() === 'RUN') {
      const lines2: string[] = [];
      for (i++; i < lines.length && lines[i].trim() !== heredoc[1]; i++) lines2.push(lines[i]);
      out.push(lines2.join('\n'));
      continue;
    }
    if (body.trim().startsWith('[')) {
      try {
        const argv = JSON.parse(body) as unknown;
        if (Array.isArray(argv) && argv.every((x) => typeof x === 'string')) {
          const words = argv as string[];
          out.push(
            /^(?:\/bin\/)?(?:ba)?sh$/.test(words[0] ?? '') && words[1] === '-c'
              ? words.slice(2).join(' ')
              : words.map(shellWord).join(' '),
          );
          continue;
        }
      } catch {
        /* not JSON: shell form */
      }
    }
    out.push(body);
  }
  return { commands: out, readLines: i };
}

/** The command lines a file of this kind runs, in order, bounded: lines at `readLines` and past it were not read. */
export function pipelineCommands(kind: PipelineKind, text: string, file = ''): PipelineRead {
  if (LATER_KINDS.has(kind)) {
    const lines = laterCommands(kind as LaterKind, file, text);
    if (lines === undefined) return yamlCommands(text, GITPOD_COMMAND_KEYS);
    return lines.length > MAX_COMMANDS
      ? { commands: lines.slice(0, MAX_COMMANDS), readLines: 0 }
      : { commands: lines, readLines: Number.MAX_SAFE_INTEGER };
  }
  if (kind === 'dockerfile') return dockerCommands(text);
  if (kind === 'jenkinsfile') return jenkinsCommands(text);
  if (kind === 'makefile') {
    const mk = parseMakefile(text);
    // make's own `$(VAR)` is no shell substitution: read it as the variable it stands for.
    const recipes = [...mk.rules.values()].flatMap((r) =>
      r.recipe.map((l) =>
        l
          .replace(/^[@+-]+\s*/, '')
          .replace(/\$\(([A-Za-z_][\w.-]*)\)/g, '$${$1}')
          .replace(/\$\$/g, '$'),
      ),
    );
    const all = [...mk.readTime, ...shellCalls(recipes.join('\n')), ...recipes];
    // Recipes are not kept by line: past the bound, no line of the file counts as read.
    return all.length > MAX_COMMANDS
      ? { commands: all.slice(0, MAX_COMMANDS), readLines: 0 }
      : { commands: all, readLines: Number.MAX_SAFE_INTEGER };
  }
  const keys = KEYS[kind];
  return keys ? yamlCommands(text, keys) : { commands: [], readLines: Number.MAX_SAFE_INTEGER };
}
