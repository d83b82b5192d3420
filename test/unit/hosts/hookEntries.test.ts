// Whose entries a host's workspace file may hold as AgentGuard's: the command
// install writes for that host, and for a host whose files it loads too
// (VS Code's agent runs Copilot CLI's file and Claude Code's settings) — never
// another host's, whose hook would read the call as its own host's. The real
// text install writes (hostConfig addHook, hookScript), judged by each host's
// shadow rule through hookFileProblem as the hook and the service do; and
// Amp's delegate rule, whose program is compared by real folder path but
// never read through a link at the program itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostAdapter } from '../../../src/core/hosts';
import { addHook } from '../../../src/core/hosts/hostConfig';
import { hookFileProblem } from '../../../src/core/hosts/hookEntries';
import { HOST_HOOK_FILES, hookScript, installedCommand, installedDelegates } from '../../../src/core/hosts/hostFiles';
import { HOSTS, type HostId } from '../../../src/core/hosts/types';
import { folderGlob } from '../../../src/core/launcher/hookRecord';

const LAUNCHER = '/home/dev/.agentguard/bin/agentguard';
const own = { launchers: [LAUNCHER], delegates: [] };

/** Hosts whose workspace rule judges the handlers it finds; the file install writes for each, and a shell tool. */
const JUDGING: readonly { host: HostId; rel: string; tool: string }[] = [
  { host: 'claude', rel: '.claude/settings.json', tool: 'Bash' },
  { host: 'qwen', rel: '.qwen/settings.json', tool: 'run_shell_command' },
  { host: 'gemini', rel: '.gemini/settings.json', tool: 'run_shell_command' },
  { host: 'cursor', rel: '.cursor/hooks.json', tool: 'Shell' },
  { host: 'copilot', rel: '.github/hooks/agentguard.json', tool: 'run_in_terminal' },
  { host: 'copilot-cli', rel: '.github/hooks/agentguard-cli.json', tool: 'bash' },
  { host: 'cline', rel: '.clinerules/hooks/PreToolUse', tool: 'execute_command' },
  { host: 'amp', rel: '.amp/agentguard-delegate', tool: 'Bash' },
];

/** The file install writes for `host`, holding the command install writes for `of` instead of its own. */
function fileOf(host: HostId, of: HostId): string {
  const command = installedCommand(of, LAUNCHER);
  if (host === 'cline' || host === 'amp') return hookScript(host, command);
  const added = addHook('', host, command);
  assert.ok(added.ok, `${host}: ${added.ok ? '' : added.error}`);
  return added.text;
}

test("a host's file holding AgentGuard's exact entry for another host is not AgentGuard's; its own entry is", () => {
  for (const { host, rel, tool } of JUDGING) {
    assert.equal(hookFileProblem(fileOf(host, host), host, rel, tool, own), undefined, `${host}'s own entry`);
    const shared = hostAdapter(host).shadow?.sharedWith ?? [];
    for (const other of HOSTS.filter((h) => h !== host)) {
      const why = hookFileProblem(fileOf(host, other), host, rel, tool, own);
      if (shared.includes(other)) assert.equal(why, undefined, `${host} loads ${other}'s file too`);
      else assert.ok(why, `${host}'s ${rel} holding the entry install writes for ${other}`);
    }
  }
});

test("VS Code's agent runs Claude Code's settings and Copilot CLI's hook file: their entries are AgentGuard's there, no other host's", () => {
  const claude = fileOf('claude', 'claude');
  assert.equal(hookFileProblem(claude, 'copilot', '.claude/settings.json', 'run_in_terminal', own), undefined);
  assert.ok(hookFileProblem(claude, 'copilot-cli', '.github/hooks/claude.json', 'bash', own), 'Copilot CLI');
  const gemini = fileOf('copilot', 'gemini');
  assert.match(
    hookFileProblem(gemini, 'copilot', '.github/hooks/agentguard.json', 'run_in_terminal', own) ?? '',
    /adds a PreToolUse hook \(.+ hook gemini\) that VS Code runs beside AgentGuard's/,
  );
});

/** Whether `rel`, a file install writes, is one of a shadow rule's `files`. */
function among(files: readonly string[], rel: string): boolean {
  return files.some((f) => {
    const glob = folderGlob(f);
    if (!glob) return f === rel;
    const folder = path.posix.dirname(rel);
    return glob.folders ? rel.startsWith(`${glob.folder}/`) : folder === glob.folder && rel.endsWith(glob.ext);
  });
}

test('a shadow rule shares its files with exactly the hosts install writes a file among them for', () => {
  for (const host of HOSTS) {
    const shadow = hostAdapter(host).shadow;
    if (!shadow) continue;
    const writers = HOST_HOOK_FILES.filter(
      (f) => f.scope === 'project' && f.host !== host && among(shadow.files, f.path),
    );
    assert.deepEqual(
      [...(shadow.sharedWith ?? [])].sort(),
      [...new Set(writers.map((f) => f.host))].sort(),
      `${host} reads ${writers.map((f) => f.path).join(', ') || 'no other host\u2019s file'}`,
    );
  }
});

test("Amp's delegate rule finds its program through a linked workspace, but never reads through a link at the program", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-delegate-'));
  try {
    const real = path.join(root, 'real');
    const linked = path.join(root, 'linked');
    fs.mkdirSync(path.join(real, '.amp'), { recursive: true });
    fs.symlinkSync(real, linked);
    const program = path.join(real, '.amp', 'agentguard-delegate');
    fs.writeFileSync(program, fileOf('amp', 'amp'), { mode: 0o755 });
    // Install wrote the rule with the real path; Amp reads the settings through the link.
    const settings = addHook('', 'amp', program);
    assert.ok(settings.ok);
    const through = path.join(linked, '.amp', 'settings.json');
    const ownThere = { launchers: [LAUNCHER], delegates: installedDelegates('amp', through, []) };
    assert.equal(hookFileProblem(settings.text, 'amp', '.amp/settings.json', 'Bash', ownThere), undefined);
    // The program a link to one with install's text: not AgentGuard's, however its folder is reached.
    const elsewhere = path.join(root, 'elsewhere');
    fs.renameSync(program, elsewhere);
    fs.symlinkSync(elsewhere, program);
    assert.match(
      hookFileProblem(settings.text, 'amp', '.amp/settings.json', 'Bash', ownThere) ?? '',
      /delegates to .+, not AgentGuard's delegate program/,
    );
    // A path naming the program as a folder is not the program.
    fs.rmSync(program);
    fs.renameSync(elsewhere, program);
    const slash = addHook('', 'amp', `${program}/`);
    assert.ok(slash.ok);
    assert.ok(hookFileProblem(slash.text, 'amp', '.amp/settings.json', 'Bash', ownThere));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
