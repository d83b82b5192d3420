import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const ormPack: Pack = { id: 'orm', commands: [], analyze: () => undefined };
