import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/model/issues.js';
import { readModel } from '../../src/model/read.js';
import { validateModel } from '../../src/model/validate.js';

/** A model with one of every error Threagile 0.9.1 aborts on; `#L` markers name the expected lines. */
const BROKEN = `threagile_version: 1.0.0
title: "Shop: Production / EU [main] and more"
date: 2024-13-45
author:
  name: A
business_criticality: super-critical
tags_available:
  - Web
data_assets:
  Data One:
    id: data
    usage: business
    quantity: lots
    confidentiality: internal
    integrity: operational
    availability: operational
    tags: [unknown-tag]
  Data Two:
    id: data
    usage: business
    quantity: few
    confidentiality: internal
    integrity: operational
    availability: operational
technical_assets:
  Web:
    id: web_1
    type: process
    usage: business
    size: service
    technology: quantum-computer
    machine: container
    encryption: none
    confidentiality: internal
    integrity: operational
    availability: operational
    tags: [WEB]
    data_assets_processed: [data, ghost-data]
    communication_links:
      To Nowhere:
        target: nowhere
        protocol: carrier-pigeon
        authentication: credentials
        authorization: technical-user
        usage: business
        data_assets_sent: [ghost-sent]
  Other:
    id: other
    type: process
    usage: business
    size: service
    technology: web-server
    machine: container
    encryption: none
    confidentiality: internal
    integrity: operational
    availability: operational
trust_boundaries:
  Outer:
    id: outer
    type: network-cloud-provider
    technical_assets_inside: [other, ghost-asset]
    trust_boundaries_nested: [inner, ghost-boundary]
  Inner:
    id: inner
    type: network-virtual-lan
    technical_assets_inside: [other]
shared_runtimes:
  Runtime:
    id: runtime
    technical_assets_running: [ghost-runner]
individual_risk_categories:
  Custom:
    id: custom
    function: architecture
    stride: spoofing
    risks_identified:
      Something at web:
        severity: high
        most_relevant_technical_asset: web_1
        most_relevant_communication_link: To Nowhere
risk_tracking:
  some-risk@web:
    status: ignored
    date: 01.02.2024
    expires: 2024-02-30
`;

const expected: Array<[number, RegExp]> = [
  [2, /title '.*' breaks Threagile 0\.9\.1's Excel reports/],
  [3, /model: invalid date '2024-13-45'/],
  [6, /model: unknown 'business_criticality' value 'super-critical'/],
  [13, /data asset 'Data One': unknown 'quantity' value 'lots'/],
  [17, /data asset 'Data One': tag 'unknown-tag' is not declared in tags_available/],
  [19, /data asset 'Data Two': duplicate data asset id 'data'/],
  [27, /technical asset 'Web': invalid id 'web_1'/],
  [31, /technical asset 'Web': unknown 'technology' value 'quantum-computer'/],
  [38, /technical asset 'Web': 'data_assets_processed' refers to unknown data asset 'ghost-data'/],
  [41, /communication link 'To Nowhere' of technical asset 'Web': 'target' refers to unknown technical asset 'nowhere'/],
  [42, /communication link 'To Nowhere' of technical asset 'Web': unknown 'protocol' value 'carrier-pigeon'/],
  [46, /'data_assets_sent' refers to unknown data asset 'ghost-sent'/],
  [62, /trust boundary 'Outer': 'technical_assets_inside' refers to unknown technical asset 'ghost-asset'/],
  [63, /trust boundary 'Outer': 'trust_boundaries_nested' refers to unknown trust boundary 'ghost-boundary'/],
  [67, /trust boundary 'Inner': technical asset 'other' is already directly inside trust boundary 'Outer'/],
  [71, /shared runtime 'Runtime': 'technical_assets_running' refers to unknown technical asset 'ghost-runner'/],
  [81, /individual risk 'Something at web': 'most_relevant_communication_link' refers to unknown communication link 'To Nowhere' \(use the link id/],
  [84, /risk tracking 'some-risk@web': unknown 'status' value 'ignored'/],
  [85, /risk tracking 'some-risk@web': invalid date '01\.02\.2024'/],
  [86, /risk tracking 'some-risk@web': invalid date '2024-02-30'/],
];

describe('validateModel: Threagile 0.9.1 checks, each at its line', () => {
  const { issues } = readModel({ file: 'threagile.yaml', text: BROKEN });
  const lines = issues.map(formatIssue);

  for (const [line, re] of expected) {
    it(`line ${line}: ${re.source.slice(0, 60)}`, () => {
      const hit = issues.find((i) => i.line === line && re.test(i.message));
      expect(hit, lines.join('\n')).toBeDefined();
      expect(formatIssue(hit!)).toMatch(new RegExp(`^threagile\\.yaml:${line}: `));
    });
  }

  it('tags are compared after lower-casing (WEB matches Web)', () => {
    expect(lines.some((l) => /tag 'web'/.test(l))).toBe(false);
  });

  it('the valid link id form passes', () => {
    const fixed = BROKEN.replace('most_relevant_communication_link: To Nowhere', 'most_relevant_communication_link: web_1>to-nowhere');
    const again = readModel({ file: 'threagile.yaml', text: fixed }).issues;
    expect(again.some((i) => /most_relevant_communication_link/.test(i.message))).toBe(false);
  });

  it('reports a nesting cycle and expires on a non-accepted entry', () => {
    const text = BROKEN.replace('    technical_assets_inside: [other]\n', '    technical_assets_inside: []\n    trust_boundaries_nested: [outer]\n');
    const msgs = readModel({ file: 'threagile.yaml', text }).issues.map(formatIssue);
    expect(msgs.some((m) => /forms a cycle/.test(m))).toBe(true);
    expect(msgs.some((m) => /warning: risk tracking 'some-risk@web': 'expires' only applies to status 'accepted'/.test(m))).toBe(true);
  });

  it('an in-memory model without positions reports line 0 and prints without a line', () => {
    const { model } = readModel({ file: 'x.yaml', text: BROKEN }, { validate: false });
    const strip = JSON.parse(JSON.stringify(model, (k, v) => (k === 'line' || k === 'fields' || k === 'file' ? undefined : v)));
    const issues = validateModel(strip);
    expect(issues.length).toBeGreaterThan(10);
    expect(formatIssue(issues.find((i) => i.severity === 'error')!)).toMatch(/^threagile\.yaml: /);
  });

  it('duplicate titles in an in-memory model are errors (they cannot be written as map keys)', () => {
    const { model } = readModel({ file: 'x.yaml', text: BROKEN }, { validate: false });
    model.technicalAssets[1]!.title = 'Web';
    expect(validateModel(model).map(formatIssue)).toContain("x.yaml:47: duplicate technical asset title 'Web' (titles are map keys and must be unique)");
  });

  it('missing required enums are named with their allowed values', () => {
    const text = `title: T\nauthor: {name: a}\nbusiness_criticality: important\ntechnical_assets:\n  W:\n    id: w\n`;
    const msgs = readModel({ file: 'm.yaml', text }).issues.map(formatIssue);
    expect(msgs).toContain("m.yaml:5: technical asset 'W': missing 'type' (one of: external-entity, process, datastore)");
    expect(msgs).toContain("m.yaml:5: technical asset 'W': missing 'machine' (one of: physical, virtual, container, serverless)");
  });
});
