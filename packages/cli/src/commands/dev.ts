import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type AccountKey,
  addressOfPrivateKey,
  createAccountKey,
  createDevGenesis,
  createLedgerNode,
  NodeError,
} from "@civitas/node";
import { CliError, type Command } from "../command.ts";
import { intOption } from "../network/intOption.ts";

const HELP = `usage: civitas dev [--datadir DIR] [--rpc-port PORT] [--rpc-host HOST] [--accounts N] [--block-period S] [--empty-block-period S]

Starts a single-validator Civitas node with funded demo accounts. On first use DIR gets a new
chain (genesis.json, validator.key, dev-accounts.json); later runs continue the chain in DIR.

  --datadir DIR             data directory (default .civitas/dev)
  --rpc-port PORT           JSON-RPC port, HTTP and WebSocket (default 8545)
  --rpc-host HOST           interface to listen on (default 127.0.0.1)
  --accounts N              demo accounts to fund on a new chain (default 10)
  --block-period S          seconds between blocks while transactions wait (default 1)
  --empty-block-period S    seconds between blocks when idle (default 10)`;

const DEV_CHAIN_ID = 1337;
const DEV_BALANCE = 10n ** 24n; // one million ether per demo account

function writeSecret(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
}

function createDevChain(dir: string, accounts: number, blockPeriod: number, emptyPeriod: number): void {
  const validator = createAccountKey();
  const demo: AccountKey[] = Array.from({ length: accounts }, () => createAccountKey());
  const genesis = createDevGenesis({
    chainId: DEV_CHAIN_ID,
    validators: [validator.address],
    accounts: demo.map((a) => a.address),
    balanceWei: DEV_BALANCE,
    blockPeriodSeconds: blockPeriod,
    emptyBlockPeriodSeconds: emptyPeriod,
    gasLimit: 100_000_000n,
    timestamp: Math.floor(Date.now() / 1000),
  });
  writeSecret(join(dir, "validator.key"), `${validator.privateKey}\n`);
  writeSecret(
    join(dir, "dev-accounts.json"),
    `${JSON.stringify({ chainId: DEV_CHAIN_ID, accounts: demo }, null, 2)}\n`,
  );
  writeFileSync(join(dir, "genesis.json"), `${JSON.stringify(genesis, null, 2)}\n`);
}

function readValidatorKey(dir: string): { address: string; privateKey: Uint8Array } {
  const path = join(dir, "validator.key");
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
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new CliError(`data directory ${dir} is not usable: ${(err as Error).message}`);
    }
    const fresh = !existsSync(join(dir, "genesis.json"));
    if (fresh) createDevChain(dir, accounts, blockPeriod, emptyPeriod);
    let node: Awaited<ReturnType<typeof createLedgerNode>>;
    try {
      node = await createLedgerNode({
        dataDir: dir,
        genesisPath: join(dir, "genesis.json"),
        validatorKey: readValidatorKey(dir),
        rpc: { host: values["rpc-host"] ?? "127.0.0.1", port },
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
        `  demo accounts:   ${join(dir, "dev-accounts.json")} (addresses and private keys)`,
        "Press Ctrl-C to stop.",
      ].join("\n"),
    );
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        console.log("\nstopping…");
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    await node.close();
    console.log("stopped cleanly");
    return 0;
  },
};
