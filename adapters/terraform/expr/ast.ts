/**
 * The AST of HCL native-syntax expressions, as far as infragile evaluates them. hcl2json hands us every
 * non-literal expression as its source text (`"${...}"`), so we parse that text ourselves. Every node
 * keeps its source span so that an expression we cannot evaluate is reported as written.
 */
export type Expr =
  | { kind: 'literal'; value: null | boolean | number | string; span: Span }
  | { kind: 'template'; parts: TemplatePart[]; span: Span }
  | { kind: 'tuple'; items: Expr[]; span: Span }
  | { kind: 'object'; items: Array<{ key: Expr; value: Expr }>; span: Span }
  | { kind: 'var'; name: string; span: Span }
  | { kind: 'getattr'; target: Expr; name: string; span: Span }
  | { kind: 'index'; target: Expr; index: Expr; span: Span }
  | { kind: 'splat'; target: Expr; each: Traversal[]; span: Span }
  | { kind: 'call'; name: string; args: Expr[]; expandLast: boolean; span: Span }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr; span: Span }
  | { kind: 'for'; keyVar?: string; valVar: string; coll: Expr; keyExpr?: Expr; valExpr: Expr; cond?: Expr; grouping: boolean; object: boolean; span: Span }
  /** A template directive (`%{ if }`, `%{ for }`): not evaluated, kept as unknown. */
  | { kind: 'opaque'; span: Span };

/** A step applied to each element by a splat (`[*].a.b`, `.*.a`). */
export type Traversal = { kind: 'attr'; name: string } | { kind: 'index'; index: Expr };

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'interp'; expr: Expr } | { kind: 'directive'; text: string };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** Offsets into the source text of the whole expression. */
export interface Span {
  start: number;
  end: number;
}
