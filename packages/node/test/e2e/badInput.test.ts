// Bad input against the real process, with raw fetch: every mistake gets the JSON-RPC error code
// the spec (JSON-RPC 2.0, EIP-1474) gives it and a message saying what is wrong, and the node
// keeps serving afterwards: eth_blockNumber answers and a valid transfer is still mined.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Hex, keccak256, parseTransaction, serializeTransaction, toHex } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { WebSocket } from "ws";
import { DevNodeProcess, removeDir } from "./devNodeProcess.ts";
import { postRaw, type RpcResponse, request, rpc, waitForReceipt } from "./jsonRpc.ts";

const TX_LIMIT_BYTES = 128 * 1024;
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const BATCH_LIMIT = 1000;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function errorOf(body: unknown): RpcResponse["error"] & {} {
  const response = body as RpcResponse;
  assert.ok(response && typeof response === "object" && !Array.isArray(response), "one response object");
  assert.equal(response.jsonrpc, "2.0");
  assert.ok(response.error, `expected an error, got ${JSON.stringify(body)}`);
  assert.equal(response.result, undefined, "an error response carries no result");
  return response.error;
}

function assertError(body: unknown, code: number, message: RegExp, id?: number | null): void {
  const error = errorOf(body);
  assert.equal(error.code, code, `code for ${error.message}`);
  assert.match(error.message, message);
  if (id !== undefined) assert.equal((body as RpcResponse).id, id);
}

