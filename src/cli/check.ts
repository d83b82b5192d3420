export async function runCheck(_args: string[]): Promise<number> {
  throw new Error('check: not built yet');
}
