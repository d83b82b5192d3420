// Wrappers that inject secrets or run a command elsewhere are unwrapped and
// the inner command judged; a wrapper naming a production environment makes
// the inner command target production. Git settings whose value is a command,
// and aliases defined earlier on the line, are read too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EngineOptions } from '../../../../src/core/engine';
import { HOME, WORKSPACE } from '../../support/helpers';

const opts: EngineOptions = {
  workspace: WORKSPACE,
  home: HOME,
  env: { HOME, PATH: '/usr/bin:/bin' },
  readFile: () => undefined,
};
const judge = (command: string) => evaluate({ command }, opts);

function gated(commands: string[], check?: (r: ReturnType<typeof judge>) => boolean): void {
  for (const c of commands) {
    const r = judge(c);
    assert.notEqual(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(',')}`);
    if (check) assert.ok(check(r), `${c}: ${JSON.stringify(r.environment)} ${r.findings.map((f) => f.id).join(',')}`);
  }
}

function allowed(commands: string[]): void {
  for (const c of commands) {
    const r = judge(c);
    assert.equal(r.decision, 'allow', `${c}: ${r.findings.map((f) => f.id).join(',')}`);
  }
}

test('secret injectors are unwrapped and their inner command judged', () => {
  gated([
    'doppler run -- git push --force origin main',
    'op run -- rm -rf ~/Music',
    'infisical run --command "git reset --hard HEAD~9"',
    'dotenv -e .env.local -- git clean -fdx',
    'aws-vault exec sandbox -- aws s3 rb s3://scratch-bucket --force',
    'railway run -- dropdb app_dev',
    'dotenvx run -f .env -- git push -f',
  ]);
  allowed([
    'doppler run -- npm test',
    'op run --env-file .env -- node server.js',
    'aws-vault exec dev -- aws s3 ls',
    'railway run npm run dev',
    'infisical run --env=dev -- pytest -q',
  ]);
});

test('a wrapper that names a production environment makes the inner command target production', () => {
  const prod = (r: ReturnType<typeof judge>) => r.environment.production;
  gated(
    [
      'doppler run --config prd -- node scripts/backfill.js',
      'infisical run --env=prod -- python manage.py migrate',
      'dotenv -e .env.production -- npx knex migrate:latest',
      'op run --env-file=./.env.prod -- ./bin/sync-users',
      'railway run --environment production -- node jobs/reindex.js',
      'aws-vault exec prod-admin -- aws dynamodb delete-item --table-name t --key "{}"',
    ],
    prod,
  );
  // Reading production stays allowed; a non-production name is not production.
  allowed([
    'doppler run --config prd -- ls',
    'doppler run --config stg -- node scripts/backfill.js',
    'dotenv -e .env.test -- jest',
  ]);
});

test('commands run on another machine are judged there', () => {
  gated([
    "heroku run --app shop-api 'rm -rf /app/storage'",
    "fly ssh console -a shop -C 'rm -rf /data'",
    "gcloud compute ssh vm-7 --zone europe-west1-b --command 'sudo rm -rf /var/lib/mysql'",
    `aws ssm send-command --instance-ids i-0abc --document-name AWS-RunShellScript --parameters 'commands=["rm -rf /srv/uploads"]'`,
    `aws ssm send-command --document-name AWS-RunShellScript --parameters '{"commands":["systemctl stop postgresql"]}' --targets Key=tag:env,Values=web`,
    'az vm run-command invoke -g rg -n db1 --command-id RunShellScript --scripts "rm -rf /var/lib/postgresql"',
    'screen -dmS cleanup rm -rf ~/archive',
    'kubectl debug node/worker-1 -it --image=busybox -- chroot /host rm -rf /var/lib/kubelet',
    "kubectl debug -n shop api-0 -it --copy-to=dbg --image=ubuntu -- sh -c 'rm -rf /data'",
  ]);
  allowed([
    "gcloud compute ssh vm-7 --command 'uptime'",
    "fly ssh console -C 'df -h'",
    `aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript --parameters 'commands=["uptime"]'`,
    'heroku run --app shop-staging "rails routes"',
    'kubectl debug api-0 -it --image=busybox -- ls /data',
    'kubectl debug node/worker-1 -it --image=busybox',
  ]);
});

test('git settings that hold a command, and aliases defined on the same line, run what they hold', () => {
  gated([
    "git -c core.pager='rm -rf ~/notes' log",
    "git -c core.sshCommand='git push --force origin main' fetch",
    "git -c diff.external='rm -rf ~/x' diff",
    "GIT_SSH_COMMAND='rm -rf ~/src' git pull",
    // `-c` spelled in the environment: git status runs core.fsmonitor.
    "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0='rm -rf ~/notes' git status",
    "export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0=bot GIT_CONFIG_KEY_1=core.pager GIT_CONFIG_VALUE_1='rm -rf ~/notes'; git log",
    `GIT_CONFIG_PARAMETERS="'core.fsmonitor'='rm -rf ~/notes'" git status`,
    "GIT_EDITOR='git reset --hard HEAD~4' git commit",
    "git config alias.sweep '!rm -rf ~/Desktop' && git sweep",
    'git config --local alias.fpush "push --force" ; git fpush origin main',
  ]);
  allowed([
    'git -c core.pager=cat log -3',
    "git -c core.sshCommand='ssh -i ~/.ssh/deploy_key' fetch",
    'GIT_PAGER=less git log',
    'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0=cat git log -3',
    `GIT_CONFIG_PARAMETERS="'user.name'='rm -rf ~/notes'" git commit -m x`,
    'git config alias.co checkout && git co -b feature',
    'git -c user.name=bot commit -m "rm -rf build"',
  ]);
});
