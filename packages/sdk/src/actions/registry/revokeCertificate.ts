import {
  type CertificateInput,
  certificateFingerprint,
  parseCertificate,
  type RevocationReason,
  x509,
} from "@civitas/pki";
import { type Address, type Hex, parseEventLogs } from "viem";
import { InvalidArgumentError } from "../../errors/civitasError.ts";
import { RegistryRevertedError } from "../../errors/registryErrors.ts";
import { toBytes32 } from "../../utils/identifiers.ts";
import {
  type RegistryClient,
  type RegistryWriteErrorType,
  type RegistryWriteResult,
  registryAbi,
  writeRegistry,
} from "../../utils/registryClient.ts";
import { getMember } from "./getMember.ts";

/** Which certificate: by fingerprint, the certificate itself, or the one a member is bound to. */
export type RevokeCertificateParameters = (
  | { fingerprint: string; certificate?: undefined; account?: undefined }
  | { certificate: CertificateInput; fingerprint?: undefined; account?: undefined }
  | { account: Address; fingerprint?: undefined; certificate?: undefined }
) & {
  /** CRL reason: a code (RFC 5280, 0–10) or its name (`keyCompromise`, ...); default unspecified. */
  reason?: number | RevocationReason | undefined;
};

export type RevokeCertificateReturnType = RegistryWriteResult & {
  certificateFingerprint: Hex;
  /** The account that was bound to the certificate (now suspended), if any. */
  account: Address | undefined;
};

export type RevokeCertificateErrorType = RegistryWriteErrorType | InvalidArgumentError;

function reasonCode(reason: number | RevocationReason | undefined): number {
  if (reason === undefined) return 0;
  if (typeof reason === "number") {
    if (!Number.isInteger(reason) || reason < 0 || reason > 10 || reason === 7)
      throw new InvalidArgumentError(
        `revocation reason must be a CRL reason code (0–6, 8–10), got ${reason}`,
      );
    return reason;
  }
  const code = x509.X509CrlReason[reason];
  if (code === undefined) throw new InvalidArgumentError(`unknown revocation reason '${reason}'`);
  return code;
}

async function fingerprintOf(client: RegistryClient, p: RevokeCertificateParameters): Promise<Hex> {
  if (p.fingerprint !== undefined) return toBytes32(p.fingerprint, "certificate fingerprint");
  if (p.certificate !== undefined) return `0x${certificateFingerprint(parseCertificate(p.certificate))}`;
  const member = await getMember(client, { account: p.account });
  if (member === undefined)
    throw new RegistryRevertedError({
      functionName: "revokeCertificate",
      errorName: "UnknownMember",
      args: [p.account],
    });
  return member.certificateFingerprint;
}

/**
 * Records a certificate's revocation (from the CA's CRL): the account bound to it is suspended at
 * once (sender: a registrar).
 */
export async function revokeCertificate(
  client: RegistryClient,
  parameters: RevokeCertificateParameters,
): Promise<RevokeCertificateReturnType> {
  const reason = reasonCode(parameters.reason);
  const fingerprint = await fingerprintOf(client, parameters);
  const result = await writeRegistry(client, "revokeCertificate", [fingerprint, reason]);
  const [event] = parseEventLogs({
    abi: registryAbi,
    logs: result.receipt.logs,
    eventName: "CertificateRevoked",
  });
  const account = event?.args.account;
  return {
    ...result,
    certificateFingerprint: fingerprint,
    account: account === undefined || /^0x0{40}$/.test(account) ? undefined : account,
  };
}
