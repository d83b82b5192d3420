// Stdin as a bare libuv pipe handle, without node:net. Hosts hand the hook
// its payload on a pipe or a socket pair, written and closed before the hook
// is up; reading it takes a non-blocking descriptor, and the one public way
// to get one is a net.Socket, whose module (with the streams under it) costs
// about 3 ms of a 2-CPU machine's time to load at every call. The handle
// net.Socket itself would open (pipe_wrap's Pipe) makes the descriptor
// non-blocking just the same; when the whole payload is already there it is
// read and closed, and only a payload still on its way loads node:net, which
// takes this same handle over (net.Socket's `handle` option).
//
// Anything unusual (another platform, a Node without the binding, Node asked
// to warn about deprecated APIs) gets no handle, and the caller opens its
// net.Socket on the descriptor as before.
import { handleBinding } from '../../channels/handleBinding';

export interface PipeHandle {
  /** Closes the handle (and with it the descriptor) once the event loop runs. */
  close(): void;
}

interface PipeBinding {
  Pipe: new (type: number) => PipeHandle & { open(fd: number): number };
  constants: { SOCKET: number };
}

/** `fd` opened as a pipe handle, non-blocking from here on (Linux); undefined when that is not done here. */
export function openPipeHandle(fd: number): PipeHandle | undefined {
  const { Pipe, constants } = handleBinding<PipeBinding>('pipe_wrap') ?? {};
  if (!Pipe || !constants) return undefined;
  try {
    const handle = new Pipe(constants.SOCKET);
    if (handle.open(fd) !== 0) {
      handle.close();
      return undefined;
    }
    return handle;
  } catch {
    return undefined;
  }
}
