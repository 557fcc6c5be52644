// The dashboard's format module (www/src/format.ts) without a browser: its time parsing
// (RFC 3339, compact offsets, Stock2Shop's zone-less times read as UTC), local-time
// text with the zone, digit grouping and code names. The TypeScript is bundled with
// esbuild (installed with www's Vite) and run in Node, in the machine's zone.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { repo } from './harness.mjs';

const requireFromWww = createRequire(path.join(repo, 'www', 'package.json'));
let format;
let kit;

before(async () => {
  const esbuild = requireFromWww('esbuild');
  const packageEntry = import.meta.resolve('commerce-kit');
  const out = await esbuild.build({
    entryPoints: [path.join(repo, 'www', 'src', 'format.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['commerce-kit'],
  });
  const code = out.outputFiles[0].text.replaceAll(/from ["']commerce-kit["']/g, `from ${JSON.stringify(packageEntry)}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'format-test-')), 'format.mjs');
  fs.writeFileSync(file, code);
  format = await import(pathToFileURL(file).href);
  kit = await import(packageEntry);
  await kit.default();
});

test('parseTime: RFC 3339, compact offsets, zone-less times as UTC, nonsense as null', () => {
  const iso = (text) => format.parseTime(text)?.toISOString() ?? null;
  assert.equal(iso('2024-06-04T03:16:22.617577Z'), '2024-06-04T03:16:22.617Z');
  assert.equal(iso('2021-01-05T08:07:57+0000'), '2021-01-05T08:07:57.000Z');
  assert.equal(iso('2021-01-05T10:07:57+02:00'), '2021-01-05T08:07:57.000Z');
  assert.equal(iso('2021-01-05 08:25:04'), '2021-01-05T08:25:04.000Z', 'Stock2Shop: no zone, read as UTC');
  assert.equal(format.isZoneless('2021-01-05 08:25:04'), true);
  assert.equal(format.isZoneless('2021-01-05T08:25:04Z'), false);
  assert.equal(iso('yesterday'), null);
  assert.equal(iso('2021-13-45 99:99:99'), null);
  assert.equal(iso('1700000000'), null, 'a bare number is not a time');
});

test('formatTime: the viewer\'s zone, named; the raw text when it is not a time', () => {
  // Node's zone is the machine's; compare with the same formatter in the same zone.
  const expected = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(new Date('2021-01-05T08:25:04Z'));
  assert.equal(format.formatTime('2021-01-05 08:25:04'), expected);
  assert.match(format.formatTime('2021-01-05 08:25:04'), /UTC|GMT|[A-Z]{3,4}/, 'a zone is named');
  assert.equal(format.formatTime('not a time'), 'not a time');
});

test('formatNumber groups digits; codeName names Sellers Commerce codes', () => {
  assert.equal(format.formatNumber(31896), new Intl.NumberFormat(undefined).format(31896));
  assert.notEqual(format.formatNumber(31896), '31896', 'grouped');
  const amounts = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.equal(format.formatAmount(2457.1), amounts.format(2457.1), 'two decimals, grouped');
  assert.equal(format.formatAmount(60), amounts.format(60));
  assert.equal(format.codeName('CarrierId', 8), 'FEDEX');
  assert.equal(format.codeName('ServiceTypeId', 20), 'First Overnight');
  assert.equal(format.codeName('CarrierId', 9), null);
  assert.throws(() => format.codeName('NoSuchId', 1), /NoSuchId/);
  assert.ok(format.codeColumns().includes('OrderStatusId'));
});
