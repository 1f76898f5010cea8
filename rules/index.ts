/**
 * The rule registry: every rule the analysis runs. Adding a rule = its module plus one import and
 * one entry here. Threagile's built-in catalog (rules/threagile) comes first, IaC rules (rules/iac)
 * after it.
 */
import type { Rule } from '../src/analyze/types.js';
import { rule as accidentalSecretLeak } from './threagile/accidental-secret-leak.js';
import { rule as codeBackdooring } from './threagile/code-backdooring.js';
import { rule as containerBaseimageBackdooring } from './threagile/container-baseimage-backdooring.js';
import { rule as containerPlatformEscape } from './threagile/container-platform-escape.js';
import { rule as crossSiteRequestForgery } from './threagile/cross-site-request-forgery.js';
import { rule as crossSiteScripting } from './threagile/cross-site-scripting.js';
import { rule as dosRiskyAccessAcrossTrustBoundary } from './threagile/dos-risky-access-across-trust-boundary.js';
import { rule as incompleteModel } from './threagile/incomplete-model.js';
import { rule as ldapInjection } from './threagile/ldap-injection.js';
import { rule as missingAuthentication } from './threagile/missing-authentication.js';
import { rule as missingAuthenticationSecondFactor } from './threagile/missing-authentication-second-factor.js';
import { rule as missingBuildInfrastructure } from './threagile/missing-build-infrastructure.js';
import { rule as missingCloudHardening } from './threagile/missing-cloud-hardening.js';
import { rule as missingFileValidation } from './threagile/missing-file-validation.js';
import { rule as missingHardening } from './threagile/missing-hardening.js';
import { rule as missingIdentityPropagation } from './threagile/missing-identity-propagation.js';
import { rule as missingIdentityProviderIsolation } from './threagile/missing-identity-provider-isolation.js';
import { rule as missingIdentityStore } from './threagile/missing-identity-store.js';
import { rule as missingNetworkSegmentation } from './threagile/missing-network-segmentation.js';
import { rule as missingVault } from './threagile/missing-vault.js';
import { rule as missingVaultIsolation } from './threagile/missing-vault-isolation.js';
import { rule as missingWaf } from './threagile/missing-waf.js';
import { rule as mixedTargetsOnSharedRuntime } from './threagile/mixed-targets-on-shared-runtime.js';
import { rule as pathTraversal } from './threagile/path-traversal.js';
import { rule as pushInsteadOfPullDeployment } from './threagile/push-instead-of-pull-deployment.js';
import { rule as searchQueryInjection } from './threagile/search-query-injection.js';
import { rule as serverSideRequestForgery } from './threagile/server-side-request-forgery.js';
import { rule as serviceRegistryPoisoning } from './threagile/service-registry-poisoning.js';
import { rule as sqlNosqlInjection } from './threagile/sql-nosql-injection.js';
import { rule as uncheckedDeployment } from './threagile/unchecked-deployment.js';
import { rule as unencryptedAsset } from './threagile/unencrypted-asset.js';
import { rule as unencryptedCommunication } from './threagile/unencrypted-communication.js';
import { rule as unguardedAccessFromInternet } from './threagile/unguarded-access-from-internet.js';
import { rule as unguardedDirectDatastoreAccess } from './threagile/unguarded-direct-datastore-access.js';
import { rule as unnecessaryCommunicationLink } from './threagile/unnecessary-communication-link.js';
import { rule as unnecessaryDataAsset } from './threagile/unnecessary-data-asset.js';
import { rule as unnecessaryDataTransfer } from './threagile/unnecessary-data-transfer.js';
import { rule as unnecessaryTechnicalAsset } from './threagile/unnecessary-technical-asset.js';
import { rule as untrustedDeserialization } from './threagile/untrusted-deserialization.js';
import { rule as wrongCommunicationLinkContent } from './threagile/wrong-communication-link-content.js';
import { rule as wrongTrustBoundaryContent } from './threagile/wrong-trust-boundary-content.js';
import { rule as xmlExternalEntity } from './threagile/xml-external-entity.js';
import { iacRules } from './iac/index.js';

export const threagileRules: readonly Rule[] = [
  accidentalSecretLeak,
  codeBackdooring,
  containerBaseimageBackdooring,
  containerPlatformEscape,
  crossSiteRequestForgery,
  crossSiteScripting,
  dosRiskyAccessAcrossTrustBoundary,
  incompleteModel,
  ldapInjection,
  missingAuthentication,
  missingAuthenticationSecondFactor,
  missingBuildInfrastructure,
  missingCloudHardening,
  missingFileValidation,
  missingHardening,
  missingIdentityPropagation,
  missingIdentityProviderIsolation,
  missingIdentityStore,
  missingNetworkSegmentation,
  missingVault,
  missingVaultIsolation,
  missingWaf,
  mixedTargetsOnSharedRuntime,
  pathTraversal,
  pushInsteadOfPullDeployment,
  searchQueryInjection,
  serverSideRequestForgery,
  serviceRegistryPoisoning,
  sqlNosqlInjection,
  uncheckedDeployment,
  unencryptedAsset,
  unencryptedCommunication,
  unguardedAccessFromInternet,
  unguardedDirectDatastoreAccess,
  unnecessaryCommunicationLink,
  unnecessaryDataAsset,
  unnecessaryDataTransfer,
  unnecessaryTechnicalAsset,
  untrustedDeserialization,
  wrongCommunicationLinkContent,
  wrongTrustBoundaryContent,
  xmlExternalEntity,
];

export const rules: readonly Rule[] = [...threagileRules, ...iacRules];
