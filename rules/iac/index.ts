/**
 * The IaC rules: findings only infrastructure code can show, each anchored to the file:line of its
 * evidence. rules/index.ts imports this list; adding a rule = its module plus one entry here.
 */
import type { Rule } from '../../src/analyze/types.js';
import { rule as adminPortOpenToInternet } from './admin-port-open-to-internet.js';
import { rule as containerRunsAsRoot } from './container-runs-as-root.js';
import { rule as datastoreExposedToInternet } from './datastore-exposed-to-internet.js';
import { rule as datastoreWithoutBackup } from './datastore-without-backup.js';
import { rule as dockerSocketMounted } from './docker-socket-mounted.js';
import { rule as internetServiceWithoutWafOrAuth } from './internet-service-without-waf-or-auth.js';
import { rule as missingDefaultDenyNetworkPolicy } from './missing-default-deny-network-policy.js';
import { rule as plaintextHttpFromInternet } from './plaintext-http-from-internet.js';
import { rule as plaintextSecretInConfig } from './plaintext-secret-in-config.js';
import { rule as privilegedContainer } from './privileged-container.js';
import { rule as publicBucket } from './public-bucket.js';
import { rule as serviceAccountTokenAutomounted } from './service-account-token-automounted.js';
import { rule as unencryptedSensitiveStorage } from './unencrypted-sensitive-storage.js';
import { rule as unpinnedContainerImage } from './unpinned-container-image.js';
import { rule as wildcardIamPermissions } from './wildcard-iam-permissions.js';

export const iacRules: readonly Rule[] = [
  adminPortOpenToInternet,
  containerRunsAsRoot,
  datastoreExposedToInternet,
  datastoreWithoutBackup,
  dockerSocketMounted,
  internetServiceWithoutWafOrAuth,
  missingDefaultDenyNetworkPolicy,
  plaintextHttpFromInternet,
  plaintextSecretInConfig,
  privilegedContainer,
  publicBucket,
  serviceAccountTokenAutomounted,
  unencryptedSensitiveStorage,
  unpinnedContainerImage,
  wildcardIamPermissions,
];
