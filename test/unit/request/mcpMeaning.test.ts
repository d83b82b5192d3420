// MCP calls by meaning (request/mcp/): every string of the arguments at any
// depth goes to the reader its content calls for; tools that are a CLI under
// another name are read as that command line; other tool names by the verb
// grammar; the server's identity and the call's own target weigh it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate, makeContext, type EngineOptions } from '../../../src/core/engine';
import { judgeMcpCall, walkMcpArgs } from '../../../src/core/request/mcp';
import { meaningContext, meaningsOf } from '../../../src/core/request/mcp/meaning';
import { argvLine, cliLine } from '../../../src/core/request/mcp/cli';
import { verbFindings } from '../../../src/core/request/mcp/verbs';
import { guardSettingFindings } from '../../../src/core/request/mcp/guardSettings';
import { findMcpServer, mcpTarget } from '../../../src/core/environment/mcpServers';
import { toolWords, MCP_WALK_LIMITS } from '../../../src/core/request/mcp/walk';
import type { Config } from '../../../src/core/config/schema';
import { HOME, WORKSPACE } from '../support/helpers';

function judge(tool: string, input: unknown, files: Record<string, string> = {}, server?: string, config?: Config) {
  const opts: EngineOptions = {
    workspace: WORKSPACE,
    home: HOME,
    env: { HOME, PATH: '/usr/bin:/bin' },
    readFile: (p, cwd) => files[path.resolve(cwd, p)],
    platform: 'linux',
    ...(config ? { config } : {}),
  };
  const ctx = makeContext(opts, opts.env!);
  return judgeMcpCall(
    { ...(server ? { server } : {}), tool, input },
    {
      ctx,
      config,
      cwd: WORKSPACE,
      shell: (command, cwd, env) => {
        const r = evaluate({ command, cwd, env: { ...opts.env!, ...env } }, opts);
        return { findings: r.findings, environment: r.environment };
      },
    },
  );
}
const worst = (r: { findings: { severity: number }[] }) => r.findings.reduce((s, f) => Math.max(s, f.severity), 0);
const asks = (r: { findings: { severity: number }[] }) => worst(r) >= 40;

test('the walk reaches every string at any depth, reads JSON held in a string, and says what it did not read', () => {
  const w = walkMcpArgs({
    params: { sqlStatements: ['SELECT 1', 'DROP TABLE t'] },
    arguments: '{"q": {"deep": ["x"]}}',
  });
  assert.deepEqual(
    w.strings.map((s) => [s.path.join('.'), s.key, s.value]),
    [
      ['params.sqlstatements.0', 'sqlstatements', 'SELECT 1'],
      ['params.sqlstatements.1', 'sqlstatements', 'DROP TABLE t'],
      ['arguments.q.deep.0', 'deep', 'x'],
    ],
  );
  let deep: unknown = 'leaf';
  for (let i = 0; i < MCP_WALK_LIMITS.maxDepth + 5; i++) deep = { d: deep };
  assert.match(walkMcpArgs(deep).overflow ?? '', /deeper than/);
  assert.match(walkMcpArgs({ big: 'x'.repeat(MCP_WALK_LIMITS.maxChars + 1) }).overflow ?? '', /characters/);
  assert.match(
    walkMcpArgs({ many: Array.from({ length: MCP_WALK_LIMITS.maxStrings + 1 }, () => 'a') }).overflow ?? '',
    /strings/,
  );
  assert.deepEqual(toolWords('volumeDelete'), ['volume', 'delete']);
});

