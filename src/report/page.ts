/**
 * Self-contained HTML pages for synthgate's reports (fidelity, privacy audit, release gate).
 *
 * A page is a title, an optional subtitle and a list of sections; everything it needs (CSS, charts
 * as inline SVG) is inside the one file, so it opens offline, can be attached to a ticket, and makes
 * no network request. Section HTML is trusted markup built by our own renderers; every piece of
 * user data that goes into it must pass through {@link escapeHtml}.
 */

export interface Section {
  /** Anchor id (letters, digits, `-`, `_`); used by the table of contents. */
  id: string;
  title: string;
  /** Trusted HTML body of the section. */
  html: string;
}

export interface PageOptions {
  title: string;
  subtitle?: string;
  sections: Section[];
  /** ISO timestamp shown in the footer; omitted when not given, so pages can be byte-identical. */
  generatedAt?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for use in HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml('<b>"x" & y</b>'); // => '&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;'
 */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A section id made safe for `id=` and `href="#…"`. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned || 'section';
}

/**
 * The shared stylesheet: neutral, print-friendly, no web fonts (a self-contained page must not
 * fetch any). Exposed so other renderers can document the class names they rely on.
 */
export const PAGE_CSS = `
:root{--fg:#1b2330;--muted:#5b6675;--line:#e3e7ee;--bg:#f5f7fa;--card:#fff;--accent:#2f5fb3;
--good:#1f8a4c;--warn:#b7791f;--bad:#c0392b;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.page{background:#17223b;color:#fff;padding:28px 40px 22px}
header.page h1{margin:0;font-size:24px;font-weight:650;letter-spacing:.2px}
header.page .subtitle{margin-top:4px;color:#c5cee0;font-size:14px}
header.page .brand{font-size:12px;letter-spacing:1.5px;text-transform:uppercase;color:#8fa3c8;margin-bottom:6px}
nav.toc{background:#fff;border-bottom:1px solid var(--line);padding:10px 40px;position:sticky;top:0;z-index:2;
display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px}
nav.toc a{color:var(--accent);text-decoration:none}
nav.toc a:hover{text-decoration:underline}
main{max-width:1240px;margin:0 auto;padding:24px 40px 40px}
section.block{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 22px}
section.block>h2{margin:0 0 4px;font-size:18px;font-weight:650}
section.block>.lead{margin:0 0 14px;color:var(--muted)}
h3{font-size:15px;margin:18px 0 8px;font-weight:620}
p{margin:8px 0}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:14px;margin:6px 0 4px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fbfcfe}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.6px;color:var(--muted)}
.card .value{font-size:26px;font-weight:650;margin-top:2px;font-variant-numeric:tabular-nums}
.card .note{font-size:12px;color:var(--muted);margin-top:2px}
.good{color:var(--good)}.warn{color:var(--warn)}.bad{color:var(--bad)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
background:#eef2f8;color:var(--fg)}
.badge.good{background:#e5f4ea;color:var(--good)}.badge.warn{background:#fbf1e0;color:var(--warn)}
.badge.bad{background:#fbe6e3;color:var(--bad)}
table.data{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 10px}
table.data th,table.data td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.data th{font-weight:600;color:var(--muted);background:#fafbfd;position:sticky;top:40px}
table.data td.num,table.data th.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px;align-items:start}
.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:18px;align-items:start}
@media (max-width:900px){.split{grid-template-columns:1fr}}
figure.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#fff;overflow-x:auto}
figure.chart figcaption{font-size:13px;font-weight:600;margin-bottom:4px}
figure.chart figcaption .muted{font-weight:400}
figure.chart svg{max-width:100%;height:auto;display:block}
figure.wide{grid-column:1/-1}
.callout{border-left:4px solid var(--accent);background:#f1f5fc;padding:8px 12px;border-radius:4px;margin:10px 0}
.callout.warn{border-color:var(--warn);background:#fdf6ea}
code{font-family:var(--mono);font-size:12.5px;background:#f0f2f6;padding:1px 4px;border-radius:3px}
footer.page{max-width:1240px;margin:0 auto;padding:0 40px 30px;color:var(--muted);font-size:12px}
@media print{nav.toc{display:none}body{background:#fff}section.block{break-inside:avoid}}
`;

/**
 * Render a complete, self-contained HTML page (inline CSS, no scripts, no external requests).
 *
 * @example
 * renderPage({ title: 'Fidelity report', sections: [{ id: 'summary', title: 'Summary', html: '<p>ok</p>' }] });
 * // => '<!doctype html><html lang="en">…'
 */
export function renderPage(opts: PageOptions): string {
  const toc = opts.sections.map((s) => `<a href="#${safeId(s.id)}">${escapeHtml(s.title)}</a>`).join('');
  const body = opts.sections
    .map(
      (s) => `<section class="block" id="${safeId(s.id)}"><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`,
    )
    .join('\n');
  const footer = opts.generatedAt
    ? `Generated by synthgate on ${escapeHtml(opts.generatedAt)}.`
    : 'Generated by synthgate.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(opts.title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header class="page"><div class="brand">synthgate</div><h1>${escapeHtml(opts.title)}</h1>${
    opts.subtitle ? `<div class="subtitle">${escapeHtml(opts.subtitle)}</div>` : ''
  }</header>
${opts.sections.length > 1 ? `<nav class="toc">${toc}</nav>` : ''}
<main>
${body}
</main>
<footer class="page">${footer}</footer>
</body>
</html>
`;
}

/**
 * A small HTML table from rows of cells (already escaped HTML). Columns listed in `numeric` are
 * right-aligned.
 *
 * @example
 * htmlTable(['Column', 'Score'], [['age', '0.98']], { numeric: [1] });
 */
export function htmlTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string>>,
  opts: { numeric?: readonly number[] } = {},
): string {
  const num = new Set(opts.numeric ?? []);
  const th = headers.map((h, i) => `<th${num.has(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const trs = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${num.has(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="data"><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

/** A summary card: label, big value, optional note; `tone` colours the value. */
export function card(label: string, value: string, note?: string, tone?: 'good' | 'warn' | 'bad'): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value${
    tone ? ` ${tone}` : ''
  }">${escapeHtml(value)}</div>${note ? `<div class="note">${escapeHtml(note)}</div>` : ''}</div>`;
}

/** A chart figure with a caption; `svg` is trusted markup from {@link vegaLiteToSvg}. */
export function figure(caption: string, svg: string, opts: { note?: string; wide?: boolean } = {}): string {
  return `<figure class="chart${opts.wide ? ' wide' : ''}"><figcaption>${escapeHtml(caption)}${
    opts.note ? ` <span class="muted">${escapeHtml(opts.note)}</span>` : ''
  }</figcaption>${svg}</figure>`;
}
