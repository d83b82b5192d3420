// The status-bar badge shows what the hook enforces: the environment judged
// with the confirmed policy, and what waits for a human in its tooltip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigText } from '../../../src/core/config/load';
import { boundedReadFile } from '../../../src/core/engine';
import { comparePolicies, withHumanRules, writeBaseline } from '../../../src/core/policy';
import { badgeView, enforcedEnvironment, type EnforcedEnvironment } from '../../../src/core/policy/enforced';

const PROD = '{ "environments": { "production": { "production": true, "hosts": ["db.acme.internal"] } } }\n';
const DROPPED = '{ "environments": { "staging": { "hosts": ["db.acme.internal"] } } }\n';

function withWorkspace(fn: (ws: string, state: string) => void): void {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'agentguard-badge-')));
  const ws = path.join(root, 'ws');
  const state = path.join(root, 'state');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, '.env'), 'DATABASE_URL=postgres://app@db.acme.internal:5432/app\n');
  try {
    fn(ws, state);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const reads = (state: string) => ({
  stateDir: state,
  processEnv: {},
  home: '/nonexistent-home',
  readFile: boundedReadFile,
});

function confirm(state: string, ws: string, text: string): void {
  const loaded = parseConfigText(text, path.join(ws, '.agentguard.json'));
  assert.ok(loaded.ok);
  writeBaseline(state, ws, text, loaded.config ?? null);
}

test('dropping production from the confirmed policy: the badge stays production, and says a loosening waits', () => {
  withWorkspace((ws, state) => {
    fs.writeFileSync(path.join(ws, '.agentguard.json'), PROD);
    confirm(state, ws, PROD);
    const before = enforcedEnvironment(ws, reads(state));
    assert.equal(before.env?.production, true);
    assert.deepEqual(before.pending, []);
    assert.equal(badgeView([before]).text, '$(flame) PRODUCTION');

    fs.writeFileSync(path.join(ws, '.agentguard.json'), DROPPED);
    const after = enforcedEnvironment(ws, reads(state));
    assert.equal(after.env?.production, true, 'the hook still judges production until a human confirms');
    assert.equal(after.pending.length, 1);
    const view = badgeView([after]);
    assert.equal(view.kind, 'production');
    assert.equal(view.text, '$(flame) PRODUCTION $(warning)');
    assert.match(view.label, /a loosening waits for your review/);
    assert.match(view.tooltip, /Waiting for your review, not applied:\*\* a loosening of `\.agentguard\.json`/);
    assert.match(view.tooltip, /production environment "production" removed/);
    assert.match(view.summary, /production \(production\) \(1 loosening pending\)$/);

    // Once a human confirms the file, the badge follows it.
    confirm(state, ws, DROPPED);
    const confirmed = enforcedEnvironment(ws, reads(state));
    assert.equal(confirmed.env?.production, false);
    assert.equal(badgeView([confirmed]).text, '$(server-environment) staging');
  });
});

test('a tightening shows at once: a production mark nobody confirmed yet is red', () => {
  withWorkspace((ws, state) => {
    fs.writeFileSync(path.join(ws, '.agentguard.json'), PROD);
    const e = enforcedEnvironment(ws, reads(state));
    assert.equal(e.env?.production, true);
    assert.equal(badgeView([e]).kind, 'production');
  });
});

test('an invalid .agentguard.json is a config error, whatever was confirmed', () => {
  withWorkspace((ws, state) => {
    fs.writeFileSync(path.join(ws, '.agentguard.json'), '{ "thresholds": { "ask": 95, "deny": 90 } }\n');
    const e = enforcedEnvironment(ws, reads(state));
    assert.ok(e.error);
    const view = badgeView([e]);
    assert.equal(view.kind, 'error');
    assert.match(view.tooltip, /```text\n[^]*thresholds/);
  });
});

test('badgeView: nothing named and nothing pending hides it; a pending monitor switch shows it, with where it came from', () => {
  const local: EnforcedEnvironment = {
    folder: '/w',
    env: { name: 'unknown', production: false, evidence: [] },
    pending: [],
  };
  assert.equal(badgeView([local]).kind, 'hidden');
  assert.equal(badgeView([]).summary, 'no folder');
  const view = badgeView([local], new Map([['/w', 'the workspace settings (/w/.vscode/settings.json)']]));
  assert.equal(view.kind, 'pending');
  assert.equal(view.text, '$(warning) AgentGuard: review pending');
  assert.match(
    view.tooltip,
    /monitor mode, requested by the workspace settings \(\/w\/\.vscode\/settings\.json\) — the hook keeps enforcing/,
  );
  assert.match(view.summary, /\(monitor mode pending\)/);
  // Another folder's request does not concern this one.
  assert.equal(badgeView([local], new Map([['/other', 'x']])).kind, 'hidden');
  // So does a pending request to let AgentGuard approve harmless calls.
  const harmless = badgeView([local], new Map(), new Map([['/w', 'your user settings']]));
  assert.equal(harmless.kind, 'pending');
  assert.match(
    harmless.tooltip,
    /AgentGuard approving harmless calls itself, requested by your user settings — the agent hosts keep deciding them/,
  );
  assert.match(harmless.summary, /\(approving harmless calls pending\)/);
});

test('badgeView: evidence and summaries are Markdown-escaped, and a long list of loosenings is cut', () => {
  const pending = Array.from({ length: 8 }, (_, i) => ({
    path: `rules[${i}]`,
    summary: `allow rule \`rm *_${i}\` (rules[${i}])`,
  }));
  const e: EnforcedEnvironment = {
    folder: '/w',
    env: { name: 'staging', production: false, evidence: ['host *x* in <file>'] },
    pending,
  };
  const view = badgeView([e]);
  assert.equal(view.kind, 'named');
  assert.equal(view.text, '$(server-environment) staging $(warning)');
  assert.match(view.tooltip, /- host \\\*x\\\* in \\<file\\>/);
  assert.match(view.tooltip, /allow rule \\`rm \\\*\\_0\\` \(rules\\\[0\\\]\)/);
  assert.match(view.tooltip, /- and 3 more/);
  assert.match(view.tooltip, /8 loosenings/);
});

test('withHumanRules: a human\'s "Always allow" confirms their rule, not a loosening an agent left in the file', () => {
  const baseline = {
    environments: { production: { production: true, hosts: ['db.acme.internal'] } },
    rules: [{ match: 'git status', decision: 'allow' as const }],
  };
  // The agent dropped production and added an allow rule; the human then adds one rule.
  const before = {
    environments: { staging: { hosts: ['db.acme.internal'] } },
    rules: [
      { match: 'git status', decision: 'allow' as const },
      { match: 'rm -rf ~', decision: 'allow' as const },
    ],
  };
  const after = {
    ...before,
    rules: [...before.rules, { match: 'git push --force origin main', decision: 'allow' as const }],
  };
  const merged = withHumanRules(baseline, before, after);
  assert.deepEqual(merged.environments, baseline.environments);
  assert.deepEqual(
    merged.rules?.map((r) => r.match),
    ['git status', 'git push --force origin main'],
  );
  // The file now differs from what was confirmed only by the agent's changes: those still wait.
  const cmp = comparePolicies(merged, after);
  assert.deepEqual(cmp.loosenings.map((l) => l.path).sort(), ['environments.production', 'rules[1]']);
  // Nothing confirmed before: the built-in defaults plus the rule.
  assert.deepEqual(withHumanRules(undefined, undefined, { rules: [{ match: 'make deploy', decision: 'allow' }] }), {
    rules: [{ match: 'make deploy', decision: 'allow' }],
  });
});
