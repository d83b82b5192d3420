// Node's libuv handle bindings (pipe_wrap, stream_wrap, tcp_wrap): the
// handles net.Socket itself wraps, used bare where loading node:net and the
// streams under it (about 3 ms of a 2-CPU machine's time) would cost more
// than the hook's whole answer (cli/hook/pipeHandle, cli/hook/rawLineClient,
// the debugger check's refused connection in ./rawConnect). Only on Linux,
// where these are tested, and never where asking for one makes Node print a
// deprecation warning: there the callers use node:net as before.

/** Whether Node would print a warning for process.binding (DEP0111 is shown under --pending-deprecation). */
function warnsOnBinding(): boolean {
  const options = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return (
    options.some((o) => o === '--pending-deprecation' || o === '--throw-deprecation') ||
    process.env.NODE_PENDING_DEPRECATION === '1'
  );
}

/** One of Node's handle bindings, its members unchecked (callers check what they use); undefined when not used here. */
export function handleBinding<T>(name: 'pipe_wrap' | 'stream_wrap' | 'tcp_wrap'): Partial<T> | undefined {
  if (process.platform !== 'linux' || warnsOnBinding()) return undefined;
  const binding = (process as unknown as { binding?: (name: string) => unknown }).binding;
  if (typeof binding !== 'function') return undefined;
  try {
    return binding.call(process, name) as Partial<T>;
  } catch {
    return undefined;
  }
}