test('strings go to the reader their content calls for; text tools and prose keys are words, not code', () => {
  const read = (tool: string, input: unknown) =>
    meaningsOf(walkMcpArgs(input), meaningContext(toolWords(tool))).map(
      (m) => `${m.kind}:${'text' in m ? m.text : m.command}`,
    );
  assert.deepEqual(read('run', { operations: [{ statement: 'TRUNCATE orders' }] }), ['sql:TRUNCATE orders']);
  assert.deepEqual(read('batch', { anything: 'DELETE FROM sessions' }), ['sql:DELETE FROM sessions']);
  assert.deepEqual(read('exec', { line: 'kubectl delete ns prod' }), ['shell:kubectl delete ns prod']);
  assert.deepEqual(read('search_code', { query: 'drop table repo:acme/api' }), []);
  assert.deepEqual(read('suggest_aws_commands', { query: 'how do I delete an S3 bucket' }), []);
  assert.deepEqual(read('create_issue', { title: 'rm -rf in CI', body: 'make test fails' }), []);
  assert.deepEqual(read('run', { step: 'make test' }), []);
  assert.deepEqual(read('request', { method: 'DELETE', url: 'https://api.render.com/v1/services/srv-1' }), [
    "http:curl -sS -X DELETE 'https://api.render.com/v1/services/srv-1'",
  ]);
  assert.deepEqual(read('create_issue', { body: 'see https://example.com/x' }), []);
});

test('tools that are a CLI under another name are read as that command line', () => {
  assert.equal(cliLine({ words: toolWords('git_reset'), input: { repo_path: '/x' } }), 'git reset');
  assert.equal(
    cliLine({ words: toolWords('git_push'), input: { remote: 'origin', branch: 'main', force: true } }),
    'git push --force origin main',
  );
  assert.equal(
    cliLine({
      server: 'kubernetes',
      words: toolWords('resources_scale'),
      input: { kind: 'Deployment', name: 'api', namespace: 'production', scale: 0 },
    }),
    'kubectl scale deployment api -n production --replicas=0',
  );
  assert.equal(
    cliLine({ words: toolWords('helm_uninstall'), input: { name: 'payments', namespace: 'prod' } }),
    'helm uninstall payments -n prod',
  );
  assert.equal(
    cliLine({
      words: toolWords('use_aws'),
      input: { service_name: 's3', operation_name: 'delete-bucket', parameters: { bucket: 'b' } },
    }),
    'aws s3api delete-bucket --bucket b',
  );
  assert.equal(cliLine({ words: toolWords('create_issue'), input: {} }), undefined);
});

test('tool names by the verb grammar: deletions by what they delete; reset, pause, refund, merge, push to main and scale to zero by what they name', () => {
  const ids = (tool: string, args: Record<string, unknown> = {}, server: string[] = []) =>
    verbFindings(toolWords(tool), { label: tool, serverWords: server, args }).map((f) => `${f.id}:${f.severity}`);
  assert.deepEqual(ids('delete_project', { projectId: 'p' }), ['mcp.destructive-tool:85']);
  assert.deepEqual(ids('drop-collection'), ['mcp.destructive-tool:80']);
  assert.deepEqual(ids('delete_comment'), ['mcp.destructive-tool:45']);
  assert.deepEqual(ids('reset_from_parent', {}, ['neon']), ['mcp.emptying-tool:60']);
  assert.deepEqual(ids('reset_password'), []);
  assert.deepEqual(ids('pause_project'), ['mcp.halting-tool:60']);
  assert.deepEqual(ids('stop_recording'), []);
  assert.deepEqual(ids('create_refund'), ['mcp.money-tool:60']);
  assert.deepEqual(ids('cancel_subscription'), ['mcp.money-tool:60']);
  assert.deepEqual(ids('cancel_workflow_run'), []);
  assert.deepEqual(ids('merge_pull_request'), ['mcp.merge-tool:55']);
  assert.deepEqual(ids('create_merge_request'), []);
  assert.deepEqual(ids('push_files', { branch: 'main' }), ['mcp.protected-branch-write:55']);
  assert.deepEqual(ids('push_files', { branch: 'fix/x' }), []);
  assert.deepEqual(ids('update_ref', { ref: 'refs/heads/main', force: true }), ['mcp.protected-branch-write:70']);
  assert.deepEqual(ids('scale_service', { replicas: 0 }), ['mcp.scale-to-zero:60']);
  assert.deepEqual(ids('scale_service', { replicas: 3 }), []);
  assert.deepEqual(ids('list_projects'), []);
});

