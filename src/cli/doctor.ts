export async function runDoctor(_args: string[]): Promise<number> {
  throw new Error('doctor: not built yet');
}
