import { describe, expect, it } from 'vitest';
import { vegaLiteToSvg } from '../../src/report/vega.js';

describe('vegaLiteToSvg', () => {
  const spec = {
    data: {
      values: [
        { k: 'a<b', n: 3 },
        { k: 'c', n: 5 },
      ],
    },
    mark: 'bar',
    encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
  };

  it('renders an SVG with escaped labels, deterministically', async () => {
    const a = await vegaLiteToSvg(spec);
    const b = await vegaLiteToSvg(spec);
    expect(a.startsWith('<svg role="img" ')).toBe(true);
    expect(a).toContain('a&lt;b');
    expect(a).toBe(b);
  });

  it('refuses to load data from a URL', async () => {
    await expect(
      vegaLiteToSvg({ data: { url: 'https://example.com/x.json' }, mark: 'point' }),
    ).rejects.toThrow(/inline data only/);
  });
});
