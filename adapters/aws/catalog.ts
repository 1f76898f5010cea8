/**
 * The AWS resource catalog: one entry per resource type, the Terraform and CloudFormation spellings
 * side by side, saying what the type is in the graph. Adding a type touches only this table.
 *
 * - `component`: becomes a component (spec: Threagile type/technology/machine, the port and protocol
 *   clients use, the data asset it holds, how encryption at rest is configured);
 * - `fold`: known, folded into a component, flow or boundary by one of the passes (`owner` names the
 *   attributes whose reference points at the component it belongs to, e.g. a task definition's
 *   service, so that references to it land on that component);
 * - `vpc` / `subnet`: network boundaries.
 */
import type { DataAssetKind } from '../../src/graph/types.js';
import type { Machine, Technology } from '../../src/model/enums.js';
import type { ProductSpec } from '../common/cloud-kit.js';

/** How a type says it is encrypted at rest: attribute paths (TF and CFN) that are truthy when encrypted, or always. */
/** `defaultOn`: encrypted unless a path is explicitly false (SQS has SSE on by default since 2022). */
export type AtRest = { paths: string[]; defaultOn?: boolean } | 'always' | 'never';

/** An AWS component type: the product, plus what the AWS passes read (data held, encryption at rest, names, membership). */
export interface ComponentSpec extends ProductSpec {
  data?: DataAssetKind;
  atRest?: AtRest;
  /** Attributes (TF and CFN) holding the resource's own name, first set wins. */
  names?: string[];
  /** Attributes whose reference to another component makes this resource part of it (an instance of an Aurora cluster). */
  memberOf?: string[];
}

export type Role =
  | { role: 'component'; spec: ComponentSpec }
  | { role: 'fold'; owner?: string[] }
  | { role: 'vpc' }
  | { role: 'subnet' };

interface Row {
  tf?: string[];
  cfn?: string[];
  role: Role;
}

const c = (spec: ComponentSpec): Role => ({ role: 'component', spec });
const fold = (...owner: string[]): Role => (owner.length ? { role: 'fold', owner } : { role: 'fold' });

const proc = (kind: string, product: string, technology: Technology, machine: Machine, extra: Partial<ComponentSpec> = {}): ComponentSpec => ({
  kind, product, type: 'process', technology, machine, port: 443, protocol: 'https', ...extra,
});
const store = (kind: string, product: string, technology: Technology, extra: Partial<ComponentSpec> = {}): ComponentSpec => ({
  kind, product, type: 'datastore', technology, machine: 'virtual', ...extra,
});

const RDS_AT_REST: AtRest = { paths: ['storage_encrypted', 'StorageEncrypted', 'kms_key_id', 'KmsKeyId'] };

