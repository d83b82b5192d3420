// One request sent straight to an editor's judge, as any process of this user
// can (no hook client, no identity checks): read its hello, send the line,
// and return the first answer line that is not "asking".
import * as net from 'node:net';
import type { JudgeServer } from '../../../src/channels/editorJudge/server';

export function askJudge(judge: JudgeServer, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(judge.socketPath);
    let buf = '';
    let greeted = false;
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      buf += d;
      for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
        const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
        buf = buf.slice(nl + 1);
        if (!greeted) {
          greeted = true;
          s.write(JSON.stringify(request) + '\n');
        } else if (line.type !== 'judge.asking') {
          s.destroy();
          resolve(line);
        }
      }
    });
    s.on('error', reject);
  });
}
