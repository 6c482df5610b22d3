import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Server-side chart rendering: a Vega-Lite spec is compiled to Vega and rendered by Vega's headless
 * `View.toSVG()` (no browser, no canvas). Charts are static SVG strings that go straight into a
 * self-contained page.
 *
 * Data must be inline (`data.values`): the view gets a loader that refuses every URL or file, so a
 * report can never make a network request or read a file while rendering.
 */

/** The house style shared by every chart (merged under the spec's own `config`). */
export const CHART_CONFIG: Record<string, unknown> = {
  background: 'white',
  font: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif',
  padding: 6,
  view: { stroke: null },
  axis: {
    labelColor: '#4a5566',
    titleColor: '#2b3442',
    titleFontWeight: 600,
    titleFontSize: 11,
    labelFontSize: 10,
    gridColor: '#edf0f5',
    domainColor: '#c7ceda',
    tickColor: '#c7ceda',
  },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, symbolType: 'square', orient: 'top' },
  title: { fontSize: 12, fontWeight: 600, anchor: 'start', color: '#1b2330' },
  range: { category: ['#2f5fb3', '#e07b39', '#3c9d5d', '#8a5cb8', '#c94f4f', '#6d7b8f'] },
};

/** Colours used for "real" and "synthetic" series in every chart, so readers learn them once. */
export const SERIES_COLORS = { real: '#2f5fb3', synthetic: '#e07b39', holdout: '#3c9d5d' } as const;

const refusingLoader = (() => {
  const base = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    throw new Error(`charts take inline data only; refused to load "${uri}"`);
  };
  return Object.assign(base, {
    load: refuse,
    sanitize: refuse,
    http: refuse,
    file: refuse,
  }) as unknown as vega.Loader;
})();

function mergeConfig(spec: Record<string, unknown>): Record<string, unknown> {
  const own = (spec.config ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...CHART_CONFIG };
  for (const [k, v] of Object.entries(own)) {
    const base = merged[k];
    merged[k] =
      base && typeof base === 'object' && v && typeof v === 'object' && !Array.isArray(v)
        ? { ...(base as object), ...(v as object) }
        : v;
  }
  return { ...spec, config: merged };
}

/**
 * Render a Vega-Lite v5 spec to an SVG string (deterministic for a given spec).
 *
 * @example
 * const svg = await vegaLiteToSvg({
 *   data: { values: [{ k: 'a', n: 3 }] }, mark: 'bar',
 *   encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
 * });
 * svg.startsWith('<svg'); // => true
 */
export async function vegaLiteToSvg(spec: Record<string, unknown>): Promise<string> {
  const compiled = compile(mergeConfig(spec) as unknown as TopLevelSpec).spec;
  for (const d of compiled.data ?? []) {
    if ('url' in d && d.url !== undefined) {
      throw new Error(`charts take inline data only; refused to load "${String(d.url)}"`);
    }
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: refusingLoader });
  try {
    const svg = await view.toSVG();
    // Vega sizes the root element in pixels; a viewBox is present, so CSS can scale it down.
    return svg.replace(/^<svg /, '<svg role="img" ');
  } finally {
    view.finalize();
  }
}