const ROWS: Row[] = [
  // ---- compute ----------------------------------------------------------------------------------
  { tf: ['aws_instance'], cfn: ['AWS::EC2::Instance'], role: c(proc('ec2', 'EC2 instance', 'application-server', 'virtual', { port: 80, protocol: 'http', atRest: { paths: ['root_block_device.encrypted', 'BlockDeviceMappings.Ebs.Encrypted'] } })) },
  { tf: ['aws_autoscaling_group'], cfn: ['AWS::AutoScaling::AutoScalingGroup'], role: c(proc('asg', 'Auto Scaling group', 'application-server', 'virtual', { port: 80, protocol: 'http', names: ['name', 'AutoScalingGroupName'] })) },
  { tf: ['aws_launch_template', 'aws_launch_configuration'], cfn: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], role: fold() },
  { tf: ['aws_ecs_service'], cfn: ['AWS::ECS::Service'], role: c(proc('ecs', 'ECS service', 'web-service-rest', 'container', { port: 8080, protocol: 'http', names: ['name', 'ServiceName'] })) },
  { tf: ['aws_ecs_task_definition'], cfn: ['AWS::ECS::TaskDefinition'], role: fold() },
  { tf: ['aws_ecs_cluster', 'aws_ecs_cluster_capacity_providers', 'aws_ecs_capacity_provider'], cfn: ['AWS::ECS::Cluster', 'AWS::ECS::ClusterCapacityProviderAssociations', 'AWS::ECS::CapacityProvider'], role: fold() },
  { tf: ['aws_eks_cluster'], cfn: ['AWS::EKS::Cluster'], role: c(proc('eks', 'EKS control plane', 'container-platform', 'virtual', { names: ['name', 'Name'] })) },
  { tf: ['aws_eks_node_group', 'aws_eks_fargate_profile', 'aws_eks_addon', 'aws_eks_access_entry', 'aws_eks_access_policy_association', 'aws_eks_identity_provider_config', 'aws_eks_pod_identity_association', 'aws_eks_capability'], cfn: ['AWS::EKS::Nodegroup', 'AWS::EKS::FargateProfile', 'AWS::EKS::Addon', 'AWS::EKS::AccessEntry', 'AWS::EKS::PodIdentityAssociation'], role: fold('cluster_name', 'ClusterName') },
  { tf: ['aws_lambda_function'], cfn: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], role: c(proc('lambda', 'Lambda function', 'function', 'serverless', { names: ['function_name', 'FunctionName'] })) },
  { tf: ['aws_lambda_permission', 'aws_lambda_event_source_mapping', 'aws_lambda_alias', 'aws_lambda_function_url', 'aws_lambda_layer_version', 'aws_lambda_function_event_invoke_config', 'aws_lambda_provisioned_concurrency_config'], cfn: ['AWS::Lambda::Permission', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Alias', 'AWS::Lambda::Url', 'AWS::Lambda::LayerVersion', 'AWS::Lambda::Version', 'AWS::Lambda::EventInvokeConfig', 'AWS::Serverless::LayerVersion'], role: fold() },
  { tf: ['aws_elastic_beanstalk_environment'], cfn: ['AWS::ElasticBeanstalk::Environment'], role: c(proc('beanstalk', 'Elastic Beanstalk environment', 'web-application', 'virtual', { port: 80, protocol: 'http', names: ['name', 'EnvironmentName'] })) },
  { tf: ['aws_elastic_beanstalk_application', 'aws_elastic_beanstalk_application_version'], cfn: ['AWS::ElasticBeanstalk::Application', 'AWS::ElasticBeanstalk::ApplicationVersion', 'AWS::ElasticBeanstalk::ConfigurationTemplate'], role: fold() },
  { tf: ['aws_sfn_state_machine'], cfn: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'], role: c(proc('sfn', 'Step Functions state machine', 'batch-processing', 'serverless', { names: ['name', 'StateMachineName'] })) },
  { tf: ['aws_batch_job_queue', 'aws_batch_compute_environment', 'aws_batch_job_definition'], cfn: ['AWS::Batch::JobQueue', 'AWS::Batch::ComputeEnvironment', 'AWS::Batch::JobDefinition'], role: fold() },
  { tf: ['aws_dms_replication_instance'], cfn: ['AWS::DMS::ReplicationInstance'], role: c(proc('dms', 'DMS replication instance', 'batch-processing', 'virtual', { names: ['replication_instance_id', 'ReplicationInstanceIdentifier'] })) },
  { tf: ['aws_dms_endpoint', 'aws_dms_replication_task', 'aws_dms_replication_subnet_group'], cfn: ['AWS::DMS::Endpoint', 'AWS::DMS::ReplicationTask', 'AWS::DMS::ReplicationSubnetGroup'], role: fold() },
  { tf: ['aws_ecr_repository'], cfn: ['AWS::ECR::Repository'], role: c(store('ecr', 'ECR repository', 'artifact-registry', { machine: 'serverless', port: 443, protocol: 'https', atRest: 'always', names: ['name', 'RepositoryName'] })) },
  { tf: ['aws_ecr_repository_policy', 'aws_ecr_lifecycle_policy'], cfn: [], role: fold('repository') },

  // ---- data -------------------------------------------------------------------------------------
  { tf: ['aws_db_instance'], cfn: ['AWS::RDS::DBInstance'], role: c(store('rds', 'RDS instance', 'database', { port: 5432, protocol: 'jdbc', data: 'database', atRest: RDS_AT_REST, names: ['identifier', 'DBInstanceIdentifier', 'db_name', 'DBName'], memberOf: ['DBClusterIdentifier', 'cluster_identifier'] })) },
  { tf: ['aws_rds_cluster'], cfn: ['AWS::RDS::DBCluster'], role: c(store('aurora', 'Aurora cluster', 'database', { port: 5432, protocol: 'jdbc', data: 'database', atRest: RDS_AT_REST, names: ['cluster_identifier', 'DBClusterIdentifier', 'database_name', 'DatabaseName'] })) },
  { tf: ['aws_rds_cluster_instance'], cfn: [], role: fold('cluster_identifier') },
  { tf: ['aws_db_subnet_group', 'aws_db_parameter_group', 'aws_db_option_group', 'aws_rds_cluster_parameter_group', 'aws_db_snapshot', 'aws_db_instance_role_association', 'aws_db_instance_automated_backups_replication', 'aws_db_proxy', 'aws_db_proxy_target', 'aws_db_proxy_default_target_group', 'aws_db_cluster_snapshot'], cfn: ['AWS::RDS::DBSubnetGroup', 'AWS::RDS::DBParameterGroup', 'AWS::RDS::DBClusterParameterGroup', 'AWS::RDS::OptionGroup', 'AWS::RDS::DBProxy', 'AWS::RDS::DBProxyTargetGroup', 'AWS::RDS::DBSecurityGroup'], role: fold() },
  { tf: ['aws_neptune_cluster'], cfn: ['AWS::Neptune::DBCluster'], role: c(store('neptune', 'Neptune cluster', 'database', { port: 8182, protocol: 'https', data: 'database', atRest: RDS_AT_REST, names: ['cluster_identifier', 'DBClusterIdentifier'] })) },
  { tf: ['aws_neptune_cluster_instance', 'aws_neptune_cluster_snapshot', 'aws_neptune_subnet_group', 'aws_neptune_parameter_group'], cfn: ['AWS::Neptune::DBInstance', 'AWS::Neptune::DBSubnetGroup'], role: fold('cluster_identifier', 'DBClusterIdentifier') },
  { tf: ['aws_docdb_cluster'], cfn: ['AWS::DocDB::DBCluster'], role: c(store('docdb', 'DocumentDB cluster', 'database', { port: 27017, protocol: 'nosql-access-protocol', data: 'database', atRest: RDS_AT_REST, names: ['cluster_identifier', 'DBClusterIdentifier'] })) },
  { tf: ['aws_docdb_cluster_instance', 'aws_docdb_subnet_group'], cfn: ['AWS::DocDB::DBInstance', 'AWS::DocDB::DBSubnetGroup'], role: fold('cluster_identifier', 'DBClusterIdentifier') },
  { tf: ['aws_dynamodb_table'], cfn: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'], role: c(store('dynamodb', 'DynamoDB table', 'database', { machine: 'serverless', port: 443, protocol: 'nosql-access-protocol-encrypted', data: 'database', atRest: 'always', names: ['name', 'TableName'] })) },
  { tf: ['aws_elasticache_cluster', 'aws_elasticache_replication_group', 'aws_elasticache_serverless_cache'], cfn: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache'], role: c(store('elasticache', 'ElastiCache', 'database', { port: 6379, protocol: 'nosql-access-protocol', data: 'database', atRest: { paths: ['at_rest_encryption_enabled', 'AtRestEncryptionEnabled'] }, names: ['replication_group_id', 'cluster_id', 'ReplicationGroupId', 'ClusterName'] })) },
  { tf: ['aws_elasticache_subnet_group', 'aws_elasticache_parameter_group', 'aws_elasticache_user', 'aws_elasticache_user_group'], cfn: ['AWS::ElastiCache::SubnetGroup', 'AWS::ElastiCache::ParameterGroup'], role: fold() },
  { tf: ['aws_s3_bucket'], cfn: ['AWS::S3::Bucket'], role: c(store('s3', 'S3 bucket', 'file-server', { machine: 'serverless', port: 443, protocol: 'https', data: 'bucket', atRest: 'always', names: ['bucket', 'BucketName'] })) },
  { tf: ['aws_s3_bucket_policy', 'aws_s3_bucket_acl', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_notification', 'aws_s3_bucket_logging', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_replication_configuration', 'aws_s3_bucket_cors_configuration', 'aws_s3_bucket_website_configuration', 'aws_s3_object', 'aws_s3_bucket_object', 'aws_s3_bucket_object_lock_configuration', 'aws_s3_bucket_intelligent_tiering_configuration', 'aws_s3_bucket_analytics_configuration', 'aws_s3_bucket_inventory', 'aws_s3_bucket_metric', 'aws_s3_bucket_accelerate_configuration', 'aws_s3_bucket_request_payment_configuration', 'aws_s3_account_public_access_block', 'aws_s3_directory_bucket'], cfn: ['AWS::S3::BucketPolicy', 'AWS::S3::AccessPoint'], role: fold('bucket', 'Bucket') },
  { tf: ['aws_efs_file_system'], cfn: ['AWS::EFS::FileSystem'], role: c(store('efs', 'EFS file system', 'file-server', { port: 2049, protocol: 'nfs', data: 'volume', atRest: { paths: ['encrypted', 'Encrypted'] }, names: ['creation_token'] })) },
  { tf: ['aws_efs_mount_target', 'aws_efs_access_point', 'aws_efs_file_system_policy', 'aws_efs_backup_policy'], cfn: ['AWS::EFS::MountTarget', 'AWS::EFS::AccessPoint'], role: fold('file_system_id', 'FileSystemId') },
  { tf: ['aws_ebs_volume'], cfn: ['AWS::EC2::Volume'], role: c(store('ebs', 'EBS volume', 'block-storage', { data: 'volume', atRest: { paths: ['encrypted', 'Encrypted'] } })) },
  { tf: ['aws_volume_attachment', 'aws_ebs_snapshot', 'aws_ebs_encryption_by_default'], cfn: ['AWS::EC2::VolumeAttachment'], role: fold() },
  { tf: ['aws_opensearch_domain', 'aws_elasticsearch_domain'], cfn: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], role: c(store('opensearch', 'OpenSearch domain', 'search-index', { port: 443, protocol: 'https', data: 'database', atRest: { paths: ['encrypt_at_rest.enabled', 'EncryptionAtRestOptions.Enabled'] }, names: ['domain_name', 'DomainName'] })) },
  { tf: ['aws_opensearch_domain_policy', 'aws_elasticsearch_domain_policy'], cfn: [], role: fold('domain_name') },
  { tf: ['aws_redshift_cluster'], cfn: ['AWS::Redshift::Cluster'], role: c(store('redshift', 'Redshift cluster', 'database', { port: 5439, protocol: 'jdbc', data: 'database', atRest: { paths: ['encrypted', 'Encrypted'] }, names: ['cluster_identifier', 'ClusterIdentifier'] })) },
  { tf: ['aws_redshift_subnet_group', 'aws_redshift_parameter_group'], cfn: ['AWS::Redshift::ClusterSubnetGroup', 'AWS::Redshift::ClusterParameterGroup'], role: fold() },
  { tf: ['aws_glue_catalog_database', 'aws_athena_workgroup'], cfn: ['AWS::Glue::Database', 'AWS::Athena::WorkGroup'], role: c(store('datalake', 'Data catalog', 'data-lake', { machine: 'serverless', port: 443, protocol: 'https', data: 'database', atRest: 'always', names: ['name', 'Name'] })) },

  // ---- messaging --------------------------------------------------------------------------------
  { tf: ['aws_sqs_queue'], cfn: ['AWS::SQS::Queue'], role: c(store('sqs', 'SQS queue', 'message-queue', { machine: 'serverless', port: 443, protocol: 'https', data: 'queue', atRest: { paths: ['sqs_managed_sse_enabled', 'SqsManagedSseEnabled', 'kms_master_key_id', 'KmsMasterKeyId'], defaultOn: true }, names: ['name', 'QueueName'] })) },
  { tf: ['aws_sqs_queue_policy', 'aws_sqs_queue_redrive_policy', 'aws_sqs_queue_redrive_allow_policy'], cfn: ['AWS::SQS::QueuePolicy'], role: fold('queue_url') },
  { tf: ['aws_sns_topic'], cfn: ['AWS::SNS::Topic'], role: c(store('sns', 'SNS topic', 'message-queue', { machine: 'serverless', port: 443, protocol: 'https', data: 'queue', atRest: { paths: ['kms_master_key_id', 'KmsMasterKeyId'] }, names: ['name', 'TopicName'] })) },
  { tf: ['aws_sns_topic_subscription', 'aws_sns_topic_policy'], cfn: ['AWS::SNS::Subscription', 'AWS::SNS::TopicPolicy'], role: fold() },
  { tf: ['aws_kinesis_stream'], cfn: ['AWS::Kinesis::Stream'], role: c(store('kinesis', 'Kinesis stream', 'stream-processing', { machine: 'serverless', port: 443, protocol: 'https', data: 'stream', atRest: { paths: ['encryption_type', 'StreamEncryption.EncryptionType'] }, names: ['name', 'Name'] })) },
  { tf: ['aws_kinesis_firehose_delivery_stream'], cfn: ['AWS::KinesisFirehose::DeliveryStream'], role: c(proc('firehose', 'Firehose delivery stream', 'stream-processing', 'serverless', { names: ['name', 'DeliveryStreamName'] })) },
  { tf: ['aws_cloudwatch_event_bus'], cfn: ['AWS::Events::EventBus'], role: c(store('eventbridge', 'EventBridge bus', 'message-queue', { machine: 'serverless', port: 443, protocol: 'https', data: 'queue', atRest: 'always', names: ['name', 'Name'] })) },
  { tf: ['aws_cloudwatch_event_rule', 'aws_scheduler_schedule'], cfn: ['AWS::Events::Rule', 'AWS::Scheduler::Schedule'], role: c(proc('event-rule', 'EventBridge rule', 'event-listener', 'serverless', { names: ['name', 'Name'] })) },
  { tf: ['aws_cloudwatch_event_target', 'aws_cloudwatch_event_permission', 'aws_cloudwatch_event_archive'], cfn: ['AWS::Events::Archive'], role: fold() },
  { tf: ['aws_msk_cluster', 'aws_msk_serverless_cluster'], cfn: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'], role: c(store('msk', 'MSK cluster', 'message-queue', { port: 9094, protocol: 'binary-encrypted', data: 'stream', atRest: 'always', names: ['cluster_name', 'ClusterName'] })) },
  { tf: ['aws_msk_configuration', 'aws_msk_scram_secret_association'], cfn: ['AWS::MSK::Configuration'], role: fold() },
  { tf: ['aws_mq_broker'], cfn: ['AWS::AmazonMQ::Broker'], role: c(store('mq', 'Amazon MQ broker', 'message-queue', { port: 5671, protocol: 'binary-encrypted', data: 'queue', atRest: 'always', names: ['broker_name', 'BrokerName'] })) },

  // ---- edge -------------------------------------------------------------------------------------
  { tf: ['aws_lb', 'aws_alb'], cfn: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], role: c(proc('lb', 'Load balancer', 'load-balancer', 'virtual', { port: 443, protocol: 'https', names: ['name', 'Name'] })) },
  { tf: ['aws_elb'], cfn: ['AWS::ElasticLoadBalancing::LoadBalancer'], role: c(proc('elb', 'Classic load balancer', 'load-balancer', 'virtual', { port: 80, protocol: 'http', names: ['name', 'LoadBalancerName'] })) },
  { tf: ['aws_lb_listener', 'aws_alb_listener', 'aws_lb_listener_rule', 'aws_alb_listener_rule', 'aws_lb_target_group', 'aws_alb_target_group', 'aws_lb_target_group_attachment', 'aws_alb_target_group_attachment', 'aws_lb_listener_certificate', 'aws_lb_trust_store', 'aws_lb_trust_store_revocation', 'aws_autoscaling_attachment', 'aws_elb_attachment', 'aws_lb_cookie_stickiness_policy', 'aws_load_balancer_policy', 'aws_proxy_protocol_policy'], cfn: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::ElasticLoadBalancingV2::TargetGroup', 'AWS::ElasticLoadBalancingV2::ListenerCertificate', 'AWS::ElasticLoadBalancingV2::TrustStore'], role: fold() },
  { tf: ['aws_api_gateway_rest_api'], cfn: ['AWS::ApiGateway::RestApi', 'AWS::Serverless::Api'], role: c(proc('apigw', 'API Gateway REST API', 'gateway', 'serverless', { names: ['name', 'Name'] })) },
  { tf: ['aws_apigatewayv2_api'], cfn: ['AWS::ApiGatewayV2::Api', 'AWS::Serverless::HttpApi'], role: c(proc('apigw', 'API Gateway HTTP API', 'gateway', 'serverless', { names: ['name', 'Name'] })) },
  { tf: ['aws_api_gateway_resource', 'aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_deployment', 'aws_api_gateway_stage', 'aws_api_gateway_method_response', 'aws_api_gateway_integration_response', 'aws_api_gateway_method_settings', 'aws_api_gateway_authorizer', 'aws_api_gateway_model', 'aws_api_gateway_usage_plan', 'aws_api_gateway_api_key', 'aws_api_gateway_usage_plan_key', 'aws_api_gateway_domain_name', 'aws_api_gateway_base_path_mapping', 'aws_api_gateway_vpc_link', 'aws_api_gateway_account', 'aws_api_gateway_gateway_response', 'aws_api_gateway_rest_api_policy', 'aws_apigatewayv2_integration', 'aws_apigatewayv2_route', 'aws_apigatewayv2_stage', 'aws_apigatewayv2_deployment', 'aws_apigatewayv2_authorizer', 'aws_apigatewayv2_vpc_link', 'aws_apigatewayv2_domain_name', 'aws_apigatewayv2_api_mapping'], cfn: ['AWS::ApiGateway::Resource', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage', 'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::Model', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::UsagePlanKey', 'AWS::ApiGateway::DomainName', 'AWS::ApiGateway::BasePathMapping', 'AWS::ApiGateway::VpcLink', 'AWS::ApiGateway::Account', 'AWS::ApiGateway::GatewayResponse', 'AWS::ApiGateway::RequestValidator', 'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Deployment', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::VpcLink', 'AWS::ApiGatewayV2::DomainName', 'AWS::ApiGatewayV2::ApiMapping'], role: fold('rest_api_id', 'api_id', 'RestApiId', 'ApiId') },
  { tf: ['aws_cloudfront_distribution'], cfn: ['AWS::CloudFront::Distribution'], role: c(proc('cloudfront', 'CloudFront distribution', 'reverse-proxy', 'serverless', { names: ['comment', 'DistributionConfig.Comment'] })) },
  { tf: ['aws_cloudfront_origin_access_identity', 'aws_cloudfront_origin_access_control', 'aws_cloudfront_function', 'aws_cloudfront_cache_policy', 'aws_cloudfront_origin_request_policy', 'aws_cloudfront_response_headers_policy'], cfn: ['AWS::CloudFront::OriginAccessControl', 'AWS::CloudFront::CloudFrontOriginAccessIdentity', 'AWS::CloudFront::Function', 'AWS::CloudFront::CachePolicy', 'AWS::CloudFront::OriginRequestPolicy', 'AWS::CloudFront::ResponseHeadersPolicy'], role: fold() },
  { tf: ['aws_wafv2_web_acl', 'aws_waf_web_acl', 'aws_wafregional_web_acl', 'aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association', 'aws_wafv2_ip_set', 'aws_wafv2_rule_group', 'aws_wafv2_web_acl_logging_configuration'], cfn: ['AWS::WAFv2::WebACL', 'AWS::WAFv2::WebACLAssociation', 'AWS::WAFv2::IPSet', 'AWS::WAFv2::RuleGroup', 'AWS::WAF::WebACL', 'AWS::WAFRegional::WebACL', 'AWS::WAFRegional::WebACLAssociation', 'AWS::WAFv2::LoggingConfiguration'], role: fold() },
  { tf: ['aws_route53_zone', 'aws_route53_record', 'aws_route53_health_check', 'aws_route53_query_log', 'aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_acmpca_certificate_authority'], cfn: ['AWS::Route53::HostedZone', 'AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup', 'AWS::Route53::HealthCheck', 'AWS::CertificateManager::Certificate'], role: fold() },

  // ---- identity and secrets ---------------------------------------------------------------------
  { tf: ['aws_iam_role', 'aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_instance_profile', 'aws_iam_user', 'aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_access_key', 'aws_iam_group', 'aws_iam_group_policy', 'aws_iam_group_policy_attachment', 'aws_iam_group_membership', 'aws_iam_user_group_membership', 'aws_iam_openid_connect_provider', 'aws_iam_saml_provider', 'aws_iam_service_linked_role', 'aws_iam_user_login_profile', 'aws_iam_account_password_policy', 'aws_iam_role_policies_exclusive', 'aws_iam_role_policy_attachments_exclusive', 'data.aws_iam_policy_document', 'data.aws_iam_role', 'data.aws_iam_policy', 'data.aws_caller_identity', 'data.aws_region', 'data.aws_partition', 'data.aws_availability_zones', 'data.aws_ami', 'data.aws_ssm_parameter', 'data.aws_ec2_instance_type', 'data.aws_eks_cluster_auth', 'data.aws_route53_zone', 'data.aws_vpc', 'data.aws_subnets', 'data.aws_subnet', 'data.aws_ecrpublic_authorization_token', 'data.aws_service_principal', 'data.aws_iam_session_context', 'data.aws_kms_key', 'data.aws_secretsmanager_secret', 'data.aws_secretsmanager_secret_version', 'data.aws_ec2_managed_prefix_list', 'data.aws_default_tags', 'data.aws_eks_addon_version', 'data.aws_kms_alias', 'data.aws_elb_service_account', 'data.aws_canonical_user_id', 'data.aws_rds_engine_version', 'data.aws_vpc_endpoint_service', 'data.aws_lambda_function', 'data.aws_eks_cluster'], cfn: ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::InstanceProfile', 'AWS::IAM::User', 'AWS::IAM::AccessKey', 'AWS::IAM::Group', 'AWS::IAM::UserToGroupAddition', 'AWS::IAM::OIDCProvider', 'AWS::IAM::ServiceLinkedRole'], role: fold() },
  { tf: ['aws_kms_key', 'aws_kms_alias', 'aws_kms_grant', 'aws_kms_key_policy', 'aws_kms_replica_key'], cfn: ['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey'], role: fold() },
  { tf: ['aws_secretsmanager_secret', 'aws_secretsmanager_secret_version', 'aws_secretsmanager_secret_rotation', 'aws_secretsmanager_secret_policy', 'aws_ssm_parameter'], cfn: ['AWS::SecretsManager::Secret', 'AWS::SecretsManager::SecretTargetAttachment', 'AWS::SecretsManager::RotationSchedule', 'AWS::SecretsManager::ResourcePolicy', 'AWS::SSM::Parameter'], role: fold() },
  { tf: ['aws_cognito_user_pool'], cfn: ['AWS::Cognito::UserPool'], role: c(proc('cognito', 'Cognito user pool', 'identity-provider', 'serverless', { names: ['name', 'UserPoolName'] })) },
  { tf: ['aws_cognito_user_pool_client', 'aws_cognito_user_pool_domain', 'aws_cognito_identity_pool', 'aws_cognito_identity_pool_roles_attachment', 'aws_cognito_user_group', 'aws_cognito_resource_server', 'aws_cognito_identity_provider'], cfn: ['AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::IdentityPool', 'AWS::Cognito::IdentityPoolRoleAttachment', 'AWS::Cognito::UserPoolGroup', 'AWS::Cognito::UserPoolResourceServer', 'AWS::Cognito::UserPoolIdentityProvider'], role: fold('user_pool_id', 'UserPoolId') },

  // ---- network ----------------------------------------------------------------------------------
  { tf: ['aws_vpc', 'aws_default_vpc'], cfn: ['AWS::EC2::VPC'], role: { role: 'vpc' } },
  { tf: ['aws_subnet', 'aws_default_subnet'], cfn: ['AWS::EC2::Subnet'], role: { role: 'subnet' } },
  { tf: ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_internet_gateway_attachment', 'aws_nat_gateway', 'aws_eip', 'aws_eip_association', 'aws_route_table', 'aws_default_route_table', 'aws_route', 'aws_route_table_association', 'aws_main_route_table_association', 'aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule', 'aws_network_acl_association', 'aws_network_interface', 'aws_network_interface_attachment', 'aws_network_interface_sg_attachment', 'aws_vpc_endpoint', 'aws_vpc_endpoint_route_table_association', 'aws_vpc_endpoint_subnet_association', 'aws_vpc_endpoint_service', 'aws_vpc_dhcp_options', 'aws_vpc_dhcp_options_association', 'aws_default_vpc_dhcp_options', 'aws_flow_log', 'aws_vpn_gateway', 'aws_vpn_gateway_attachment', 'aws_vpn_gateway_route_propagation', 'aws_customer_gateway', 'aws_vpn_connection', 'aws_vpc_ipv4_cidr_block_association', 'aws_vpc_ipv6_cidr_block_association', 'aws_vpc_peering_connection', 'aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_vpc_attachment', 'aws_placement_group', 'aws_key_pair', 'aws_ami', 'aws_ami_copy', 'aws_ec2_managed_prefix_list', 'aws_vpc_block_public_access_options', 'aws_vpc_block_public_access_exclusion'], cfn: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::InternetGateway', 'AWS::EC2::EgressOnlyInternetGateway', 'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::EIPAssociation', 'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkAclEntry', 'AWS::EC2::SubnetNetworkAclAssociation', 'AWS::EC2::NetworkInterface', 'AWS::EC2::NetworkInterfaceAttachment', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::VPCEndpointService', 'AWS::EC2::DHCPOptions', 'AWS::EC2::VPCDHCPOptionsAssociation', 'AWS::EC2::FlowLog', 'AWS::EC2::VPNGateway', 'AWS::EC2::VPNGatewayRoutePropagation', 'AWS::EC2::CustomerGateway', 'AWS::EC2::VPNConnection', 'AWS::EC2::VPCCidrBlock', 'AWS::EC2::VPCPeeringConnection', 'AWS::EC2::TransitGateway', 'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::PlacementGroup', 'AWS::EC2::KeyPair', 'AWS::EC2::PrefixList'], role: fold() },

  // ---- operations (known, no architectural role of their own) -----------------------------------
  { tf: ['aws_cloudwatch_log_group', 'aws_cloudwatch_log_stream', 'aws_cloudwatch_metric_alarm', 'aws_cloudwatch_dashboard', 'aws_cloudwatch_log_subscription_filter', 'aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_log_resource_policy', 'aws_cloudtrail', 'aws_config_config_rule', 'aws_config_configuration_recorder', 'aws_config_delivery_channel', 'aws_guardduty_detector', 'aws_securityhub_account', 'aws_backup_plan', 'aws_backup_vault', 'aws_backup_selection', 'aws_appautoscaling_target', 'aws_appautoscaling_policy', 'aws_autoscaling_policy', 'aws_autoscaling_schedule', 'aws_autoscaling_lifecycle_hook', 'aws_autoscaling_notification', 'aws_ssm_document', 'aws_ssm_association', 'aws_service_discovery_private_dns_namespace', 'aws_service_discovery_service', 'aws_ec2_tag', 'aws_resourcegroups_group', 'aws_ecrpublic_repository'], cfn: ['AWS::Logs::LogGroup', 'AWS::Logs::LogStream', 'AWS::Logs::SubscriptionFilter', 'AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard', 'AWS::CloudTrail::Trail', 'AWS::Config::ConfigRule', 'AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel', 'AWS::GuardDuty::Detector', 'AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault', 'AWS::Backup::BackupSelection', 'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScheduledAction', 'AWS::AutoScaling::LifecycleHook', 'AWS::SSM::Document', 'AWS::SSM::Association', 'AWS::ServiceDiscovery::PrivateDnsNamespace', 'AWS::ServiceDiscovery::Service', 'AWS::CloudFormation::Stack', 'AWS::CloudFormation::WaitCondition', 'AWS::CloudFormation::WaitConditionHandle', 'AWS::CloudFormation::CustomResource', 'AWS::Serverless::Application', 'AWS::CDK::Metadata'], role: fold() },
];

const TABLE: ReadonlyMap<string, Role> = (() => {
  const m = new Map<string, Role>();
  for (const row of ROWS) for (const t of [...(row.tf ?? []), ...(row.cfn ?? [])]) m.set(t, row.role);
  return m;
})();

/** The catalog role of a resource type; `Custom::*` resources are CloudFormation custom resources (folded). */
export function roleOf(type: string): Role | undefined {
  // Custom resources and AWS data sources (lookups of things that exist elsewhere) configure what is
  // in the graph; they are never architecture of their own.
  return TABLE.get(type) ?? (type.startsWith('Custom::') || type.startsWith('data.aws_') ? LOOKUP_FOLD : undefined);
}

/** One shared role for custom resources and data sources (roleOf runs for every resource in several passes). */
const LOOKUP_FOLD: Role = { role: 'fold' };

export function catalogSize(): number {
  return TABLE.size;
}
