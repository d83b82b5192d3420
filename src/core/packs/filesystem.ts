import type { Pack } from '../types';

// Placeholder until the pack is written: judges nothing.
export const filesystemPack: Pack = { id: 'fs', commands: [], analyze: () => undefined };
