/**
 * A recursive-descent parser for HCL native expressions and string templates (the text hcl2json leaves
 * inside `"${...}"`). It works on characters directly: expressions are short, and a separate token
 * stream would only add allocation. Throws `ExprSyntaxError` on text it cannot read; callers turn that
 * into an unknown value, never a crash.
 */
import type { BinaryOp, Expr, Span, TemplatePart, Traversal } from './ast.js';

export class ExprSyntaxError extends Error {}

/** Deeper expressions than this are refused (a guard against stack exhaustion on hostile input). */
const MAX_DEPTH = 200;

const BINARY_PRECEDENCE: Array<BinaryOp[]> = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

export function parseExpression(src: string): Expr {
  const p = new Parser(src);
  const e = p.expression();
  p.skipSpace();
  if (!p.atEnd()) throw p.error('unexpected text after the expression');
  return e;
}

/**
 * A template as hcl2json returns string values: text with `${expr}` interpolations (already
 * unescaped, so no backslash processing), `$${` and `%%{` escapes, and `%{...}` directives.
 */
export function parseTemplate(src: string): TemplatePart[] {
  return new Parser(src).templateBody(undefined, false);
}

/** Whether a hcl2json string holds any interpolation or directive (the fast path skips parsing). */
export function hasTemplateSyntax(s: string): boolean {
  return s.includes('${') || s.includes('%{');
}

