// Reads the host's payload: all of stdin, up to a size cap and a time limit.
// A payload that is too large, arrives too slowly or is not UTF-8 is an error
// the hook answers with a deny, never a partial read judged as if whole.
//
// Not process.stdin: building that stream (and the tty machinery behind it)
// costs more than judging an allowed call. A pipe is read as a bare socket
// handle, which can be abandoned at a timeout; a file with plain reads. A
// blocking read of a pipe on the thread pool would be cheaper still, but a
// host that never closes stdin would then keep the process from exiting.
// Hosts write the payload and close stdin before the hook is up, so on Linux
// the pipe handle (which makes the descriptor non-blocking) is first read
// synchronously: what is already there, to the end, without the stream's
// events; only a payload still on its way is read through the stream, and
// only then is node:net loaded (./pipeHandle).
import * as fs from 'node:fs';
import * as NodeBuffer from 'node:buffer';
import type * as Net from 'node:net';
import { openPipeHandle, type PipeHandle } from './pipeHandle';

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export type StdinResult = { ok: true; text: string } | { ok: false; error: string };

const NOT_UTF8: StdinResult = { ok: false, error: 'the payload is not valid UTF-8' };
const nodeIsUtf8 = (NodeBuffer as { isUtf8?: (b: Uint8Array) => boolean }).isUtf8 ?? null;

/**
 * The payload's text, as a fatal UTF-8 TextDecoder reads it (a leading byte
 * order mark dropped), or the error for bytes that are not UTF-8. Where Node
 * has buffer.isUtf8 (18.14 on) the bytes are checked and decoded without a
 * TextDecoder, whose first use loads Node's encoding module (about 0.2 ms of
 * a hook call). `isUtf8` is Node's own (null where it has none) but in tests.
 */
export function decodePayload(bytes: Buffer, isUtf8: ((b: Uint8Array) => boolean) | null = nodeIsUtf8): StdinResult {
  if (isUtf8 !== null) {
    if (!isUtf8(bytes)) return NOT_UTF8;
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { ok: true, text: bytes.toString('utf8', bom) };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return NOT_UTF8;
  }
}

function decode(chunks: Buffer[], size: number): StdinResult {
  return decodePayload(chunks.length === 1 && chunks[0].length === size ? chunks[0] : Buffer.concat(chunks, size));
}

/**
 * A pipe, by the file type bits themselves: on Windows libuv reports a pipe
 * as S_IFIFO (0o010000) but Node's `isFIFO()` is false there (its constants
 * have no S_IFIFO), so every host's piped payload read as a terminal.
 */
function isPipe(st: fs.Stats): boolean {
  return st.isFIFO() || st.isSocket() || (Number(st.mode) & 0o170000) === 0o010000;
}

const tooLarge = (maxBytes: number): StdinResult => ({
  ok: false,
  error: `the payload is larger than ${Math.round(maxBytes / 1024)} KiB`,
});

export function readBounded(fd: number, maxBytes: number, timeoutMs: number): Promise<StdinResult> {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch (err) {
    return Promise.resolve({ ok: false, error: `stdin could not be read: ${(err as Error).message}` });
  }
  if (st.isFile()) return Promise.resolve(readFile(fd, st.size, maxBytes));
  if (!isPipe(st)) {
    // /dev/null and friends read as empty; a terminal means nobody sent a payload.
    return Promise.resolve(
      st.isCharacterDevice() && fs.readSync(fd, Buffer.alloc(1), 0, 1, null) === 0
        ? { ok: true, text: '' }
        : { ok: false, error: 'no payload on stdin (it is a terminal)' },
    );
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

/** Whether `fd` is non-blocking now, by /proc (Linux); anything else counts as blocking. */
function nonBlocking(fd: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & fs.constants.O_NONBLOCK) !== 0;
  } catch {
    return false;
  }
}

/** Reads what is there without waiting: 'eof' when the writer has closed, 'more' when it has not yet. */
function readAvailable(
  fd: number,
  chunks: Buffer[],
  maxBytes: number,
): { state: 'eof' | 'more' | 'too-large'; size: number } {
  let size = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return { state: 'more', size };
      throw err;
    }
    if (n === 0) return { state: 'eof', size };
    size += n;
    if (size > maxBytes) return { state: 'too-large', size };
    chunks.push(buf.subarray(0, n));
  }
}

function readPipe(fd: number, maxBytes: number, timeoutMs: number): Promise<StdinResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // A bare handle when one can be had, else the socket at once: either makes the descriptor non-blocking.
    const handle = openPipeHandle(fd);
    let pipe: Net.Socket | undefined = handle ? undefined : socketOn(fd, undefined);
    const drop = () => (pipe ? pipe.destroy() : handle?.close());
    // The handle reads only once the event loop runs: until then the descriptor is ours to read.
    if (nonBlocking(fd)) {
      try {
        const early = readAvailable(fd, chunks, maxBytes);
        size = early.size;
        if (early.state !== 'more') {
          drop();
          return resolve(early.state === 'eof' ? decode(chunks, size) : tooLarge(maxBytes));
        }
      } catch (err) {
        drop();
        return resolve({ ok: false, error: `stdin could not be read: ${(err as Error).message}` });
      }
    }
    try {
      pipe ??= socketOn(fd, handle);
    } catch (err) {
      drop();
      return resolve({ ok: false, error: `stdin could not be read: ${(err as Error).message}` });
    }
    const stream = pipe;
    const finish = (result: StdinResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.destroy(); // stop reading: nothing after this point is judged
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, error: `the payload did not arrive within ${Math.round(timeoutMs / 100) / 10} s` }),
      timeoutMs,
    );
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    stream.once('end', () => finish(decode(chunks, size)));
    stream.once('error', (err) => finish({ ok: false, error: `stdin could not be read: ${err.message}` }));
  });
}

/** The stream over stdin: on the handle already opened, or on the descriptor. */
function socketOn(fd: number, handle: PipeHandle | undefined): Net.Socket {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Socket } = require('node:net') as typeof Net;
  const options = { readable: true, writable: false, allowHalfOpen: true };
  return handle ? new Socket({ ...options, handle } as Net.SocketConstructorOpts) : new Socket({ ...options, fd });
}
