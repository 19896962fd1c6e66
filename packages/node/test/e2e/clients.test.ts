// The node as real Ethereum clients meet it: viem, ethers v6 and Foundry's cast deploy a
// contract compiled here by solc, call it, and read its events through eth_getLogs, polling
// filters and WebSocket subscriptions; receipts, proofs, gas estimates and revert reasons are
// checked against what the node's own state says.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import {
  Contract,
  ContractFactory,
  type EventLog,
  isError,
  JsonRpcProvider,
  Network,
  Wallet,
  WebSocketProvider,
} from "ethers";
import {
  type Block,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeEventLog,
  defineChain,
  encodeFunctionData,
  encodePacked,
  getAddress,
  type Hex,
  http,
  keccak256,
  type Log,
  pad,
  parseAbi,
  toHex,
  type Chain as ViemChain,
  webSocket,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type CompiledContract, compileSolidity } from "../support/compileSolidity.ts";
import { DevNodeProcess, removeDir } from "./devNodeProcess.ts";
import { postRaw, request, rpc } from "./jsonRpc.ts";
import { type ProofResult, proveAccount, proveStorage } from "./verifyProof.ts";

const REVERT_REASON = "Registry: value must be non-zero";
const ERROR_STRING_ABI = parseAbi(["function Error(string)"]);
// The npm launcher (node_modules/.bin/cast) always exits 0, even when cast fails, so the tests
// run the platform binary it wraps and see cast's own exit status.
const CAST = createRequire(import.meta.url).resolve(
  `@foundry-rs/cast-${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}/bin/cast`,
);
// Upper bound on writes sent while waiting for a subscription to deliver; a subscription set up
// late may miss the first ones, one that never delivers fails the test.
const MAX_WRITES_FOR_DELIVERY = 5;

const execFileAsync = promisify(execFile);

/** Runs Foundry's cast and returns its stdout; rejects when cast exits non-zero. */
async function cast(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(CAST, args, { timeout: 60_000 });
  return stdout.trim();
}

async function castFails(...args: string[]): Promise<string> {
  try {
    await execFileAsync(CAST, args, { timeout: 60_000 });
  } catch (err) {
    return `${(err as { stderr?: string }).stderr ?? ""}`;
  }
  throw new Error(`cast ${args.join(" ")} succeeded but was expected to fail`);
}

/** Sends writes until `delivered()` reports one of them, and returns the hash it reported. */
async function writeUntilDelivered(
  write: (attempt: number) => Promise<string>,
  delivered: () => string | undefined,
): Promise<{ hash: string; sent: string[] }> {
  const sent: string[] = [];
  for (let attempt = 0; attempt < MAX_WRITES_FOR_DELIVERY; attempt++) {
    sent.push(await write(attempt));
    const got = delivered();
    if (got !== undefined) return { hash: got, sent };
  }
  // The last write's event may still be on its way: give it a final chance by waiting for one more block.
  await new Promise((r) => setTimeout(r, 2000));
  const got = delivered();
  if (got === undefined) throw new Error(`no subscription delivery after ${sent.length} mined writes`);
  return { hash: got, sent };
}

