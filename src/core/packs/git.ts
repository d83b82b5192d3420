import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const gitPack: Pack = { id: 'git', commands: [], analyze: () => undefined };