test("an MCP server's own guard settings: emptied ban lists, widened allow lists, guards switched off ask; other settings do not", () => {
  const ids = (tool: string, input: unknown) => guardSettingFindings(toolWords(tool), input, tool).map((f) => f.id);
  assert.deepEqual(ids('set_config_value', { key: 'blockedCommands', value: [] }), ['guard.mcp-server-setting']);
  assert.deepEqual(ids('set_config_value', { key: 'allowedDirectories', value: [] }), ['guard.mcp-server-setting']);
  assert.deepEqual(ids('set_config_value', { key: 'allowedDirectories', value: '["/"]' }), [
    'guard.mcp-server-setting',
  ]);
  assert.deepEqual(ids('update_config', { key: 'readOnly', value: false }), ['guard.mcp-server-setting']);
  assert.deepEqual(ids('set_settings', { settings: { autoApprove: true } }), ['guard.mcp-server-setting']);
  assert.deepEqual(ids('set_config_value', { key: 'blockedCommands', value: ['rm', 'sudo'] }), []);
  assert.deepEqual(ids('set_config_value', { key: 'allowedDirectories', value: ['/home/dev/code/acme-api'] }), []);
  assert.deepEqual(ids('set_config_value', { key: 'fileReadLineLimit', value: 2000 }), []);
  assert.deepEqual(ids('get_config', {}), []);
});

test("the server's identity comes from the MCP configuration the host starts it from", () => {
  const files: Record<string, string> = {
    [`${WORKSPACE}/.mcp.json`]: JSON.stringify({
      mcpServers: {
        'prod db': {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-postgres', 'postgresql://app@db.prod.acme.io/app'],
        },
      },
    }),
    [`${WORKSPACE}/.vscode/mcp.json`]:
      '{ // VS Code keeps its servers under "servers"\n "servers": { "stripe": { "command": "npx", "env": { "STRIPE_SECRET_KEY": "sk_test_abc123" } } } }',
    [`${HOME}/.claude.json`]: JSON.stringify({
      projects: {
        [WORKSPACE]: {
          mcpServers: {
            local: {
              command: 'node',
              args: ['db.js'],
              env: { DATABASE_URL: 'postgres://postgres@localhost:5432/acme_test' },
            },
          },
        },
      },
    }),
  };
  const ctx = {
    workspace: WORKSPACE,
    home: HOME,
    tempDirs: ['/tmp'],
    readFile: (p: string, cwd: string) => files[path.resolve(cwd, p)],
  };
  assert.equal(findMcpServer('prod_db', ctx)?.args[2], 'postgresql://app@db.prod.acme.io/app');
  assert.equal(findMcpServer('stripe', ctx)?.env.STRIPE_SECRET_KEY, 'sk_test_abc123');
  assert.equal(findMcpServer('missing', ctx), undefined);
  assert.equal(mcpTarget({ server: 'prod_db', tool: 'query', input: {} }, ctx, undefined).environment.production, true);
  assert.deepEqual(mcpTarget({ server: 'stripe', tool: 'create_refund', input: {} }, ctx, undefined).disposable, [
    'a test-mode API key in the configuration of MCP server stripe',
  ]);
  assert.match(
    mcpTarget({ server: 'local', tool: 'query', input: {} }, ctx, undefined).disposable.join(),
    /acme_test on this machine/,
  );
  // The call's own target: a namespace named for production.
  assert.equal(
    mcpTarget({ server: 'k8s', tool: 'pods_list', input: { namespace: 'production' } }, ctx, undefined).environment
      .production,
    true,
  );
});

