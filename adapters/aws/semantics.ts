/**
 * AWS semantics, one implementation for Terraform (`aws_*`) and CloudFormation (`AWS::*`) resources.
 * The passes run in a fixed order because each reads what the earlier ones established: components
 * and ownership, network placement, exposure of managed services, then the flow passes.
 */
import type { Semantics } from '../../src/graph/adapter.js';
import type { GraphBuilder } from '../../src/graph/builder.js';
import type { Resource } from '../../src/graph/resource.js';
import { roleOf } from './catalog.js';
import { addComponents } from './components.js';
import { AwsContext } from './context.js';
import { checkEmbeddedJson } from './embedded-json.js';
import { managedExposure } from './exposure.js';
import { iamFlows } from './iam.js';
import { integrationFlows } from './integrations.js';
import { loadBalancerFlows } from './load-balancers.js';
import { buildNetwork, placeComponents } from './network.js';
import { securityGroupFlows } from './security-groups.js';

export const awsSemantics: Semantics = {
  meta: { id: 'aws', description: 'AWS resources from Terraform and CloudFormation: components, flows, VPC boundaries, exposure' },
  accepts(r: Resource): boolean {
    return (
      (r.format === 'tf' && /^(data\.)?aws_/.test(r.type)) ||
      (r.format === 'cfn' && (r.type.startsWith('AWS::') || r.type.startsWith('Custom::') || r.type.startsWith('Alexa::')))
    );
  },
  apply(resources: readonly Resource[], graph: GraphBuilder): void {
    const ctx = new AwsContext(resources, graph);
    checkEmbeddedJson(ctx, resources);
    addComponents(ctx);
    const net = buildNetwork(ctx);
    placeComponents(ctx, net);
    managedExposure(ctx);
    securityGroupFlows(ctx, net);
    loadBalancerFlows(ctx);
    integrationFlows(ctx);
    iamFlows(ctx);
    // Everything else the catalog knows is folded (it configures something already in the graph).
    for (const r of resources) if (roleOf(r.type)?.role === 'fold') graph.markFolded(r);
  },
};
