// Application platforms whose words hide what goes with an app: Railway
// volumes and their backups, Heroku databases, Fly volumes and apps.
import { optionValue } from '../../../command/args';
import { analyzeSql, sqlEffect } from '../../common/sql';
import { SEV, weigh } from '../../common/deletion';
import { analyzer, type PaasSpec } from '../../common/verbSpec';
import { finding } from '../../common/finding';

// ---- Railway ---------------------------------------------------------------

export const railway = analyzer({
  id: 'railway',
  product: 'Railway',
  valueOptions: ['-s', '--service', '-e', '--environment', '-p', '--project', '--volume', '-v', '--json'],
  targetOptions: ['--volume', '-v', '--service', '-s', '--environment', '-e', '--project', '-p'],
  bare: 'top',
  aliases: {
    env: 'environment',
    vol: 'volume',
    volumes: 'volume',
    services: 'service',
    vars: 'variables',
    var: 'variables',
    variable: 'variables',
  },
  special(cmd, words) {
    const target = (...opts: string[]) => optionValue(cmd.argv, opts);
    if (words[0] === 'volume' && /^(?:delete|remove|rm)$/.test(words[1] ?? '')) {
      const volume = words[2] ?? target('--volume', '-v');
      // Railway keeps a volume's backups with the volume: PocketOS lost both in one call.
      return [
        finding(
          'cloud.railway-volume-delete',
          SEV.critical,
          `railway volume delete deletes the volume ${volume ?? ''} — the database files on it and the backups Railway keeps with it`.replace(
            '  ',
            ' ',
          ),
          volume ?? 'volume',
          'download a backup first and delete from the Railway dashboard, which asks for confirmation',
        ),
      ];
    }
    if (words[0] === 'volume' && words[1] === 'detach') {
      return [
        finding(
          'cloud.railway-volume-detach',
          SEV.config,
          'railway volume detach disconnects the volume from its service: a database on it goes offline',
          words[2] ?? target('--volume', '-v') ?? 'volume',
          'check which service uses the volume first',
        ),
      ];
    }
    if (words[0] === 'environment' && /^(?:delete|remove|rm)$/.test(words[1] ?? '')) {
      const env = words[2] ?? target('--environment', '-e');
      return [
        finding(
          'cloud.railway-environment-delete',
          weigh(SEV.data, env),
          `railway environment delete deletes the environment ${env ?? ''} with every service, database and volume in it`.replace(
            '  ',
            ' ',
          ),
          env ?? 'environment',
          "list the environment's services first (railway status)",
        ),
      ];
    }
    if (words[0] === 'down') {
      return [
        finding(
          'cloud.railway-down',
          60,
          'railway down removes the latest deployment of the service: it goes offline',
          target('--service', '-s') ?? 'service',
          'redeploy or roll back instead (railway redeploy)',
        ),
      ];
    }
    if (words[0] === 'unlink' || words[0] === 'link' || words[0] === 'logout') return null;
    return undefined;
  },
});

// ---- Heroku ------------------------------------------------------------------

