// npm run demo: what AgentGuard decides for a day of agent commands in the
// demo workspace (examples/demo, with the example .agentguard.json), through
// the real CLI in batch mode.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(root, 'examples', 'demo');

const commands = [
  ['harmless', 'npm test'],
  ['harmless', 'git status && git diff --stat'],
  ['harmless', 'rm -rf node_modules dist'],
  ['harmless', "psql \"$DATABASE_URL\" -c 'SELECT count(*) FROM users'", { DATABASE_URL: 'postgres://app@db.acme.io/app' }],
  ['PocketOS', `curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d2f\\") }"}'`],
  ['production', "psql \"$DATABASE_URL\" -c 'UPDATE users SET email = NULL'", { DATABASE_URL: 'postgres://app@db.acme.io/app' }],
  ['production', 'kubectl --context prod-eu rollout restart deploy/api'],
  ['destructive', 'terraform destroy -auto-approve'],
  ['destructive', "bash -c 'rm -rf ~'"],
  ['protected', 'rm migrations/001_users.sql'],
  ['workspace rule', 'git push origin main'],
  ['workspace rule', 'npm run db:reset'],
];

const input = commands.map(([, command, env]) => JSON.stringify({ command, ...(env ? { env: { HOME: process.env.HOME ?? '/', ...env } } : {}) })).join('\n') + '\n';
const cli = path.join(root, 'dist', 'cli.js');
const run = spawnSync(process.execPath, [cli, 'check', '--batch', '--workspace', workspace], { input, encoding: 'utf8', cwd: workspace });
if (run.status !== 0) {
  process.stderr.write(run.stderr || `agentguard exited with ${run.status}\n`);
  process.exit(run.status ?? 1);
}
const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
console.log(`AgentGuard on ${path.relative(process.cwd(), workspace) || '.'} (config: .agentguard.json)\n`);
for (let i = 0; i < commands.length; i++) {
  const [kind] = commands[i];
  const r = results[i];
  const mark = r.decision === 'allow' ? 'allow' : r.decision === 'ask' ? 'ASK  ' : 'DENY ';
  const env = r.environment?.production ? ` [${r.environment.name}]` : '';
  const cmd = r.command.length > 90 ? r.command.slice(0, 87) + '...' : r.command;
  console.log(`${mark} ${String(r.score).padStart(3)}  ${kind.padEnd(14)} ${cmd}${env}`);
  const why = r.rule ? `rule "${r.rule.match}"${r.rule.reason ? ': ' + r.rule.reason : ''}` : r.findings[0] ? `${r.findings[0].id}: ${r.findings[0].summary}` : '';
  if ((r.decision !== 'allow' || r.rule) && why) console.log(`                     ↳ ${r.decision === 'allow' ? 'allowed by ' : ''}${why}`);
}