test('the whole call: production writes, disposable targets, secrets sent, and reads that stay silent', () => {
  const prod = {
    [`${WORKSPACE}/.mcp.json`]: JSON.stringify({
      mcpServers: { postgres: { command: 'npx', args: ['postgresql://app@db.prod.acme.io/app'] } },
    }),
  };
  const test = {
    [`${WORKSPACE}/.mcp.json`]: JSON.stringify({
      mcpServers: { postgres: { command: 'npx', args: ['postgresql://postgres@127.0.0.1/app_test'] } },
    }),
  };
  assert.ok(
    judge('query', { sql: 'UPDATE users SET plan = 1 WHERE id = 2' }, prod, 'postgres').findings.some(
      (f) => f.id === 'env.production-write',
    ),
  );
  assert.equal(asks(judge('query', { sql: 'SELECT 1' }, prod, 'postgres')), false);
  assert.equal(asks(judge('query', { sql: 'DROP TABLE users' }, test, 'postgres')), false);
  assert.equal(asks(judge('query', { sql: 'DROP TABLE users' }, {}, 'postgres')), true);
  assert.equal(
    asks(judge('run_sql', { params: { sql: 'alter table p disable row level security' } }, {}, 'supabase')),
    true,
  );
  assert.ok(
    judge('post_message', { text: `key sk_live_${'a1B2'.repeat(6)}` }, {}, 'slack').findings.some(
      (f) => f.id === 'secrets.sent-by-form',
    ),
  );
  assert.equal(asks(judge('kv_put', { path: 'x', data: { token: `ghp_${'a1B2c3'.repeat(6)}` } }, {}, 'vault')), false);
  assert.equal(asks(judge('git_reset', { repo_path: WORKSPACE }, {}, 'git')), false);
  assert.equal(
    asks(judge('call_aws', { cli_command: 'aws s3 rb s3://acme-prod-assets --force' }, {}, 'aws-api')),
    true,
  );
  assert.equal(asks(judge('call_aws', { cli_command: 'aws s3 ls' }, {}, 'aws-api')), false);
  assert.equal(asks(judge('list_tables', { project_id: 'acme-prod' }, {}, 'supabase')), false);
  assert.match(
    judge('x', { a: 'x'.repeat(MCP_WALK_LIMITS.maxChars + 1) })
      .findings.map((f) => f.id)
      .join(),
    /mcp\.arguments-unread/,
  );
});

test('a command line, SQL text or request past the bound on meanings read is asked about, never dropped quietly', () => {
  // Sixteen harmless command lines fill the bound; the seventeenth would delete the home folder.
  const lines = [...Array.from({ length: 16 }, (_, i) => `git status --short src/${i}`), 'rm -rf ~'];
  const r = judge('run_commands', { commands: lines.map((command) => ({ command })) });
  assert.ok(asks(r), JSON.stringify(r.findings));
  assert.match(
    r.findings.map((f) => `${f.id}: ${f.summary}`).join('\n'),
    /mcp\.arguments-unread.*more than 16 command lines/,
  );
  // Within the bound nothing is said.
  const within = judge('run_commands', { commands: lines.slice(0, 16).map((command) => ({ command })) });
  assert.ok(!within.findings.some((f) => f.id === 'mcp.arguments-unread'), JSON.stringify(within.findings));
});

test('a command line or SQL text longer than the reader looks at is still judged, whole, never skipped', () => {
  // Past 8 KiB a line used to be no command line at all, and SQL past 256 KiB no SQL.
  const line = judge('x', { cmd: 'rm -rf ~ ; ' + 'true; '.repeat(1500) });
  assert.ok(asks(line), JSON.stringify(line.findings));
  assert.ok(
    line.findings.some((f) => f.id === 'fs.rm-home'),
    JSON.stringify(line.findings),
  );
  const sql = judge('db_exec', { sql: 'SELECT 1; ' + ' '.repeat(300 * 1024) + 'DROP TABLE users' });
  assert.ok(asks(sql), JSON.stringify(sql.findings));
  assert.ok(
    sql.findings.some((f) => f.id === 'sql.too-large'),
    JSON.stringify(sql.findings),
  );
});