export const heroku = analyzer({
  id: 'heroku',
  product: 'Heroku',
  valueOptions: ['-a', '--app', '-r', '--remote', '--confirm', '-t', '--team', '-s', '--space'],
  targetOptions: ['-a', '--app'],
  special(cmd, words) {
    const app = optionValue(cmd.argv, ['-a', '--app', '--confirm']);
    const sub = words[0];
    const db = words[1];
    const where = `${db ?? 'the database'}${app ? ` of ${app}` : ''}`;
    if (sub === 'pg:reset') {
      return [
        finding(
          'cloud.heroku-pg-reset',
          weigh(SEV.critical, app),
          `heroku pg:reset deletes every table and row in ${where}`,
          app ?? db ?? 'database',
          'capture a backup first (heroku pg:backups:capture)',
        ),
      ];
    }
    if (sub === 'pg:backups:restore' || (sub === 'pg:backups' && words[1] === 'restore')) {
      return [
        finding(
          'cloud.heroku-pg-restore',
          weigh(SEV.data, app),
          `heroku pg:backups:restore overwrites ${app ? `the database of ${app}` : 'the database'} with the backup`,
          app ?? 'database',
          'capture a backup of the current data first (heroku pg:backups:capture)',
        ),
      ];
    }
    if (sub === 'pg:copy') {
      const dest = words[2];
      return [
        finding(
          'cloud.heroku-pg-copy',
          weigh(SEV.data, app, dest),
          `heroku pg:copy overwrites ${dest ?? 'the target database'}${app ? ` of ${app}` : ''} with another database`,
          app ?? dest ?? 'database',
          'capture a backup of the target first (heroku pg:backups:capture)',
        ),
      ];
    }
    if (sub === 'apps:destroy' || sub === 'destroy' || sub === 'apps:delete') {
      const name = words[1] ?? app;
      return [
        finding(
          'cloud.heroku-app-destroy',
          weigh(SEV.critical, name),
          `heroku apps:destroy deletes the app ${name ?? ''} and its add-ons, its Postgres database included`.replace(
            '  ',
            ' ',
          ),
          name ?? 'app',
          'capture a database backup first (heroku pg:backups:capture) and download it',
        ),
      ];
    }
    if (sub === 'addons:destroy' || sub === 'addons:remove' || sub === 'addons:delete') {
      const addon = words[1];
      return [
        finding(
          'cloud.heroku-addon-destroy',
          weigh(SEV.data, addon, app),
          `heroku addons:destroy deletes the add-on ${addon ?? ''} and its data (a Postgres add-on is the database)`.replace(
            '  ',
            ' ',
          ),
          addon ?? app ?? 'add-on',
          'capture a backup first (heroku pg:backups:capture)',
        ),
      ];
    }
    if (sub === 'pg:kill' || sub === 'pg:killall') {
      return [
        finding(
          'cloud.heroku-pg-kill',
          45,
          `heroku ${sub} terminates running database queries${app ? ` on ${app}` : ''}`,
          app ?? 'database',
          'heroku pg:ps to look first',
        ),
      ];
    }
    if (sub === 'ps:scale' && words.slice(1).some((w) => /=0$/.test(w))) {
      return [
        finding(
          'cloud.heroku-scale-to-zero',
          45,
          `heroku ps:scale …=0 stops every dyno of that type${app ? ` on ${app}` : ''}`,
          app ?? 'app',
          'heroku maintenance:on, or scale down gradually',
        ),
      ];
    }
    if (sub === 'pg:psql') {
      // `heroku pg:psql -c SQL` runs SQL on the app's database: judged like psql -c.
      const sql = optionValue(cmd.argv, ['-c', '--command']);
      if (sql === undefined) return undefined;
      const out = analyzeSql(sql);
      for (const f of out) f.summary += ` in ${where}`;
      return out.length ? out : null;
    }
    return undefined;
  },
  effectOf(cmd, words) {
    // `heroku run CMD`: CMD is judged on its own, against the app it runs in.
    if ((words[0] === 'run' || words[0] === 'run:detached') && words.length > 1) return 'read';
    if (words[0] !== 'pg:psql') return undefined;
    const sql = optionValue(cmd.argv, ['-c', '--command']);
    return sql === undefined ? 'write' : sqlEffect(sql);
  },
});

// ---- Fly.io --------------------------------------------------------------------

const FLY: PaasSpec = {
  id: 'fly',
  product: 'Fly.io',
  valueOptions: ['-a', '--app', '-c', '--config', '-r', '--region', '-o', '--org', '-t', '--access-token', '--image'],
  targetOptions: ['-a', '--app'],
  bare: 'top',
  aliases: { vol: 'volumes', volume: 'volumes', app: 'apps', machines: 'machine', m: 'machine' },
  special(cmd, words) {
    if (words[0] === 'apps' && /^(?:destroy|delete|remove|rm)$/.test(words[1] ?? '')) {
      const app = words[2] ?? optionValue(cmd.argv, ['-a', '--app']);
      return [
        finding(
          'cloud.fly-delete',
          weigh(SEV.critical, app),
          `fly apps destroy deletes the app ${app ?? ''} with its machines and volumes`.replace('  ', ' '),
          app ?? 'app',
          'snapshot its volumes first (fly volumes snapshots create)',
        ),
      ];
    }
    if (words[0] === 'scale' && words[1] === 'count' && words[2] === '0') {
      return [
        finding(
          'cloud.fly-scale-to-zero',
          45,
          'fly scale count 0 stops every machine of the app',
          optionValue(cmd.argv, ['-a', '--app']) ?? 'app',
          'scale down gradually',
        ),
      ];
    }
    return undefined;
  },
  // `fly ssh console -C CMD`: CMD is judged on its own, against the app it runs in.
  effectOf: (cmd, words) =>
    words[0] === 'ssh' && words[1] === 'console' && optionValue(cmd.argv, ['-C', '--command']) !== undefined
      ? 'read'
      : undefined,
};
export const fly = analyzer(FLY);
