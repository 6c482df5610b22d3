import { UsageError } from '../errors.js';
import type { Rng } from '../rng.js';
import { parseDatetime } from '../schema/datetime.js';
import type { ColumnSchema, SchemaDocument } from '../schema/types.js';
import type { Column } from '../table/column.js';
import type { Table } from '../table/table.js';
import {
  type DpCategoricalAttribute,
  type DpNumericAttribute,
  encodeColumn,
  serializableAttribute,
} from './bayesnet-attributes.js';
import type { BayesNetColumn, BayesNetParams, BayesNetState } from './bayesnet-model.js';
import { learnStructure } from './bayesnet-structure.js';
import { conditionalFromCounts, familyCounts, marginalizeFamily } from './bayesnet-tables.js';
import { cellOf, groupContiguous, groupRare, type PublicGrid, publicGrid } from './discretize.js';
import { evenSplit, splitBudget } from './dp/budget.js';
import { type MechanismTape, PrivacyAccountant } from './dp/ledger.js';
import { gaussianSigma } from './dp/mechanisms.js';

/**
 * The Bayesian network fitted with ε-differential privacy (or (ε, δ) with δ > 0), PrivBayes-style.
 * Neighbours differ by one added or removed row. Every use of the data goes through one
 * `PrivacyAccountant` call, listed in the ledger; everything else is public (the schema) or
 * post-processing of noisy results. The steps, with their default share of ε:
 *
 * | step | data read | mechanism | share |
 * |---|---|---|---|
 * | bounds of numbers and dates | none: schema `min`/`max` | public | 0 |
 * | categories | none: schema `categories` or boolean tokens; else with δ > 0 a thresholded noisy count per value; else the training dictionary is *assumed* public (ledger says so) | public / Laplace threshold | 5 % when thresholding |
 * | id, pii, text columns | none: regenerated from the schema alone (no null rate, no learned shape) | public | 0 |
 * | row count | count | Laplace | 1 % |
 * | one-way histograms on public fine cells, null included | counts | Laplace per attribute, or one Gaussian | 15 % |
 * | network structure | R scores | exponential mechanism per step | β = `structureShare` (0.3) of the rest |
 * | conditional tables (families not contained in another) | counts | Laplace per table, or one Gaussian | the rest |
 *
 * δ (when > 0) is split evenly among the steps that use it (thresholding, Gaussian measurements).
 * The last step spends what is left, so the ledger adds up to ε exactly.
 *
 * Sensitivities (one row added or removed): a count, a histogram and a family table move by 1 in
 * L1 (√k in L2 for k of them measured at once); the count-unit R score by less than 2
 * (bayesnet-structure.ts). Rows are mapped to cells by public rules only: values outside the
 * schema bounds are clamped into the end cells, a category outside the public list is read as
 * null — row-wise transforms, so neighbouring tables stay neighbours.
 *
 * Post-processing (free): one-way histograms have negative counts and counts within one noise SD
 * of zero set to 0, then are normalized; a null cell is kept only above 3 noise SDs. Numeric
 * attributes: the schema's [min, max] in `dpCells` public cells (discretize.ts `publicGrid`, one
 * cell per integer when the range is small, point cells at the bounds), merged into ≤ `dpBins`
 * groups of about equal *noisy* mass; categories with a noisy share below `RARE_SHARE` share one
 * group; a value is drawn back inside its group by the noisy cell masses, then uniformly in the
 * cell. (An integer range wider than `dpCells` shares cells between neighbouring integers, so a
 * point mass inside the range is spread over its cell.) Parent sets are θ-useful (PrivBayes §4.4):
 * a family table has at most ñ/(θ·noise SD) cells, ñ the noisy row count, so a cell's expected
 * count stands θ noise SDs above the noise. Conditional tables: negative counts clipped, rows
 * normalized, a parent configuration without mass falls back to the child's marginal.
 * Category lists assumed public are sorted, so the dictionary's first-appearance order (which
 * depends on row order) is not kept.
 */

/** Default shares of ε (see the table above). */
export const DP_SHARES = { rows: 0.01, categories: 0.05, marginals: 0.15 } as const;

/** Categories whose noisy share is below this are merged into one group of the network domain. */
export const RARE_SHARE = 0.02;

/** A null cell is kept when its noisy count exceeds this many noise standard deviations. */
const NULL_KEEP_SD = 3;

interface PlannedAttribute {
  cs: ColumnSchema;
  /** Public numeric grid, or the public category list (null: to be discovered with a threshold). */
  grid?: PublicGrid;
  categories?: string[] | null;
}

