import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { encodePem, readCaPublic, saveCrl, withCa } from "@civitas/pki";
import { NETWORK_FILES } from "./manifest.ts";

const REFRESH_BEFORE_MS = 2 * 24 * 3600 * 1000;

/**
 * A local network's CRLs expire after 7 days, and an expired CRL makes every peer refuse every
 * other (by design). When the network's CA passphrase is kept beside it (networks made by
 * `civitas init`), publishes fresh CRLs for CAs whose CRL expires within two days and copies them
 * into the trust files. Returns the CA directories refreshed.
 */
export async function refreshCrls(dir: string): Promise<string[]> {
  let passphrase: string;
  try {
    passphrase = (await readFile(join(dir, NETWORK_FILES.passphrase), "utf8")).split(/\r?\n/)[0] ?? "";
  } catch {
    return [];
  }
  const refreshed: string[] = [];
  const pairs = [
    [NETWORK_FILES.rootCa, NETWORK_FILES.rootCrl],
    [NETWORK_FILES.nodesCa, NETWORK_FILES.nodesCrl],
  ] as const;
  for (const [ca, trustFile] of pairs) {
    const caDir = join(dir, ca);
    const next = (await readCaPublic(caDir)).crl?.nextUpdate?.getTime() ?? 0;
    if (next - Date.now() > REFRESH_BEFORE_MS) continue;
    const crl = await withCa(caDir, passphrase, async (authority) => {
      const c = await authority.createCrl();
      await saveCrl(caDir, c);
      return c;
    });
    await writeFile(join(dir, trustFile), encodePem(crl.rawData, "X509 CRL"));
    refreshed.push(ca);
  }
  return refreshed;
}
