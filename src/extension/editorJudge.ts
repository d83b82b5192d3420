// The editor's judge (channels/editorJudge/server.ts) in this window's extension host:
// agent hooks hand it their calls instead of starting the engine in a fresh
// process each time. Linux only, where the hook can verify it is talking to
// the extension host (see channels/peer.ts); elsewhere hooks judge in
// their own process, as before.
import * as vscode from 'vscode';
import type { ApprovalChannels } from './approval';
import { JUDGE_CHANNELS } from '../channels/editorJudge/channel';
import { startJudgeServer, type JudgeServer } from '../channels/editorJudge/server';
import type { TerminalDirectory } from '../channels/editorJudge/lines';
import { BUILD_ID } from '../core/frontdoor/launch';

export function startJudge(
  channels: ApprovalChannels,
  log: vscode.LogOutputChannel,
  ownRelease: (since: string) => boolean,
  terminals?: TerminalDirectory,
): vscode.Disposable {
  if (!JUDGE_CHANNELS) return new vscode.Disposable(() => undefined);
  let server: JudgeServer | undefined;
  let disposed = false;
  startJudgeServer({
    build: BUILD_ID,
    channels: () => channels.listening(),
    log: (m) => log.debug(m),
    ownRelease,
    ...(terminals ? { terminals } : {}),
  }).then(
    (s) => {
      if (disposed) void s.close();
      else {
        server = s;
        log.info(`judging agent hook calls in this window (build ${BUILD_ID})`);
      }
    },
    (err: Error) => {
      // Hooks then judge in their own process: slower, never weaker.
      log.warn(`no judge for agent hooks in this window: ${err.message}`);
    },
  );
  return new vscode.Disposable(() => {
    disposed = true;
    void server?.close();
  });
}
