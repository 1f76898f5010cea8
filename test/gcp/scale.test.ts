/** Cost grows linearly: thousands of instances and tag-scoped firewall rules / NSG-guarded VMs stay fast. */
import { describe, expect, it } from 'vitest';
import { azureSemantics } from '../../adapters/azure/semantics.js';
import { gcpSemantics } from '../../adapters/gcp/semantics.js';
import type { Resource } from '../../src/graph/resource.js';
import { ref, run, tf } from './tf.js';

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
}

describe('scale', () => {
  it('GCP: 3000 instances, 3000 tag-scoped firewall rules', () => {
    const rs: Resource[] = [tf('google_compute_network', 'net', { name: 'net' })];
    for (let i = 0; i < 3000; i++) {
      rs.push(tf('google_compute_instance', `vm${i}`, { tags: [`t${i}`], network_interface: [{ network: ref('google_compute_network.net', 'id'), access_config: [{}] }] }, { line: i + 1 }));
      rs.push(tf('google_compute_firewall', `fw${i}`, { network: ref('google_compute_network.net', 'name'), source_ranges: ['0.0.0.0/0'], target_tags: [`t${i}`], allow: [{ protocol: 'tcp', ports: ['443'] }] }, { line: i + 1 }));
    }
    const [g, ms] = timed(() => run(gcpSemantics, rs));
    expect(g.flows.filter((f) => f.source === 'internet')).toHaveLength(3000);
    expect(ms).toBeLessThan(20_000);
  });

  it('Azure: 3000 VMs with NICs behind one subnet NSG', () => {
    const rs: Resource[] = [
      tf('azurerm_subnet', 's', { name: 's' }),
      tf('azurerm_network_security_group', 'nsg', { security_rule: [{ name: 'https', direction: 'Inbound', access: 'Allow', source_address_prefix: '*', destination_port_range: '443' }] }),
      tf('azurerm_subnet_network_security_group_association', 'a', { subnet_id: ref('azurerm_subnet.s', 'id'), network_security_group_id: ref('azurerm_network_security_group.nsg', 'id') }),
    ];
    for (let i = 0; i < 3000; i++) {
      rs.push(tf('azurerm_network_interface', `nic${i}`, { ip_configuration: [{ subnet_id: ref('azurerm_subnet.s', 'id'), public_ip_address_id: 'pip' }] }));
      rs.push(tf('azurerm_linux_virtual_machine', `vm${i}`, { network_interface_ids: [ref(`azurerm_network_interface.nic${i}`, 'id')] }));
    }
    const [g, ms] = timed(() => run(azureSemantics, rs));
    expect(g.flows.filter((f) => f.source === 'internet')).toHaveLength(3000);
    expect(ms).toBeLessThan(20_000);
  });
});
