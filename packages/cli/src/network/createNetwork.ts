// Creates a whole local network in a directory: CA hierarchy, node keys and certificates, trust
// files, genesis and one config file per node. `civitas init` is its command line.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join, relative } from "node:path";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import { type AccountKey, createAccountKey, createDevGenesis } from "@civitas/node";
import {
  certificateFingerprint,
  certificateSerial,
  certificatesToPem,
  createIntermediateCa,
  encodePem,
  initRootCa,
  privateKeyToPem,
  type SealOptions,
  saveCrl,
  saveIssued,
  withCa,
} from "@civitas/pki";
import {
  createDemoRegistryAlloc,
  type DemoRegistryPlan,
  type GenesisMember,
  type GenesisMemberAccount,
  PERMISSIONING,
} from "./genesisMembers.ts";
import {
  ADMIN_DEFAULTS,
  hostPort,
  NETWORK_FILES,
  type NetworkManifest,
  type NetworkNode,
  nodeDir,
} from "./manifest.ts";
import type { GenesisContractAlloc } from "./systemContracts.ts";

/** What to create. */
export interface NetworkPlan {
  readonly validators: number;
  /** Non-validator (read replica) nodes. */
  readonly replicas: number;
  readonly chainId: number;
  readonly blockPeriodSeconds: number;
  readonly emptyBlockPeriodSeconds: number;
  /** QBFT round-0 timeout; default as Besu's dev networks: max(4, 2 × block period). */
  readonly requestTimeoutSeconds?: number;
  /** Funded demo accounts, written with their keys to accounts.json. */
  readonly accounts: number;
  /** Network admins of the identity registry, keys written to admins.json (default 3). */
  readonly admins?: number;
  /** Admin approvals an administration change needs, 2 to `admins` (default 2). */
  readonly adminQuorum?: number;
  readonly host: string;
  readonly p2pPortBase: number;
  readonly rpcPortBase: number;
  readonly metricsPortBase: number;
  /** Key-sealing parameters for the CA directories (tests lower scrypt's cost). */
  readonly seal?: SealOptions;
  /**
   * Accounts the caller brings (benchmarks), instead of `accounts` generated demo accounts:
   * `funded` get the demo balance, `members` are registered as the demo accounts are. Their keys
   * and certificates are not written out (the CA keeps its records of the certificates).
   */
  readonly ownAccounts?: {
    readonly funded: readonly string[];
    readonly members: readonly GenesisMemberAccount[];
  };
  /** Balance of each funded account, in wei (default 10^24). */
  readonly balanceWei?: bigint;
  /** Block gas limit of the genesis (default 100 million). */
  readonly gasLimit?: bigint;
  /**
   * Builds the identity registry's genesis entry in place of {@link createDemoRegistryAlloc} (which
   * it may call), e.g. to add more organisations, roles and members; the members it returns are
   * recorded by the CA like the demo accounts'.
   */
  readonly registryAlloc?: (
    plan: DemoRegistryPlan,
  ) => Promise<{ alloc: GenesisContractAlloc; members: GenesisMember[] }>;
  /** More genesis alloc entries (service contracts at their fixed addresses), made once the genesis timestamp is known. */
  readonly extraAlloc?: (genesis: {
    chainId: bigint;
    timestamp: number;
  }) => Promise<Readonly<Record<string, GenesisContractAlloc>>>;
}

const DEMO_BALANCE = 10n ** 24n; // one million ether per demo account
const GAS_LIMIT = 100_000_000n;
const CRL_PEM_LABEL = "X509 CRL";

async function writeSecret(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o644 });
}

/**
 * Writes each member's person certificate (with its chain) and private key into `dir`, as
 * `<address>.pem` and `<address>.key` (mode 0600).
 */
export async function writeMemberCertificates(dir: string, members: readonly GenesisMember[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const member of members) {
    const name = member.account.toLowerCase();
    await writeFile(join(dir, `${name}.pem`), certificatesToPem([member.certificate, ...member.chain]));
    await writeSecret(join(dir, `${name}.key`), await privateKeyToPem(member.privateKey));
  }
}

