// What a file in an autorun place would run, read from its content: the
// entries that run code (lifecycle scripts, MCP server commands, tasks run
// on folder open, git settings holding a command, loader variables, …). An
// edit plants code when the content after it has an entry the content
// before did not have, or has it with another command: that is what the
// human is shown. Files that are code as a whole (git hooks, .envrc, units,
// crontabs) plant whatever they say.
import * as path from 'node:path';
import { codeExcerpt, isObject, keyValues, parseJsonc, tomlTables } from './formats';
import { gitConfigCode } from '../../text/gitConfig';
import type { AutorunKind } from './places';
import { lefthookCommands } from '../../parse/projectCommands';
import { keyedConfigEntries } from './toolConfig';
import { miseEntries } from './mise';
import { buildToolEntries } from './buildTools';
import { agentCommandEntries } from './agentCommands';
import { envrcOwnCode } from './direnv';
import { PNPM_WORKSPACE_FILE, pnpmWorkspaceEntries } from './pnpmWorkspace';

/** One thing a file would run: where it sits (`scripts.postinstall`) and the code. */
export interface Entry {
  name: string;
  code: string;
}

/** npm, yarn and pnpm run these without a `run`: on install, pack, publish and dependency changes. */
export const LIFECYCLE_SCRIPTS = new Set([
  'preinstall',
  'install',
  'postinstall',
  'preprepare',
  'prepare',
  'postprepare',
  'prepack',
  'postpack',
  'prepublish',
  'prepublishOnly',
  'publish',
  'postpublish',
  'preuninstall',
  'uninstall',
  'postuninstall',
  'predependencies',
  'dependencies',
  'postdependencies',
]);

/**
 * Variables that load code into the next process that reads them, or move
 * where it finds its programs, settings or AgentGuard's state.
 */
export const LOADER_VARIABLE =
  /^(?:NODE_OPTIONS|NODE_PATH|NODE_EXTRA_CA_CERTS|NODE_REPL_EXTERNAL_MODULE|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_[A-Z_]+|PYTHONPATH|PYTHONSTARTUP|PYTHONHOME|PYTHONUSERBASE|PERL5OPT|PERL5LIB|PERLLIB|RUBYOPT|RUBYLIB|BASH_ENV|ZDOTDIR|PROMPT_COMMAND|SHELL|PATH|HOME|XDG_[A-Z_]+|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|DOTNET_STARTUP_HOOKS|CORECLR_PROFILER(?:_PATH)?|ELECTRON_RUN_AS_NODE|GIT_(?:CONFIG[A-Z_]*|EXEC_PATH|SSH|SSH_COMMAND|EDITOR|PAGER|ASKPASS|EXTERNAL_DIFF|TEMPLATE_DIR|PROXY_COMMAND)|npm_config_[a-z_]+|NPM_CONFIG_[A-Z_]+|AGENTGUARD_[A-Z0-9_]*)$/;

const NPMRC_KEYS =
  /^(?:node-options|script-shell|shell|git|init-module|editor|viewer|browser|onload-script|pnpmfile|global-pnpmfile|yarn-path|yarnPath|plugins|nodeOptions|preload|ignore-scripts|node-gyp)$/i;