export function fitPrivateBayesNet(
  table: Table,
  schema: SchemaDocument,
  rng: Rng,
  params: BayesNetParams,
  tape?: MechanismTape,
): BayesNetState {
  const epsilon = params.epsilon!;
  const delta = params.delta;
  const gaussian = params.mechanism === 'gaussian' || (params.mechanism === null && delta > 0);
  if (gaussian && !(delta > 0))
    throw new UsageError('E_BAD_PARAM', 'the Gaussian mechanism needs δ > 0', {
      hint: 'give --delta (e.g. 1e-6) or use mechanism=laplace',
    });
  const acc = new PrivacyAccountant(epsilon, delta, rng.fork('dp:noise'), tape);
  const n = table.numRows;

  // 1. Public planning: what each column is, from the schema alone.
  const columns: BayesNetColumn[] = [];
  const planned: PlannedAttribute[] = [];
  for (const cs of schema.columns) {
    if (cs.sdtype === 'id') {
      columns.push({ name: cs.name, kind: 'id' });
      acc.publicStep(`${cs.name}: keys regenerated from the schema pattern`, 'public (schema)');
    } else if (cs.sdtype === 'pii' || cs.sdtype === 'text') {
      columns.push(
        cs.sdtype === 'pii'
          ? { name: cs.name, kind: 'pii', shape: null, nullRate: 0 }
          : { name: cs.name, kind: 'text', wordQuantiles: [5], nullRate: 0 },
      );
      acc.publicStep(`${cs.name}: fakes from defaults, no value, shape or null rate read`, 'public (none)');
    } else {
      columns.push({ name: cs.name, kind: 'attribute', attribute: planned.length });
      planned.push(planAttribute(cs, params, acc, table.column(cs.name)));
    }
  }
  const d = planned.length;
  const discover = planned.filter((p) => p.categories === null);
  const deltaSteps = (discover.length > 0 ? 1 : 0) + (gaussian ? 2 : 0);
  const deltaShare = deltaSteps > 0 ? delta / deltaSteps : 0;
  const fixed = {
    rows: DP_SHARES.rows,
    categories: discover.length > 0 ? DP_SHARES.categories : 0,
    marginals: d > 0 ? DP_SHARES.marginals : 0,
  };
  const rest = 1 - fixed.rows - fixed.categories - fixed.marginals;
  const shares = splitBudget(epsilon, {
    ...fixed,
    structure: d > 1 ? rest * params.structureShare : 0,
    conditionals: d > 0 ? rest * (d > 1 ? 1 - params.structureShare : 1) : 0,
  });

  // 2. Row count (sensitivity 1): sizes the θ-useful tables and serves as a default output size.
  const noisyRows = Math.max(1, Math.round(acc.laplace('row count', [n], 1, shares.rows)[0]!));

  // 3. Category discovery for categorical columns without a public list (needs δ > 0).
  if (discover.length > 0) {
    const eps = evenSplit(shares.categories, discover.length);
    const del = evenSplit(deltaShare, discover.length);
    discover.forEach((p, i) => {
      const col = table.column(p.cs.name);
      if (col.kind !== 'categorical') throw new Error(`column ${p.cs.name} is not categorical`);
      const counts = new Float64Array(col.dictionary.length);
      for (let r = 0; r < n; r++) if (col.valid.get(r)) counts[col.codes[r]!]!++;
      const kept = acc.threshold(
        `${p.cs.name}: categories released by a noisy-count threshold`,
        counts,
        eps[i]!,
        del[i]!,
      );
      // Sorted: only the released set is public, not the dictionary's first-appearance order.
      p.categories = kept.map((k) => col.dictionary[k]!).sort();
    });
  }

  // 4. One-way histograms over each attribute's public cells plus a null cell.
  const cellCounts = planned.map((p) => oneWayCounts(p, table.column(p.cs.name)));
  let noisy: Float64Array[];
  let sd: number[];
  if (gaussian) {
    const flat = concat(cellCounts);
    const sigma = gaussianSigma(shares.marginals, deltaShare, Math.sqrt(d));
    const out = acc.gaussian(
      `one-way histograms of ${d} attributes`,
      flat,
      Math.sqrt(d),
      shares.marginals,
      deltaShare,
    );
    noisy = split(out, cellCounts);
    sd = planned.map(() => sigma);
  } else {
    const eps = evenSplit(shares.marginals, d);
    noisy = planned.map((p, i) =>
      acc.laplace(
        `${p.cs.name}: one-way histogram (${cellCounts[i]!.length} cells)`,
        cellCounts[i]!,
        1,
        eps[i]!,
      ),
    );
    sd = eps.map((e) => Math.SQRT2 / e);
  }
  const attributes = planned.map((p, i) => {
    const attr = buildAttribute(p, noisy[i]!, sd[i]!, params.dpBins);
    const col = table.column(p.cs.name);
    if (attr.type === 'dp-categorical' && col.kind === 'categorical')
      attr.cellOfCode = cellMap(attr.categories, col.dictionary);
    return attr;
  });
  const codes = attributes.map((a) => encodeColumn(a, table.column(a.name)));
  const sizes = attributes.map((a) => a.size);

  // 5. Structure: θ-useful parent sets, exponential mechanism on R scores.
  const tablesPlanned = Math.max(1, d);
  const condNoise = gaussian
    ? gaussianSigma(shares.conditionals || 1, deltaShare || 1e-12, Math.sqrt(tablesPlanned))
    : (Math.SQRT2 * tablesPlanned) / (shares.conditionals || 1);
  const maxCells = Math.max(1, Math.floor(noisyRows / (params.theta * condNoise)));
  const structure = learnStructure(
    { codes, sizes, n },
    {
      maxParents: params.maxParents,
      maxCells,
      maxCandidates: params.maxCandidates,
      rng: rng.fork('structure'),
      ...(d > 1 ? { dp: { accountant: acc, epsilonPerStep: evenSplit(shares.structure, d - 1) } } : {}),
    },
  );

  // 6. Noisy family tables; a family inside another is read off the larger one's noisy table.
  const families = attributes.map((_, a) => new Set([a, ...structure.parents[a]!]));
  const container = families.map((f, a) =>
    families.findIndex((g, b) => b !== a && g.size > f.size && [...f].every((x) => g.has(x))),
  );
  const measured = attributes.map((_, a) => a).filter((a) => container[a] === -1);
  const exact = measured.map((a) => familyCounts(a, structure.parents[a]!, codes, sizes, n));
  let noisyTables: Float64Array[];
  if (measured.length === 0) noisyTables = [];
  else if (gaussian) {
    const out = acc.gaussian(
      `conditional tables of ${measured.length} families`,
      concat(exact),
      Math.sqrt(measured.length),
      acc.remaining().epsilon,
      acc.remaining().delta,
    );
    noisyTables = split(out, exact);
  } else {
    const eps = evenSplit(shares.conditionals, measured.length);
    noisyTables = measured.map((a, i) =>
      acc.laplace(
        `table of ${attributes[a]!.name} | ${structure.parents[a]!.map((p) => attributes[p]!.name).join(', ') || '∅'} (${exact[i]!.length} cells)`,
        exact[i]!,
        1,
        // The last step takes what is left, so that the ledger adds up to ε exactly.
        i === measured.length - 1 ? acc.remaining().epsilon : eps[i]!,
      ),
    );
  }
  const tableOf = new Map(measured.map((a, i) => [a, noisyTables[i]!]));
  const conditionals = attributes.map((_, a) => {
    let counts = tableOf.get(a);
    if (!counts) {
      // Follow containment to a measured family (containment chains end at a measured one).
      let top = container[a]!;
      while (container[top]! !== -1) top = container[top]!;
      counts = marginalizeFamily(
        tableOf.get(top)!,
        { child: top, parents: structure.parents[top]! },
        { child: a, parents: structure.parents[a]! },
        sizes,
      );
    }
    return Array.from(conditionalFromCounts(counts, sizes[a]!));
  });

  return {
    rows: noisyRows,
    columns,
    attributes: attributes.map(serializableAttribute),
    order: structure.order,
    parents: structure.parents,
    conditionals,
    privacy: acc.ledger(),
  };
}

