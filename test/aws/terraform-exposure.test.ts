import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { scanGraph } from '../../src/pipeline.js';

const MAIN = `
resource "aws_security_group" "ssh" {
  name = "ssh"
}

resource "aws_security_group_rule" "ssh_world" {
  type              = "ingress"
  security_group_id = aws_security_group.ssh.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_instance" "bastion" {
  ami                         = "ami-123"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.ssh.id]
}

resource "aws_instance" "internal" {
  ami                         = "ami-123"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  vpc_security_group_ids      = [aws_security_group.ssh.id]
}

resource "aws_s3_bucket" "site" {
  bucket = "public-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.site.arn}/*" }]
  })
}

resource "aws_s3_bucket" "reports" {
  bucket = "reports"
}

resource "aws_s3_bucket_acl" "reports" {
  bucket = aws_s3_bucket.reports.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = aws_s3_bucket.reports.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_lambda_function" "reader" {
  function_name = "report-reader"
  role          = aws_iam_role.reader.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
}

resource "aws_iam_role" "reader" {
  name = "reader"
  inline_policy {
    name = "read-reports"
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = [aws_s3_bucket.reports.arn, "\${aws_s3_bucket.reports.arn}/*"] }]
    })
  }
}

resource "aws_unknown_thing" "x" {
  name = "x"
}
`;

let g: ArchitectureGraph;
beforeAll(async () => {
  g = (await scanGraph({ rootDir: '/virtual', paths: [''], fs: new MemoryFileSystem({ 'main.tf': MAIN }) })).graph;
});

describe('AWS on Terraform: exposure, IAM and coverage', () => {
  it('exposes the instance with a public IP behind 0.0.0.0/0, not the one without', () => {
    const flow = g.flows.find((f) => f.id === 'internet>bastion')!;
    expect(flow).toMatchObject({ protocol: 'ssh', port: 22 });
    expect(flow.evidence.map((e) => `${e.kind}@${e.location.file}:${e.location.line}`)).toEqual(['aws-sg-rule@main.tf:6', 'aws-public-ip@main.tf:18']);
    expect(g.components.find((c) => c.id === 'internal')).toMatchObject({ internet: false, attributes: expect.objectContaining({ open_to_internet_ports: ['22'] }) });
  });

  it('exposes a bucket whose policy allows anyone, not one whose public ACL is blocked', () => {
    expect(g.components.find((c) => c.id === 'public-site')).toMatchObject({ internet: true, attributes: expect.objectContaining({ public: true }) });
    expect(g.flows.find((f) => f.id === 'internet>public-site')!.evidence[0]).toMatchObject({ kind: 'aws-s3-public-policy', location: { file: 'main.tf', line: 33 } });
    expect(g.components.find((c) => c.id === 'reports')!.internet).toBe(false);
  });

  it('turns an inline jsonencode policy into a read flow from the function to the bucket', () => {
    const f = g.flows.find((x) => x.id === 'report-reader>reports')!;
    expect(f).toMatchObject({ confidence: 'declared', protocol: 'https' });
    expect(f.evidence[0]!.detail).toContain('may read reports');
    expect(g.dataAssets.find((d) => d.id === 'reports-data')!.processedBy).toEqual(['report-reader']);
  });

  it('reports the unknown type as unmapped and everything else as mapped or folded', () => {
    expect(g.coverage.unmapped.map((u) => `${u.type}@${u.location.line}`)).toEqual(['aws_unknown_thing@75']);
  });
});