/** Safeguards an install relies on, written loosened: lifecycle scripts turned back on, certificate checks off. */
function loosenedSafeguard(key: string, value: string): boolean {
  const v = value
    .replace(/^["']|["']$/g, '')
    .trim()
    .toLowerCase();
  if (/^(?:enableScripts|unsafe-perm|dangerously-allow-all-builds|dangerouslyAllowAllBuilds)$/i.test(key))
    return v === 'true' || v === '1' || v === 'yes';
  return /^(?:strict-ssl|enableStrictSsl)$/i.test(key) && (v === 'false' || v === '0' || v === 'no');
}

/** A program named by itself (`sccache`, `clang`, `["mold"]`): the one on PATH, installed by the user. */
const onPath = (v: string): boolean => /^[\w.+-]+$/.test(v.replace(/^\[?\s*["']?|["']?\s*\]?$/g, ''));
const CARGO_KEYS = /(?:^|\.)(?:runner|linker|rustc-wrapper|rustc-workspace-wrapper|rustc|rustdoc)=/;
const GO_ENV_KEYS =
  /^(?:CC|CXX|FC|AR|PKG_CONFIG|GOENV|GOPROXY|GOSUMDB|GOINSECURE|GONOSUMDB)=|^GOFLAGS=.*-(?:toolexec|exec|overlay)\b/;

export { GIT_COMMAND_KEY } from '../../text/gitConfig';

// PKCS11Provider and SecurityKeyProvider name a library ssh loads.
const SSH_KEYS =
  /^(?:proxycommand|localcommand|knownhostscommand|permitlocalcommand|include|match|remotecommand|pkcs11provider|securitykeyprovider)$/i;

function lines(text: string, pattern: RegExp): Entry[] {
  const out: Entry[] = [];
  for (const line of text.split('\n').slice(0, 8192)) {
    const m = pattern.exec(line);
    if (m) out.push({ name: (m[1] ?? line).trim(), code: line.trim() });
  }
  return out;
}

/** Scripts npm runs by their own command (`npm test`, `npm start`, `npm version`): their pre and post hooks run with them. */
const OWN_COMMAND_SCRIPTS = new Set(['test', 'start', 'stop', 'restart', 'version', 'shrinkwrap']);

/**
 * `pretest`, `postbuild`: npm runs a script's pre and post hooks by themselves whenever the script runs, so a hook
 * added to an ordinary script runs code the user never named, as a lifecycle script does.
 */
function scriptHook(key: string, scripts: object): boolean {
  const m = /^(?:pre|post)(.+)$/.exec(key);
  return m !== null && (OWN_COMMAND_SCRIPTS.has(m[1]) || Object.prototype.hasOwnProperty.call(scripts, m[1]));
}

function packageJson(text: string): Entry[] {
  const pkg = parseJsonc(text);
  if (!isObject(pkg) || !isObject(pkg.scripts)) return [];
  return Object.entries(pkg.scripts)
    .filter(([k, v]) => typeof v === 'string' && (LIFECYCLE_SCRIPTS.has(k) || scriptHook(k, pkg.scripts as object)))
    .map(([k, v]) => ({ name: `scripts.${k}`, code: String(v) }));
}

function editorTasks(text: string): Entry[] {
  const doc = parseJsonc(text);
  const tasks = isObject(doc)
    ? Array.isArray(doc.tasks)
      ? doc.tasks
      : isObject(doc.tasks) && Array.isArray(doc.tasks.tasks)
        ? doc.tasks.tasks
        : []
    : [];
  const out: Entry[] = [];
  for (const t of tasks.slice(0, 512)) {
    if (!isObject(t) || !isObject(t.runOptions) || t.runOptions.runOn !== 'folderOpen') continue;
    const args = Array.isArray(t.args)
      ? t.args.map((a) => (typeof a === 'string' ? a : isObject(a) ? String(a.value ?? '') : '')).join(' ')
      : '';
    out.push({
      name: `task "${String(t.label ?? t.command ?? '?')}"`,
      code: `${String(t.command ?? t.script ?? '')} ${args}`.trim(),
    });
  }
  return out;
}

/** Every object under a key naming MCP servers that has a command or a URL, wherever it sits (hosts nest them differently). */
function mcpJson(text: string, bareServers: boolean): Entry[] {
  const doc = parseJsonc(text);
  const out: Entry[] = [];
  let visited = 0;
  const walk = (v: unknown, at: string, inServers: boolean, depth: number): void => {
    if (!isObject(v) || depth > 8 || ++visited > 4096) return;
    for (const [k, value] of Object.entries(v)) {
      let child = value;
      const servers = inServers || /mcp|servers/i.test(k);
      // Zed's older form names the program as `command: { path, args }`.
      const zed = isObject(child) && isObject(child.command) ? child.command : undefined;
      if (zed && typeof zed.path === 'string')
        child = { ...(child as Record<string, unknown>), command: zed.path, args: zed.args };
      if (
        servers &&
        isObject(child) &&
        (typeof child.command === 'string' ||
          typeof child.url === 'string' ||
          typeof child.serverUrl === 'string' ||
          typeof child.httpUrl === 'string')
      ) {
        const args = Array.isArray(child.args) ? child.args.map(String).join(' ') : '';
        const command =
          typeof child.command === 'string'
            ? `${child.command} ${args}`.trim()
            : String(child.url ?? child.serverUrl ?? child.httpUrl);
        const env = isObject(child.env) ? Object.keys(child.env).sort().join(',') : '';
        out.push({ name: `${at}${k}`, code: env ? `${command} (env: ${env})` : command });
      } else {
        walk(child, `${at}${k}.`, servers, depth + 1);
      }
    }
  };
  walk(doc, '', bareServers, 0);
  return out;
}

/**
 * The dev container lifecycle key that runs on this machine, before any container is made: it plants code here, so
 * any command in it asks. The others (onCreateCommand, postCreateCommand, …) run inside the container and are judged
 * by what they run, as a compose service's command is (packs/pipelines/laterFiles.ts). Each holds a command (a
 * string, an argv list, or named commands run in parallel).
 */
const DEVCONTAINER_KEYS = ['initializeCommand'];

/** Named commands of one lifecycle key read one by one; the rest are read as one. */
const MAX_NAMED = 64;

function devcontainer(text: string): Entry[] {
  const doc = parseJsonc(text);
  if (!isObject(doc)) return [];
  const line = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : Array.isArray(v) ? v.map(String).join(' ') : undefined;
  const out: Entry[] = [];
  for (const key of DEVCONTAINER_KEYS) {
    const v = doc[key];
    const code = line(v);
    if (code !== undefined) out.push({ name: key, code });
    else if (isObject(v)) {
      const named = Object.entries(v);
      for (const [name, cmd] of named.slice(0, MAX_NAMED)) {
        const c = line(cmd);
        if (c !== undefined) out.push({ name: `${key}.${name}`, code: c });
      }
      // Commands past the bound are one entry, their text joined: a change among them is planted, never dropped.
      if (named.length > MAX_NAMED)
        out.push({
          name: `${key} (past the first ${MAX_NAMED})`,
          code: named
            .slice(MAX_NAMED)
            .map(([name, cmd]) => `${name}: ${line(cmd) ?? JSON.stringify(cmd)}`)
            .join('; '),
        });
    }
  }
  return out;
}

function mcpConfig(text: string, file: string): Entry[] {
  if (file.endsWith('.toml')) {
    return [...tomlTables(text, 'mcp_servers')].map(([name, body]) => ({ name, code: codeExcerpt(body, 4) }));
  }
  if (/\.ya?ml$/.test(file)) return lines(text, /^\s*-?\s*(command|args|url|name)\s*:/);
  // GitHub Copilot CLI also takes servers bare at the top of its mcp.json files (`{"db": {"command": …}}`).
  return mcpJson(text, /(^|\/)\.?mcp\.json$/.test(file));
}

function gitConfig(text: string): Entry[] {
  return gitConfigCode(text).map(({ key, value }) => ({ name: key, code: value }));
}

function dotenv(text: string): Entry[] {
  return [...keyValues(text, /\s*=\s*/)]
    .filter(([k]) => LOADER_VARIABLE.test(k))
    .map(([k, v]) => ({ name: k, code: `${k}=${v}` }));
}

function npmrc(text: string, file: string): Entry[] {
  const base = path.basename(file);
  // A pnpmfile is code as a whole.
  if (base.startsWith('.pnpmfile')) return whole(text, base);
  if (base === PNPM_WORKSPACE_FILE) return pnpmWorkspaceEntries(text);
  // Cargo's config and go's env file: the settings that name a program every later build, run or test runs.
  const toolchain = /\.cargo$/.test(path.dirname(file))
    ? CARGO_KEYS
    : /\/go\/env$/.test(file)
      ? GO_ENV_KEYS
      : undefined;
  if (toolchain)
    return [...keyValues(text, /\s*=\s*/)]
      .filter(
        ([k, v]) => toolchain.test(`${k}=${v}`) && !(onPath(v) && !/^GO(?:PROXY|SUMDB|INSECURE|NOSUMDB)$/.test(k)),
      )
      .map(([k, v]) => ({ name: k, code: `${k}=${v}` }));
  const separator = base === '.yarnrc' ? /\s+/ : /\s*[=:]\s*/;
  return [...keyValues(text, separator)]
    .filter(([k, v]) => {
      const key = k.replace(/^["']|["']$/g, '');
      return NPMRC_KEYS.test(key) || /node-?options/i.test(k) || loosenedSafeguard(key, v) || filledKey(key);
    })
    .map(([k, v]) => ({ name: k, code: `${k}=${v}` }));
}

/**
 * A key npm fills in from the environment when it reads the file (`node-${X?}options` is `node-options` where X is
 * unset): which setting it is is known only then. One for a registry's host (`//…`) or a scope (`@…`) stays one.
 */
function filledKey(key: string): boolean {
  return key.includes('${') && !key.startsWith('//') && !key.startsWith('@');
}

function whole(text: string, name: string): Entry[] {
  return text.trim() ? [{ name, code: codeExcerpt(text) || text.trim().slice(0, 200) }] : [];
}

/** The lines that run something, or the whole file when none says so (an ExecStart hidden in a drop-in include). */
function linesOrWhole(text: string, pattern: RegExp, file: string): Entry[] {
  const found = lines(text, pattern);
  return found.length ? found : whole(text, path.basename(file));
}

/** The entries of one file's content that run code, by the file's kind. */
export function entriesOf(kind: AutorunKind, text: string, file: string): Entry[] {
  switch (kind) {
    case 'package-json':
      return packageJson(text);
    case 'package-manager-config':
      return npmrc(text, file);
    case 'editor-tasks':
      return editorTasks(text);
    case 'mcp-config':
      return mcpConfig(text, file);
    case 'git-config':
      return gitConfig(text);
    case 'host-env':
      return dotenv(text);
    case 'makefile':
      return lines(text, /^\s*-?(?:include|sinclude|-include)\s+(.+)$/);
    case 'python-startup':
      return file.endsWith('.pth') ? lines(text, /^(import\s.*)$/) : whole(text, path.basename(file));
    case 'ssh':
      return path.basename(file) === 'rc' || file.endsWith('sshrc')
        ? whole(text, path.basename(file))
        : [...keyValues(text, /\s*=\s*|\s+/)]
            .filter(([k]) => SSH_KEYS.test(k))
            .map(([k, v]) => ({ name: k, code: `${k} ${v}` }));
    case 'devcontainer':
      return devcontainer(text);
    case 'hook-runner-config':
      // lefthook's `run:` lines, a block's lines included, each a command git runs on a commit.
      return /^\.?lefthook/.test(path.basename(file))
        ? lefthookCommands(text).commands.map((c) => ({ name: c, code: c }))
        : lines(text, /^\s*-?\s*(entry|language)\s*:\s*(.*)$/);
    case 'systemd-unit':
      return linesOrWhole(text, /^\s*(Exec[A-Za-z]*|Environment(?:File)?)\s*=/, file);
    case 'autostart':
      return linesOrWhole(text, /^\s*(Exec|TryExec|ProgramArguments|Program)\b/, file);
    case 'credential-helper':
    case 'transfer-config':
    case 'readline':
      return keyedConfigEntries(kind, text, file);
    case 'mise-config':
      return miseEntries(text, LOADER_VARIABLE);
    case 'agent-command':
      return agentCommandEntries(text);
    case 'build-tool':
      return buildToolEntries(text, file);
    case 'envrc':
      return whole(envrcOwnCode(text), path.basename(file));
    case 'git-hook':
    case 'cron':
    case 'program-startup':
      return whole(text, path.basename(file));
  }
}

/** Files that are code as a whole: every line of them runs. */
function isWhole(kind: AutorunKind, file: string): boolean {
  const base = path.basename(file);
  return (
    kind === 'git-hook' ||
    kind === 'envrc' ||
    kind === 'cron' ||
    kind === 'program-startup' ||
    (kind === 'python-startup' && !file.endsWith('.pth')) ||
    (kind === 'ssh' && (base === 'rc' || file.endsWith('sshrc'))) ||
    (kind === 'package-manager-config' && base.startsWith('.pnpmfile'))
  );
}

const MAX_COMPARED_LINES = 8192;

/**
 * The lines of `after` that `before` lacks (as many times as it lacks them),
 * code lines only: what an edit of a file that is code as a whole adds. An
 * excerpt of the whole file would miss a line appended past its first lines.
 */
function addedCode(before: string, after: string): string {
  const had = new Map<string, number>();
  for (const l of before.split('\n').slice(0, MAX_COMPARED_LINES))
    had.set(l.trimEnd(), (had.get(l.trimEnd()) ?? 0) + 1);
  const lines = after.split('\n');
  const added: string[] = [];
  for (const l of lines.slice(0, MAX_COMPARED_LINES)) {
    const n = had.get(l.trimEnd()) ?? 0;
    if (n > 0) had.set(l.trimEnd(), n - 1);
    else added.push(l);
  }
  // Past the lines compared, the rest is new as far as anyone read.
  added.push(...lines.slice(MAX_COMPARED_LINES, MAX_COMPARED_LINES + 64));
  const text = added.join('\n');
  return codeExcerpt(text) ? text : '';
}

/** Entries of `after` that `before` did not have, or had with other code: what an edit plants. */
export function plantedEntries(kind: AutorunKind, before: string | undefined, after: string, file: string): Entry[] {
  if (before !== undefined && isWhole(kind, file)) {
    const added = addedCode(before, after);
    return whole(kind === 'envrc' ? envrcOwnCode(added) : added, path.basename(file));
  }
  const old = new Map((before === undefined ? [] : entriesOf(kind, before, file)).map((e) => [e.name, e.code]));
  return entriesOf(kind, after, file).filter((e) => old.get(e.name) !== e.code);
}