test("a server's env or args, or a file's servers, past those read (256) ask; within the bound the call is judged as before", () => {
  const pad = (n: number, v = 'x') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`PAD_${i}`, v]));
  const prodUrl = { DATABASE_URL: 'postgresql://app@db.prod.acme.io/app' };
  const mcp = (servers: Record<string, unknown>) => ({
    [`${WORKSPACE}/.mcp.json`]: JSON.stringify({ mcpServers: servers }),
  });
  const db = (env: Record<string, string>) => ({ command: 'npx', args: ['db-mcp'], env });
  const otherServers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, db({})]));
  const unread = (r: ReturnType<typeof judge>) =>
    r.findings.some((f) => f.id === 'parse.too-complex' && /than AgentGuard reads \(256\)/.test(f.summary));
  const call = { sql: 'UPDATE users SET plan = 1 WHERE id = 2' };
  // The production connection string as the 256th variable is read; as the 257th it would go unseen.
  const within = judge('query', call, mcp({ db: db({ ...pad(255), ...prodUrl }) }), 'db');
  assert.ok(within.findings.some((f) => f.id === 'env.production-write') && !unread(within), JSON.stringify(within));
  const past = judge('query', call, mcp({ db: db({ ...pad(256), ...prodUrl }) }), 'db');
  assert.ok(asks(past) && unread(past), JSON.stringify(past.findings));
  assert.match(past.findings.map((f) => f.summary).join(), /257 env variables/);
  const args = judge('query', call, mcp({ db: { command: 'npx', args: Array(257).fill('--verbose') } }), 'db');
  assert.ok(asks(args) && unread(args), JSON.stringify(args.findings));
  // The server named as the 256th of its file is read; as the 257th it is not, and the host may start it from there.
  const read = judge('query', call, mcp({ ...otherServers(255), db: db(prodUrl) }), 'db');
  assert.ok(read.findings.some((f) => f.id === 'env.production-write') && !unread(read), JSON.stringify(read));
  const unlisted = judge('query', call, mcp({ ...otherServers(256), db: db(prodUrl) }), 'db');
  assert.ok(asks(unlisted) && unread(unlisted), JSON.stringify(unlisted.findings));
  assert.match(unlisted.findings.map((f) => f.summary).join(), /lists more MCP servers than AgentGuard reads/);
  // A read-only call on a server whose configuration is read whole stays quiet.
  assert.equal(asks(judge('query', { sql: 'SELECT 1' }, mcp({ db: db(pad(256)) }), 'db')), false);
});

test("a call's argument object with more keys than are read for its target (128) asks; within the bound it is judged as before", () => {
  const pad = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`opt_${i}`, 'x']));
  const sql = 'UPDATE users SET plan = 1 WHERE id = 2';
  const unread = (r: ReturnType<typeof judge>) =>
    r.findings.some(
      (f) => f.id === 'parse.too-complex' && /129 keys, more than AgentGuard reads \(128\)/.test(f.summary),
    );
  // `environment: production` as the 128th key is read: a production write.
  const within = judge('query', { sql, ...pad(126), environment: 'production' }, {}, 'db');
  assert.ok(within.findings.some((f) => f.id === 'env.production-write') && !unread(within), JSON.stringify(within));
  // As the 129th it would go unseen, and the write passed as one to nowhere in particular: asked, at the top or one object down.
  for (const input of [
    { sql, ...pad(127), environment: 'production' },
    { sql, params: { ...pad(128), environment: 'production' } },
  ]) {
    const past = judge('query', input, {}, 'db');
    assert.ok(asks(past) && unread(past), JSON.stringify(past.findings));
  }
  // A call naming no production target, within the bound, stays as quiet as before.
  assert.equal(asks(judge('query', { sql: 'SELECT 1', ...pad(127) }, {}, 'db')), false);
});

