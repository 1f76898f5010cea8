/** Inputs and a scan helper shared by the determinism and worker-parity proofs. */
import { MemoryFileSystem } from '../../src/fs/memory.js';
import type { DirEntry } from '../../src/fs/vfs.js';
import { scanGraph } from '../../src/pipeline.js';

/** A Terraform-heavy tree large enough that the default worker count would use a pool on more cores. */
export function terraformTree(files: number): Record<string, string> {
  const out: Record<string, string> = {
    'infra/modules/svc/main.tf': 'variable "name" {}\nvariable "vpc_id" {}\n\nresource "aws_security_group" "this" {\n  name   = "${var.name}-sg"\n  vpc_id = var.vpc_id\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "${var.name}-q"\n}\n\noutput "sg" { value = aws_security_group.this.id }\n',
    'infra/vpc.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_security_group" "lb" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
  };
  for (let f = 0; f < files; f++) {
    let s = `# stack file ${f}\n`;
    for (let i = 0; i < 8; i++) {
      const n = `s${f}_${i}`;
      s += `resource "aws_instance" "${n}" {\n  ami                    = "ami-${i}"\n  instance_type          = "t3.micro"\n  vpc_security_group_ids = [aws_security_group.${n}.id]\n  tags = { Name = "${n}" }\n}\n\nresource "aws_security_group" "${n}" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    from_port       = ${8000 + i}\n    to_port         = ${8000 + i}\n    protocol        = "tcp"\n    security_groups = [aws_security_group.lb.id]\n  }\n}\n\n`;
    }
    s += `module "m${f}" {\n  source = "./modules/svc"\n  name   = "m${f}"\n  vpc_id = aws_vpc.main.id\n}\n`;
    out[`infra/stack-${String(f).padStart(3, '0')}.tf`] = s;
  }
  return out;
}

/** Lists directory entries in reverse order: nothing may depend on the order a file system lists in. */
class ReversedFileSystem extends MemoryFileSystem {
  override list(dir: string): DirEntry[] {
    return super.list(dir).reverse();
  }
}

export async function graphJson(files: Record<string, string>, opts: { workers?: string; reversed?: boolean } = {}): Promise<string> {
  const saved = process.env['INFRAGILE_WORKERS'];
  if (opts.workers === undefined) delete process.env['INFRAGILE_WORKERS'];
  else process.env['INFRAGILE_WORKERS'] = opts.workers;
  try {
    // Files inserted in reverse too, so that no insertion order leaks through either.
    const entries = Object.entries(files);
    const fs = opts.reversed ? new ReversedFileSystem(Object.fromEntries(entries.reverse())) : new MemoryFileSystem(files);
    const { graph } = await scanGraph({ rootDir: '/proofs', paths: [''], fs });
    return JSON.stringify(graph, null, 2);
  } finally {
    if (saved === undefined) delete process.env['INFRAGILE_WORKERS'];
    else process.env['INFRAGILE_WORKERS'] = saved;
  }
}

