import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { IDENTITY_REGISTRY_ADDRESS } from "@civitas/contracts";
import {
  type AccountKey,
  addressOfPrivateKey,
  createAccountKey,
  createDevGenesis,
  createLedgerNode,
  NodeError,
} from "@civitas/node";
import { certificateFingerprint, certificateSerial, initRootCa, saveIssued, withCa } from "@civitas/pki";
import { CliError, type Command } from "../command.ts";
import { writeMemberCertificates } from "../network/createNetwork.ts";
import {
  createDemoRegistryAlloc,
  DEMO_ORGANISATION,
  DEVELOPER_ROLE,
  PERMISSIONING,
} from "../network/genesisMembers.ts";
import { intOption } from "../network/intOption.ts";

const HELP = `usage: civitas dev [--datadir DIR] [--rpc-port PORT] [--rpc-host HOST] [--accounts N] [--block-period S] [--empty-block-period S]
                   [--state-history N|archive]

Starts a single-validator Civitas node with funded demo accounts. On first use DIR gets a new
chain (genesis.json, validator.key, dev-accounts.json); later runs continue the chain in DIR.

The genesis holds the IdentityRegistry at ${IDENTITY_REGISTRY_ADDRESS} and declares it for
permissioning: only its members, network admins and registrars may send transactions. The demo
accounts are members of "${DEMO_ORGANISATION}" with the role "${DEVELOPER_ROLE}" (may deploy contracts),
with person certificates from a dev CA (DIR/ca/root, passphrase in DIR/ca/passphrase; certificates
in DIR/members). Two network admins (quorum 2) and a registrar have their keys in DIR/admins.json.

  --datadir DIR             data directory (default .civitas/dev)
  --rpc-port PORT           JSON-RPC port, HTTP and WebSocket (default 8545)
  --rpc-host HOST           interface to listen on (default 127.0.0.1)
  --accounts N              demo accounts to fund on a new chain (default 10)
  --block-period S          seconds between blocks while transactions wait (default 1)
  --empty-block-period S    seconds between blocks when idle (default 10)
  --state-history N         keep the state of the last N blocks, pruning older (default 128);
                            "archive" keeps every block's state`;

const DEV_CHAIN_ID = 1337;
const DEV_BALANCE = 10n ** 24n; // one million ether per demo account

function writeSecret(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
}

/** Files of a dev data directory. */
const DEV_FILES = {
  genesis: "genesis.json",
  validatorKey: "validator.key",
  accounts: "dev-accounts.json",
  admins: "admins.json",
  members: "members",
  rootCa: join("ca", "root"),
  passphrase: join("ca", "passphrase"),
} as const;

/**
 * Creates a new dev chain in `dir`. Its CA is a single root: on one machine with one node there
 * is no offline root to protect, so the root issues the demo members' person certificates itself
 * (a network made by `civitas init` keeps its root apart and issues from an intermediate).
 */
async function createDevChain(
  dir: string,
  accounts: number,
  blockPeriod: number,
  emptyPeriod: number,
): Promise<void> {
  const validator = createAccountKey();
  const demo: AccountKey[] = Array.from({ length: accounts }, () => createAccountKey());
  const admins = [createAccountKey(), createAccountKey()];
  const registrar = createAccountKey();
  const timestamp = Math.floor(Date.now() / 1000);
  const passphrase = randomBytes(24).toString("base64url");
  mkdirSync(join(dir, "ca"), { recursive: true, mode: 0o700 });
  writeSecret(join(dir, DEV_FILES.passphrase), `${passphrase}\n`);
  const rootDir = join(dir, DEV_FILES.rootCa);
  await initRootCa(rootDir, { subject: { commonName: "Civitas Dev Root CA" }, passphrase });
  const { alloc, members } = await withCa(rootDir, passphrase, async (ca) => {
    const registry = await createDemoRegistryAlloc({
      chainId: BigInt(DEV_CHAIN_ID),
      timestamp,
      admins,
      quorum: 2,
      registrar,
      rootCaFingerprint: `0x${certificateFingerprint(ca.certificate)}`,
      issuerFingerprints: [],
      ca,
      members: demo,
    });
    for (const member of registry.members)
      await saveIssued(rootDir, member.certificate, certificateSerial(member.certificate));
    return registry;
  });
  const genesis = createDevGenesis({
    chainId: DEV_CHAIN_ID,
    validators: [validator.address],
    accounts: demo.map((a) => a.address),
    balanceWei: DEV_BALANCE,
    blockPeriodSeconds: blockPeriod,
    emptyBlockPeriodSeconds: emptyPeriod,
    gasLimit: 100_000_000n,
    timestamp,
    extraAlloc: { [IDENTITY_REGISTRY_ADDRESS]: alloc },
    permissioning: PERMISSIONING,
  });
  writeSecret(join(dir, DEV_FILES.validatorKey), `${validator.privateKey}\n`);
  writeSecret(
    join(dir, DEV_FILES.accounts),
    `${JSON.stringify({ chainId: DEV_CHAIN_ID, accounts: demo }, null, 2)}\n`,
  );
  writeSecret(
    join(dir, DEV_FILES.admins),
    `${JSON.stringify(
      {
        chainId: DEV_CHAIN_ID,
        identityRegistry: IDENTITY_REGISTRY_ADDRESS,
        quorum: 2,
        admins,
        registrars: [registrar],
      },
      null,
      2,
    )}\n`,
  );
  await writeMemberCertificates(join(dir, DEV_FILES.members), members);
  // Written last: its presence is what marks the directory as holding a chain.
  writeFileSync(join(dir, DEV_FILES.genesis), `${JSON.stringify(genesis, null, 2)}\n`);
}

