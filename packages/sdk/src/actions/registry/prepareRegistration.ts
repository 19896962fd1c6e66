import {
  type AccountBinding,
  type CertificateInput,
  type CrlInput,
  certificateFingerprint,
  decodeAccountBinding,
  isPkiError,
  TrustStore,
  verifyAccountBinding,
  verifyCertificateChain,
} from "@civitas/pki";
import type { Address, ContractFunctionArgs, GetChainIdErrorType, Hex } from "viem";
import { getChainId } from "viem/actions";
import type { InvalidArgumentError } from "../../errors/civitasError.ts";
import { BindingRejectedError, CertificateRejectedError } from "../../errors/registryErrors.ts";
import { assuranceCode } from "../../utils/enums.ts";
import { type Identifier, toIdentifier } from "../../utils/identifiers.ts";
import { type RegistryAbi, type RegistryClient, registryAddress } from "../../utils/registryClient.ts";

/** The CA(s) a member's certificate must chain to: a trust store, or its parts. */
export type CertificateTrust =
  | TrustStore
  | {
      trustAnchors: CertificateInput | readonly CertificateInput[];
      intermediates?: CertificateInput | readonly CertificateInput[] | undefined;
      crls?: CrlInput | readonly CrlInput[] | undefined;
      /** Accept a path ending at a trusted CA that is not self-signed (an intermediate the registry trusts). */
      partialChain?: boolean | undefined;
    };

/** A binding statement: the object, or its compact encoding (0x hex or bytes). */
export type BindingInput = AccountBinding | Hex | Uint8Array;

export type PrepareRegistrationParameters = {
  /** The holder's person certificate (PEM or DER; a PEM may carry intermediates after the leaf). */
  certificate: CertificateInput | readonly CertificateInput[];
  /** The holder's binding statement, signed by the account key and the certificate key. */
  binding: BindingInput;
  organisation: Identifier;
  role: Identifier;
  /** What the certificate must chain to. */
  trust: CertificateTrust;
  /** The account being registered; the binding must be for it. Default: the binding's account. */
  account?: Address | undefined;
  /** Time of the checks; default now. */
  at?: Date | undefined;
};

/** The registry's `Registration` struct, as `registerMember` takes it. */
export type Registration = ContractFunctionArgs<RegistryAbi, "nonpayable", "registerMember">[0];

export type PrepareRegistrationReturnType = Registration;

export type PrepareRegistrationErrorType =
  | CertificateRejectedError
  | BindingRejectedError
  | InvalidArgumentError
  | GetChainIdErrorType;

function decodeBinding(binding: BindingInput): AccountBinding {
  if (typeof binding !== "string" && !(binding instanceof Uint8Array)) return binding;
  try {
    return decodeAccountBinding(binding);
  } catch (err) {
    if (isPkiError(err)) throw new BindingRejectedError("MALFORMED_BINDING", err.message);
    throw err;
  }
}

/**
 * What a registering official's tooling does before registering a member: checks that the
 * certificate is a person certificate whose path to a trusted CA validates now (signatures,
 * validity, revocation when CRLs are given), that the binding statement is for this chain, this
 * registry, this account and this certificate, and that both its signatures verify (the
 * certificate key's signature is checked only here: the contract checks the account's); then
 * builds the `Registration` from the certificate (fingerprint, issuer, national-ID hash,
 * assurance, expiry) and the statement (nonce, expiry, account signature).
 */
export async function prepareRegistration(
  client: RegistryClient,
  p: PrepareRegistrationParameters,
): Promise<PrepareRegistrationReturnType> {
  const at = p.at ?? new Date();
  const verdict =
    p.trust instanceof TrustStore
      ? await p.trust.verify(p.certificate, { profile: "person", at })
      : await verifyCertificateChain(p.certificate, {
          trustAnchors: p.trust.trustAnchors,
          ...(p.trust.intermediates !== undefined ? { intermediates: p.trust.intermediates } : {}),
          ...(p.trust.crls !== undefined ? { crls: p.trust.crls } : {}),
          partialChain: p.trust.partialChain ?? false,
          profile: "person",
          at,
        });
  if (!verdict.ok) throw new CertificateRejectedError(verdict.code, verdict.reason);
  const [leaf, issuer] = verdict.chain;
  const identity = verdict.identity;
  if (leaf === undefined || issuer === undefined)
    throw new CertificateRejectedError(
      "NO_ISSUER",
      "the certificate is its own trust anchor, not issued by a CA",
    );
  if (identity.type !== "person" || identity.nationalIdHash === undefined)
    throw new CertificateRejectedError("PROFILE_MISMATCH", "the certificate carries no national-ID hash");

  const binding = decodeBinding(p.binding);
  const chainId = client.chain?.id ?? (await getChainId(client));
  const check = await verifyAccountBinding(binding, leaf, {
    chainId: BigInt(chainId),
    registry: registryAddress(client),
    ...(p.account !== undefined ? { account: p.account } : {}),
    now: at,
  });
  if (!check.ok) throw new BindingRejectedError(check.code, check.reason);

  return {
    account: binding.account as Address,
    organisation: toIdentifier(p.organisation),
    role: toIdentifier(p.role),
    certificateFingerprint: `0x${identity.fingerprint}`,
    issuerFingerprint: `0x${certificateFingerprint(issuer)}`,
    subjectRef: `0x${identity.nationalIdHash}`,
    assurance: assuranceCode(identity.assuranceLevel),
    notAfter: BigInt(Math.floor(identity.notAfter.getTime() / 1000)),
    bindingNonce: `0x${binding.nonce.replace(/^0x/, "")}`,
    bindingExpiresAt: binding.expiresAt,
    accountSignature: `0x${binding.accountSignature.replace(/^0x/, "")}`,
  };
}
