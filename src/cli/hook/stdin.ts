// Reads the host's payload: all of stdin, up to a size cap and a time limit.
// A payload that is too large, arrives too slowly or is not UTF-8 is an error
// the hook answers with a deny, never a partial read judged as if whole.
//
// Not process.stdin: building that stream (and the tty machinery behind it)
// costs more than judging an allowed call. A pipe is read as a bare socket
// handle, which can be abandoned at a timeout; a file with plain reads. A
// blocking read of a pipe on the thread pool would be cheaper still, but a
// host that never closes stdin would then keep the process from exiting.
import * as fs from 'node:fs';
import { Socket } from 'node:net';

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export type StdinResult = { ok: true; text: string } | { ok: false; error: string };

function decode(chunks: Buffer[], size: number): StdinResult {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size)) };
  } catch {
    return { ok: false, error: 'the payload is not valid UTF-8' };
  }
}

const tooLarge = (maxBytes: number): StdinResult => ({ ok: false, error: `the payload is larger than ${Math.round(maxBytes / 1024)} KiB` });

export function readBounded(fd: number, maxBytes: number, timeoutMs: number): Promise<StdinResult> {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch (err) {
    return Promise.resolve({ ok: false, error: `stdin could not be read: ${(err as Error).message}` });
  }
  if (st.isFile()) return Promise.resolve(readFile(fd, st.size, maxBytes));
  if (!st.isFIFO() && !st.isSocket()) {
    // /dev/null and friends read as empty; a terminal means nobody sent a payload.
    return Promise.resolve(st.isCharacterDevice() && fs.readSync(fd, Buffer.alloc(1), 0, 1, null) === 0
      ? { ok: true, text: '' }
      : { ok: false, error: 'no payload on stdin (it is a terminal)' });
  }
  return readPipe(fd, maxBytes, timeoutMs);
}

function readFile(fd: number, size: number, maxBytes: number): StdinResult {
  if (size > maxBytes) return tooLarge(maxBytes);
  const buf = Buffer.alloc(size);
  let off = 0;
  while (off < size) {
    const n = fs.readSync(fd, buf, off, size - off, null);
    if (n === 0) break;
    off += n;
  }
  return decode([buf], off);
}

function readPipe(fd: number, maxBytes: number, timeoutMs: number): Promise<StdinResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const pipe = new Socket({ fd, readable: true, writable: false, allowHalfOpen: true });
    const finish = (result: StdinResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pipe.destroy(); // stop reading: nothing after this point is judged
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `the payload did not arrive within ${Math.round(timeoutMs / 100) / 10} s` }), timeoutMs);
    pipe.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    pipe.once('end', () => finish(decode(chunks, size)));
    pipe.once('error', (err) => finish({ ok: false, error: `stdin could not be read: ${err.message}` }));
  });
}