/** Creates the network in `dir` (which must be empty or absent) and returns its manifest. */
export async function createNetwork(dir: string, plan: NetworkPlan): Promise<NetworkManifest> {
  await mkdir(join(dir, NETWORK_FILES.ca), { recursive: true, mode: 0o700 });
  await mkdir(join(dir, NETWORK_FILES.trust), { recursive: true });

  // The CA of a local network: a root, and an intermediate that issues the node certificates
  // (as a city would keep its root offline). Its passphrase is generated and kept beside it.
  const passphrase = randomBytes(24).toString("base64url");
  await writeSecret(join(dir, NETWORK_FILES.passphrase), `${passphrase}\n`);
  const store = { passphrase, ...plan.seal };
  const rootDir = join(dir, NETWORK_FILES.rootCa);
  const nodesDir = join(dir, NETWORK_FILES.nodesCa);
  await initRootCa(rootDir, { subject: { commonName: "Civitas Local Root CA" }, ...store });
  await createIntermediateCa(rootDir, passphrase, nodesDir, {
    subject: { commonName: "Civitas Local Nodes CA" },
    ...store,
  });
  const rootCrl = await withCa(rootDir, passphrase, async (ca) => {
    const crl = await ca.createCrl();
    await saveCrl(rootDir, crl);
    return crl;
  });

  const nodes = [
    ...Array.from({ length: plan.validators }, (_, i) => ({
      name: `validator-${i + 1}`,
      key: createAccountKey() as AccountKey | undefined,
    })),
    ...Array.from({ length: plan.replicas }, (_, i) => ({ name: `replica-${i + 1}`, key: undefined })),
  ];
  const san = isIP(plan.host) ? { ipAddresses: [plan.host] } : { dnsNames: [plan.host] };
  const demo =
    plan.ownAccounts === undefined ? Array.from({ length: plan.accounts }, () => createAccountKey()) : [];
  const timestamp = Math.floor(Date.now() / 1000);
  const adminQuorum = plan.adminQuorum ?? ADMIN_DEFAULTS.quorum;
  const admins = Array.from({ length: plan.admins ?? ADMIN_DEFAULTS.admins }, () => createAccountKey());
  const registrar = createAccountKey();
  const { identities, nodesCrl, nodesCaPem, rootPem, registry, members } = await withCa(
    nodesDir,
    passphrase,
    async (ca) => {
      const identities = [];
      for (const node of nodes) {
        const issued = await ca.issueNodeCertificate({
          name: node.name,
          ...san,
          ...(node.key ? { validatorAddress: node.key.address } : {}),
        });
        await saveIssued(nodesDir, issued.certificate, ca.records().at(-1)!.serialNumber);
        identities.push({
          key: await privateKeyToPem(issued.privateKey!),
          // The chain a TLS peer sends: the leaf and the intermediate (the root is the trust anchor).
          cert: certificatesToPem([issued.certificate, ...ca.tlsChain]),
        });
      }
      // The identity registry at its fixed address, bootstrapped with the first admins, a
      // registrar and the CA (the root and the intermediate(s) are the issuers members'
      // certificates may come from); the demo accounts are members, with person certificates
      // from the intermediate.
      const { alloc: registry, members } = await (plan.registryAlloc ?? createDemoRegistryAlloc)({
        chainId: BigInt(plan.chainId),
        timestamp,
        admins,
        quorum: adminQuorum,
        registrar,
        rootCaFingerprint: `0x${certificateFingerprint(ca.root)}`,
        issuerFingerprints: ca.tlsChain.map((c) => `0x${certificateFingerprint(c)}` as const),
        ca,
        members: plan.ownAccounts?.members ?? demo,
      });
      for (const member of members)
        await saveIssued(nodesDir, member.certificate, certificateSerial(member.certificate));
      const crl = await ca.createCrl();
      await saveCrl(nodesDir, crl);
      return {
        identities,
        nodesCrl: crl,
        nodesCaPem: certificatesToPem(ca.tlsChain),
        rootPem: certificatesToPem([ca.root]),
        registry,
        members: plan.ownAccounts === undefined ? members : [],
      };
    },
  );
  await writeFile(join(dir, NETWORK_FILES.roots), rootPem);
  await writeFile(join(dir, NETWORK_FILES.intermediates), nodesCaPem);
  await writeFile(join(dir, NETWORK_FILES.rootCrl), encodePem(rootCrl.rawData, CRL_PEM_LABEL));
  await writeFile(join(dir, NETWORK_FILES.nodesCrl), encodePem(nodesCrl.rawData, CRL_PEM_LABEL));

  const validatorAddresses = nodes.flatMap((n) => (n.key ? [n.key.address] : []));
  const genesis = createDevGenesis({
    chainId: plan.chainId,
    validators: validatorAddresses,
    accounts: plan.ownAccounts?.funded ?? demo.map((a) => a.address),
    balanceWei: plan.balanceWei ?? DEMO_BALANCE,
    blockPeriodSeconds: plan.blockPeriodSeconds,
    emptyBlockPeriodSeconds: plan.emptyBlockPeriodSeconds,
    gasLimit: plan.gasLimit ?? GAS_LIMIT,
    timestamp,
    extraAlloc: {
      ...(await plan.extraAlloc?.({ chainId: BigInt(plan.chainId), timestamp })),
      [IDENTITY_REGISTRY_ADDRESS]: registry,
    },
    permissioning: PERMISSIONING,
  });
  if (plan.requestTimeoutSeconds !== undefined) {
    const qbft = (genesis["config"] as { qbft: Record<string, number> }).qbft;
    qbft["requesttimeoutseconds"] = plan.requestTimeoutSeconds;
  }
  await writeJson(join(dir, NETWORK_FILES.genesis), genesis);
  if (demo.length > 0) {
    await writeSecret(
      join(dir, NETWORK_FILES.accounts),
      `${JSON.stringify({ chainId: plan.chainId, accounts: demo }, null, 2)}\n`,
    );
    await writeMemberCertificates(join(dir, NETWORK_FILES.members), members);
  }

  await writeSecret(
    join(dir, NETWORK_FILES.admins),
    `${JSON.stringify(
      {
        chainId: plan.chainId,
        identityRegistry: IDENTITY_REGISTRY_ADDRESS,
        quorum: adminQuorum,
        admins,
        registrars: [registrar],
      },
      null,
      2,
    )}\n`,
  );

  const entries: NetworkNode[] = [];
  const validatorPeers = nodes.flatMap((n, i) =>
    n.key ? [{ name: n.name, address: hostPort(plan.host, plan.p2pPortBase + i) }] : [],
  );
  for (const [i, node] of nodes.entries()) {
    const home = nodeDir(dir, node.name);
    const rel = (p: string) => relative(home, join(dir, p));
    await mkdir(join(home, "tls"), { recursive: true, mode: 0o700 });
    await chmod(home, 0o700);
    const identity = identities[i]!;
    await writeSecret(join(home, "tls", "node.key"), identity.key);
    await writeFile(join(home, "tls", "node.crt"), identity.cert);
    if (node.key) await writeSecret(join(home, "validator.key"), `${node.key.privateKey}\n`);
    const p2p = hostPort(plan.host, plan.p2pPortBase + i);
    const rpcPort = plan.rpcPortBase + i;
    const metricsPort = plan.metricsPortBase + i;
    const config = {
      name: node.name,
      dataDir: "data",
      genesis: rel(NETWORK_FILES.genesis),
      ...(node.key ? { validatorKey: "validator.key" } : {}),
      tls: { key: join("tls", "node.key"), cert: join("tls", "node.crt") },
      trust: {
        roots: rel(NETWORK_FILES.roots),
        intermediates: rel(NETWORK_FILES.intermediates),
        crls: [rel(NETWORK_FILES.rootCrl), rel(NETWORK_FILES.nodesCrl)],
      },
      p2p: {
        host: plan.host,
        port: plan.p2pPortBase + i,
        advertise: p2p,
        peers: validatorPeers.filter((v) => v.name !== node.name).map((v) => v.address),
      },
      rpc: { host: plan.host, port: rpcPort },
      metrics: { host: plan.host, port: metricsPort },
    };
    await writeJson(join(home, "config.json"), config);
    entries.push({
      name: node.name,
      role: node.key ? "validator" : "replica",
      ...(node.key ? { validatorAddress: node.key.address.toLowerCase() } : {}),
      config: join(NETWORK_FILES.nodes, node.name, "config.json"),
      rpcUrl: `http://${hostPort(plan.host, rpcPort)}`,
      p2p,
      metricsUrl: `http://${hostPort(plan.host, metricsPort)}/metrics`,
    });
  }
  const manifest: NetworkManifest = {
    format: "civitas-network",
    version: 1,
    chainId: plan.chainId,
    createdAt: new Date().toISOString(),
    nodes: entries,
  };
  await writeJson(join(dir, NETWORK_FILES.manifest), manifest);
  return manifest;
}
