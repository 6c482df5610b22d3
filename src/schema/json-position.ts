/**
 * Where a JSON text first breaks the grammar (RFC 8259), as line and column, with a short reason.
 * `JSON.parse` messages differ across Node versions and some carry no position at all ("Unexpected
 * end of JSON input"), so schema files are re-scanned with this small recognizer after a failed
 * parse to tell the user exactly where to look.
 */
export interface JsonErrorPosition {
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based line and column (column in UTF-16 code units). */
  line: number;
  column: number;
  reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The first syntax error in `text`, or null when it is valid JSON.
 *
 * @example
 * locateJsonError('{\n  "a": 1,\n}'); // => { offset: 12, line: 3, column: 1, reason: 'trailing comma before "}"' }
 */
export function locateJsonError(text: string): JsonErrorPosition | null {
  let p = 0;
  const ws = () => {
    while (p < text.length && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r'))
      p++;
  };
  const describe = () => (p >= text.length ? 'end of file' : `"${text[p]}"`);
  const expect = (ch: string, what: string) => {
    if (text[p] !== ch) throw new Stop(p, `expected ${what}, found ${describe()}`);
    p++;
  };
  const string = () => {
    const start = p;
    p++;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === 34) {
        p++;
        return;
      }
      if (c < 32) throw new Stop(p, 'control character (e.g. a line break) inside a string');
      if (c === 92) {
        const e = text[p + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(p + 2, p + 6)))
            throw new Stop(p, 'bad \\u escape in a string');
          p += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(p, 'bad escape in a string');
        p += 2;
        continue;
      }
      p++;
    }
    throw new Stop(start, 'string is never closed');
  };
  const value = (): void => {
    ws();
    const ch = text[p];
    if (ch === '{') {
      p++;
      ws();
      if (text[p] === '}') {
        p++;
        return;
      }
      for (;;) {
        ws();
        if (text[p] !== '"') throw new Stop(p, `expected a quoted property name, found ${describe()}`);
        string();
        ws();
        expect(':', '":" after the property name');
        value();
        ws();
        if (text[p] === ',') {
          p++;
          ws();
          if (text[p] === '}') throw new Stop(p, 'trailing comma before "}"');
          continue;
        }
        expect('}', '"," or "}"');
        return;
      }
    }
    if (ch === '[') {
      p++;
      ws();
      if (text[p] === ']') {
        p++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[p] === ',') {
          p++;
          ws();
          if (text[p] === ']') throw new Stop(p, 'trailing comma before "]"');
          continue;
        }
        expect(']', '"," or "]"');
        return;
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    for (const lit of ['true', 'false', 'null'])
      if (text.startsWith(lit, p)) {
        p += lit.length;
        return;
      }
    NUMBER_RE.lastIndex = p;
    if (ch !== undefined && /[-0-9]/.test(ch) && NUMBER_RE.test(text)) {
      p = NUMBER_RE.lastIndex;
      return;
    }
    throw new Stop(p, `expected a value, found ${describe()}`);
  };
  try {
    value();
    ws();
    if (p < text.length) throw new Stop(p, `unexpected ${describe()} after the end of the document`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { offset: e.offset, ...lineColumn(text, e.offset), reason: e.reason };
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}
