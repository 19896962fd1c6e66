import type { Account, Chain, Client, Transport } from "viem";
import {
  type AddOrganisationParameters,
  type AddOrganisationReturnType,
  addOrganisation,
} from "../actions/registry/addOrganisation.ts";
import {
  type ApproveAndExecuteParameters,
  type ApproveAndExecuteReturnType,
  approveAndExecute,
} from "../actions/registry/approveAndExecute.ts";
import {
  type ApproveProposalParameters,
  type ApproveProposalReturnType,
  approveProposal,
} from "../actions/registry/approveProposal.ts";
import {
  type ChangeMemberRoleParameters,
  type ChangeMemberRoleReturnType,
  changeMemberRole,
} from "../actions/registry/changeMemberRole.ts";
import {
  type DefineRoleParameters,
  type DefineRoleReturnType,
  defineRole,
} from "../actions/registry/defineRole.ts";
import {
  type ExecuteProposalParameters,
  type ExecuteProposalReturnType,
  executeProposal,
} from "../actions/registry/executeProposal.ts";
import {
  type GetAccessLevelParameters,
  type GetAccessLevelReturnType,
  getAccessLevel,
} from "../actions/registry/getAccessLevel.ts";
import {
  type GetMemberParameters,
  type GetMemberReturnType,
  getMember,
} from "../actions/registry/getMember.ts";
import {
  type GetOrganisationParameters,
  type GetOrganisationReturnType,
  getOrganisation,
} from "../actions/registry/getOrganisation.ts";
import {
  type GetPermissionParameters,
  type GetPermissionReturnType,
  getPermission,
} from "../actions/registry/getPermission.ts";
import {
  type GetProposalParameters,
  type GetProposalReturnType,
  getProposal,
} from "../actions/registry/getProposal.ts";
import { type GetRoleParameters, type GetRoleReturnType, getRole } from "../actions/registry/getRole.ts";
import {
  type IsCertificateRevokedParameters,
  type IsCertificateRevokedReturnType,
  isCertificateRevoked,
} from "../actions/registry/isCertificateRevoked.ts";
import {
  type IsNetworkAdminParameters,
  type IsNetworkAdminReturnType,
  isNetworkAdmin,
} from "../actions/registry/isNetworkAdmin.ts";
import {
  type IsRegistrarParameters,
  type IsRegistrarReturnType,
  isRegistrar,
} from "../actions/registry/isRegistrar.ts";
import {
  type IsTrustedIssuerParameters,
  type IsTrustedIssuerReturnType,
  isTrustedIssuer,
} from "../actions/registry/isTrustedIssuer.ts";
import {
  type PrepareRegistrationParameters,
  type PrepareRegistrationReturnType,
  prepareRegistration,
} from "../actions/registry/prepareRegistration.ts";
import {
  type ProposeAdminChangeParameters,
  type ProposeAdminChangeReturnType,
  proposeAdminChange,
} from "../actions/registry/proposeAdminChange.ts";
import {
  type RegisterMemberParameters,
  type RegisterMemberReturnType,
  registerMember,
} from "../actions/registry/registerMember.ts";
import {
  type RegisterMembersParameters,
  type RegisterMembersReturnType,
  registerMembers,
} from "../actions/registry/registerMembers.ts";
import {
  type RemoveMemberParameters,
  type RemoveMemberReturnType,
  removeMember,
} from "../actions/registry/removeMember.ts";
import {
  type RevokeCertificateParameters,
  type RevokeCertificateReturnType,
  revokeCertificate,
} from "../actions/registry/revokeCertificate.ts";
import type { RegistryClient } from "../utils/registryClient.ts";

