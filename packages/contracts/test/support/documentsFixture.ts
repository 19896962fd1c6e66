// TrustedIssuers and DocumentRegistry deployed beside a registry fixture: an accrediting body
// added by the admins' quorum, an issuer with an operator, a signing key and an accreditation for
// one document type. Members (body, operators) are registered with real certificates.
import { type ContractFunctionName, encodeFunctionData, type Hex, keccak256, stringToHex } from "viem";
import { DocumentRegistry, TrustedIssuers } from "../../src/index.ts";
import type { TestAccount, TxOutcome } from "./evmHarness.ts";
import {
  createRegistryFixture,
  type MemberCredentials,
  type RegistryFixture,
  ROLE_CLERK,
} from "./registryFixture.ts";

export const ISSUER = stringToHex("bilbao.registry-office", { size: 32 });
export const RESIDENCE = stringToHex("ResidenceCertificate", { size: 32 });
export const EXAM_RESULTS = stringToHex("ExamResults", { size: 32 });
/** keyIds stand for RFC 7638 thumbprints: any 32 bytes do on chain. */
export const KEY_1 = keccak256(stringToHex("issuer key 1"));
export const KEY_2 = keccak256(stringToHex("issuer key 2"));
export const YEAR = 365n * 24n * 3600n;

export interface DocumentsFixture extends RegistryFixture {
  readonly issuers: `0x${string}`;
  readonly documents: `0x${string}`;
  readonly body: TestAccount;
  readonly operator: TestAccount;
  readonly operatorCredentials: MemberCredentials;
  /** A registered member who is no operator of the issuer. */
  readonly member: TestAccount;
  /** Runs a TrustedIssuers governance call through the quorum (admin 0 proposes, admin 1 approves and executes). */
  byQuorum(data: Hex): Promise<TxOutcome>;
  /** Sends a TrustedIssuers transaction. */
  issuersTx(from: TestAccount, functionName: IssuersWrite, args: readonly unknown[]): Promise<TxOutcome>;
  /** Sends a DocumentRegistry transaction. */
  documentsTx(from: TestAccount, functionName: DocumentsWrite, args: readonly unknown[]): Promise<TxOutcome>;
  /** Calls a TrustedIssuers view. */
  issuersRead(functionName: string, args: readonly unknown[]): Promise<unknown>;
  /** Calls a DocumentRegistry view. */
  documentsRead(functionName: string, args: readonly unknown[]): Promise<unknown>;
}

export type IssuersWrite = ContractFunctionName<typeof TrustedIssuers.abi, "nonpayable">;
export type DocumentsWrite = ContractFunctionName<typeof DocumentRegistry.abi, "nonpayable">;

/**
 * A registry fixture with the documents contracts: body = account 10 (an accrediting body),
 * operator = account 11 (operator of ISSUER, with KEY_1 valid for 10 years and an accreditation for
 * RESIDENCE valid for 5 years from now), member = account 12 (registered, no role here).
 */
export async function createDocumentsFixture(): Promise<DocumentsFixture> {
  const f = await createRegistryFixture();
  const { h } = f;
  const body = h.account(10);
  const operator = h.account(11);
  const member = h.account(12);
  await f.register(body, ROLE_CLERK);
  const operatorCredentials = await f.register(operator, ROLE_CLERK);
  await f.register(member, ROLE_CLERK);
  const issuers = await h.deploy(f.admins[0], TrustedIssuers, [f.registry]);
  const documents = await h.deploy(f.admins[0], DocumentRegistry, [f.registry, issuers]);

  const issuersTx = (from: TestAccount, functionName: IssuersWrite, args: readonly unknown[]) =>
    h.send(from, { abi: TrustedIssuers.abi, to: issuers, functionName, args } as never);
  const fixture: DocumentsFixture = {
    ...f,
    issuers,
    documents,
    body,
    operator,
    operatorCredentials,
    member,
    async byQuorum(data) {
      const proposed = await issuersTx(f.admins[0], "proposeGovernance", [data]);
      const proposal = proposed.events.find((e) => e.eventName === "GovernanceProposed")?.args["id"] as Hex;
      await issuersTx(f.admins[1], "approveGovernance", [proposal]);
      return issuersTx(f.admins[1], "executeGovernance", [proposal]);
    },
    issuersTx,
    documentsTx: (from, functionName, args) =>
      h.send(from, { abi: DocumentRegistry.abi, to: documents, functionName, args } as never),
    issuersRead: (functionName, args) =>
      h.read({ abi: TrustedIssuers.abi, to: issuers, functionName, args } as never),
    documentsRead: (functionName, args) =>
      h.read({ abi: DocumentRegistry.abi, to: documents, functionName, args } as never),
  };

  await fixture.byQuorum(
    encodeFunctionData({ abi: TrustedIssuers.abi, functionName: "addAccreditingBody", args: [body.address] }),
  );
  await issuersTx(body, "registerIssuer", [ISSUER, [operator.address]]);
  await issuersTx(operator, "addKey", [ISSUER, KEY_1, 0n, h.time + 10n * YEAR]);
  await issuersTx(body, "grantAccreditation", [ISSUER, RESIDENCE, 0n, h.time + 5n * YEAR]);
  return fixture;
}
