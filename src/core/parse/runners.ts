// Wrappers that inject secrets into a command (doppler, op, infisical,
// dotenv, aws-vault, railway run) or run it on another machine (heroku run,
// fly ssh console -C, gcloud compute ssh --command, aws ssm send-command,
// az vm run-command). The inner command is judged; a wrapper that names a
// production environment makes the inner command target production.
import type { Pending } from './normalize/scope';
import type { UnwrapStep } from './wrappers/common';
import { own } from '../text/own';

/** Environment names that say production, as secret managers spell them (`prd`, `prod`, `production`, `live`). */
const PRODUCTION_NAME = /(?:^|[.\-_/:,])(?:prd|prod|production|live)\d*(?=$|[.\-_/:,])/i;

/** Options taking a value, per runner, and the ones that name the environment whose secrets are injected. */
const RUNNERS: Readonly<Record<string, { sub?: string; values: readonly string[]; envFlags: readonly string[] }>> = {
  doppler: {
    sub: 'run',
    values: [
      '--config',
      '-c',
      '--project',
      '-p',
      '--token',
      '-t',
      '--mount',
      '--mount-format',
      '--fallback',
      '--name-transformer',
      '--scope',
    ],
    envFlags: ['--config', '-c'],
  },
  op: {
    sub: 'run',
    values: ['--env-file', '--account', '--config', '--environment'],
    envFlags: ['--env-file', '--environment'],
  },
  infisical: {
    sub: 'run',
    values: ['--env', '-e', '--projectId', '--path', '--token', '--tags', '--domain', '--watch-interval'],
    envFlags: ['--env', '-e'],
  },
  dotenv: { values: ['-e', '-c', '-v', '-f', '--file'], envFlags: ['-e', '-c', '-f', '--file'] },
  // The same program under its package's name, as `npx dotenv-cli -- CMD` runs it.
  'dotenv-cli': { values: ['-e', '-c', '-v'], envFlags: ['-e', '-c'] },
  'dotenvx': {
    sub: 'run',
    values: ['-f', '--env-file', '-e', '--env', '--convention'],
    envFlags: ['-f', '--env-file', '--convention'],
  },
  'aws-vault': {
    sub: 'exec',
    values: ['--duration', '-d', '--region', '--mfa-token', '-t', '--prompt', '--ec2-server'],
    envFlags: [],
  },
  railway: {
    sub: 'run',
    values: ['--environment', '-e', '--service', '-s', '--project', '-p'],
    envFlags: ['--environment', '-e'],
  },
  'env-cmd': {
    values: ['-f', '--file', '-e', '--environments', '-r', '--rc-file'],
    envFlags: ['-f', '--file', '-e', '--environments'],
  },
  'with-env': { values: [], envFlags: [] },
};

function optionIn(
  argv: readonly string[],
  i: number,
  names: readonly string[],
): { name: string; value?: string; width: number } | undefined {
  const a = argv[i];
  for (const n of names) {
    if (a === n) return { name: n, value: argv[i + 1], width: 2 };
    if (a.startsWith(n + '=')) return { name: n, value: a.slice(n.length + 1), width: 1 };
  }
  return undefined;
}

