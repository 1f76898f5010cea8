/**
 * The join-rule contract: one rule per way the same thing shows up in two formats. Rules run after
 * every platform semantics, in registry order, each over the sorted resources and the graph so far.
 */
import type { JoinContext } from './context.js';

export interface JoinRule {
  /** Short, stable, kebab-case (`external-host`, `terraform-k8s-object`). */
  id: string;
  /** One sentence a user reads in docs: what is joined, and on which evidence. */
  description: string;
  apply(ctx: JoinContext): void;
}

/** The evidence kind every join adds, once per side, so `explain` shows both locations. */
export const JOIN_EVIDENCE = 'cross-format-join';
