import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const sqlPack: Pack = { id: 'sql', commands: [], analyze: () => undefined };
