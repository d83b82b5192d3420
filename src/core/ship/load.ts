// The shipper, loaded when it is needed. A bundle keeps it in its own file
// next to it (dist/ship.js, see esbuild.js): the OpenTelemetry SDK is large,
// and the hook, which runs before every agent command, must not parse it.
export function shipModule(): typeof import('./index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./index') as typeof import('./index');
}