/** `doppler run --config prd -- CMD`, `dotenv -e .env.production -- CMD`, `aws-vault exec prod -- CMD`, `railway run -e production CMD`. */
export function unwrapSecretRunner(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const spec = own(RUNNERS, argv[0]);
  if (!spec) return undefined;
  let i = 1;
  if (spec.sub) {
    if (argv[1] !== spec.sub) return undefined;
    i = 2;
  }
  // python-dotenv: `dotenv -f FILE run CMD`.
  let production = false;
  const envNames: string[] = [];
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    // `doppler run --command "…"`, `infisical run --command "…"`: the command as one shell string.
    if (a === '--command' || a.startsWith('--command=')) {
      const text = a === '--command' ? argv[i + 1] : a.slice(10);
      return text === undefined
        ? undefined
        : {
            kind: 'script',
            text,
            via: argv.slice(0, i).join(' '),
            ...(productionEnv(envNames) ? { env: withProduction(p.env) } : {}),
          };
    }
    const opt = optionIn(argv, i, spec.values);
    if (opt) {
      if (spec.envFlags.includes(opt.name) && opt.value) envNames.push(opt.value);
      i += opt.width - 1;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (argv[0] === 'dotenv' && a === 'run') continue;
    // aws-vault's profile comes first.
    if (argv[0] === 'aws-vault' && envNames.length === 0 && spec.envFlags.length === 0 && i === 2) {
      envNames.push(a);
      continue;
    }
    break;
  }
  if (i >= argv.length) return undefined;
  production = productionEnv(envNames);
  // `dotenv -e .env.test`: the test configuration, which the engine may count as a disposable target.
  const test = !production && envNames.length > 0 && envNames.every((n) => TEST_ENV_FILE.test(n.replace(/^.*\//, '')));
  const next: Pending = {
    ...p,
    argv: argv.slice(i),
    dynamic: p.dynamic.slice(i),
    env: production ? withProduction(p.env) : test ? { ...p.env, DEPLOY_ENV: 'test' } : p.env,
  };
  return {
    kind: 'command',
    next,
    via: argv
      .slice(0, i)
      .filter((a) => a !== '--')
      .join(' '),
  };
}

const TEST_ENV_FILE = /^(?:\.env\.(?:test|testing|ci|e2e)(?:\.local)?|test|testing|ci|e2e)$/i;

function productionEnv(names: readonly string[]): boolean {
  return names.some(
    (n) =>
      PRODUCTION_NAME.test(n.replace(/^\.env\.?/, '').replace(/^.*\//, '')) ||
      /\.env\.(?:prd|prod|production|live)\b/i.test(n),
  );
}

/** The inner command runs with a production environment's secrets: say so in the variable the engine reads. */
function withProduction(env: Record<string, string>): Record<string, string> {
  return { ...env, DEPLOY_ENV: 'production' };
}

/** Commands that run on another machine: heroku run, fly ssh console -C, gcloud compute ssh --command, aws ssm, az vm run-command. */
export function unwrapRemoteRunner(p: Pending): UnwrapStep | undefined {
  const argv = p.argv;
  const prog = argv[0];
  if (prog === 'heroku' && (argv[1] === 'run' || argv[1] === 'run:detached')) {
    const app = valueOf(argv, ['--app', '-a']) ?? 'heroku';
    const rest: string[] = [];
    for (let i = 2; i < argv.length; i++) {
      if (['--app', '-a', '--remote', '-r', '--size', '-s', '--type', '--env', '-e', '--exit-code'].includes(argv[i])) {
        if (argv[i] !== '--exit-code') i++;
        continue;
      }
      if (argv[i] === '--') continue;
      rest.push(argv[i]);
    }
    return rest.length
      ? {
          kind: 'script',
          text: rest.join(' '),
          via: `heroku run --app ${app}`,
          remote: { kind: 'ssh', target: app },
          alsoEmit: true,
        }
      : undefined;
  }
  if ((prog === 'fly' || prog === 'flyctl') && argv[1] === 'ssh' && argv[2] === 'console') {
    const text = valueOf(argv, ['-C', '--command']);
    const app = valueOf(argv, ['-a', '--app']) ?? 'fly';
    return text
      ? {
          kind: 'script',
          text,
          via: `${prog} ssh console --app ${app}`,
          remote: { kind: 'ssh', target: app },
          alsoEmit: true,
        }
      : undefined;
  }
  if (
    (prog === 'fly' || prog === 'flyctl') &&
    (argv[1] === 'machine' || argv[1] === 'machines') &&
    argv[2] === 'exec'
  ) {
    // `fly machine exec [ID] CMD -a APP`: CMD (one word, the last operand) runs on the machine.
    const ops: string[] = [];
    for (let i = 3; i < argv.length; i++) {
      if (['-a', '--app', '-c', '--config', '--timeout', '--container'].includes(argv[i])) i++;
      else if (!argv[i].startsWith('-')) ops.push(argv[i]);
    }
    const app = valueOf(argv, ['-a', '--app']) ?? 'fly';
    const text = ops[ops.length - 1];
    return text
      ? {
          kind: 'script',
          text,
          via: `${prog} machine exec --app ${app}`,
          remote: { kind: 'ssh', target: app },
          alsoEmit: true,
        }
      : undefined;
  }
  if (prog === 'kamal' && argv[1] === 'app' && argv[2] === 'exec') {
    // `kamal app exec [-d DEST] [--roles R] [-i] CMD`: CMD runs in the app's containers on the destination's servers.
    const dest = valueOf(argv, ['-d', '--destination']);
    const rest: string[] = [];
    for (let i = 3; i < argv.length; i++) {
      if (
        ['-d', '--destination', '-r', '--roles', '-h', '--hosts', '-c', '--config-file', '-e', '--env'].includes(
          argv[i],
        )
      ) {
        i++;
        continue;
      }
      if (argv[i].startsWith('-')) continue;
      rest.push(argv[i]);
    }
    return rest.length
      ? {
          kind: 'script',
          text: rest.join(' '),
          via: `kamal app exec${dest ? ` -d ${dest}` : ''}`,
          remote: { kind: 'ssh', target: dest ?? 'kamal' },
          alsoEmit: true,
        }
      : undefined;
  }
  if (prog === 'gcloud' && argv.includes('ssh') && (argv.includes('compute') || argv.includes('tpu-vm'))) {
    const text = valueOf(argv, ['--command']);
    const at = argv.indexOf('ssh');
    const host = argv.slice(at + 1).find((a) => !a.startsWith('-')) ?? 'instance';
    return text
      ? {
          kind: 'script',
          text,
          via: `gcloud compute ssh ${host}`,
          remote: { kind: 'ssh', target: host },
          alsoEmit: true,
        }
      : undefined;
  }
  if (prog === 'aws' && argv[1] === 'ssm' && argv[2] === 'send-command') {
    const params = valueOf(argv, ['--parameters']);
    const text = params ? ssmCommands(params) : undefined;
    const target = valueOf(argv, ['--instance-ids', '--targets']) ?? 'instance';
    return text
      ? { kind: 'script', text, via: `aws ssm send-command ${target}`, remote: { kind: 'ssh', target }, alsoEmit: true }
      : undefined;
  }
  if (
    prog === 'az' &&
    argv[1] === 'vm' &&
    argv[2] === 'run-command' &&
    (argv[3] === 'invoke' || argv[3] === 'create')
  ) {
    const at = argv.findIndex((a) => a === '--scripts' || a === '--script');
    if (at === -1) return undefined;
    const lines: string[] = [];
    for (let i = at + 1; i < argv.length && !argv[i].startsWith('--'); i++) lines.push(argv[i]);
    const target = valueOf(argv, ['--name', '-n']) ?? 'vm';
    return lines.length
      ? {
          kind: 'script',
          text: lines.join('\n'),
          via: `az vm run-command ${target}`,
          remote: { kind: 'ssh', target },
          alsoEmit: true,
        }
      : undefined;
  }
  return undefined;
}

function valueOf(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const o = optionIn(argv, i, names);
    if (o?.value !== undefined) return o.value;
  }
  return undefined;
}

/** `commands=["rm -rf /data","ls"]`, `commands=rm -rf /data`, JSON `{"commands":[…]}`. */
function ssmCommands(params: string): string | undefined {
  try {
    const json = JSON.parse(params) as { commands?: unknown };
    if (Array.isArray(json.commands)) return json.commands.filter((c): c is string => typeof c === 'string').join('\n');
  } catch {
    // Shorthand syntax.
  }
  const m = /commands\s*=\s*(\[.*\]|.*)$/s.exec(params);
  if (!m) return undefined;
  const body = m[1].trim();
  if (body.startsWith('[')) {
    const items = [...body.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|([^,]+)/g)]
      .map((x) => (x[1] ?? x[2] ?? x[3] ?? '').trim())
      .filter(Boolean);
    return items.join('\n');
  }
  return body;
}