/** The public domain of a modelled column (ledger entries for what is public, and why). */
function planAttribute(
  cs: ColumnSchema,
  params: BayesNetParams,
  acc: PrivacyAccountant,
  col: Column,
): PlannedAttribute {
  switch (cs.sdtype) {
    case 'numerical':
      acc.publicStep(`${cs.name}: bounds [${cs.min}, ${cs.max}] from the schema`, 'public (schema)');
      return { cs, grid: publicGrid(cs.min, cs.max, cs.representation === 'integer', params.dpCells) };
    case 'datetime': {
      const min = cs.min === undefined ? null : parseDatetime(cs.min, cs.format);
      const max = cs.max === undefined ? null : parseDatetime(cs.max, cs.format);
      if (min === null || max === null)
        throw new UsageError(
          'E_DP_NEEDS_BOUNDS',
          `datetime column "${cs.name}" has no min/max in the schema; a DP fit cannot read them from the data`,
          {
            hint: `add public "min" and "max" (format ${cs.format}) to the column in the schema`,
          },
        );
      acc.publicStep(`${cs.name}: bounds [${cs.min}, ${cs.max}] from the schema`, 'public (schema)');
      return { cs, grid: publicGrid(min, max, false, params.dpCells) };
    }
    case 'boolean':
      acc.publicStep(
        `${cs.name}: values ${cs.falseToken}/${cs.trueToken} from the schema`,
        'public (schema)',
      );
      return { cs, categories: [cs.falseToken, cs.trueToken] };
    case 'categorical':
      if (cs.categories) {
        acc.publicStep(`${cs.name}: ${cs.categories.length} categories from the schema`, 'public (schema)');
        return { cs, categories: [...cs.categories] };
      }
      if (params.delta > 0) return { cs, categories: null };
      if (col.kind !== 'categorical') throw new Error(`column ${cs.name} is not categorical`);
      acc.publicStep(
        `${cs.name}: the training data's ${col.dictionary.length} categories ASSUMED PUBLIC (list them in the schema, or give δ > 0 to release them by a noisy threshold)`,
        'public (assumed)',
      );
      // Sorted, so that the first-appearance order of the dictionary (which reveals row order) is not kept.
      return { cs, categories: [...col.dictionary].sort() };
    default:
      throw new Error(`column ${cs.name} of sdtype ${cs.sdtype} is not modelled`);
  }
}

