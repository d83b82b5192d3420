import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const databaseCliPack: Pack = { id: 'db', commands: [], analyze: () => undefined };