describe("bad input over JSON-RPC gets the right error and the node keeps serving", () => {
  let node: DevNodeProcess;
  let sender: PrivateKeyAccount;
  let checker: PrivateKeyAccount;
  let checkerNonce = 0;
  let senderNonce = 0;
  const recipient = privateKeyToAccount(keccak256(toHex("bad-input recipient"))).address;

  const signTransfer = (
    account: PrivateKeyAccount,
    nonce: number,
    overrides: { chainId?: number; data?: Hex; gas?: bigint } = {},
  ) =>
    account.signTransaction({
      type: "eip1559",
      chainId: overrides.chainId ?? node.chainId,
      nonce,
      to: recipient,
      value: 1n,
      gas: overrides.gas ?? 21_000n,
      maxFeePerGas: 0n,
      maxPriorityFeePerGas: 0n,
      ...(overrides.data ? { data: overrides.data } : {}),
    });

  const sendRaw = (raw: string) => postRaw(node.url, request("eth_sendRawTransaction", [raw]));

  /** The node answers a plain call, and a valid transfer from an untouched account gets mined. */
  async function assertStillServes(): Promise<void> {
    const head = await rpc<string>(node.url, "eth_blockNumber");
    assert.match(head, /^0x[0-9a-f]+$/);
    const hash = await rpc<string>(node.url, "eth_sendRawTransaction", [
      await signTransfer(checker, checkerNonce),
    ]);
    checkerNonce += 1;
    const receipt = await waitForReceipt(node.url, hash);
    assert.equal(receipt["status"], "0x1");
    assert.ok(BigInt(receipt["blockNumber"] as string) > BigInt(head));
  }

  before(async () => {
    node = await DevNodeProcess.start({ accounts: 3 });
    sender = privateKeyToAccount(node.accounts[0]!.privateKey);
    checker = privateKeyToAccount(node.accounts[1]!.privateKey);
  });

  after(async () => {
    if (node) {
      await node.stop("SIGINT");
      removeDir(node.dataDir);
    }
  });

  test("malformed JSON: -32700 parse error with a null id", async () => {
    const reply = await postRaw(node.url, '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"');
    assert.equal(reply.status, 200);
    assertError(reply.body, -32700, /parse error.*not valid JSON/i, null);
    assertError((await postRaw(node.url, "not json at all")).body, -32700, /parse error/i, null);
    await assertStillServes();
  });

  test("unknown method: -32601 naming the method", async () => {
    const reply = await postRaw(node.url, request("eth_mineEverything", []));
    assertError(reply.body, -32601, /eth_mineEverything.*does not exist/);
    await assertStillServes();
  });

  test("wrong params: -32602 saying which parameter is wrong", async () => {
    assertError(
      (await postRaw(node.url, request("eth_getBalance", ["0x1234", "latest"]))).body,
      -32602,
      /address must be a 20-byte 0x-hex address/,
    );
    assertError(
      (await postRaw(node.url, request("eth_getBalance", []))).body,
      -32602,
      /expected 1 to 2 parameters, got 0/,
    );
    assertError(
      (await postRaw(node.url, request("eth_getBlockByNumber", ["0x1", "yes"]))).body,
      -32602,
      /must be true or false/,
    );
    assertError(
      (await postRaw(node.url, request("eth_getTransactionByHash", ["0xabc"]))).body,
      -32602,
      /32-byte 0x-hex hash/,
    );
    assertError(
      (await postRaw(node.url, { jsonrpc: "2.0", id: 5, method: "eth_getBalance", params: { a: 1 } })).body,
      -32602,
      /params must be an array/,
      5,
    );
    await assertStillServes();
  });

  test("malformed RLP and non-hex in eth_sendRawTransaction: -32602", async () => {
    assertError((await sendRaw("0xdeadbeef")).body, -32602, /invalid transaction encoding/);
    const valid = await signTransfer(sender, senderNonce);
    assertError((await sendRaw(valid.slice(0, -10))).body, -32602, /invalid transaction encoding/);
    assertError((await sendRaw("hello")).body, -32602, /hex/);
    await assertStillServes();
  });

  test("wrong chain id: -32000 'invalid chain id'", async () => {
    const raw = await signTransfer(sender, senderNonce, { chainId: 1 });
    assertError((await sendRaw(raw)).body, -32000, /invalid chain id.*1337/);
    await assertStillServes();
  });

  test("bad signature: -32000 'invalid sender'", async () => {
    const tx = parseTransaction(await signTransfer(sender, senderNonce));
    const unsigned = { ...tx, r: undefined, s: undefined, v: undefined, yParity: undefined };
    // r = 0 is no point on the curve; s above n/2 is refused by EIP-2; s = n is out of range.
    const signatures = [
      { r: toHex(0n, { size: 32 }), s: tx.s!, yParity: tx.yParity! },
      { r: tx.r!, s: toHex(SECP256K1_N - BigInt(tx.s!), { size: 32 }), yParity: tx.yParity! },
      { r: tx.r!, s: toHex(SECP256K1_N, { size: 32 }), yParity: tx.yParity! },
    ];
    for (const signature of signatures) {
      const reply = await sendRaw(serializeTransaction(unsigned, signature));
      assertError(reply.body, -32000, /^invalid sender: .*invalid signature/i);
    }
    await assertStillServes();
  });

  test("nonce too low: -32000 once the nonce was used by a mined transaction", async () => {
    const first = await rpc<string>(node.url, "eth_sendRawTransaction", [
      await signTransfer(sender, senderNonce),
    ]);
    await waitForReceipt(node.url, first);
    const replay = await signTransfer(sender, senderNonce, { gas: 21_001n });
    senderNonce += 1;
    assertError((await sendRaw(replay)).body, -32000, /nonce too low/);
    await assertStillServes();
  });

  test(`oversized transaction (> ${TX_LIMIT_BYTES} bytes): -32000 'oversized data'`, async () => {
    const data = toHex(new Uint8Array(TX_LIMIT_BYTES + 1024).fill(1));
    const raw = await signTransfer(sender, senderNonce, { data, gas: 16_000_000n });
    assert.ok((raw.length - 2) / 2 > TX_LIMIT_BYTES);
    assertError((await sendRaw(raw)).body, -32000, /oversized data.*limit is 131072/);
    await assertStillServes();
  });

  test(`oversized request body (> ${BODY_LIMIT_BYTES} bytes): HTTP 413 and -32005`, async () => {
    const padding = "0".repeat(BODY_LIMIT_BYTES);
    const reply = await postRaw(node.url, request("web3_sha3", [`0x${padding}`]));
    assert.equal(reply.status, 413);
    assertError(reply.body, -32005, /request body exceeds 5242880 bytes/);
    await assertStillServes();
  });

  test(`batch longer than ${BATCH_LIMIT}: -32005 naming the limit`, async () => {
    const batch = Array.from({ length: BATCH_LIMIT + 1 }, () => request("eth_chainId"));
    assertError(
      (await postRaw(node.url, batch)).body,
      -32005,
      /batch of 1001 requests exceeds the limit of 1000/,
    );
    const atLimit = await postRaw(
      node.url,
      Array.from({ length: BATCH_LIMIT }, () => request("eth_chainId")),
    );
    assert.equal((atLimit.body as RpcResponse[]).length, BATCH_LIMIT, "a batch at the limit is served");
    await assertStillServes();
  });

  test("empty batch and invalid request objects: -32600", async () => {
    assertError((await postRaw(node.url, [])).body, -32600, /empty batch/, null);
    assertError((await postRaw(node.url, 42)).body, -32600, /expected a JSON-RPC 2.0 object/, null);
    assertError(
      (await postRaw(node.url, { jsonrpc: "1.0", id: 7, method: "eth_chainId" })).body,
      -32600,
      /"jsonrpc": "2.0"/,
      7,
    );
    assertError((await postRaw(node.url, { jsonrpc: "2.0", id: 8 })).body, -32600, /string "method"/, 8);
    assertError(
      (await postRaw(node.url, { jsonrpc: "2.0", id: { x: 1 }, method: "eth_chainId" })).body,
      -32600,
      /"id"/,
      null,
    );
    // In a batch, each member is answered on its own: the bad one with -32600, the good one with a result.
    const good = request("eth_chainId");
    const mixed = (await postRaw(node.url, [1, good])).body as RpcResponse[];
    assert.equal(mixed.length, 2);
    assertError(mixed[0], -32600, /JSON-RPC 2.0 object/, null);
    assert.deepEqual(mixed[1], { jsonrpc: "2.0", id: good["id"], result: toHex(node.chainId) });
    await assertStillServes();
  });

  test("notifications (no id) get no response, in a batch too", async () => {
    const notification = { jsonrpc: "2.0", method: "eth_blockNumber", params: [] };
    const single = await postRaw(node.url, notification);
    assert.equal(single.status, 200);
    assert.equal(single.text, "");
    const unknown = await postRaw(node.url, { jsonrpc: "2.0", method: "eth_nothing", params: [] });
    assert.equal(unknown.text, "", "no error response for a notification either");
    const batch = await postRaw(node.url, [notification, notification]);
    assert.equal(batch.text, "");
    const call = request("eth_chainId");
    const mixed = (await postRaw(node.url, [notification, call])).body as RpcResponse[];
    assert.deepEqual(
      mixed.map((r) => r.id),
      [call["id"]],
    );
    await assertStillServes();
  });

  test("over WebSocket: malformed JSON gets -32700 and the connection stays usable", async () => {
    const socket = new WebSocket(node.wsUrl);
    const replies: unknown[] = [];
    const waiting: (() => void)[] = [];
    socket.on("message", (data) => {
      replies.push(JSON.parse(data.toString()));
      waiting.shift()?.();
    });
    const next = () =>
      new Promise<unknown>((resolve) => {
        const take = () => resolve(replies.shift());
        if (replies.length > 0) take();
        else waiting.push(take);
      });
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    try {
      socket.send("{nope");
      assertError(await next(), -32700, /parse error/i, null);
      socket.send(JSON.stringify(request("eth_unknownThing")));
      assertError(await next(), -32601, /eth_unknownThing/);
      const call = request("eth_chainId");
      socket.send(JSON.stringify(call));
      assert.deepEqual(await next(), { jsonrpc: "2.0", id: call["id"], result: toHex(node.chainId) });
    } finally {
      socket.close();
    }
    await assertStillServes();
  });
});
