import type { webcrypto } from "node:crypto";
import { compareBytes, fromHex, utf8 } from "../bytes.ts";
import { keyFromHex, schnorrFromJson } from "../codec.ts";
import { CREDENTIAL_TAGS, importIssuerKey, verifyCredentialSignature } from "../credentials.ts";
import { checkEquation } from "../equation.ts";
import { schnorrEquation } from "../proofs/schnorr.ts";
import type { CredentialJson, ElectionCore } from "../record.ts";
import { Step } from "./report.ts";
import { declarationMismatch, lineChainNext, lineChainStart, listSource } from "./streamedRecord.ts";

/** Signature checks in flight before reading more credentials. */
const MAX_PENDING_CHECKS = 4096;

/** V4: each issuer's issuance log is sorted, duplicate-free and signed by its log key. */
export function verifyIssuanceLogs(
  record: ElectionCore,
  baseHash: Uint8Array,
): { step: Step; issued: number[] } {
  const step = new Step("V4", "Issuance logs (signed, one entry per voter)");
  const issued: number[] = [];
  const logs = Array.isArray(record.issuanceLogs) ? record.issuanceLogs : [];
  record.manifest.issuers.forEach((issuer, i) => {
    const log = logs[i];
    step.check();
    const count = step.guard(`issuer ${issuer.id} log`, () => {
      if (log === undefined || log.issuer !== issuer.id || !Array.isArray(log.entries)) {
        throw new Error("missing, or not in manifest order");
      }
      const entries = log.entries.map((e, j) => fromHex(e, 32, `entry ${j}`));
      for (let j = 1; j < entries.length; j++) {
        if (compareBytes(entries[j - 1] as Uint8Array, entries[j] as Uint8Array) >= 0) {
          throw new Error(`entries must be strictly ascending (entry ${j} repeats or is out of order)`);
        }
      }
      const eq = schnorrEquation(
        schnorrFromJson(log.signature, "signature"),
        keyFromHex(issuer.logKey, "logKey"),
        CREDENTIAL_TAGS.log,
        [baseHash, utf8(issuer.id), entries.length, ...entries],
      );
      if (!checkEquation(eq, undefined)) {
        step.fail("VOTING_ISSUANCE_LOG_INVALID", `issuer ${issuer.id}: log signature does not verify`);
      }
      return entries.length;
    });
    issued.push(count ?? 0);
  });
  if (logs.length !== record.manifest.issuers.length) {
    step.fail(
      "VOTING_ISSUANCE_LOG_INVALID",
      `expected ${record.manifest.issuers.length} logs, got ${logs.length}`,
    );
  }
  return { step, issued };
}

/**
 * V5: every registered credential carries a valid RFC 9474 signature from every issuer, no
 * credential is registered twice, and no issuer certified more credentials than it logged.
 */
export async function verifyCredentials(
  record: ElectionCore,
  baseHash: Uint8Array,
  issued: number[],
  credentialFile?: string,
): Promise<{ step: Step; registered: Set<string> }> {
  const step = new Step("V5", "Credentials (issuer blind signatures, no duplicates, ≤ issued)");
  const source = listSource<CredentialJson>(record, "credentials", credentialFile, (m) =>
    step.fail("VOTING_CREDENTIAL_STREAM_INVALID", m),
  );
  const registered = new Set<string>();
  const keys: Array<webcrypto.CryptoKey | undefined> = [];
  for (const issuer of record.manifest.issuers) {
    try {
      keys.push(await importIssuerKey(fromHex(issuer.blindRsaPublicKey, undefined, "blindRsaPublicKey")));
    } catch {
      keys.push(undefined);
      step.fail(
        "VOTING_CREDENTIAL_SIGNATURE_INVALID",
        `issuer ${issuer.id}: blind-signing key is not an RSA SPKI key`,
      );
    }
  }
  let checks: Array<Promise<void>> = [];
  let count = 0;
  let chain = source.declared ? lineChainStart("credentials", baseHash) : undefined;
  const check = (item: CredentialJson | string, bytes: Uint8Array | undefined) => {
    const ci = count++;
    if (chain !== undefined && bytes !== undefined) chain = lineChainNext("credentials", chain, ci, bytes);
    step.check();
    const where = `credential ${ci}`;
    const c = step.guard(where, () => {
      const value: unknown = typeof item === "string" ? JSON.parse(item) : item;
      if (value === null || typeof value !== "object") throw new Error("a credential must be a JSON object");
      return value as CredentialJson;
    });
    if (c === undefined) return;
    const P = step.guard(where, () => keyFromHex(c.publicKey, "publicKey"));
    if (P === undefined) return;
    if (registered.has(c.publicKey)) {
      step.fail(
        "VOTING_CREDENTIAL_DUPLICATE",
        `${where}: key ${c.publicKey.slice(0, 16)}… is registered twice`,
      );
    }
    registered.add(c.publicKey);
    const sigs = Array.isArray(c.signatures) ? c.signatures : [];
    record.manifest.issuers.forEach((issuer, ii) => {
      const sig = sigs[ii];
      const key = keys[ii];
      if (sig === undefined || sig.issuer !== issuer.id || key === undefined) {
        step.fail("VOTING_CREDENTIAL_SIGNATURE_INVALID", `${where}: no signature of issuer ${issuer.id}`);
        return;
      }
      checks.push(
        verifyCredentialSignature(key, baseHash, P, sig).then((ok) => {
          if (!ok)
            step.fail(
              "VOTING_CREDENTIAL_SIGNATURE_INVALID",
              `${where}: issuer ${issuer.id}'s signature does not verify`,
            );
        }),
      );
    });
    if (sigs.length !== record.manifest.issuers.length) {
      step.fail("VOTING_CREDENTIAL_SIGNATURE_INVALID", `${where}: expected exactly one signature per issuer`);
    }
  };
  try {
    for await (const { item, bytes } of source.items()) {
      check(item, bytes);
      // Bounded: millions of pending signature checks would hold millions of promises.
      if (checks.length >= MAX_PENDING_CHECKS) {
        await Promise.all(checks);
        checks = [];
      }
    }
  } catch (err) {
    step.fail("VOTING_CREDENTIAL_STREAM_INVALID", `credential file: ${(err as Error).message}`);
  }
  await Promise.all(checks);
  const mismatch =
    source.declared && chain && declarationMismatch("credentials", source.declared, count, chain);
  if (mismatch) step.fail("VOTING_CREDENTIAL_STREAM_INVALID", mismatch);
  record.manifest.issuers.forEach((issuer, i) => {
    if (count > (issued[i] ?? 0)) {
      step.fail(
        "VOTING_CREDENTIALS_EXCEED_ISSUED",
        `${count} credentials registered but issuer ${issuer.id} logged only ${issued[i] ?? 0} issuances`,
      );
    }
  });
  return { step, registered };
}
