export async function runInstall(_args: string[]): Promise<number> {
  throw new Error('install: not built yet');
}
export async function runUninstall(_args: string[]): Promise<number> {
  throw new Error('uninstall: not built yet');
}
