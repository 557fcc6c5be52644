// Part 8 of the benchmark (issue 9 item 3): a Stock2Shop `search_products` answer heavy
// with loose values (prices and quantities as strings, flags as 1/"1"/"true", channel ids
// as strings), decoded by the package against TextDecoder + JSON.parse of the same bytes,
// interleaved in one run. The loose values are written in their declared type while the
// bytes become text (one pass), not walked to from the root after parsing.
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage } from './run-decode.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const METHODS = ['package', 'stream', 'stream_after_last_byte', 'text_decode_parse', 'json_parse'];

/**
 * Writes `<out>/s2s-<name>-<size>mb.json`: the fixture's answer with its product repeated
 * (ids and codes varied) until the body is `size` MB, every loose field of every `every`th
 * product in a string or PHP spelling (the others in their declared types). Returns
 * { products, bytes }.
 */
export function generateLooseBody({ root, out, size, name, every }) {
  const good = JSON.parse(readFileSync(join(root, 'tests/fixtures/stock2shop.search_products/good.json'), 'utf8'));
  const template = good.system_products[0];
  const target = Number(size) * 1e6;
  const products = [];
  let length = JSON.stringify({ ...good, system_products: [] }).length;
  for (let i = 0; length < target; i++) {
    const p = structuredClone(template);
    p.id = 60000 + i;
    p.source_product_code = `SP-${i}`;
    if (i % every !== 0) {
      p.active = true;
      p.channels = p.channels.map((c, k) => ({ ...c, channel_id: 40 + k, channel_product_code: String(i) }));
      p.variants = p.variants.map((v, k) => ({
        ...v, id: 70000 + i * 10 + k, sku: `SKU-${i}-${k}`, price: (i % 900) + 1 + k / 10, qty: i % 50, grams: 250,
        inventory_management: true, active: true, price_tiers: v.price_tiers.map((t) => ({ ...t, price: (i % 300) + 10 })),
      }));
      const text = JSON.stringify(p);
      products.push(text);
      length += text.length + 1;
      continue;
    }
    p.active = i % 2 ? '1' : 1;
    p.channels = p.channels.map((c, k) => ({ ...c, channel_id: String(40 + k), channel_product_code: String(i) }));
    p.variants = p.variants.map((v, k) => ({
      ...v,
      id: 70000 + i * 10 + k,
      sku: `SKU-${i}-${k}`,
      price: `${(i % 900) + 1}.${String(k * 7 % 100).padStart(2, '0')}`,
      qty: String(i % 50),
      grams: '250',
      inventory_management: i % 3 ? 1 : '0',
      active: 'true',
      price_tiers: v.price_tiers.map((t) => ({ ...t, price: `${(i % 300) + 10}.00` })),
    }));
    const text = JSON.stringify(p);
    products.push(text);
    length += text.length + 1;
  }
  const body = JSON.stringify({ ...good, system_products: [] }).replace('"system_products":[]', `"system_products":[${products.join(',')}]`);
  writeFileSync(join(out, `s2s-${name}-${size}mb.json`), body);
  return { products: products.length, bytes: Buffer.byteLength(body) };
}

/**
 * The bodies: `issue`, as dense as the one issue 9 measured (about 7,000 loose values in
 * 10 MB: every 10th product spelled loosely); `dense` (every product: ten times as many);
 * `none` (only the first product), the floor: what validating this schema costs at all.
 */
const BODIES = [{ name: 'issue', every: 10 }, { name: 'dense', every: 1 }, { name: 'none', every: Infinity }];

/**
 * size: the bodies' MB; reps: interleaved repetitions. Returns { loose: { issue, dense },
 * checks: { issue, dense } }.
 */
export async function runLoose({ pkgDir, root, out, size, reps, log, timeoutMs }) {
  const generated = Object.fromEntries(BODIES.map((b) => [b.name, generateLooseBody({ root, out, size, ...b })]));
  const { page, pageErrors, close } = await openPage({ pkgDir, timeoutMs });
  try {
    const loose = {};
    const checks = {};
    for (const { name } of BODIES) {
      const setup = await page.evaluate(([s, n]) => window.bench.looseSetup(s, n), [size, name]);
      checks[name] = setup.checks;
      const times = Object.fromEntries(METHODS.map((m) => [m, []]));
      for (let rep = 0; rep < reps; rep++) {
        const order = METHODS.map((_, i) => METHODS[(i + rep) % METHODS.length]);
        for (const m of order) times[m].push(await page.evaluate((x) => window.bench.looseRun(x), m));
      }
      const med = (m) => median(times[m]);
      const r = { reps, size_mb: Number(size), bytes: setup.bytes, products: generated[name].products, loose_values: setup.loose_values };
      for (const m of METHODS) r[`${m}_ms`] = med(m);
      r.ratio_vs_text_decode_parse = med('package') / med('text_decode_parse');
      r.stream_ratio_vs_text_decode_parse = med('stream') / med('text_decode_parse');
      r.ratio_vs_json_parse = med('package') / med('json_parse');
      r.after_last_byte_ratio_vs_json_parse = med('stream_after_last_byte') / med('json_parse');
      log(`loose ${name}: ${JSON.stringify({ ...r, checks: setup.checks })}`);
      loose[name] = r;
    }
    if (pageErrors.length) log(`loose: page messages: ${pageErrors.join(' | ')}`);
    return { loose, checks };
  } finally {
    await close();
  }
}
