// Part 7 of the benchmark: hostile shapes (issue 16 item 2), in headless Chromium on the
// decode page. Both were quadratic before: 80,000 distinct unknown keys (drift collection
// compared each key with every key listed before) and a long string fed in small chunks
// (each chunk scanned the string again from its opening quote). Each is a ratio to a
// linear one-shot of the same size, measured interleaved in this run.
import { openPage } from './run-decode.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const METHODS = ['drift', 'drift_json_parse', 'drift_validate_only', 'drift_quarter', 'drift_quarter_json_parse', 'drift_quarter_validate_only',
  'plain', 'string_one_shot', 'string_chunked'];

/**
 * driftKeys: distinct unknown keys in one product (a multiple of 4); stringBytes: the
 * long string's length; reps: interleaved repetitions. Returns { hostile, checks }.
 */
export async function runHostile({ pkgDir, driftKeys, stringBytes, reps, log, timeoutMs }) {
  const { page, pageErrors, close } = await openPage({ pkgDir, timeoutMs });
  try {
    const setup = await page.evaluate((a) => window.bench.hostileSetup(a), { driftKeys, stringBytes });
    log(`hostile: ${JSON.stringify(setup)}`);
    const times = Object.fromEntries(METHODS.map((m) => [m, []]));
    for (let rep = 0; rep < reps; rep++) {
      const order = METHODS.map((_, i) => METHODS[(i + rep) % METHODS.length]);
      for (const m of order) times[m].push(await page.evaluate((x) => window.bench.hostileRun(x), m));
    }
    const med = (m) => median(times[m]);
    const h = { reps, drift_keys: driftKeys, drift_bytes: setup.drift_bytes, plain_bytes: setup.plain_bytes, plain_products: setup.plain_products,
      string_chars: setup.string_chars, string_body_bytes: setup.string_body_bytes, chunk_bytes: 1024 };
    for (const m of METHODS) h[`${m}_ms`] = med(m);
    // The target: the package against the engine's own parse of the same text (the same
    // 80,000 distinct keys to hash and store: a cost linear in the keys).
    h.drift_ratio_vs_json_parse = med('drift') / med('drift_json_parse');
    h.drift_ratio_vs_plain = med('drift') / med('plain');
    // 4 x the keys should cost 4 x the time: 1 when linear, 4 when quadratic. The
    // engine's JSON.parse of one object with that many keys is not linear itself.
    h.drift_growth_per_key = med('drift') / med('drift_quarter') / 4;
    h.drift_json_parse_growth_per_key = med('drift_json_parse') / med('drift_quarter_json_parse') / 4;
    h.drift_validate_only_growth_per_key = med('drift_validate_only') / med('drift_quarter_validate_only') / 4;
    h.string_chunked_ratio_vs_one_shot = med('string_chunked') / med('string_one_shot');
    log(`hostile: ${JSON.stringify(h)}`);
    if (pageErrors.length) log(`hostile: page messages: ${pageErrors.join(' | ')}`);
    return { hostile: h, checks: setup.checks };
  } finally {
    await close();
  }
}
