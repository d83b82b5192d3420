// WebSocket clients: `websocat wss://prod/admin <<< '{"op":"drop_all"}'`,
// `echo "$msg" | websocat -1 wss://…`, `wscat -c wss://… -x '{"op":…}'`. A
// message typed into the socket is a request to the service like a POST is:
// whatever it asks for happens there, so a client that sends one writes (the
// engine gates a write aimed at production, env.production-write); one that
// only connects or listens reads. Where it connects is its `ws(s)://` URL,
// read by the environment like any other URL.
import { optionValue } from '../../command/args';
import type { SimpleCommand } from '../../types';

export const WEBSOCKET_CLIENTS = ['websocat', 'wscat'] as const;

/** websocat's listening forms: `-s PORT`, `ws-l:…`, `ws-listen:…`, `l-ws:…`, and any `*-l:` / `*-listen:` address. */
const LISTEN_RE = /^(?:[\w-]*-l(?:isten)?:|l-[\w-]+:)/;

/** Whether a WebSocket client sends a message to the server it connects to; undefined when it only listens. */
export function websocketSends(cmd: SimpleCommand): boolean | undefined {
  const a = cmd.argv;
  if (a[0] === 'wscat') {
    if (optionValue(a, ['-l', '--listen']) !== undefined) return undefined;
    return optionValue(a, ['-x', '--execute']) !== undefined || cmd.stdin !== undefined || cmd.stdinFrom !== undefined;
  }
  if (a.includes('-s') || a.includes('--server') || a.slice(1).some((w) => LISTEN_RE.test(w))) return undefined;
  return cmd.stdin !== undefined || cmd.stdinFrom !== undefined;
}
