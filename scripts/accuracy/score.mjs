// Matching and scoring of hand-written accuracy labels against `scan --format json` reports.
// The rules are those of ACCURACY.md ("Label format and scoring"); this module has no I/O so the
// unit test can feed it a synthetic report.

/** How far (in lines) below or above an item's first line a label may sit and still match. */
const LINE_SLACK = 3;
/** Relative tolerance of a single expected price. */
const USD_TOLERANCE = 0.1;

/** The report figure each expected unit is compared with. */
const UNIT_FIGURE = {
  hourly: (i) => i.hourlyUsd,
  monthly: (i) => i.monthlyUsd,
  perRun: (i) => i.perRunUsd,
  perCall: (i) => i.perCallUsd,
  per100MTokens: (i) => i.training?.per100MTokensUsd ?? null,
};

/**
 * Puts the items of one scan root's report on repo-root paths, each with the reason of its
 * `unpriced` row (the report lists reasons apart from items, keyed by file, line and cell).
 */
export function itemsOfRoot(root, report) {
  const prefix = root === '' || root === '.' ? '' : `${root.replace(/\/+$/, '')}/`;
  const reasons = new Map(report.unpriced.map((u) => [unpricedKey(u.file, u.line, u.cell, u.sku), u.reason]));
  return report.items.map((item) => ({
    ...item,
    file: prefix + item.file,
    unpricedReason: reasons.get(unpricedKey(item.file, item.range.startLine, item.cell, item.sku)),
  }));
}

function unpricedKey(file, line, cell, sku) {
  return JSON.stringify([file, line, cell ?? null, sku ?? null]);
}

/** True when the item lies where the label points (ACCURACY.md, "Matching"). */
export function covers(item, label) {
  if (item.file !== label.file) return false;
  if ((label.cell ?? null) !== (item.cell ?? null)) return false;
  const { startLine, endLine } = item.range;
  if (inDocument(item, label)) return true;
  return (label.line >= startLine && label.line <= endLine) || Math.abs(label.line - startLine) <= LINE_SLACK;
}

/** The item starts inside the YAML document the label opens (its `document` span). */
function inDocument(item, label) {
  return label.document !== undefined && item.range.startLine >= label.document[0] && item.range.startLine <= label.document[1];
}

/**
 * The lines of the YAML document a label's line falls in: from the label to the next `---`
 * separator (or the end of the file). A workload's roles (a predictor, Ray groups, a
 * PyTorchJob's Master and Worker) are items inside it, so one label can stand for all of them.
 */
