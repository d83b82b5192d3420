import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packs, packsFor } from '../../../src/core/packs';
import type { Pack } from '../../../src/core/types';
import { simple } from '../support/helpers';

// The lists as they were built for every name at load, before they were built at a name's first lookup.
function builtAtLoad(): { byCommand: Map<string, Pack[]>; unclaimed: Pack[] } {
  const byCommand = new Map<string, Pack[]>();
  const everyCommand = packs.filter((p) => p.commands === '*');
  const unclaimedPacks = packs.filter((p) => p.commands === 'unclaimed');
  for (const pack of packs) {
    if (pack.commands === '*' || pack.commands === 'unclaimed') continue;
    for (const name of pack.commands) {
      const list = byCommand.get(name) ?? [...everyCommand];
      if (!list.includes(pack)) list.push(pack);
      byCommand.set(name, list);
    }
  }
  for (const [name, list] of byCommand) {
    if (list.every((p) => p.commands === '*' || p.partly?.includes(name))) list.push(...unclaimedPacks);
  }
  return { byCommand, unclaimed: [...everyCommand, ...unclaimedPacks] };
}

test('every program gets the packs, in the order, it got when the lists were built at load', () => {
  const { byCommand, unclaimed } = builtAtLoad();
  assert.ok(byCommand.size > 100, 'the packs name their programs');
  const names = (p: Pack) => p.id;
  for (const [name, list] of byCommand) {
    // Twice: the first lookup builds the list, the second finds it remembered.
    assert.deepEqual(packsFor(simple([name])).map(names), list.map(names), name);
    assert.deepEqual(packsFor(simple([name])).map(names), list.map(names), name);
  }
  for (const name of ['', 'no-such-program-here', '__proto__', 'constructor'])
    assert.deepEqual(packsFor(simple(name ? [name] : [])).map(names), unclaimed.map(names), JSON.stringify(name));
});

test('a batch of made-up program names gets the generic reading, however many it names', () => {
  const { unclaimed } = builtAtLoad();
  for (let i = 0; i < 6000; i++)
    assert.deepEqual(
      packsFor(simple([`made-up-${i}`])).map((p) => p.id),
      unclaimed.map((p) => p.id),
    );
  // Past the names it remembers, a named program still gets its own packs.
  assert.ok(packsFor(simple(['git'])).some((p) => p.id === 'git'));
});