describe("viem, ethers v6 and cast against a running civitas dev node", () => {
  let node: DevNodeProcess;
  let registry: CompiledContract;
  let chain: ViemChain;
  let deployed: Hex;

  before(async () => {
    registry = compileSolidity(join(import.meta.dirname, "fixtures", "Registry.sol"), "Registry");
    node = await DevNodeProcess.start({ accounts: 4 });
    chain = defineChain({
      id: node.chainId,
      name: "Civitas dev",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [node.url], webSocket: [node.wsUrl] } },
    });
  });

  after(async () => {
    if (node) {
      await node.stop("SIGINT");
      removeDir(node.dataDir);
    }
  });

  test("viem: deploys, writes and reads the contract; receipts, nonces and balances add up", async () => {
    const client = createPublicClient({ chain, transport: http(node.url), pollingInterval: 200 });
    const account = privateKeyToAccount(node.accounts[0]!.privateKey);
    const wallet = createWalletClient({ chain, transport: http(node.url), account });
    const balanceBefore = await client.getBalance({ address: account.address });
    const nonceBefore = await client.getTransactionCount({ address: account.address });

    const deployHash = await wallet.deployContract({ abi: registry.abi, bytecode: registry.bytecode });
    const deployReceipt = await client.waitForTransactionReceipt({ hash: deployHash });
    assert.equal(deployReceipt.status, "success");
    assert.ok(deployReceipt.contractAddress, "a deployment receipt names the new contract");
    deployed = deployReceipt.contractAddress;
    assert.equal(await client.getCode({ address: deployed }), registry.deployedBytecode);
    const deployTx = await client.getTransaction({ hash: deployHash });
    assert.ok(deployReceipt.gasUsed > 53_000n && deployReceipt.gasUsed <= deployTx.gas);
    assert.equal(deployReceipt.to, null);
    assert.deepEqual(deployReceipt.logs, []);
    const deployBlock = await client.getBlock({ blockNumber: deployReceipt.blockNumber });
    assert.equal(deployReceipt.blockHash, deployBlock.hash);
    assert.equal(deployBlock.transactions[deployReceipt.transactionIndex], deployHash);

    const writeHash = await wallet.writeContract({
      address: deployed,
      abi: registry.abi,
      functionName: "store",
      args: [7n, 42n],
    });
    const writeReceipt = await client.waitForTransactionReceipt({ hash: writeHash });
    assert.equal(writeReceipt.status, "success");
    assert.equal(writeReceipt.to, deployed.toLowerCase());
    assert.ok(writeReceipt.cumulativeGasUsed >= writeReceipt.gasUsed);
    assert.equal(writeReceipt.logs.length, 1);
    const log = writeReceipt.logs[0]!;
    assert.equal(getAddress(log.address), getAddress(deployed));
    assert.equal(log.transactionHash, writeHash);
    assert.equal(log.blockHash, writeReceipt.blockHash);
    const event = decodeEventLog({ abi: registry.abi, data: log.data, topics: log.topics });
    assert.equal(event.eventName, "Stored");
    assert.deepEqual(event.args, { writer: account.address, key: 7n, value: 42n });

    assert.equal(
      await client.readContract({ address: deployed, abi: registry.abi, functionName: "values", args: [7n] }),
      42n,
    );
    assert.equal(
      await client.readContract({ address: deployed, abi: registry.abi, functionName: "writes" }),
      1n,
    );

    // Gas is free: a value transfer moves exactly its value, and nonces count every transaction.
    const recipient = privateKeyToAccount(keccak256(toHex("viem recipient"))).address;
    const transferHash = await wallet.sendTransaction({ to: recipient, value: 123_456_789n });
    const transfer = await client.waitForTransactionReceipt({ hash: transferHash });
    assert.equal(transfer.status, "success");
    assert.equal(transfer.gasUsed, 21_000n);
    assert.equal(transfer.effectiveGasPrice, 0n);
    assert.equal(await client.getBalance({ address: recipient }), 123_456_789n);
    assert.equal(await client.getBalance({ address: account.address }), balanceBefore - 123_456_789n);
    assert.equal(await client.getTransactionCount({ address: account.address }), nonceBefore + 3);
  });

  test("viem: eth_getLogs and polling filters (eth_newFilter, eth_newBlockFilter) return the events", async () => {
    const client = createPublicClient({ chain, transport: http(node.url), pollingInterval: 200 });
    const account = privateKeyToAccount(node.accounts[0]!.privateKey);
    const wallet = createWalletClient({ chain, transport: http(node.url), account });
    const eventFilter = await client.createContractEventFilter({
      address: deployed,
      abi: registry.abi,
      eventName: "Stored",
    });
    const blockFilter = await client.createBlockFilter();

    const hash = await wallet.writeContract({
      address: deployed,
      abi: registry.abi,
      functionName: "store",
      args: [8n, 80n],
    });
    const receipt = await client.waitForTransactionReceipt({ hash });

    const changes = (await client.getFilterChanges({ filter: eventFilter })) as Log[];
    assert.deepEqual(
      changes.map((l) => [l.transactionHash, l.blockHash]),
      [[hash, receipt.blockHash]],
    );
    assert.deepEqual(await client.getFilterChanges({ filter: eventFilter }), [], "changes are reported once");
    const filterLogs = await client.getFilterLogs({ filter: eventFilter });
    assert.deepEqual(
      filterLogs.map((l) => l.transactionHash),
      [hash],
    );

    const blockHashes = (await client.getFilterChanges({ filter: blockFilter })) as Hex[];
    assert.ok(blockHashes.includes(receipt.blockHash), "the block filter reports the block with the write");
    for (const blockHash of blockHashes) {
      const block = await client.getBlock({ blockHash });
      assert.equal(block.hash, blockHash);
    }
    assert.equal(await client.uninstallFilter({ filter: eventFilter }), true);
    assert.equal(await client.uninstallFilter({ filter: blockFilter }), true);
    await assert.rejects(client.getFilterChanges({ filter: eventFilter }), /filter not found|not found/i);

    const all = await client.getContractEvents({
      address: deployed,
      abi: registry.abi,
      eventName: "Stored",
      fromBlock: 0n,
    });
    assert.deepEqual(
      all.map((l) => {
        const args = l.args as { key: bigint; value: bigint };
        return [args.key, args.value];
      }),
      [
        [7n, 42n],
        [8n, 80n],
      ],
    );
    // The indexed key is a topic: filtering on it selects exactly the matching writes.
    const withKey = async (key: bigint) =>
      (
        await client.getContractEvents({
          address: deployed,
          abi: registry.abi,
          eventName: "Stored",
          args: { key },
          fromBlock: 0n,
        })
      ).map((l) => l.transactionHash);
    assert.deepEqual(await withKey(8n), [hash]);
    assert.deepEqual(await withKey(9999n), []);
  });

  test("viem over WebSocket: watchBlocks and watchContractEvent receive eth_subscribe pushes", async () => {
    const ws = createPublicClient({
      chain,
      transport: webSocket(node.wsUrl, { reconnect: false, keepAlive: false }),
    });
    const client = createPublicClient({ chain, transport: http(node.url), pollingInterval: 200 });
    const wallet = createWalletClient({
      chain,
      transport: http(node.url),
      account: privateKeyToAccount(node.accounts[0]!.privateKey),
    });
    const logs: Log[] = [];
    const blocks: Block[] = [];
    const errors: Error[] = [];
    const unwatchLogs = ws.watchContractEvent({
      address: deployed,
      abi: registry.abi,
      eventName: "Stored",
      onLogs: (batch) => logs.push(...batch),
      onError: (err) => errors.push(err),
    });
    const unwatchBlocks = ws.watchBlocks({
      onBlock: (block) => blocks.push(block),
      onError: (err) => errors.push(err),
    });
    try {
      let key = 20n;
      const { hash } = await writeUntilDelivered(
        async () => {
          const h = await wallet.writeContract({
            address: deployed,
            abi: registry.abi,
            functionName: "store",
            args: [key, key * 10n],
          });
          key += 1n;
          await client.waitForTransactionReceipt({ hash: h });
          return h;
        },
        () => logs[0]?.transactionHash ?? undefined,
      );
      const receipt = await client.getTransactionReceipt({ hash: hash as Hex });
      const pushed = logs[0]!;
      assert.equal(pushed.blockHash, receipt.blockHash);
      assert.equal(pushed.logIndex, receipt.logs[0]!.logIndex);
      assert.deepEqual(pushed.topics, receipt.logs[0]!.topics);
      assert.equal(pushed.data, receipt.logs[0]!.data);
      assert.deepEqual(errors, []);

      assert.ok(blocks.length > 0, "newHeads delivered blocks while transactions were mined");
      for (const block of blocks) {
        const overHttp = await client.getBlock({ blockNumber: block.number! });
        assert.equal(block.hash, overHttp.hash);
        assert.equal(block.stateRoot, overHttp.stateRoot);
        assert.equal(block.parentHash, overHttp.parentHash);
      }
    } finally {
      unwatchLogs();
      unwatchBlocks();
      (await ws.transport.getRpcClient()).close();
    }
  });

  test("eth_getProof: account and storage proofs verify against the block's stateRoot", async () => {
    const client = createPublicClient({ chain, transport: http(node.url) });
    const block = await client.getBlock({ blockTag: "latest" });
    // values[7] lives at keccak256(key ‖ slot 0) in the contract's storage trie.
    const slot = keccak256(encodePacked(["uint256", "uint256"], [7n, 0n]));
    const proof = await rpc<ProofResult>(node.url, "eth_getProof", [deployed, [slot], toHex(block.number)]);
    const account = await proveAccount(proof, block.stateRoot);
    assert.ok(account, "the contract's account is proven to exist");
    assert.equal(account.nonce, BigInt(proof.nonce));
    assert.equal(account.nonce, 1n, "a contract created by a transaction starts at nonce 1 (EIP-161)");
    assert.equal(account.balance, BigInt(proof.balance));
    assert.equal(account.storageRoot, proof.storageHash);
    assert.equal(account.codeHash, proof.codeHash);
    assert.equal(account.codeHash, keccak256(registry.deployedBytecode));
    const storage = proof.storageProof[0]!;
    assert.equal(BigInt(storage.key), BigInt(slot));
    assert.equal(await proveStorage(proof.storageHash, pad(storage.key), storage.proof), 42n);
    assert.equal(BigInt(storage.value), 42n);

    const sender = node.accounts[0]!.address;
    const senderProof = await rpc<ProofResult>(node.url, "eth_getProof", [sender, [], toHex(block.number)]);
    const senderAccount = await proveAccount(senderProof, block.stateRoot);
    assert.equal(
      senderAccount?.balance,
      await client.getBalance({ address: sender, blockNumber: block.number }),
    );
    assert.equal(
      senderAccount?.nonce,
      BigInt(await client.getTransactionCount({ address: sender, blockNumber: block.number })),
    );

    const nobody = privateKeyToAccount(keccak256(toHex("never funded"))).address;
    const absent = await rpc<ProofResult>(node.url, "eth_getProof", [nobody, [], toHex(block.number)]);
    assert.equal(await proveAccount(absent, block.stateRoot), null, "a proof of absence verifies to null");

    // The check is real: a proof against another root, or with a node altered, is refused.
    const parent = await client.getBlock({ blockHash: block.parentHash });
    if (parent.stateRoot !== block.stateRoot) await assert.rejects(proveAccount(proof, parent.stateRoot));
    const tampered = proof.accountProof.map((node, i) =>
      i === proof.accountProof.length - 1
        ? (`${node.slice(0, -2)}${node.endsWith("00") ? "01" : "00"}` as Hex)
        : node,
    );
    await assert.rejects(proveAccount({ ...proof, accountProof: tampered }, block.stateRoot));
  });

  test("viem: eth_estimateGas is enough and no more; eth_call reverts carry reason and data", async () => {
    const client = createPublicClient({ chain, transport: http(node.url), pollingInterval: 200 });
    const account = privateKeyToAccount(node.accounts[1]!.privateKey);
    const wallet = createWalletClient({ chain, transport: http(node.url), account });
    const send = async (key: bigint, gas: bigint) => {
      const hash = await wallet.writeContract({
        address: deployed,
        abi: registry.abi,
        functionName: "store",
        args: [key, 5n],
        gas,
      });
      return client.waitForTransactionReceipt({ hash });
    };
    const estimate = (key: bigint) =>
      client.estimateContractGas({
        address: deployed,
        abi: registry.abi,
        functionName: "store",
        args: [key, 5n],
        account,
      });
    const short = await send(101n, (await estimate(101n)) - 1n);
    assert.equal(short.status, "reverted", "one gas less than the estimate runs out of gas");
    const exact = await send(100n, await estimate(100n));
    assert.equal(exact.status, "success", "the estimate itself is enough");

    const reverting = {
      address: deployed,
      abi: registry.abi,
      functionName: "store",
      args: [1n, 0n],
    } as const;
    const simulated = await client.simulateContract({ ...reverting, account }).then(
      () => undefined,
      (err: unknown) => err as Error & { walk: (fn: (e: unknown) => boolean) => unknown },
    );
    assert.ok(simulated, "a reverting call is an error");
    const reverted = simulated.walk((e) => e instanceof ContractFunctionRevertedError);
    assert.ok(reverted instanceof ContractFunctionRevertedError);
    assert.equal(reverted.reason, REVERT_REASON);
    await assert.rejects(client.estimateContractGas({ ...reverting, account }), (err: Error) =>
      err.message.includes(REVERT_REASON),
    );

    const data = encodeFunctionData({ abi: registry.abi, functionName: "store", args: [1n, 0n] });
    const raw = await postRaw(node.url, request("eth_call", [{ to: deployed, data }, "latest"]));
    assert.deepEqual((raw.body as { error: unknown }).error, {
      code: 3,
      message: `execution reverted: ${REVERT_REASON}`,
      data: encodeFunctionData({ abi: ERROR_STRING_ABI, args: [REVERT_REASON] }),
    });
  });

  test("ethers v6: deploys, calls, and reads events over polling filters and a WebSocketProvider", async () => {
    const network = new Network("civitas-dev", node.chainId);
    const provider = new JsonRpcProvider(node.url, network, { staticNetwork: network, pollingInterval: 200 });
    const wsProvider = new WebSocketProvider(node.wsUrl, network);
    const wallet = new Wallet(node.accounts[2]!.privateKey, provider);
    try {
      assert.equal((await provider.getNetwork()).chainId, BigInt(node.chainId));
      const factory = new ContractFactory(registry.abi as never, registry.bytecode, wallet);
      const deployedContract = await factory.deploy();
      await deployedContract.waitForDeployment();
      const address = await deployedContract.getAddress();
      const deployReceipt = await deployedContract.deploymentTransaction()!.wait();
      assert.equal(deployReceipt?.status, 1);
      assert.equal(deployReceipt?.contractAddress, address);
      assert.equal(await provider.getCode(address), registry.deployedBytecode);
      const contract = new Contract(address, registry.abi as never, wallet);

      // Listeners over HTTP (eth_newFilter + eth_getFilterChanges) and over WebSocket (eth_subscribe logs).
      const polled: EventLog[] = [];
      const pushed: EventLog[] = [];
      const pushedBlocks: number[] = [];
      await contract.on("Stored", (_w, _k, _v, ev: { log: EventLog }) => {
        polled.push(ev.log);
      });
      const wsContract = new Contract(address, registry.abi as never, wsProvider);
      await wsContract.on("Stored", (_w, _k, _v, ev: { log: EventLog }) => {
        pushed.push(ev.log);
      });
      await wsProvider.on("block", (n: number) => pushedBlocks.push(n));

      const store = contract.getFunction("store");
      let key = 1n;
      const { sent } = await writeUntilDelivered(
        async () => {
          const tx = await store(key, key + 1000n);
          key += 1n;
          const receipt = await tx.wait();
          assert.equal(receipt?.status, 1);
          assert.equal(receipt?.logs.length, 1);
          return tx.hash;
        },
        () => (polled.length > 0 && pushed.length > 0 ? pushed[0]!.transactionHash : undefined),
      );
      for (const log of [...polled, ...pushed]) {
        assert.ok(sent.includes(log.transactionHash), "every delivered event is from a write we sent");
        assert.equal(log.address, address);
        const receipt = await provider.getTransactionReceipt(log.transactionHash);
        assert.equal(log.blockHash, receipt?.blockHash);
        assert.equal(log.topics[2], receipt?.logs[0]?.topics[2]);
      }
      assert.ok(pushedBlocks.length > 0, "the WebSocketProvider received newHeads");

      const key1 = (await contract.getFunction("values")(1n)) as bigint;
      assert.equal(key1, 1001n);
      const queried = await contract.queryFilter(contract.filters["Stored"]!(), 0);
      assert.deepEqual(
        queried.map((l) => l.transactionHash),
        sent,
      );

      const estimate = await store.estimateGas(500n, 1n);
      assert.ok(estimate > 21_000n);
      await assert.rejects(store.staticCall(1n, 0n), (err: unknown) => {
        assert.ok(isError(err, "CALL_EXCEPTION"), `expected CALL_EXCEPTION, got ${String(err)}`);
        assert.equal(err.reason, REVERT_REASON);
        assert.equal(err.data, encodeFunctionData({ abi: ERROR_STRING_ABI, args: [REVERT_REASON] }));
        return true;
      });
      const signer = await wallet.getAddress();
      assert.equal(await provider.getTransactionCount(signer), Number(key));
    } finally {
      await provider.removeAllListeners();
      await wsProvider.removeAllListeners();
      // ethers sends eth_uninstallFilter / eth_unsubscribe after removeAllListeners resolves;
      // a round trip on each provider lets those finish before the providers are destroyed.
      await Promise.all([provider.send("eth_blockNumber", []), wsProvider.send("eth_blockNumber", [])]);
      provider.destroy();
      await wsProvider.destroy();
    }
  });

  test("cast: chain-id, block-number, send, call, receipt, nonce and balance", async () => {
    const rpcUrl = ["--rpc-url", node.url];
    const key = node.accounts[3]!.privateKey;
    const from = node.accounts[3]!.address;
    assert.equal(await cast("chain-id", ...rpcUrl), String(node.chainId));

    const before = BigInt(await rpc<string>(node.url, "eth_blockNumber"));
    const castHead = BigInt(await cast("block-number", ...rpcUrl));
    const after = BigInt(await rpc<string>(node.url, "eth_blockNumber"));
    assert.ok(before <= castHead && castHead <= after, `cast saw ${castHead}, node ${before}..${after}`);

    const sent = JSON.parse(
      await cast(
        "send",
        ...rpcUrl,
        "--private-key",
        key,
        "--json",
        deployed,
        "store(uint256,uint256)",
        "9",
        "99",
      ),
    ) as { status: string; transactionHash: Hex; blockNumber: Hex; logs: { topics: Hex[] }[] };
    assert.equal(sent.status, "0x1");
    assert.equal(await cast("call", ...rpcUrl, deployed, "values(uint256)(uint256)", "9"), "99");

    const receipt = JSON.parse(await cast("receipt", ...rpcUrl, "--json", sent.transactionHash)) as {
      status: string;
      blockNumber: Hex;
      blockHash: Hex;
      gasUsed: Hex;
      to: string;
      logs: { address: string; topics: Hex[] }[];
    };
    const ours = await rpc<Record<string, unknown>>(node.url, "eth_getTransactionReceipt", [
      sent.transactionHash,
    ]);
    assert.equal(receipt.status, "0x1");
    assert.equal(receipt.blockHash, ours["blockHash"]);
    assert.equal(BigInt(receipt.gasUsed), BigInt(ours["gasUsed"] as string));
    assert.equal(receipt.to.toLowerCase(), deployed.toLowerCase());
    assert.equal(receipt.logs.length, 1);
    assert.equal(receipt.logs[0]!.topics[2], pad(toHex(9n)));

    assert.equal(await cast("nonce", ...rpcUrl, from), "1");
    assert.equal(
      await cast("balance", ...rpcUrl, from),
      BigInt(await rpc<string>(node.url, "eth_getBalance", [from, "latest"])).toString(),
    );
    const failure = await castFails("call", ...rpcUrl, deployed, "store(uint256,uint256)", "1", "0");
    assert.match(failure, new RegExp(REVERT_REASON));
  });
});
