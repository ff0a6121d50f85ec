/**
 * A small WKT reader (OGC WKT1, ESRI WKT1 and WKT2 share the same surface syntax):
 * `KEYWORD[arg, arg, …]` where an argument is a quoted string, a number, a bare word
 * (e.g. `EAST`, `Cartesian`) or a nested node. Square or round brackets.
 * It builds a tree; interpreting the tree is prj.ts's job.
 */

export interface WktNode {
  readonly keyword: string;
  readonly args: readonly WktValue[];
}
export type WktValue = WktNode | string | number | WktWord;
/** A bare, unquoted word such as `EAST` or `Cartesian` (kept apart from quoted strings). */
export interface WktWord {
  readonly word: string;
}

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'open' | 'close' | 'comma'; at: number };

export class WktSyntaxError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(`${message} at character ${at}`);
    this.name = 'WktSyntaxError';
    this.at = at;
  }
}

function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_.+-]/.test(c);
}

export function tokenizeWkt(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
      i++;
    } else if (c === '[' || c === '(') {
      tokens.push({ kind: 'open', at: i++ });
    } else if (c === ']' || c === ')') {
      tokens.push({ kind: 'close', at: i++ });
    } else if (c === ',') {
      tokens.push({ kind: 'comma', at: i++ });
    } else if (c === '"') {
      // A quoted string; "" inside is an escaped quote (WKT2) — WKT1 has no escapes at all.
      const start = i++;
      let s = '';
      for (;;) {
        if (i >= text.length) throw new WktSyntaxError('Unterminated string', start);
        const d = text[i]!;
        if (d === '"') {
          if (text[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += d;
        i++;
      }
      tokens.push({ kind: 'string', text: s, at: start });
    } else if (isWordChar(c)) {
      const start = i;
      while (i < text.length && isWordChar(text[i]!)) i++;
      const raw = text.slice(start, i);
      const num = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN;
      if (Number.isFinite(num)) tokens.push({ kind: 'number', value: num, at: start });
      else tokens.push({ kind: 'word', text: raw, at: start });
    } else {
      throw new WktSyntaxError(`Unexpected character '${c}'`, i);
    }
  }
  return tokens;
}

/** Parses one WKT object (the whole text). Throws WktSyntaxError on malformed input. */
export function parseWkt(text: string): WktNode {
  const tokens = tokenizeWkt(text);
  let pos = 0;

  function node(): WktNode {
    const head = tokens[pos];
    if (!head || head.kind !== 'word') throw new WktSyntaxError('Expected a keyword', head?.at ?? text.length);
    pos++;
    const open = tokens[pos];
    if (!open || open.kind !== 'open') throw new WktSyntaxError(`Expected '[' after ${head.text}`, open?.at ?? text.length);
    pos++;
    const args: WktValue[] = [];
    for (;;) {
      const t = tokens[pos];
      if (!t) throw new WktSyntaxError(`Unclosed ${head.text}[`, text.length);
      if (t.kind === 'close') {
        pos++;
        break;
      }
      if (args.length > 0) {
        if (t.kind !== 'comma') throw new WktSyntaxError(`Expected ',' or ']' in ${head.text}`, t.at);
        pos++;
      }
      args.push(value());
    }
    return { keyword: head.text.toUpperCase(), args };
  }

  function value(): WktValue {
    const t = tokens[pos];
    if (!t) throw new WktSyntaxError('Unexpected end of text', text.length);
    if (t.kind === 'string') {
      pos++;
      return t.text;
    }
    if (t.kind === 'number') {
      pos++;
      return t.value;
    }
    if (t.kind === 'word') {
      if (tokens[pos + 1]?.kind === 'open') return node();
      pos++;
      return { word: t.text };
    }
    throw new WktSyntaxError('Unexpected token', t.at);
  }

  const root = node();
  if (pos !== tokens.length) throw new WktSyntaxError('Trailing text after the WKT object', tokens[pos]!.at);
  return root;
}

export function isNode(v: WktValue | undefined): v is WktNode {
  return typeof v === 'object' && v !== null && 'keyword' in v;
}

/** Direct children with one of the given keywords. */
export function children(n: WktNode, ...keywords: string[]): WktNode[] {
  return n.args.filter((a): a is WktNode => isNode(a) && keywords.includes(a.keyword));
}

export function child(n: WktNode, ...keywords: string[]): WktNode | undefined {
  return children(n, ...keywords)[0];
}

/** The first argument as a string (the object's name in every CRS keyword). */
export function nameOf(n: WktNode | undefined): string | undefined {
  const a = n?.args[0];
  return typeof a === 'string' ? a : undefined;
}

export function numberArg(n: WktNode | undefined, index: number): number | undefined {
  const a = n?.args[index];
  if (typeof a === 'number') return a;
  if (typeof a === 'string' && a.trim() !== '' && Number.isFinite(Number(a))) return Number(a);
  return undefined;
}

/** `AUTHORITY["EPSG","4549"]` (WKT1) or `ID["EPSG",4549]` (WKT2) directly on this node. */
export function epsgOf(n: WktNode | undefined): number | undefined {
  if (!n) return undefined;
  for (const a of children(n, 'AUTHORITY', 'ID')) {
    const auth = nameOf(a);
    const code = numberArg(a, 1);
    if (auth?.toUpperCase() === 'EPSG' && code !== undefined && Number.isInteger(code)) return code;
  }
  return undefined;
}