test('an argument vector is read as the program it names, or the program the tool is named after', () => {
  assert.equal(
    argvLine({ server: 'k8s', words: toolWords('kubectl'), input: { args: ['delete', 'ns', 'prod'] } }),
    'kubectl delete ns prod',
  );
  assert.equal(
    argvLine({ words: toolWords('exec'), input: { argv: ['bash', '-c', 'rm -rf ~'] } }),
    "bash -c 'rm -rf ~'",
  );
  assert.equal(argvLine({ words: toolWords('create_issue'), input: { args: ['a', 'b'] } }), undefined);
  assert.equal(argvLine({ words: toolWords('kubectl'), input: { args: 'delete ns prod' } }), undefined);
  assert.ok(asks(judge('mcp__k8s__kubectl', { args: ['delete', 'namespace', 'production'] })));
  assert.ok(asks(judge('mcp__docker__docker', { args: ['volume', 'rm', 'pgdata'] })));
  assert.ok(!asks(judge('mcp__k8s__kubectl', { args: ['logs', 'deploy/api', '-n', 'prod'] })));
  assert.ok(!asks(judge('mcp__shell__exec', { argv: ['npm', 'test'] })));
  // spawn's shape: the program under a key of its own, the vector its words.
  assert.equal(argvLine({ words: toolWords('run'), input: { cmd: 'rm', args: ['-rf', '~'] } }), "rm -rf '~'");
  assert.ok(asks(judge('mcp__shell__run', { cmd: 'rm', args: ['-rf', '~'] })));
  assert.ok(asks(judge('mcp__exec__spawn', { program: 'git', arguments: ['push', '--force', 'origin', 'main'] })));
  assert.ok(!asks(judge('mcp__exec__spawn', { command: 'git', args: ['status'] })));
  assert.ok(!asks(judge('mcp__build__run', { command: 'npm', args: ['run', 'build'] })));
  // A shell line under `command` is no program name: read as the line it is, elsewhere.
  assert.equal(argvLine({ words: toolWords('run'), input: { command: 'ls -la', args: ['x'] } }), undefined);
});

test('a settings tool handed a protection switched off asks, as the same body sent with curl does', () => {
  const ids = (tool: string, input: unknown) => judge(tool, input).findings.map((f) => f.id);
  assert.ok(
    ids('mcp__github__update_branch_protection', {
      owner: 'acme',
      repo: 'api',
      branch: 'main',
      enforce_admins: false,
      required_pull_request_reviews: null,
    }).includes('http.protection-off'),
  );
  assert.ok(
    ids('mcp__neon__update_project', { settings: { deletion_protection: false } }).includes('http.protection-off'),
  );
  assert.ok(ids('mcp__github__update_repository', { repo: 'api', private: false }).includes('http.protection-off'));
  // Turning a protection on, reads, and a work item's own switches (an issue unlocked) say nothing.
  assert.deepEqual(ids('mcp__neon__update_project', { settings: { deletion_protection: true } }), []);
  assert.deepEqual(ids('mcp__github__get_branch_protection', { enforce_admins: false }), []);
  assert.deepEqual(ids('mcp__github__update_issue', { issue_number: 3, state: 'closed', locked: false }), []);
});

test('emptying a cache by name asks; a delete by a filter that picks documents is a targeted delete', () => {
  assert.ok(asks(judge('mcp__redis__flushall', {})));
  assert.ok(asks(judge('mcp__upstash__redis_flushdb', { database_id: 'd1' })));
  assert.ok(
    !asks(judge('mcp__mongodb__delete-many', { collection: 'carts', filter: { updatedAt: { $lt: '2024-01-01' } } })),
  );
  assert.ok(asks(judge('mcp__mongodb__delete-many', { collection: 'carts', filter: {} })));
  assert.ok(asks(judge('mcp__mongodb__delete-many', { collection: 'carts' })));
  assert.ok(asks(judge('mcp__mongodb__delete-many', { collection: 'carts', filter: { _id: { $exists: true } } })));
});
