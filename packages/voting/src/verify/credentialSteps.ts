import type { webcrypto } from "node:crypto";
import { compareBytes, fromHex, utf8 } from "../bytes.ts";
import { keyFromHex, schnorrFromJson } from "../codec.ts";
import { CREDENTIAL_TAGS, importIssuerKey, verifyCredentialSignature } from "../credentials.ts";
import { checkEquation } from "../equation.ts";
import { schnorrEquation } from "../proofs/schnorr.ts";
import type { ElectionHead } from "../record.ts";
import { Step } from "./report.ts";

/** V4: each issuer's issuance log is sorted, duplicate-free and signed by its log key. */
export function verifyIssuanceLogs(
  record: ElectionHead,
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
  record: ElectionHead,
  baseHash: Uint8Array,
  issued: number[],
): Promise<{ step: Step; registered: Set<string> }> {
  const step = new Step("V5", "Credentials (issuer blind signatures, no duplicates, ≤ issued)");
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
  const credentials = Array.isArray(record.credentials) ? record.credentials : [];
  const checks: Array<Promise<void>> = [];
  credentials.forEach((c, ci) => {
    step.check();
    const where = `credential ${ci}`;
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
  });
  await Promise.all(checks);
  record.manifest.issuers.forEach((issuer, i) => {
    if (credentials.length > (issued[i] ?? 0)) {
      step.fail(
        "VOTING_CREDENTIALS_EXCEED_ISSUED",
        `${credentials.length} credentials registered but issuer ${issuer.id} logged only ${issued[i] ?? 0} issuances`,
      );
    }
  });
  return { step, registered };
}
