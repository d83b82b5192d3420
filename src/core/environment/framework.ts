// The environment a web framework picks for one command. Frameworks choose
// their database and settings from a flag or a variable before anything else
// (Rails `-e` / RAILS_ENV, Laravel and Symfony `--env` / APP_ENV, Django
// `--settings` / DJANGO_SETTINGS_MODULE, Spring profiles, MIX_ENV), so that
// choice says where a framework command acts: production, or a development or
// test database that exists to be thrown away.
import { optionValue } from '../command/args';
import type { SimpleCommand } from '../types';
import { parseUrlHosts } from './clues';

/** Variables frameworks read their environment from. */
export const FRAMEWORK_ENV_VARS = [
  'RAILS_ENV',
  'RACK_ENV',
  'APP_ENV',
  'MIX_ENV',
  'NODE_ENV',
  'FLASK_ENV',
  'DJANGO_ENV',
  'ENVIRONMENT',
  'ASPNETCORE_ENVIRONMENT',
  'DOTNET_ENVIRONMENT',
  'SPRING_PROFILES_ACTIVE',
];
export const PRODUCTION_ENV_NAME = /^(?:prod|production|live|prd)$/i;
const TEST_ENV_NAME = /^(?:test|testing|ci)$/i;
const DEVELOPMENT_ENV_NAME = /^(?:dev|development|local)$/i;
/** A settings module or profile list with a production part: `acme.settings.production`, `prod,metrics`. */
const PRODUCTION_PART = /(?:^|[._,/-])prod(?:uction)?(?:$|[._,/-])/i;
const TEST_PART = /(?:^|[._,/-])test(?:s|ing)?(?:$|[._,/-])/i;
const DEVELOPMENT_PART = /(?:^|[._,/-])(?:dev|development|local)(?:$|[._,/-])/i;
/** A database named for tests: `app_test`, `test`, `acme-testing`. */
export const TEST_DATABASE = /(?:^|[_-])test(?:s|ing)?\d*(?:$|[_-])/i;

export type FrameworkEnv = 'production' | 'test' | 'development';

/**
 * The framework environment of a command: its flags first (`rails -e
 * production`, `artisan --env=production`, `--settings=…`,
 * `-Dspring.profiles.active=prod`), then the variables it runs with, then a
 * test-named database in DATABASE_URL. `args` are the tool's own words.
 */
export function frameworkEnvironment(
  cmd: SimpleCommand,
  args: readonly string[],
): { env?: FrameworkEnv; name?: string } {
  const flag =
    optionValue(args, ['-e', '--environment', '--env']) ??
    args.find((a) => /^(?:RAILS|RACK)_ENV=/.test(a))?.split('=')[1];
  const profiles = springProfiles(args) ?? cmd.env.SPRING_PROFILES_ACTIVE;
  const values =
    flag !== undefined
      ? [flag]
      : FRAMEWORK_ENV_VARS.map((v) => cmd.env[v]).filter((v): v is string => v !== undefined && v !== '');
  const production = values.find((v) => PRODUCTION_ENV_NAME.test(v));
  if (production) return { env: 'production', name: production };
  if (profiles && PRODUCTION_PART.test(profiles)) return { env: 'production', name: profiles };
  const settings = optionValue(args, ['--settings']) ?? cmd.env.DJANGO_SETTINGS_MODULE;
  if (settings && PRODUCTION_PART.test(settings)) return { env: 'production', name: settings };
  const db = cmd.env.DATABASE_URL ? parseUrlHosts(cmd.env.DATABASE_URL).database : undefined;
  const test = values.find((v) => TEST_ENV_NAME.test(v));
  if (test) return { env: 'test', name: test };
  if (settings && TEST_PART.test(settings)) return { env: 'test', name: settings };
  if (profiles && TEST_PART.test(profiles)) return { env: 'test', name: profiles };
  if (db && TEST_DATABASE.test(db)) return { env: 'test', name: db };
  const development = values.find((v) => DEVELOPMENT_ENV_NAME.test(v));
  if (development) return { env: 'development', name: development };
  if (settings && DEVELOPMENT_PART.test(settings)) return { env: 'development', name: settings };
  return { name: db };
}

/** `-Dspring.profiles.active=prod`, `--spring.profiles.active=prod`. */
function springProfiles(args: readonly string[]): string | undefined {
  for (const a of args) {
    const m = /^-{1,2}D?spring\.profiles\.active=(.*)$/.exec(a);
    if (m) return m[1];
  }
  return undefined;
}