class Parser {
  pos = 0;
  private depth = 0;
  constructor(readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  error(msg: string): ExprSyntaxError {
    return new ExprSyntaxError(`${msg} at offset ${this.pos}`);
  }

  skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && s[this.pos + 1] === '/')) {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? s.length : end + 2;
      } else break;
    }
  }

  private peek(text: string): boolean {
    this.skipSpace();
    return this.src.startsWith(text, this.pos);
  }

  private eat(text: string): boolean {
    if (this.peek(text)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.eat(text)) throw this.error(`expected '${text}'`);
  }

  private span(start: number): Span {
    return { start, end: this.pos };
  }

  private ident(): string | undefined {
    this.skipSpace();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private peekKeyword(word: string): boolean {
    this.skipSpace();
    return this.src.startsWith(word, this.pos) && !/[A-Za-z0-9_-]/.test(this.src[this.pos + word.length] ?? '');
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) throw this.error('expression nested too deeply');
    try {
      this.skipSpace();
      const start = this.pos;
      const test = this.binary(0);
      if (this.eat('?')) {
        const then = this.expression();
        this.expect(':');
        const otherwise = this.expression();
        return { kind: 'cond', test, then, else: otherwise, span: this.span(start) };
      }
      return test;
    } finally {
      this.depth--;
    }
  }

  private binary(level: number): Expr {
    if (level >= BINARY_PRECEDENCE.length) return this.unary();
    this.skipSpace();
    const start = this.pos;
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.binaryOp(BINARY_PRECEDENCE[level]!);
      if (!op) return left;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right, span: this.span(start) };
    }
  }

  private binaryOp(ops: BinaryOp[]): BinaryOp | undefined {
    this.skipSpace();
    const s = this.src;
    for (const op of [...ops].sort((a, b) => b.length - a.length)) {
      if (!s.startsWith(op, this.pos)) continue;
      const next = s[this.pos + op.length];
      // `<` is not `<=`, `=` after `=`/`!` only as part of the op, `>` not `=>`, `*` not a splat `.*`.
      if ((op === '<' || op === '>') && next === '=') continue;
      if (op === '<' && next === '<') continue;
      if (op === '/' && (next === '/' || next === '*')) continue;
      this.pos += op.length;
      return op;
    }
    return undefined;
  }

  private unary(): Expr {
    this.skipSpace();
    const start = this.pos;
    if (this.src[this.pos] === '!' && this.src[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'unary', op: '!', operand: this.unary(), span: this.span(start) };
    }
    if (this.src[this.pos] === '-' && !/[0-9]/.test(this.src[this.pos + 1] ?? '')) {
      this.pos++;
      return { kind: 'unary', op: '-', operand: this.unary(), span: this.span(start) };
    }
    return this.postfix(this.primary(), start);
  }

  private postfix(target: Expr, start: number): Expr {
    for (;;) {
      this.skipSpace();
      const s = this.src;
      if (s.startsWith('[*]', this.pos) || s.startsWith('.*', this.pos)) {
        this.pos += s[this.pos] === '[' ? 3 : 2;
        target = { kind: 'splat', target, each: this.splatSteps(), span: this.span(start) };
      } else if (s[this.pos] === '.' && !s.startsWith('...', this.pos) && !/[0-9]/.test(s[this.pos + 1] ?? '')) {
        this.pos++;
        const name = this.ident();
        if (!name) throw this.error('expected an attribute name after "."');
        target = { kind: 'getattr', target, name, span: this.span(start) };
      } else if (s[this.pos] === '.' && /[0-9]/.test(s[this.pos + 1] ?? '')) {
        // Legacy index syntax: `list.0`.
        this.pos++;
        const m = /^[0-9]+/.exec(s.slice(this.pos))!;
        this.pos += m[0].length;
        const index: Expr = { kind: 'literal', value: Number(m[0]), span: this.span(this.pos - m[0].length) };
        target = { kind: 'index', target, index, span: this.span(start) };
      } else if (s[this.pos] === '[') {
        this.pos++;
        const index = this.expression();
        this.expect(']');
        target = { kind: 'index', target, index, span: this.span(start) };
      } else return target;
    }
  }

  /** The traversal after a splat applies to each element: `[*].a[0].b`. */
  private splatSteps(): Traversal[] {
    const steps: Traversal[] = [];
    for (;;) {
      const s = this.src;
      if (s[this.pos] === '.' && /[A-Za-z_]/.test(s[this.pos + 1] ?? '')) {
        this.pos++;
        steps.push({ kind: 'attr', name: this.ident()! });
      } else if (s[this.pos] === '[' && s[this.pos + 1] !== '*') {
        this.pos++;
        const index = this.expression();
        this.expect(']');
        steps.push({ kind: 'index', index });
      } else return steps;
    }
  }

  private primary(): Expr {
    this.skipSpace();
    const s = this.src;
    const start = this.pos;
    const c = s[this.pos];
    if (c === undefined) throw this.error('expected an expression');
    if (c === '(') {
      this.pos++;
      const e = this.expression();
      this.expect(')');
      return e;
    }
    if (c === '"') return this.quoted();
    if (c === '<' && s[this.pos + 1] === '<') return this.heredoc();
    if (c === '[') return this.tupleOrFor();
    if (c === '{') return this.objectOrFor();
    const num = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(this.pos, this.pos + 64));
    if (num) {
      this.pos += num[0].length;
      return { kind: 'literal', value: Number(num[0]), span: this.span(start) };
    }
    const name = this.ident();
    if (!name) throw this.error(`unexpected character '${c}'`);
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', span: this.span(start) };
    if (name === 'null') return { kind: 'literal', value: null, span: this.span(start) };
    // Provider-namespaced functions: `provider::aws::arn_parse(...)`.
    let fn = name;
    while (s.startsWith('::', this.pos)) {
      this.pos += 2;
      fn += `::${this.ident() ?? ''}`;
    }
    this.skipSpace();
    if (s[this.pos] === '(') {
      this.pos++;
      const args: Expr[] = [];
      let expandLast = false;
      while (!this.eat(')')) {
        args.push(this.expression());
        if (this.eat('...')) expandLast = true;
        if (!this.eat(',')) {
          this.expect(')');
          break;
        }
      }
      return { kind: 'call', name: fn, args, expandLast, span: this.span(start) };
    }
    return { kind: 'var', name, span: this.span(start) };
  }

  private tupleOrFor(): Expr {
    const start = this.pos;
    this.pos++;
    if (this.peekKeyword('for')) return this.forExpr(start, false);
    const items: Expr[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (!this.eat(',')) {
        this.expect(']');
        break;
      }
    }
    return { kind: 'tuple', items, span: this.span(start) };
  }

  private objectOrFor(): Expr {
    const start = this.pos;
    this.pos++;
    if (this.peekKeyword('for')) return this.forExpr(start, true);
    const items: Array<{ key: Expr; value: Expr }> = [];
    while (!this.eat('}')) {
      this.skipSpace();
      const keyStart = this.pos;
      // A bare identifier key is a string, not a variable (`{ Name = "x" }`).
      const bare = /^[A-Za-z_][A-Za-z0-9_-]*(?=\s*[=:](?!=))/.exec(this.src.slice(this.pos, this.pos + 256));
      let key: Expr;
      if (bare) {
        this.pos += bare[0].length;
        key = { kind: 'literal', value: bare[0], span: this.span(keyStart) };
      } else key = this.expression();
      if (!this.eat('=') && !this.eat(':')) throw this.error("expected '=' or ':' after an object key");
      const value = this.expression();
      items.push({ key, value });
      this.eat(',');
    }
    return { kind: 'object', items, span: this.span(start) };
  }

  private forExpr(start: number, object: boolean): Expr {
    this.ident(); // `for`
    const first = this.ident();
    if (!first) throw this.error('expected a variable name after "for"');
    let keyVar: string | undefined;
    let valVar = first;
    if (this.eat(',')) {
      keyVar = first;
      valVar = this.ident() ?? '';
    }
    if (!this.peekKeyword('in')) throw this.error('expected "in"');
    this.ident();
    const coll = this.expression();
    this.expect(':');
    let keyExpr: Expr | undefined;
    let valExpr = this.expression();
    if (object) {
      this.expect('=>');
      keyExpr = valExpr;
      valExpr = this.expression();
    }
    const grouping = this.eat('...');
    let cond: Expr | undefined;
    if (this.peekKeyword('if')) {
      this.ident();
      cond = this.expression();
    }
    this.expect(object ? '}' : ']');
    const node: Expr = { kind: 'for', valVar, coll, valExpr, grouping, object, span: this.span(start) };
    if (keyVar !== undefined) node.keyVar = keyVar;
    if (keyExpr) node.keyExpr = keyExpr;
    if (cond) node.cond = cond;
    return node;
  }

  /** A quoted string in expression source: backslash escapes and nested templates. */
  private quoted(): Expr {
    const start = this.pos;
    this.pos++;
    const parts = this.templateBody('"', true);
    return simplifyTemplate(parts, this.span(start));
  }

  private heredoc(): Expr {
    const start = this.pos;
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) throw this.error('malformed heredoc');
    this.pos += m[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.atEnd()) throw this.error(`heredoc ${m[2]} is not closed`);
      const nl = this.src.indexOf('\n', this.pos);
      const line = this.src.slice(this.pos, nl < 0 ? this.src.length : nl);
      this.pos = nl < 0 ? this.src.length : nl + 1;
      if (line.trim() === m[2]) break;
      lines.push(line);
    }
    let body = lines;
    if (m[1] === '-') {
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
    }
    const text = body.length ? `${body.join('\n')}\n` : '';
    return simplifyTemplate(parseTemplate(text), this.span(start));
  }

  /**
   * Template text up to `close` (or the end). With `escapes`, backslash sequences are decoded (quoted
   * strings in source); without, the text is already decoded (hcl2json values, heredocs).
   */
  templateBody(close: string | undefined, escapes: boolean): TemplatePart[] {
    const s = this.src;
    const parts: TemplatePart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    for (;;) {
      if (this.pos >= s.length) {
        if (close) throw this.error('unterminated string');
        break;
      }
      const c = s[this.pos]!;
      if (close && c === close) {
        this.pos++;
        break;
      }
      if (escapes && c === '\\') {
        const n = s[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (n !== undefined && n in simple) {
          text += simple[n];
          this.pos += 2;
        } else if (n === 'u' || n === 'U') {
          const len = n === 'u' ? 4 : 8;
          text += String.fromCodePoint(parseInt(s.slice(this.pos + 2, this.pos + 2 + len), 16) || 0xfffd);
          this.pos += 2 + len;
        } else {
          text += c;
          this.pos++;
        }
        continue;
      }
      if ((c === '$' || c === '%') && s[this.pos + 1] === c && s[this.pos + 2] === '{') {
        text += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === '$' && s[this.pos + 1] === '{') {
        flush();
        this.pos += 2;
        this.eat('~');
        const expr = this.expression();
        this.eat('~');
        this.expect('}');
        parts.push({ kind: 'interp', expr });
        continue;
      }
      if (c === '%' && s[this.pos + 1] === '{') {
        flush();
        const end = s.indexOf('}', this.pos);
        const stop = end < 0 ? s.length : end + 1;
        parts.push({ kind: 'directive', text: s.slice(this.pos, stop) });
        this.pos = stop;
        continue;
      }
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }
}

/** A template that is just one interpolation (`"${x}"`) is that expression; plain text is a literal. */
export function simplifyTemplate(parts: TemplatePart[], span: Span): Expr {
  if (parts.length === 0) return { kind: 'literal', value: '', span };
  if (parts.length === 1 && parts[0]!.kind === 'text') return { kind: 'literal', value: parts[0]!.text, span };
  return { kind: 'template', parts, span };
}
