/**
 * How managed cloud services are addressed: for each resource type, the attribute that holds its
 * name and the shape of the DNS names the provider computes from that name. A host written
 * literally in a ConfigMap (`orders-db.c9akciq32rzx.eu-west-1.rds.amazonaws.com`) is matched to
 * the resource whose identifier is `orders-db`. Adding a service touches only this table.
 */
import type { Protocol } from '../../model/enums.js';

export interface CloudEndpointKind {
  /** What a user calls it: `RDS DB instance`. */
  product: string;
  /** Terraform and CloudFormation types that create it. */
  types: readonly string[];
  /** Attributes holding the name the DNS name is derived from, first present wins. */
  nameAttributes: readonly string[];
  /** The provider's host shape; the `name` group is the resource's name. Lower-case hosts only. */
  host: RegExp;
  /** What clients speak to it, used when the configuration named only a host. */
  protocol: Protocol;
  port?: number;
  /**
   * A suffix node hosts add to the name (ElastiCache `<group>-001`): a name that is not in the scan
   * is looked up again without it. Greedy matching plus this fallback, because `cache-100` may be a
   * group's own name or node 100 of group `cache`.
   */
  memberSuffix?: RegExp;
}

const AWS_REGION = '[a-z]{2}(?:-gov)?-[a-z]+-\\d';
const re = (s: string) => new RegExp(`^${s}$`);

