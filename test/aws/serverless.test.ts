import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/pipeline.js';
import { scanDir } from '../helpers/scan.js';

let r: ScanResult;
beforeAll(async () => {
  r = await scanDir('serverless');
});

describe('serverless orders system (SAM)', () => {
  it('expands Globals and creates the implicit API', () => {
    const api = r.resources.find((x) => x.address === 'cfn:template/ServerlessRestApi')!;
    expect(api.type).toBe('AWS::Serverless::Api');
    expect(api.location).toEqual({ file: 'sam/template.yaml', line: 33 });
    const worker = r.resources.find((x) => x.address === 'cfn:template/OrderWorkerFunction')!;
    expect(worker.attributes.Runtime).toBe('python3.12');
    expect((worker.attributes.Environment as { Variables: Record<string, unknown> }).Variables.TABLE_NAME).toEqual({ $ref: 'cfn:template/OrdersTable' });
  });

  it('has components with type, technology and exposure', () => {
    expect(r.graph.components.map((c) => `${c.id}:${c.type}:${c.technology}:${c.machine}:${c.internet}`)).toEqual([
      'internet:external-entity:client-system:physical:true',
      'order-events:datastore:message-queue:serverless:false',
      'order-worker:process:function:serverless:false',
      'orders:datastore:database:serverless:false',
      'orders-api:process:function:serverless:false',
      'serverless-rest-api:process:gateway:serverless:true',
    ]);
  });

  it('has flows caller → callee: API → function → table, the worker polls the queue', () => {
    expect(r.graph.flows.map((f) => `${f.source}>${f.target}:${f.protocol}:${f.confidence}`)).toEqual([
      'internet>serverless-rest-api:https:declared',
      'order-worker>order-events:https:declared',
      'order-worker>orders:nosql-access-protocol-encrypted:declared',
      'orders-api>order-events:https:declared',
      'orders-api>orders:nosql-access-protocol-encrypted:declared',
      'serverless-rest-api>orders-api:https:declared',
    ]);
    const apiFlow = r.graph.flows.find((f) => f.id === 'serverless-rest-api>orders-api')!;
    expect(apiFlow.evidence.map((e) => `${e.detail}@${e.location.line}`)).toEqual([
      'template/OrdersApiFunction event ListOrders (Api get /orders)@48',
      'template/OrdersApiFunction event CreateOrder (Api post /orders)@53',
    ]);
    const crud = r.graph.flows.find((f) => f.id === 'orders-api>orders')!;
    expect(crud.evidence.map((e) => e.kind).sort()).toEqual(['aws-config-reference', 'aws-iam-policy']);
  });

  it('has data assets for the table and the queue', () => {
    expect(r.graph.dataAssets.map((d) => [d.id, d.kind, d.storedBy, d.processedBy])).toEqual([
      ['order-events-data', 'queue', ['order-events'], ['order-worker', 'orders-api']],
      ['orders-data', 'database', ['orders'], ['order-worker', 'orders-api']],
    ]);
    expect(r.graph.coverage.unmapped).toEqual([]);
  });
});
