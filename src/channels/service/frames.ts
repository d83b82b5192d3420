// How the AgentGuard service reads one request: a line within a size and a
// time bound, then — only for an operation that carries one (a snapshot) —
// exactly the number of bytes the line declared, within a deadline that
// grows with the size. A client that sends more, less or too slowly is cut
// off unanswered. Read as bytes: a snapshot's blobs are not text.
import type * as net from 'node:net';

/** Bytes a client must keep sending per second once its payload has started: a trickle is cut off. */
const PAYLOAD_BYTES_PER_SECOND = 16 * 1024 * 1024;

export interface RequestBounds {
  maxLineBytes: number;
  timeoutMs: number;
}

/**
 * `onLine` says how many payload bytes follow its line (0: none, or a
 * refusal already sent); `onPayload` then gets them, all at once.
 */
export function readRequest(
  socket: net.Socket,
  bounds: RequestBounds,
  onLine: (line: string) => number,
  onPayload: (payload: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let want = -1;
  const cut = () => socket.destroy();
  let timer = setTimeout(cut, bounds.timeoutMs);
  socket.on('close', () => clearTimeout(timer));
  socket.on('data', (chunk: Buffer) => {
    if (want === 0) return;
    chunks.push(chunk);
    size += chunk.length;
    if (want === -1) {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(0x0a);
      if (nl === -1) {
        if (size > bounds.maxLineBytes) cut();
        return;
      }
      if (nl > bounds.maxLineBytes) return cut();
      clearTimeout(timer);
      chunks.length = 0;
      const rest = all.subarray(nl + 1);
      want = onLine(all.subarray(0, nl).toString('utf8'));
      if (want <= 0) {
        want = 0;
        return;
      }
      timer = setTimeout(cut, bounds.timeoutMs + Math.ceil((want / PAYLOAD_BYTES_PER_SECOND) * 1000));
      chunks.push(rest);
      size = rest.length;
    }
    if (size > want) return cut();
    if (size === want) {
      clearTimeout(timer);
      const payload = Buffer.concat(chunks);
      chunks.length = 0;
      want = 0;
      onPayload(payload);
    }
  });
}
