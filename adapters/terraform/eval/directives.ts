/**
 * Template directives: `%{ if c }…%{ else }…%{ endif }` and `%{ for x in coll }…%{ endfor }` (with
 * `~` whitespace stripping), as used in user_data and templatefile() templates. The flat parts from
 * the parser are folded into a tree, then rendered to pieces; a condition or collection that is not
 * known makes the caller keep the whole template unknown.
 */
import type { Expr, TemplatePart } from '../expr/ast.js';
import { parseExpression } from '../expr/parser.js';

export type DirectiveNode =
  | { kind: 'text'; text: string }
  | { kind: 'interp'; expr: Expr }
  | { kind: 'if'; cond: Expr; src: string; then: DirectiveNode[]; else: DirectiveNode[] }
  | { kind: 'for'; keyVar?: string; valVar: string; coll: Expr; src: string; body: DirectiveNode[] };

interface Marker {
  word: 'if' | 'else' | 'endif' | 'for' | 'endfor';
  rest: string;
  stripBefore: boolean;
  stripAfter: boolean;
}

function marker(text: string): Marker | undefined {
  const m = /^%\{(~?)\s*(if|else|endif|for|endfor)\b([\s\S]*?)(~?)\}$/.exec(text);
  if (!m) return undefined;
  return { word: m[2] as Marker['word'], rest: m[3]!.trim(), stripBefore: m[1] === '~', stripAfter: m[4] === '~' };
}

/** Fold flat parts into a tree; undefined when the directives are malformed or unsupported. */
export function foldDirectives(parts: TemplatePart[]): DirectiveNode[] | undefined {
  const root: DirectiveNode[] = [];
  const stack: Array<{ node: Extract<DirectiveNode, { kind: 'if' | 'for' }>; inElse: boolean }> = [];
  let stripNext = false;
  const target = (): DirectiveNode[] => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    if (top.node.kind === 'for') return top.node.body;
    return top.inElse ? top.node.else : top.node.then;
  };
  const stripLast = () => {
    const list = target();
    const last = list[list.length - 1];
    if (last?.kind === 'text') last.text = last.text.replace(/\s+$/, '');
  };
  for (const p of parts) {
    if (p.kind === 'text') {
      target().push({ kind: 'text', text: stripNext ? p.text.replace(/^\s+/, '') : p.text });
      stripNext = false;
      continue;
    }
    stripNext = false;
    if (p.kind === 'interp') {
      target().push({ kind: 'interp', expr: p.expr });
      continue;
    }
    const m = marker(p.text);
    if (!m) return undefined;
    if (m.stripBefore) stripLast();
    try {
      if (m.word === 'if') {
        const node: DirectiveNode = { kind: 'if', cond: parseExpression(m.rest), src: m.rest, then: [], else: [] };
        target().push(node);
        stack.push({ node, inElse: false });
      } else if (m.word === 'for') {
        const f = /^([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s+([\s\S]+)$/.exec(m.rest);
        if (!f) return undefined;
        const node: DirectiveNode = f[2]
          ? { kind: 'for', keyVar: f[1]!, valVar: f[2], coll: parseExpression(f[3]!), src: f[3]!, body: [] }
          : { kind: 'for', valVar: f[1]!, coll: parseExpression(f[3]!), src: f[3]!, body: [] };
        target().push(node);
        stack.push({ node, inElse: false });
      } else if (m.word === 'else') {
        const top = stack[stack.length - 1];
        if (!top || top.node.kind !== 'if') return undefined;
        top.inElse = true;
      } else {
        const top = stack.pop();
        if (!top || (m.word === 'endif') !== (top.node.kind === 'if')) return undefined;
      }
    } catch {
      return undefined;
    }
    stripNext = m.stripAfter;
  }
  return stack.length === 0 ? root : undefined;
}
