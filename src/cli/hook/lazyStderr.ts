// Node's net compares every socket it destroys with `process.stderr`
// (`this !== process.stderr`, for a debug line), and the first read of that
// property builds the stderr stream: on a pipe, as hosts give it, a
// net.Socket of its own (about 0.8 ms of a 2-CPU machine's time). The
// editor judge's client destroys three sockets (stdin's, the judge's and the
// debugger probe's) and never writes through the stream (its output goes
// out with plain writes, hook/write.ts), so every call the judge answered
// paid for a stream nobody used. While the client runs, `process.stderr` is
// a stand-in that is no socket (so every such comparison is still false)
// and builds the real stream at its first real use, handing every property
// on to it; `restore` puts Node's own property back before the CLI loads.

type Restore = () => void;

export function deferStderr(): Restore {
  const own = Object.getOwnPropertyDescriptor(process, 'stderr');
  // Node defines it as a configurable getter; anything else is left as it is.
  if (!own?.get || !own.configurable) return () => undefined;
  const getter = own.get;
  const real = (): NodeJS.WriteStream => getter.call(process) as NodeJS.WriteStream;
  const standIn = new Proxy(Object.create(null) as NodeJS.WriteStream, {
    get(_, key) {
      const stream = real();
      const value: unknown = Reflect.get(stream, key, stream);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(stream) : value;
    },
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  Object.defineProperty(process, 'stderr', { ...own, get: () => standIn });
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    Object.defineProperty(process, 'stderr', own);
  };
}
