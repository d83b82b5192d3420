import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const httpPack: Pack = { id: 'http', commands: [], analyze: () => undefined };
