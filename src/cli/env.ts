export async function runEnv(_args: string[]): Promise<number> {
  throw new Error('env: not built yet');
}