export const CLOUD_ENDPOINTS: readonly CloudEndpointKind[] = [
  // ---- AWS ----------------------------------------------------------------------------------------
  { product: 'RDS DB instance', types: ['aws_db_instance', 'AWS::RDS::DBInstance'], nameAttributes: ['identifier', 'DBInstanceIdentifier'], host: re(`(?<name>[a-z][a-z0-9-]*)\\.[a-z0-9]+\\.${AWS_REGION}\\.rds\\.amazonaws\\.com(?:\\.cn)?`), protocol: 'sql-access-protocol' },
  { product: 'Aurora/RDS cluster', types: ['aws_rds_cluster', 'AWS::RDS::DBCluster'], nameAttributes: ['cluster_identifier', 'DBClusterIdentifier'], host: re(`(?<name>[a-z][a-z0-9-]*)\\.cluster-(?:ro-|custom-)?[a-z0-9]+\\.${AWS_REGION}\\.rds\\.amazonaws\\.com(?:\\.cn)?`), protocol: 'sql-access-protocol' },
  { product: 'RDS proxy', types: ['aws_db_proxy', 'AWS::RDS::DBProxy'], nameAttributes: ['name', 'DBProxyName'], host: re(`(?<name>[a-z][a-z0-9-]*)\\.proxy-[a-z0-9]+\\.${AWS_REGION}\\.rds\\.amazonaws\\.com`), protocol: 'sql-access-protocol' },
  { product: 'DocumentDB cluster', types: ['aws_docdb_cluster', 'AWS::DocDB::DBCluster'], nameAttributes: ['cluster_identifier', 'DBClusterIdentifier'], host: re(`(?<name>[a-z][a-z0-9-]*)\\.cluster-(?:ro-)?[a-z0-9]+\\.${AWS_REGION}\\.docdb\\.amazonaws\\.com`), protocol: 'nosql-access-protocol', port: 27017 },
  { product: 'ElastiCache replication group', types: ['aws_elasticache_replication_group', 'AWS::ElastiCache::ReplicationGroup'], nameAttributes: ['replication_group_id', 'ReplicationGroupId'], host: re('(?:master\\.|replica\\.|clustercfg\\.)?(?<name>[a-z][a-z0-9-]*)\\.[a-z0-9]+\\.(?:ng\\.)?(?:\\d{4}\\.)?[a-z0-9]+\\.cache\\.amazonaws\\.com'), protocol: 'nosql-access-protocol', port: 6379, memberSuffix: /-\d{3}$/ },
  { product: 'ElastiCache cluster', types: ['aws_elasticache_cluster', 'AWS::ElastiCache::CacheCluster'], nameAttributes: ['cluster_id', 'ClusterName'], host: re('(?<name>[a-z][a-z0-9-]*)(?:\\.\\d{4})?\\.[a-z0-9]+\\.(?:cfg\\.|\\d{4}\\.)?[a-z0-9]+\\.cache\\.amazonaws\\.com'), protocol: 'nosql-access-protocol' },
  { product: 'ElastiCache serverless cache', types: ['aws_elasticache_serverless_cache', 'AWS::ElastiCache::ServerlessCache'], nameAttributes: ['name', 'ServerlessCacheName'], host: re('(?<name>[a-z][a-z0-9-]*)-[a-z0-9]{6}\\.serverless\\.[a-z0-9]+\\.cache\\.amazonaws\\.com'), protocol: 'nosql-access-protocol', port: 6379 },
  { product: 'OpenSearch domain', types: ['aws_opensearch_domain', 'aws_elasticsearch_domain', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'], nameAttributes: ['domain_name', 'DomainName'], host: re(`(?:search|vpc)-(?<name>[a-z][a-z0-9-]*)-[a-z0-9]+\\.${AWS_REGION}\\.es\\.amazonaws\\.com`), protocol: 'https', port: 443 },
  { product: 'Redshift cluster', types: ['aws_redshift_cluster', 'AWS::Redshift::Cluster'], nameAttributes: ['cluster_identifier', 'ClusterIdentifier'], host: re(`(?<name>[a-z][a-z0-9-]*)\\.[a-z0-9]+\\.${AWS_REGION}\\.redshift\\.amazonaws\\.com`), protocol: 'sql-access-protocol', port: 5439 },
  { product: 'MSK cluster', types: ['aws_msk_cluster', 'AWS::MSK::Cluster'], nameAttributes: ['cluster_name', 'ClusterName'], host: re(`b-\\d+(?:-public)?\\.(?<name>[a-z][a-z0-9-]*)\\.[a-z0-9]+\\.c\\d+\\.kafka\\.${AWS_REGION}\\.amazonaws\\.com`), protocol: 'binary-encrypted', port: 9094 },
  { product: 'S3 bucket', types: ['aws_s3_bucket', 'AWS::S3::Bucket'], nameAttributes: ['bucket', 'BucketName'], host: re(`(?<name>[a-z0-9][a-z0-9.-]*)\\.s3(?:[.-]${AWS_REGION})?\\.amazonaws\\.com`), protocol: 'https', port: 443 },
  // ---- GCP ----------------------------------------------------------------------------------------
  { product: 'Cloud Run service', types: ['google_cloud_run_service', 'google_cloud_run_v2_service'], nameAttributes: ['name'], host: re('(?<name>[a-z][a-z0-9-]*)-[a-z0-9]{10}-[a-z]{2}\\.a\\.run\\.app'), protocol: 'https', port: 443 },
  { product: 'Cloud Storage bucket', types: ['google_storage_bucket'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9._-]*)\\.storage\\.googleapis\\.com'), protocol: 'https', port: 443 },
  // ---- Azure --------------------------------------------------------------------------------------
  { product: 'Azure SQL server', types: ['azurerm_mssql_server', 'azurerm_sql_server'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.database\\.windows\\.net'), protocol: 'sql-access-protocol-encrypted', port: 1433 },
  { product: 'Azure Database for PostgreSQL', types: ['azurerm_postgresql_flexible_server', 'azurerm_postgresql_server'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.postgres\\.database\\.azure\\.com'), protocol: 'sql-access-protocol-encrypted', port: 5432 },
  { product: 'Azure Database for MySQL', types: ['azurerm_mysql_flexible_server', 'azurerm_mysql_server'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.mysql\\.database\\.azure\\.com'), protocol: 'sql-access-protocol-encrypted', port: 3306 },
  { product: 'Azure Cache for Redis', types: ['azurerm_redis_cache'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.redis\\.cache\\.windows\\.net'), protocol: 'nosql-access-protocol-encrypted', port: 6380 },
  { product: 'Cosmos DB account', types: ['azurerm_cosmosdb_account'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.(?:documents\\.azure\\.com|mongo\\.cosmos\\.azure\\.com)'), protocol: 'nosql-access-protocol-encrypted', port: 443 },
  { product: 'Storage account', types: ['azurerm_storage_account'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9]+)\\.(?:blob|queue|table|file|dfs)\\.core\\.windows\\.net'), protocol: 'https', port: 443 },
  { product: 'Key Vault', types: ['azurerm_key_vault'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.vault\\.azure\\.net'), protocol: 'https', port: 443 },
  { product: 'Service Bus / Event Hubs namespace', types: ['azurerm_servicebus_namespace', 'azurerm_eventhub_namespace'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.servicebus\\.windows\\.net'), protocol: 'binary-encrypted', port: 5671 },
  { product: 'App Service', types: ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_app_service', 'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app'], nameAttributes: ['name'], host: re('(?<name>[a-z0-9][a-z0-9-]*)\\.azurewebsites\\.net'), protocol: 'https', port: 443 },
];

/** Engine → the port clients use, for databases whose port depends on the engine. */
export function enginePort(engine: string | undefined): number | undefined {
  const e = (engine ?? '').toLowerCase();
  if (/mysql|mariadb|^aurora$/.test(e)) return 3306;
  if (e.includes('postgres')) return 5432;
  if (e.includes('sqlserver')) return 1433;
  if (e.includes('oracle')) return 1521;
  if (e.includes('memcached')) return 11211;
  if (/redis|valkey/.test(e)) return 6379;
  return undefined;
}