/** Counts per public cell, null last. */
function oneWayCounts(p: PlannedAttribute, col: Column): Float64Array {
  const n = col.valid.size;
  if (p.grid) {
    if (col.kind !== 'numeric') throw new Error(`column ${col.name} is not numeric`);
    const out = new Float64Array(p.grid.lo.length + 1);
    for (let i = 0; i < n; i++) out[col.valid.get(i) ? cellOf(p.grid, col.values[i]!) : p.grid.lo.length]!++;
    return out;
  }
  if (col.kind !== 'categorical') throw new Error(`column ${col.name} is not categorical`);
  const cats = p.categories!;
  const map = cellMap(cats, col.dictionary);
  const out = new Float64Array(cats.length + 1);
  for (let i = 0; i < n; i++) {
    const c = col.valid.get(i) ? map[col.codes[i]!]! : -1;
    out[c >= 0 ? c : cats.length]!++;
  }
  return out;
}

/** Training dictionary code → index in the public category list (−1: not in it, read as null). */
function cellMap(categories: readonly string[], dictionary: readonly string[]): Int32Array {
  const index = new Map(categories.map((s, i) => [s, i]));
  return Int32Array.from(dictionary, (s) => index.get(s) ?? -1);
}

/** The attribute from its public domain and noisy one-way histogram (post-processing only). */
function buildAttribute(
  p: PlannedAttribute,
  noisy: Float64Array,
  sd: number,
  dpBins: number,
): DpNumericAttribute | DpCategoricalAttribute {
  const cells = noisy.length - 1;
  const keepNull = noisy[cells]! > NULL_KEEP_SD * sd;
  // Consistency: negative counts clipped, counts within one noise SD of zero dropped, then normalized.
  const mass = Array.from(noisy.subarray(0, cells), (v) => (v > sd ? v : 0));
  const total = mass.reduce((s, v) => s + v, 0);
  const cellProb = mass.map((v) => (total > 0 ? v / total : 1 / Math.max(1, cells)));
  const group = p.grid ? groupContiguous(cellProb, dpBins) : groupRare(cellProb, RARE_SHARE);
  const valueGroups = cells === 0 ? 0 : Math.max(...group) + 1;
  const groupMass = new Float64Array(valueGroups);
  group.forEach((g, c) => {
    groupMass[g]! += cellProb[c]!;
  });
  let fallback = 0;
  for (let g = 1; g < valueGroups; g++) if (groupMass[g]! > groupMass[fallback]!) fallback = g;
  const hasNullCode = keepNull || valueGroups === 0;
  const base = {
    name: p.cs.name,
    size: valueGroups + (hasNullCode ? 1 : 0),
    nullCode: hasNullCode ? valueGroups : -1,
    group,
    cellProb,
    fallback: valueGroups === 0 ? 0 : fallback,
  };
  if (p.grid) return { type: 'dp-numeric', ...base, grid: p.grid };
  return { type: 'dp-categorical', ...base, categories: p.categories! };
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function split(flat: Float64Array, like: readonly Float64Array[]): Float64Array[] {
  let off = 0;
  return like.map((p) => {
    const out = flat.slice(off, off + p.length);
    off += p.length;
    return out;
  });
}
