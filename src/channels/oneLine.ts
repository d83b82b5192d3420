// Both local channels (approval, judge) read exactly one request line per
// connection: bounded in size, and only for a while after connecting. What
// the client sends after that line is ignored.
import type * as net from 'node:net';

export function readOneLine(
  socket: net.Socket,
  opts: { maxBytes: number; timeoutMs: number },
  onLine: (line: string) => void,
): void {
  let buffered = '';
  let size = 0;
  let received = false;
  socket.setEncoding('utf8');
  socket.setTimeout(opts.timeoutMs, () => {
    if (!received) socket.destroy();
  });
  socket.on('data', (chunk: string) => {
    if (received) return;
    buffered += chunk;
    size += Buffer.byteLength(chunk);
    if (size > opts.maxBytes) {
      socket.destroy();
      return;
    }
    const nl = buffered.indexOf('\n');
    if (nl === -1) return;
    received = true;
    socket.setTimeout(0);
    const line = buffered.slice(0, nl);
    buffered = '';
    onLine(line);
  });
}
