#!/usr/bin/env node
/**
 * Deterministic generator of a realistic synthetic infra monorepo: N services spread over plain
 * Kubernetes manifests, Helm-rendered output, docker-compose, Terraform (a local module instantiated
 * per service) and CloudFormation, about ten resources per service, with cross-service references
 * (env URLs, security-group rules, NetworkPolicies) so that semantics have real work to do.
 *
 *   node bench/generate.mjs <out-dir> <services>
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: the same N gives the same tree, byte for byte. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = ['ghcr.io/acme/app', 'postgres:16', 'redis:7', 'nginx:1.27', 'ghcr.io/acme/worker', 'rabbitmq:3.13'];

export function generate(outDir, n) {
  const r = rng(n * 7919);
  rmSync(outDir, { recursive: true, force: true });
  const write = (p, s) => {
    mkdirSync(join(outDir, p, '..'), { recursive: true });
    writeFileSync(join(outDir, p), s);
  };
  const name = (i) => `svc-${String(i).padStart(5, '0')}`;
  const peer = (i) => name(Math.floor(r() * n));
  const kinds = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    kinds.push(x < 0.4 ? 'k8s' : x < 0.6 ? 'helm' : x < 0.75 ? 'compose' : x < 0.9 ? 'tf' : 'cfn');
  }

  const k8sDocs = (i, ns) => {
    const s = name(i);
    const image = IMAGES[i % IMAGES.length];
    const port = 8000 + (i % 100);
    return [
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${s}\n  namespace: ${ns}\n  labels: {app: ${s}}\nspec:\n  replicas: ${1 + (i % 3)}\n  selector:\n    matchLabels: {app: ${s}}\n  template:\n    metadata:\n      labels: {app: ${s}}\n    spec:\n      serviceAccountName: ${s}\n      containers:\n        - name: app\n          image: ${image}\n          ports: [{containerPort: ${port}}]\n          env:\n            - name: PEER_URL\n              value: http://${peer(i)}:80\n            - name: CACHE_ADDR\n              value: ${peer(i)}:80\n            - name: DB_PASSWORD\n              valueFrom: {secretKeyRef: {name: ${s}, key: password}}\n          envFrom: [{configMapRef: {name: ${s}}}]\n          resources: {limits: {cpu: 500m, memory: 256Mi}}\n          securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}\n`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nspec:\n  selector: {app: ${s}}\n  ports: [{port: 80, targetPort: ${port}}]\n`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${s}\n  namespace: ${ns}\ndata:\n  UPSTREAM: http://${peer(i)}.${ns}.svc.cluster.local\n  LOG_LEVEL: info\n`,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${s}\n  namespace: ${ns}\ntype: Opaque\nstringData:\n  password: bench-not-a-secret-${i}\n`,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nspec:\n  podSelector: {matchLabels: {app: ${s}}}\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: ${peer(i)}}}}]\n      ports: [{port: ${port}}]\n`,
      `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${s}\n  namespace: ${ns}\n`,
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${s}}\n  minReplicas: 1\n  maxReplicas: 5\n`,
      `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: ${s}}}\n`,
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nrules:\n  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get]\n`,
      i % 10 === 0
        ? `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nspec:\n  tls: [{hosts: [${s}.example.com], secretName: ${s}-tls}]\n  rules:\n    - host: ${s}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: ${s}, port: {number: 80}}}\n`
        : `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${s}\n  namespace: ${ns}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${s}}\nsubjects: [{kind: ServiceAccount, name: ${s}, namespace: ${ns}}]\n`,
    ];
  };

  // Plain manifests: one file per service, namespaces by team.
  for (let i = 0; i < n; i++) if (kinds[i] === 'k8s') write(`k8s/team-${i % 8}/${name(i)}.yaml`, k8sDocs(i, `team-${i % 8}`).join('---\n'));

  // Helm-rendered: one big file per 50 services, with # Source lines.
  const helm = [];
  for (let i = 0; i < n; i++) if (kinds[i] === 'helm') helm.push(i);
  for (let c = 0; c * 50 < helm.length; c++) {
    const docs = helm.slice(c * 50, c * 50 + 50).flatMap((i) => k8sDocs(i, 'platform').map((d, k) => `# Source: platform/templates/${name(i)}-${k}.yaml\n${d}`));
    write(`rendered/platform-${c}.yaml`, '---\n' + docs.join('---\n'));
  }

  // Compose: one project per 10 services.
  const compose = [];
  for (let i = 0; i < n; i++) if (kinds[i] === 'compose') compose.push(i);
  for (let c = 0; c * 10 < compose.length; c++) {
    const group = compose.slice(c * 10, c * 10 + 10);
    let y = 'services:\n';
    for (const i of group) {
      const s = name(i);
      const callee = name(group[(group.indexOf(i) + 1) % group.length]);
      y += `  ${s}:\n    image: ${IMAGES[i % IMAGES.length]}\n    environment:\n      UPSTREAM_URL: http://${callee}:8080\n      DB_PASSWORD: \${DB_PASSWORD}\n    ${i % 5 === 0 ? 'ports: ["8080:8080"]' : 'expose: ["8080"]'}\n    depends_on: [${callee}]\n    networks: [front, back]\n    volumes: ["${s}-data:/data"]\n    deploy: {replicas: 2}\n`;
    }
    y += 'networks:\n  front: {}\n  back: {internal: true}\nvolumes:\n' + group.map((i) => `  ${name(i)}-data: {}\n`).join('');
    write(`compose/project-${c}/compose.yaml`, y);
    write(`compose/project-${c}/.env`, 'DB_PASSWORD=bench-not-a-secret\n');
  }

  // Terraform: one root per 25 services, each service a local module instance of ~10 resources.
  const tf = [];
  for (let i = 0; i < n; i++) if (kinds[i] === 'tf') tf.push(i);
  if (tf.length) {
    write('terraform/modules/service/main.tf', `variable "name" {}\nvariable "vpc_id" {}\nvariable "subnets" { type = list(string) }\nvariable "lb_sg" {}\nvariable "peer_sg" { default = null }\nvariable "port" { default = 8080 }\n\nresource "aws_security_group" "this" {\n  name   = "\${var.name}-sg"\n  vpc_id = var.vpc_id\n}\n\nresource "aws_vpc_security_group_ingress_rule" "from_lb" {\n  security_group_id            = aws_security_group.this.id\n  referenced_security_group_id = var.lb_sg\n  from_port                    = var.port\n  to_port                      = var.port\n  ip_protocol                  = "tcp"\n}\n\nresource "aws_ecs_task_definition" "this" {\n  family = var.name\n  container_definitions = jsonencode([{\n    name  = var.name\n    image = "ghcr.io/acme/\${var.name}:1.0"\n    portMappings = [{ containerPort = var.port }]\n  }])\n}\n\nresource "aws_lb_target_group" "this" {\n  name     = var.name\n  port     = var.port\n  protocol = "HTTP"\n  vpc_id   = var.vpc_id\n}\n\nresource "aws_ecs_service" "this" {\n  name            = var.name\n  task_definition = aws_ecs_task_definition.this.arn\n  desired_count   = 2\n  network_configuration {\n    subnets         = var.subnets\n    security_groups = [aws_security_group.this.id]\n  }\n  load_balancer {\n    target_group_arn = aws_lb_target_group.this.arn\n    container_name   = var.name\n    container_port   = var.port\n  }\n}\n\nresource "aws_iam_role" "task" {\n  name = "\${var.name}-task"\n  assume_role_policy = jsonencode({ Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })\n}\n\nresource "aws_sqs_queue" "jobs" {\n  name = "\${var.name}-jobs"\n  sqs_managed_sse_enabled = true\n}\n\nresource "aws_iam_role_policy" "task" {\n  role = aws_iam_role.task.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource = aws_sqs_queue.jobs.arn }] })\n}\n\nresource "aws_cloudwatch_log_group" "this" {\n  name = "/ecs/\${var.name}"\n  retention_in_days = 30\n}\n\nresource "aws_lb_listener_rule" "this" {\n  listener_arn = "arn:aws:elasticloadbalancing:placeholder"\n  action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.this.arn\n  }\n  condition {\n    host_header { values = ["\${var.name}.example.com"] }\n  }\n}\n\noutput "sg_id" { value = aws_security_group.this.id }\n`);
    for (let c = 0; c * 25 < tf.length; c++) {
      const group = tf.slice(c * 25, c * 25 + 25);
      let s = `variable "region" { default = "eu-west-1" }\n\nresource "aws_vpc" "main" {\n  cidr_block = "10.${c % 250}.0.0/16"\n}\n\nresource "aws_subnet" "private" {\n  count      = 2\n  vpc_id     = aws_vpc.main.id\n  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)\n}\n\nresource "aws_security_group" "lb" {\n  name   = "lb"\n  vpc_id = aws_vpc.main.id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n\nresource "aws_lb" "web" {\n  name               = "web-${c}"\n  internal           = false\n  load_balancer_type = "application"\n  security_groups    = [aws_security_group.lb.id]\n  subnets            = aws_subnet.private[*].id\n}\n\n`;
      for (const i of group) s += `module "${name(i).replace(/-/g, '_')}" {\n  source  = "../modules/service"\n  name    = "${name(i)}"\n  vpc_id  = aws_vpc.main.id\n  subnets = aws_subnet.private[*].id\n  lb_sg   = aws_security_group.lb.id\n}\n\n`;
      write(`terraform/stack-${c}/main.tf`, s);
    }
  }

  // CloudFormation: one template per 10 services.
  const cfn = [];
  for (let i = 0; i < n; i++) if (kinds[i] === 'cfn') cfn.push(i);
  for (let c = 0; c * 10 < cfn.length; c++) {
    let y = `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  VpcId:\n    Type: AWS::EC2::VPC::Id\n    Default: vpc-123\nResources:\n`;
    for (const i of cfn.slice(c * 10, c * 10 + 10)) {
      const L = name(i).replace(/-/g, '');
      y += `  ${L}Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: ${name(i)}\n      VpcId: !Ref VpcId\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/8\n  ${L}Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: data\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [dynamodb:GetItem, dynamodb:PutItem]\n                Resource: !GetAtt ${L}Table.Arn\n  ${L}Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Role: !GetAtt ${L}Role.Arn\n      Code: {ZipFile: "exports.handler = async () => ({})"}\n      Environment:\n        Variables:\n          TABLE: !Ref ${L}Table\n      VpcConfig:\n        SecurityGroupIds: [!Ref ${L}Sg]\n        SubnetIds: [subnet-1]\n  ${L}Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      SSESpecification: {SSEEnabled: true}\n  ${L}Queue:\n    Type: AWS::SQS::Queue\n  ${L}Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt ${L}Queue.Arn\n      FunctionName: !Ref ${L}Fn\n  ${L}Topic:\n    Type: AWS::SNS::Topic\n  ${L}Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref ${L}Topic\n      Protocol: sqs\n      Endpoint: !GetAtt ${L}Queue.Arn\n  ${L}Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30\n  ${L}Alarm:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n      MetricName: Errors\n      Namespace: AWS/Lambda\n      ComparisonOperator: GreaterThanThreshold\n      EvaluationPeriods: 1\n      Period: 60\n      Statistic: Sum\n      Threshold: 1\n`;
    }
    write(`cloudformation/stack-${c}.yaml`, y);
  }
  return { services: n, kinds: Object.fromEntries(['k8s', 'helm', 'compose', 'tf', 'cfn'].map((k) => [k, kinds.filter((x) => x === k).length])) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, count] = process.argv.slice(2);
  if (!out || !count) {
    process.stderr.write('usage: node bench/generate.mjs <out-dir> <services>\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(generate(out, Number(count))) + '\n');
}
