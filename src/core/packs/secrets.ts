import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const secretsPack: Pack = { id: 'secrets', commands: [], analyze: () => undefined };
