// Compares two V8 heap snapshots by constructor: what grew between them, by self size and
// count. Usage: node scripts/heap-diff.mjs before.heapsnapshot after.heapsnapshot [rows]
import fs from 'node:fs';

function summarize(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { node_fields: fields, node_types: [types] } = snap.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKey = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' || type === 'native' ? snap.strings[snap.nodes[i + nameAt]] : '';
    const key = `${type}${name ? ` ${name.slice(0, 80)}` : ''}`;
    const entry = byKey.get(key) ?? { size: 0, count: 0 };
    entry.size += snap.nodes[i + sizeAt];
    entry.count += 1;
    byKey.set(key, entry);
  }
  return byKey;
}

const [a, b, rows = '30'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/heap-diff.mjs before.heapsnapshot after.heapsnapshot [rows]');
  process.exit(2);
}
const before = summarize(a);
const after = summarize(b);
const total = (m) => [...m.values()].reduce((s, e) => s + e.size, 0);
const diff = [...new Set([...before.keys(), ...after.keys()])].map((key) => {
  const x = before.get(key) ?? { size: 0, count: 0 };
  const y = after.get(key) ?? { size: 0, count: 0 };
  return { key, size: y.size - x.size, count: y.count - x.count };
});
diff.sort((p, q) => q.size - p.size);
const mb = (n) => (n / 2 ** 20).toFixed(2).padStart(8);
console.log(`total ${mb(total(before))} MB -> ${mb(total(after))} MB (${mb(total(after) - total(before))} MB)`);
console.log('    MB      count  type and constructor');
for (const d of diff.slice(0, Number(rows))) console.log(`${mb(d.size)} ${String(d.count).padStart(10)}  ${d.key}`);
