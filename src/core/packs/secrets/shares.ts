// Credential files handed to a program that says it sends them, whatever the
// program: a send verb among its first words (`croc send .env`, `wormhole
// send ~/.ssh/id_rsa`, `ffsend upload .env`, `b2 upload-file b .env x`), a
// paste or snippet created from the file (`glab snippet create -f .env`), a
// body read from the file for a forge (`gh issue create --body-file .env`,
// `gh api … -F body=@.env`), or a copy to another machine's `NAME:PATH`
// (`kubectl cp .env pod:/tmp/x`, `tailscale file cp .env host:`). Programs with
// a reading of their own (curl, scp, aws …) are judged there, not here.
import { positionals } from '../../command/args';
import type { AnalysisContext, Finding, Pack, SimpleCommand } from '../../types';
import { credentialIn } from '../common/credentials';
import { finding } from '../common/finding';
import { REMOTE_COPIERS, SEND_ALT, SENDERS } from './common';
import { UPLOADERS } from './uploads';
import { publishedFinding } from './published';

const SEND_VERBS = new Set(['send', 'upload', 'upload-file', 'put', 'share', 'post', 'transfer']);
const PASTE_NOUNS = new Set(['snippet', 'snippets', 'gist', 'gists', 'paste', 'pastes']);
const CREATE_VERBS = new Set(['create', 'new', 'add', 'upload']);
const COPY_VERBS = new Set(['cp', 'copy']);
/** Container runtimes on this machine: `docker cp .env web:/app/` stays here. */
const LOCAL_CONTAINERS = new Set(['docker', 'podman', 'nerdctl', 'incus', 'lxc']);
/** Options whose value is a file whose text becomes what is posted. */
const BODY_FILE_OPTION = /^--(?:body|notes|description|message|content)-?file$/;
/** How many leading words are read for the verb (`tailscale file cp`, `glab snippet create`). */
const VERB_WORDS = 3;
/** Every word that can start a reading below: a verb or noun among the leading words, or an option naming a file. */
const SHARE_WORDS = new Set([...SEND_VERBS, ...PASTE_NOUNS, ...COPY_VERBS]);
const LONGEST_SHARE_WORD = Math.max(...[...SHARE_WORDS].map((w) => w.length));
const SHARE_OPTION = /^--(?:(?:body|notes|description|message|content)-?file|field|raw-field)(?:=|$)/;

/**
 * Whether a command has a word that could make it a share: most commands have none, and are passed over
 * before their positionals are worked out (this pack sees every command of three words or more).
 */
function mayShare(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-F' || (a.startsWith('--') && SHARE_OPTION.test(a))) return true;
    if (a.length <= LONGEST_SHARE_WORD && SHARE_WORDS.has(a.toLowerCase())) return true;
  }
  return false;
}

/** Option values that name a file read for sending: `--body-file F`, `-F key=@F` (gh/glab api), `-f F` of a paste. */
function fileValues(argv: readonly string[], paste: boolean): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length && out.length < 32; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const opt = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = opt !== a ? a.slice(eq + 1) : argv[i + 1];
    if (value === undefined) continue;
    if (BODY_FILE_OPTION.test(opt) || (paste && (opt === '-f' || opt === '--file' || opt === '--filename')))
      out.push(value);
    else if (opt === '-F' || opt === '--field' || opt === '--raw-field') {
      const at = /^[^=]*=@(.+)$/.exec(value);
      if (at) out.push(at[1]);
    }
  }
  return out;
}

export function shareFinding(name: string, cmd: SimpleCommand, ctx: AnalysisContext): Finding | undefined {
  const argv = cmd.argv;
  const words = positionals(argv);
  const head = words.slice(0, VERB_WORDS).map((w) => w.toLowerCase());
  const verbAt = head.findIndex((w) => SEND_VERBS.has(w));
  const paste = head.some((w) => PASTE_NOUNS.has(w)) && head.some((w) => CREATE_VERBS.has(w));
  const copyAt = head.findIndex((w) => COPY_VERBS.has(w));
  const dest = words[words.length - 1];
  const remoteCopy =
    copyAt !== -1 &&
    !LOCAL_CONTAINERS.has(name) &&
    words.length - copyAt >= 3 &&
    /^[A-Za-z0-9][\w.@-]*:/.test(dest ?? '');
  const candidates = [
    ...(verbAt !== -1 ? words.slice(verbAt + 1) : []),
    ...(paste ? words.slice(1) : []),
    ...(remoteCopy ? words.slice(copyAt + 1, -1) : []),
    ...fileValues(argv, paste),
  ];
  if (!candidates.length) return undefined;
  const hit = credentialIn(candidates, cmd, ctx);
  if (!hit) return undefined;
  const how = remoteCopy ? `copies ${hit.shown} to ${dest}` : `sends ${hit.shown}`;
  return finding(
    'secrets.send-to-network',
    85,
    `${[name, ...words.slice(0, 2)].join(' ')} ${how}`,
    hit.shown,
    SEND_ALT,
  );
}

export const sharesPack: Pack = {
  id: 'secrets',
  commands: '*',
  analyze(cmd, ctx) {
    const name = cmd.argv[0] ?? '';
    if (cmd.argv.length < 3 || SENDERS.has(name) || REMOTE_COPIERS.has(name) || UPLOADERS.has(name)) return undefined;
    const published = publishedFinding(name, cmd, ctx);
    if (published) return [published];
    // `gh gist create` has a reading of its own (published.ts, with the forge's other verbs).
    if (name === 'gh' && cmd.argv.includes('gist')) return undefined;
    if (!mayShare(cmd.argv)) return undefined;
    const f = shareFinding(name, cmd, ctx);
    return f ? [f] : undefined;
  },
};
