import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const cloudPack: Pack = { id: 'cloud', commands: [], analyze: () => undefined };