export function yamlDocumentSpan(text, line) {
  const lines = text.split(/\r?\n/);
  let end = lines.length;
  for (let i = line; i < lines.length; i += 1) {
    if (/^---\s*$/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return [line, end];
}

/**
 * The parts of a workload as one item: its matched item plus the other unclaimed items that
 * start in the label's YAML document, with their figures, quantities and GPUs summed. A figure
 * is summed only when every part has one; otherwise the whole has none in that unit.
 */
export function combineParts(first, label, items, used) {
  if (label.document === undefined) return first;
  const parts = [first, ...items.filter((i) => i !== first && !used.has(i) && i.file === label.file && inDocument(i, label))];
  if (parts.length === 1) return first;
  for (const p of parts) used.add(p);
  const sum = (read) => (parts.every((p) => typeof read(p) === 'number') ? Math.round(parts.reduce((a, p) => a + read(p), 0) * 1e4) / 1e4 : null);
  const gpus = parts.reduce((a, p) => a + (p.accelerators?.count ?? 0), 0);
  const names = [...new Set(parts.map((p) => p.accelerators?.name).filter(Boolean))];
  const skus = [...new Set(parts.map((p) => p.sku))];
  return {
    ...first,
    resource: `${first.resource} (+${parts.length - 1} part${parts.length > 2 ? 's' : ''} in the document)`,
    sku: skus.length === 1 ? skus[0] : first.sku,
    quantity: parts.reduce((a, p) => a + p.quantity, 0),
    accelerators: gpus > 0 ? { name: names.join('+'), count: gpus } : null,
    hourlyUsd: sum((p) => p.hourlyUsd),
    monthlyUsd: sum((p) => p.monthlyUsd),
    perRunUsd: sum((p) => p.perRunUsd),
    perCallUsd: sum((p) => p.perCallUsd),
    unpricedReason: parts.map((p) => p.unpricedReason).find(Boolean),
  };
}

/**
 * Pairs labels with items, each item with at most one label, as many pairs as possible
 * (augmenting paths), each label preferring the item whose first line is nearest. Cost-bearing
 * labels are paired first, so a not-cost-bearing label never takes the item of a real one.
 */
export function matchLabels(labels, items) {
  const owner = new Map(); // item index -> label index
  const candidates = labels.map((label) =>
    items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => covers(item, label))
      .sort((a, b) => distance(a.item, label) - distance(b.item, label) || a.index - b.index)
      .map(({ index }) => index),
  );
  const tryAssign = (li, seen) => {
    for (const ii of candidates[li]) {
      if (seen.has(ii)) continue;
      seen.add(ii);
      const current = owner.get(ii);
      if (current === undefined || tryAssign(current, seen)) {
        owner.set(ii, li);
        return true;
      }
    }
    return false;
  };
  // Labels nearest to an item claim first, so of two labels on one item the nearer keeps it.
  const nearest = (li) => (candidates[li].length ? distance(items[candidates[li][0]], labels[li]) : Infinity);
  const order = labels.map((_, i) => i).sort((a, b) => nearest(a) - nearest(b) || a - b);
  for (const li of order) {
    if (labels[li].costBearing) tryAssign(li, new Set());
  }
  // Not-cost-bearing labels only take items no cost-bearing label holds.
  for (const li of order) {
    if (labels[li].costBearing) continue;
    const free = candidates[li].find((ii) => !owner.has(ii));
    if (free !== undefined) owner.set(free, li);
  }
  const matched = new Array(labels.length).fill(undefined);
  for (const [ii, li] of owner) matched[li] = items[ii];
  return matched;
}

function distance(item, label) {
  return Math.abs(item.range.startLine - label.line);
}

/** Why the item's figures or fields differ from what the label expects; empty when they match. */
export function mismatches(item, expect = {}) {
  const out = [];
  const lower = (s) => (s ?? '').toString().toLowerCase();
  if (expect.kind !== undefined && item.kind !== expect.kind) out.push(`kind ${item.kind}, expected ${expect.kind}`);
  if (expect.sku !== undefined && lower(item.sku) !== lower(expect.sku)) out.push(`sku ${item.sku}, expected ${expect.sku}`);
  if (expect.quantity !== undefined && item.quantity !== expect.quantity) out.push(`quantity ${item.quantity}, expected ${expect.quantity}`);
  if (expect.gpus !== undefined && (item.accelerators?.count ?? 0) !== expect.gpus) out.push(`gpus ${item.accelerators?.count ?? 0}, expected ${expect.gpus}`);
  if (expect.gpu !== undefined) {
    const name = item.kind === 'training-run' ? `${item.accelerators?.name ?? ''} ${item.sku ?? ''}` : item.accelerators?.name ?? '';
    if (!lower(name).includes(lower(expect.gpu))) out.push(`gpu ${item.accelerators?.name ?? 'none'}, expected ${expect.gpu}`);
  }
  if (expect.usd !== undefined) {
    const figure = figureOf(item, expect.unit);
    if (figure === null) out.push(`no ${expect.unit ?? 'price'} figure`);
    else if (!withinUsd(figure, expect.usd)) out.push(`${expect.unit ?? 'price'} $${figure}, expected ${formatUsd(expect.usd)}`);
  }
  if (expect.training !== undefined && item.training) out.push(...trainingMismatches(item.training, expect.training));
  return out;
}

function trainingMismatches(actual, expected) {
  const out = [];
  for (const key of ['activeParamsB', 'tokens']) {
    if (expected[key] === undefined) continue;
    if (typeof actual[key] !== 'number' || !withinUsd(actual[key], expected[key])) out.push(`training.${key} ${actual[key]}, expected ${expected[key]}`);
  }
  if (expected.gpus !== undefined && actual.gpus !== expected.gpus) out.push(`training.gpus ${actual.gpus}, expected ${expected.gpus}`);
  return out;
}

/** The item's figure in the expected unit, or its first figure when the label states no unit. */
export function figureOf(item, unit) {
  if (unit !== undefined) {
    const read = UNIT_FIGURE[unit];
    if (!read) throw new Error(`unknown unit "${unit}" (expected one of ${Object.keys(UNIT_FIGURE).join(', ')})`);
    return read(item) ?? null;
  }
  for (const read of Object.values(UNIT_FIGURE)) {
    const figure = read(item);
    if (figure !== null && figure !== undefined) return figure;
  }
  return null;
}

/** A number passes within ±10%; a [min, max] range passes inclusively. */
export function withinUsd(actual, expected) {
  if (Array.isArray(expected)) return actual >= expected[0] && actual <= expected[1];
  if (expected === 0) return actual === 0;
  return Math.abs(actual - expected) <= Math.abs(expected) * USD_TOLERANCE;
}

function formatUsd(expected) {
  return Array.isArray(expected) ? `$${expected[0]}–$${expected[1]}` : `$${expected} ±10%`;
}

function hasAnyFigure(item) {
  return figureOf(item, undefined) !== null;
}

/**
 * One verdict per label: `missed`, `priced-right`, `priced-wrong`, `unpriced` (with a reason),
 * `unpriced-silent` (no figure and no reason), or for labels that must not be reported,
 * `false-positive` / `correctly-ignored`.
 */
export function verdictOf(label, item) {
  if (!label.costBearing) {
    if (item && createsNothing(item)) return { verdict: 'correctly-ignored', detail: [`reported as ${item.resource}, creating nothing`] };
    return item ? { verdict: 'false-positive', detail: [`reported as ${item.resource}`] } : { verdict: 'correctly-ignored', detail: [] };
  }
  if (!item) return { verdict: 'missed', detail: [] };
  const figure = figureOf(item, label.expect?.unit);
  const noFigure = label.expect?.unpriced;
  if (figure === null && !hasAnyFigure(item)) {
    if (!item.unpricedReason) return { verdict: 'unpriced-silent', detail: ['no figure and no unpriced reason'] };
    // The label says the file does not hold what a figure needs: no figure, with a reason, is the right answer.
    return { verdict: 'unpriced', expected: Boolean(noFigure), detail: [item.unpricedReason] };
  }
  if (noFigure === true) return { verdict: 'priced-wrong', detail: ['a figure, where the label expects none (the file does not hold what it needs)'] };
  const wrong = mismatches(item, label.expect);
  if (figure === null && !wrong.some((w) => w.startsWith('no '))) wrong.unshift(`no ${label.expect?.unit ?? 'price'} figure`);
  return wrong.length ? { verdict: 'priced-wrong', detail: wrong } : { verdict: 'priced-right', detail: [] };
}

/**
 * An item of quantity 0 whose figures are all $0 or absent says the thing creates nothing (a
 * module call with `create = false` or `count = 0`, kept so a cost diff shows it): it reports
 * no cost, so it is not a false positive.
 */
function createsNothing(item) {
  return item.quantity === 0 && Object.values(UNIT_FIGURE).every((read) => !read(item));
}

/** Scores one label file against the items of all its scan roots (already on repo-root paths). */
export function scoreLabelFile(labelFile, items) {
  const matched = matchLabels(labelFile.things, items);
  const used = new Set(matched.filter(Boolean));
  const whole = matched.map((item, i) => (item ? combineParts(item, labelFile.things[i], items, used) : item));
  return labelFile.things.map((label, i) => {
    const item = whole[i];
    const { verdict, detail, expected = false } = verdictOf(label, item);
    const near = verdict === 'missed' ? nearestUnmatched(label, items, used) : undefined;
    if (near) detail.push(`unmatched item in the same file: ${near.resource} at line ${near.range.startLine}`);
    return {
      id: label.id,
      file: label.file,
      line: label.line,
      verdict,
      ...(verdict === 'unpriced' ? { unpricedAsExpected: expected } : {}),
      detail,
      nearMiss: Boolean(near),
      item: item
        ? { resource: item.resource, line: item.range.startLine, sku: item.sku, quantity: item.quantity, hourlyUsd: item.hourlyUsd, monthlyUsd: item.monthlyUsd, perRunUsd: item.perRunUsd, perCallUsd: item.perCallUsd }
        : null,
    };
  });
}

/**
 * For a missed label, the closest item of the same file (and cell) that no label took: the
 * scan saw something there, but not where the label says the thing starts.
 */
function nearestUnmatched(label, items, used) {
  const candidates = items.filter((i) => !used.has(i) && i.file === label.file && (i.cell ?? null) === (label.cell ?? null));
  return candidates.sort((a, b) => distance(a, label) - distance(b, label))[0];
}

/** The counts of one table row. */
export function summarize(verdicts) {
  const count = (...names) => verdicts.filter((v) => names.includes(v.verdict)).length;
  const labelled = count('missed', 'priced-right', 'priced-wrong', 'unpriced', 'unpriced-silent');
  return {
    labelled,
    found: labelled - count('missed'),
    pricedRight: count('priced-right'),
    unpricedAsExpected: verdicts.filter((v) => v.verdict === 'unpriced' && v.unpricedAsExpected).length,
    pricedWrong: count('priced-wrong'),
    unpriced: count('unpriced'),
    unpricedSilent: count('unpriced-silent'),
    missed: count('missed'),
    missedNear: verdicts.filter((v) => v.verdict === 'missed' && v.nearMiss).length,
    falsePositives: count('false-positive'),
    notCostBearing: count('false-positive', 'correctly-ignored'),
  };
}

export function addSummaries(rows) {
  const total = {};
  for (const row of rows) for (const [k, v] of Object.entries(row)) total[k] = (total[k] ?? 0) + v;
  return total;
}

function percent(part, whole) {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 1000) / 10}%`;
}

/** The Markdown table: one row per corpus and a total. */
export function renderTable(rows) {
  const header = '| corpus | labelled | found | priced right | right | priced wrong | unpriced with reason (as the label expects) | missed | false positives |';
  const line = (name, s) => {
    const right = s.pricedRight + s.unpricedAsExpected;
    return `| ${name} | ${s.labelled} | ${s.found} (${percent(s.found, s.labelled)}) | ${s.pricedRight} (${percent(s.pricedRight, s.labelled)}) | ${right} (${percent(right, s.labelled)}) | ${s.pricedWrong} | ${s.unpriced} (${s.unpricedAsExpected})${s.unpricedSilent ? ` (+${s.unpricedSilent} without reason)` : ''} | ${s.missed}${s.missedNear ? ` (${s.missedNear} with an unmatched item in the file)` : ''} | ${s.falsePositives} of ${s.notCostBearing} |`;
  };
  const body = rows.map(({ name, summary }) => line(name, summary));
  const total = line('**total**', addSummaries(rows.map((r) => r.summary)));
  return [header, '|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...body, total].join('\n');
}
