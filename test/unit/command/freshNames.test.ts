// A name made new on each run (a date, a random number) replaces nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFreshName } from '../../../src/core/command/freshNames';

test('a name built from the clock, a random number, a UUID or the PID is fresh', () => {
  for (const w of [
    '/w/backups/app-$(date +%F).sql',
    '/w/backups/app-$(date +%Y%m%d-%H%M%S).db',
    '/w/backups/src-`date +%s`.tgz',
    '/w/dump-$RANDOM.db',
    '/w/dump-${EPOCHSECONDS}.db',
    '/w/x-$$.db',
    '/w/snap-$(uuidgen).db',
    "/w/backups/app-$(date -u '+%Y-%m-%dT%H%M').sql",
    '/w/backups/app-$(date --iso-8601=seconds).sql',
  ])
    assert.equal(isFreshName(w), true, w);
});

test('a fixed name, or one with any other expansion or a glob, is not known to be fresh', () => {
  for (const w of [
    '/w/backups/app.sql',
    '/w/backups/$(ls backups | head -1)',
    '/w/backups/$NAME-$(date +%F).sql',
    '/w/backups/*-$(date +%F).sql',
    '/w/backups/$(date +%F)/$(cat name)',
    '/w/backups/app-$(date -r backups/old.sql +%F).sql',
    "/w/backups/app-$(date -d 'last monday' +%F).sql",
  ])
    assert.equal(isFreshName(w), false, w);
});