function readValidatorKey(dir: string): { address: string; privateKey: Uint8Array } {
  const path = join(dir, DEV_FILES.validatorKey);
  let hex: string;
  try {
    hex = readFileSync(path, "utf8").trim();
  } catch {
    throw new CliError(`${path} is missing: this data directory has a genesis.json but no validator key`);
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex))
    throw new CliError(`${path} must hold a 0x-prefixed 32-byte hex private key`);
  const privateKey = new Uint8Array(Buffer.from(hex.slice(2), "hex"));
  return { address: addressOfPrivateKey(privateKey), privateKey };
}

/** `civitas dev`: a local single-validator node with demo accounts. */
export const command: Command = {
  name: "dev",
  summary: "start a local single-validator node with funded demo accounts",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        datadir: { type: "string" },
        "rpc-port": { type: "string" },
        "rpc-host": { type: "string" },
        accounts: { type: "string" },
        "block-period": { type: "string" },
        "empty-block-period": { type: "string" },
        "state-history": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    const dir = resolve(values.datadir ?? ".civitas/dev");
    const port = intOption(values["rpc-port"], "rpc-port", 8545, 0, 65535);
    const accounts = intOption(values.accounts, "accounts", 10, 1, 1000);
    const blockPeriod = intOption(values["block-period"], "block-period", 1, 1, 3600);
    const emptyPeriod = intOption(values["empty-block-period"], "empty-block-period", 10, blockPeriod, 86400);
    const stateHistory =
      values["state-history"] === "archive"
        ? ("archive" as const)
        : intOption(values["state-history"], "state-history", 128, 1, 1_000_000);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new CliError(`data directory ${dir} is not usable: ${(err as Error).message}`);
    }
    const fresh = !existsSync(join(dir, DEV_FILES.genesis));
    if (fresh) {
      // What a run interrupted while creating the chain left (the genesis is written last).
      for (const entry of ["ca", DEV_FILES.members])
        rmSync(join(dir, entry), { recursive: true, force: true });
      await createDevChain(dir, accounts, blockPeriod, emptyPeriod);
    }
    let node: Awaited<ReturnType<typeof createLedgerNode>>;
    try {
      node = await createLedgerNode({
        dataDir: dir,
        genesisPath: join(dir, DEV_FILES.genesis),
        validatorKey: readValidatorKey(dir),
        rpc: { host: values["rpc-host"] ?? "127.0.0.1", port },
        stateHistory,
      });
    } catch (err) {
      if (err instanceof NodeError) throw new CliError(err.message);
      throw err;
    }
    const head = node.chain.head.block.header.number;
    console.log(
      [
        `Civitas dev node ${fresh ? "started a new chain" : `continues the chain at block ${head}`} (chain id ${node.genesis.chainId})`,
        `  JSON-RPC (HTTP): ${node.rpc.url}`,
        `  JSON-RPC (WS):   ${node.rpc.wsUrl}`,
        `  data directory:  ${dir}`,
        `  demo accounts:   ${join(dir, DEV_FILES.accounts)} (addresses and private keys)`,
        ...(existsSync(join(dir, DEV_FILES.admins))
          ? [
              `  registry:        IdentityRegistry at ${IDENTITY_REGISTRY_ADDRESS}; the demo accounts are members of ${DEMO_ORGANISATION} (${DEVELOPER_ROLE}, may deploy)`,
              `  admin keys:      ${join(dir, DEV_FILES.admins)} (2 network admins, quorum 2, 1 registrar)`,
              `  dev CA:          ${join(dir, DEV_FILES.rootCa)} (passphrase in ${join(dir, DEV_FILES.passphrase)}); member certificates in ${join(dir, DEV_FILES.members)}`,
            ]
          : []),
        "Press Ctrl-C to stop.",
      ].join("\n"),
    );
    const failure = await new Promise<Error | undefined>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        console.log("\nstopping…");
        done(undefined);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      node.failed.then(done);
    });
    await node.close();
    if (failure) throw new CliError(`the node stopped: ${failure.message}`);
    console.log("stopped cleanly");
    return 0;
  },
};
