// `civitas dev` facing a busy port, an unusable data directory or a bad genesis file: it exits
// non-zero with one clear line naming the problem, and no stack trace.
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CliRun, DevNodeProcess, makeTempDir, removeDir, runCli } from "./devNodeProcess.ts";

// biome-ignore lint/suspicious/noExplicitAny: a genesis document whose fields the cases alter one by one
type GenesisJson = Record<string, any>;

/** The lines a person reads: stderr without the node's JSON log records. */
function messageLines(run: CliRun): string[] {
  return run.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("{"));
}

function assertCleanFailure(run: CliRun, problem: RegExp): void {
  assert.equal(run.signal, null, "the process exits by itself");
  assert.notEqual(run.code, 0, "a failed start exits non-zero");
  assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
  assert.doesNotMatch(run.stdout, /JSON-RPC/, "no RPC endpoint is announced");
  const lines = messageLines(run);
  assert.equal(lines.length, 1, `one line for the person at the terminal, got:\n${lines.join("\n")}`);
  assert.match(lines[0]!, /^civitas: /);
  assert.match(lines[0]!, problem);
}

describe("civitas dev refuses to start with a clear one-line error", () => {
  const dirs: string[] = [];
  let template: string;
  let genesisText: string;

  const tempDir = () => {
    const dir = makeTempDir("civitas-cli-");
    dirs.push(dir);
    return dir;
  };

  /** A data directory with the template's validator key and the given genesis.json content. */
  const dataDirWithGenesis = (genesis: string): string => {
    const dir = tempDir();
    copyFileSync(join(template, "validator.key"), join(dir, "validator.key"));
    copyFileSync(join(template, "dev-accounts.json"), join(dir, "dev-accounts.json"));
    writeFileSync(join(dir, "genesis.json"), genesis);
    return dir;
  };

  const dev = (dataDir: string, ...extra: string[]) =>
    runCli(["dev", "--datadir", dataDir, "--rpc-port", "0", ...extra]);

  before(async () => {
    // A data directory made by the CLI itself, whose genesis and key the cases below alter.
    const node = await DevNodeProcess.start({ accounts: 2 });
    template = node.dataDir;
    dirs.push(template);
    assert.deepEqual(await node.stop("SIGINT"), { code: 0, signal: null });
    genesisText = readFileSync(join(template, "genesis.json"), "utf8");
  });

  after(() => {
    for (const dir of dirs) removeDir(dir);
  });

  test("a busy RPC port", async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const run = await runCli(["dev", "--datadir", tempDir(), "--rpc-port", String(port)]);
      assertCleanFailure(run, new RegExp(`RPC port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a data directory that cannot be created or used", async () => {
    // Tests may run as root, for whom permissions do not fail; a path through a regular file always does.
    const file = join(tempDir(), "plain-file");
    writeFileSync(file, "not a directory");
    assertCleanFailure(
      await dev(join(file, "sub")),
      /data directory .*plain-file\/sub is not usable: ENOTDIR/,
    );
    assertCleanFailure(await dev(file), /data directory .*plain-file is not usable/);

    // The directory is fine but the database inside it cannot be opened.
    const dir = tempDir();
    writeFileSync(join(dir, "chain"), "not a database directory");
    assertCleanFailure(await dev(dir), /cannot open the chain database in .*chain/);
  });

  test("a genesis.json that is not JSON", async () => {
    const dir = dataDirWithGenesis(genesisText.slice(0, genesisText.length / 2));
    assertCleanFailure(await dev(dir), /the genesis file .*genesis\.json is not valid JSON/);
  });

  test("a genesis.json with a bad field names the field", async () => {
    const cases: [mutate: (g: GenesisJson) => void, problem: RegExp][] = [
      [(g) => (g["config"].chainId = "banana"), /config\.chainId must be a non-negative integer.*"banana"/],
      [
        (g) => (g["config"].qbft.blockperiodseconds = 0),
        /config\.qbft\.blockperiodseconds must be between 1 and 86400 seconds, got 0/,
      ],
      [(g) => delete g["config"].qbft, /config\.qbft is required/],
      [(g) => (g["gasLimit"] = "-5"), /gasLimit must be a non-negative integer/],
      [(g) => (g["config"].londonBlock = 5), /config\.londonBlock must be 0/],
      [
        (g) => (g["alloc"] = { "0x1234": { balance: "0x1" } }),
        /alloc key 0x1234 is not a 20-byte hex address/,
      ],
    ];
    for (const [mutate, problem] of cases) {
      const genesis = JSON.parse(genesisText) as GenesisJson;
      mutate(genesis);
      assertCleanFailure(await dev(dataDirWithGenesis(JSON.stringify(genesis))), problem);
    }
  });

  test("a chain started from another genesis", async () => {
    // The template holds a chain; the same directory with one balance changed is another network.
    const dir = tempDir();
    for (const file of ["validator.key", "dev-accounts.json", "genesis.json"])
      copyFileSync(join(template, file), join(dir, file));
    const node = await DevNodeProcess.start({ dataDir: dir });
    assert.deepEqual(await node.stop("SIGINT"), { code: 0, signal: null });
    const genesis = JSON.parse(genesisText) as { alloc: Record<string, { balance: string }> };
    const [address] = Object.keys(genesis.alloc);
    genesis.alloc[address!]!.balance = "0x1";
    writeFileSync(join(dir, "genesis.json"), JSON.stringify(genesis));
    assertCleanFailure(await dev(dir), /created from a different genesis file/);
  });

  test("an invalid option value", async () => {
    const run = await runCli(["dev", "--datadir", tempDir(), "--rpc-port", "seventy"]);
    assertCleanFailure(run, /--rpc-port must be an integer from 0 to 65535, got 'seventy'/);
  });
});
