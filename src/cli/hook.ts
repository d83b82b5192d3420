export async function runHook(_args: string[]): Promise<number> {
  throw new Error('hook: not built yet');
}