/** The identity-registry actions, bound to a client (what `client.extend(registryActions)` adds). */
export type RegistryActions = {
  getPermission: (parameters: GetPermissionParameters) => Promise<GetPermissionReturnType>;
  getAccessLevel: (parameters: GetAccessLevelParameters) => Promise<GetAccessLevelReturnType>;
  getMember: (parameters: GetMemberParameters) => Promise<GetMemberReturnType>;
  getOrganisation: (parameters: GetOrganisationParameters) => Promise<GetOrganisationReturnType>;
  getRole: (parameters: GetRoleParameters) => Promise<GetRoleReturnType>;
  getProposal: (parameters: GetProposalParameters) => Promise<GetProposalReturnType>;
  isNetworkAdmin: (parameters: IsNetworkAdminParameters) => Promise<IsNetworkAdminReturnType>;
  isRegistrar: (parameters: IsRegistrarParameters) => Promise<IsRegistrarReturnType>;
  isTrustedIssuer: (parameters: IsTrustedIssuerParameters) => Promise<IsTrustedIssuerReturnType>;
  isCertificateRevoked: (
    parameters: IsCertificateRevokedParameters,
  ) => Promise<IsCertificateRevokedReturnType>;
  proposeAdminChange: (parameters: ProposeAdminChangeParameters) => Promise<ProposeAdminChangeReturnType>;
  approveProposal: (parameters: ApproveProposalParameters) => Promise<ApproveProposalReturnType>;
  executeProposal: (parameters: ExecuteProposalParameters) => Promise<ExecuteProposalReturnType>;
  approveAndExecute: (parameters: ApproveAndExecuteParameters) => Promise<ApproveAndExecuteReturnType>;
  addOrganisation: (parameters: AddOrganisationParameters) => Promise<AddOrganisationReturnType>;
  defineRole: (parameters: DefineRoleParameters) => Promise<DefineRoleReturnType>;
  prepareRegistration: (parameters: PrepareRegistrationParameters) => Promise<PrepareRegistrationReturnType>;
  registerMember: (parameters: RegisterMemberParameters) => Promise<RegisterMemberReturnType>;
  registerMembers: (parameters: RegisterMembersParameters) => Promise<RegisterMembersReturnType>;
  changeMemberRole: (parameters: ChangeMemberRoleParameters) => Promise<ChangeMemberRoleReturnType>;
  removeMember: (parameters: RemoveMemberParameters) => Promise<RemoveMemberReturnType>;
  revokeCertificate: (parameters: RevokeCertificateParameters) => Promise<RevokeCertificateReturnType>;
};

/** Decorator for any viem client: `createClient(…).extend(registryActions)`. */
export function registryActions<
  transport extends Transport,
  chain extends Chain | undefined,
  account extends Account | undefined,
>(client: Client<transport, chain, account>): RegistryActions {
  const c = client as unknown as RegistryClient;
  return {
    getPermission: (p) => getPermission(c, p),
    getAccessLevel: (p) => getAccessLevel(c, p),
    getMember: (p) => getMember(c, p),
    getOrganisation: (p) => getOrganisation(c, p),
    getRole: (p) => getRole(c, p),
    getProposal: (p) => getProposal(c, p),
    isNetworkAdmin: (p) => isNetworkAdmin(c, p),
    isRegistrar: (p) => isRegistrar(c, p),
    isTrustedIssuer: (p) => isTrustedIssuer(c, p),
    isCertificateRevoked: (p) => isCertificateRevoked(c, p),
    proposeAdminChange: (p) => proposeAdminChange(c, p),
    approveProposal: (p) => approveProposal(c, p),
    executeProposal: (p) => executeProposal(c, p),
    approveAndExecute: (p) => approveAndExecute(c, p),
    addOrganisation: (p) => addOrganisation(c, p),
    defineRole: (p) => defineRole(c, p),
    prepareRegistration: (p) => prepareRegistration(c, p),
    registerMember: (p) => registerMember(c, p),
    registerMembers: (p) => registerMembers(c, p),
    changeMemberRole: (p) => changeMemberRole(c, p),
    removeMember: (p) => removeMember(c, p),
    revokeCertificate: (p) => revokeCertificate(c, p),
  };
}
