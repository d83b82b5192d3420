import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const systemPack: Pack = { id: 'system', commands: [], analyze: () => undefined };
