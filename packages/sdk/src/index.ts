/**
 * @civitas/sdk — a typed client for Civitas networks, in viem's style: `createCivitasClient` and
 * the identity-registry actions, each also a standalone function `action(client, parameters)`.
 * See README.md.
 */

export {
  type AddOrganisationErrorType,
  type AddOrganisationParameters,
  type AddOrganisationReturnType,
  addOrganisation,
} from "./actions/registry/addOrganisation.ts";
export {
  type ApproveAndExecuteErrorType,
  type ApproveAndExecuteParameters,
  type ApproveAndExecuteReturnType,
  approveAndExecute,
} from "./actions/registry/approveAndExecute.ts";
export {
  type ApproveProposalErrorType,
  type ApproveProposalParameters,
  type ApproveProposalReturnType,
  approveProposal,
} from "./actions/registry/approveProposal.ts";
export {
  type ChangeMemberRoleErrorType,
  type ChangeMemberRoleParameters,
  type ChangeMemberRoleReturnType,
  changeMemberRole,
} from "./actions/registry/changeMemberRole.ts";
export {
  type DefineRoleErrorType,
  type DefineRoleParameters,
  type DefineRoleReturnType,
  defineRole,
} from "./actions/registry/defineRole.ts";
export {
  type ExecuteProposalErrorType,
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
  executeProposal,
} from "./actions/registry/executeProposal.ts";
export {
  type GetAccessLevelErrorType,
  type GetAccessLevelParameters,
  type GetAccessLevelReturnType,
  getAccessLevel,
} from "./actions/registry/getAccessLevel.ts";
export {
  type GetMemberErrorType,
  type GetMemberParameters,
  type GetMemberReturnType,
  getMember,
  type Member,
} from "./actions/registry/getMember.ts";
export {
  type GetOrganisationErrorType,
  type GetOrganisationParameters,
  type GetOrganisationReturnType,
  getOrganisation,
  type Organisation,
} from "./actions/registry/getOrganisation.ts";
export {
  type GetPermissionErrorType,
  type GetPermissionParameters,
  type GetPermissionReturnType,
  getPermission,
} from "./actions/registry/getPermission.ts";
export {
  type GetProposalErrorType,
  type GetProposalParameters,
  type GetProposalReturnType,
  getProposal,
  type Proposal,
} from "./actions/registry/getProposal.ts";
export {
  type GetRoleErrorType,
  type GetRoleParameters,
  type GetRoleReturnType,
  getRole,
  type Role,
} from "./actions/registry/getRole.ts";
export {
  type IsCertificateRevokedErrorType,
  type IsCertificateRevokedParameters,
  type IsCertificateRevokedReturnType,
  isCertificateRevoked,
} from "./actions/registry/isCertificateRevoked.ts";
export {
  type IsNetworkAdminErrorType,
  type IsNetworkAdminParameters,
  type IsNetworkAdminReturnType,
  isNetworkAdmin,
} from "./actions/registry/isNetworkAdmin.ts";
export {
  type IsRegistrarErrorType,
  type IsRegistrarParameters,
  type IsRegistrarReturnType,
  isRegistrar,
} from "./actions/registry/isRegistrar.ts";
export {
  type IsTrustedIssuerErrorType,
  type IsTrustedIssuerParameters,
  type IsTrustedIssuerReturnType,
  isTrustedIssuer,
} from "./actions/registry/isTrustedIssuer.ts";
export {
  type BindingInput,
  type CertificateTrust,
  type PrepareRegistrationErrorType,
  type PrepareRegistrationParameters,
  type PrepareRegistrationReturnType,
  prepareRegistration,
  type Registration,
} from "./actions/registry/prepareRegistration.ts";
export {
  type ProposeAdminChangeErrorType,
  type ProposeAdminChangeParameters,
  type ProposeAdminChangeReturnType,
  proposeAdminChange,
} from "./actions/registry/proposeAdminChange.ts";
export {
  type RegisterMemberErrorType,
  type RegisterMemberParameters,
  type RegisterMemberReturnType,
  registerMember,
} from "./actions/registry/registerMember.ts";
export {
  type RegisterMembersErrorType,
  type RegisterMembersParameters,
  type RegisterMembersReturnType,
  registerMembers,
} from "./actions/registry/registerMembers.ts";
export {
  type RemoveMemberErrorType,
  type RemoveMemberParameters,
  type RemoveMemberReturnType,
  removeMember,
} from "./actions/registry/removeMember.ts";
export {
  type RevokeCertificateErrorType,
  type RevokeCertificateParameters,
  type RevokeCertificateReturnType,
  revokeCertificate,
} from "./actions/registry/revokeCertificate.ts";
export { type DefineCivitasChainParameters, defineCivitasChain } from "./chains/defineCivitasChain.ts";
export {
  type CivitasClient,
  type CivitasClientConfig,
  createCivitasClient,
} from "./clients/createCivitasClient.ts";
export { type RegistryActions, registryActions } from "./decorators/registryActions.ts";
export * from "./documents/index.ts";
export {
  AccountMissingError,
  CivitasError,
  type CivitasErrorCode,
  InvalidArgumentError,
} from "./errors/civitasError.ts";
export {
  BindingRejectedError,
  CertificateRejectedError,
  isRegistryError,
  type RegistryErrorArgs,
  type RegistryErrorName,
  RegistryRevertedError,
  TransactionRevertedError,
} from "./errors/registryErrors.ts";
export * from "./powers/index.ts";
export { type AdminSubject, encodeAdminArgument, encodeAdminSubject } from "./utils/adminSubject.ts";
export {
  type AccessLevelName,
  type AdminActionName,
  type AssuranceName,
  accessLevelName,
  adminActionName,
  assuranceName,
  type MemberStatusName,
  memberStatusName,
  type RoleLevelName,
} from "./utils/enums.ts";
export {
  accountToWord,
  type Identifier,
  identifierToString,
  toBytes32,
  toIdentifier,
} from "./utils/identifiers.ts";
export { type RegistryClient, type RegistryWriteResult, registryAddress } from "./utils/registryClient.ts";
