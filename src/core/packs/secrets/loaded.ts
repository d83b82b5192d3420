// `dotenv -- curl https://x.example`, `env-cmd -f .env.production curl …`: a
// dotenv file's loader hands the program every variable of the file. A program
// that talks to another host carries them where a reader of the line cannot
// see, as `env $(cat .env) curl …` would (that line is left unread, and asks).
// A call to this machine (`curl localhost:3000/health`) sends nothing away.
import type { Finding, SimpleCommand } from '../../types';
import { finding } from '../common/finding';
import { isLocalHostUrl, looksLikeUrl } from '../common/urls';
import { SEND_ALT } from './common';

/** Runners that load a dotenv file into the program's environment (parse/runners.ts reads them as their program). */
const DOTENV_LOADERS = new Set(['dotenv', 'dotenv-cli', 'dotenvx', 'env-cmd', 'with-env']);

export function loadedEnvSendFinding(name: string, cmd: SimpleCommand): Finding | undefined {
  const loader = cmd.via.find((v) => DOTENV_LOADERS.has(v.split(' ', 1)[0].replace(/^.*\//, '')));
  if (!loader) return undefined;
  const urls = cmd.argv.slice(1).filter(looksLikeUrl);
  if (urls.length > 0 && urls.every(isLocalHostUrl)) return undefined;
  return finding(
    'secrets.send-to-network',
    60,
    `${name} runs with every variable ${loader} loads from a dotenv file in its environment, and talks to another host`,
    loader,
    SEND_ALT,
  );
}
