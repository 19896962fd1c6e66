import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyMerkleProof } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import { encodeAbiParameters, type Hex, hexToBytes, keccak256, toHex } from "viem";
import { deployRecorder, recorder, recorderCall } from "./recorder.ts";
import { INITIAL_BALANCE, type RpcTestNode, startRpcTestNode } from "./rpcTestNode.ts";
import type { RpcBlock } from "./rpcTypes.ts";

interface Proof {
  address: Hex;
  balance: Hex;
  nonce: Hex;
  codeHash: Hex;
  storageHash: Hex;
  accountProof: Hex[];
  storageProof: { key: Hex; value: Hex; proof: Hex[] }[];
}

const EMPTY_CODE_HASH = keccak256("0x");
const EMPTY_STORAGE_ROOT = keccak256(RLP.encode(new Uint8Array(0)));
const bigOf = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(toHex(bytes)));

/** Checks an account proof against a state root, apart from the node: returns the proven [nonce, balance, storageRoot, codeHash]. */
async function proveAccount(proof: Proof, stateRoot: Hex): Promise<Uint8Array[] | null> {
  assert.equal(keccak256(proof.accountProof[0]!), stateRoot, "the proof starts at the state root");
  const leaf = await verifyMerkleProof(
    hexToBytes(keccak256(proof.address)),
    proof.accountProof.map((p) => hexToBytes(p)),
  );
  return leaf === null ? null : (RLP.decode(leaf) as Uint8Array[]);
}

describe("eth_getProof", () => {
  let t: RpcTestNode;
  let contract: Hex;
  let head: RpcBlock;
  before(async () => {
    t = await startRpcTestNode();
    contract = (await deployRecorder(t, t.accounts[0]!, 99n)).address;
    await t.mine(t.accounts[1]!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [1n, "p"]),
      gas: 200_000n,
    });
    head = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["latest", false]);
  });
  after(() => t.close());

  it("proves an externally owned account against the block's state root", async () => {
    const alice = t.accounts[0]!;
    const proof = await t.rpc<Proof>("eth_getProof", [alice.address, [], "latest"]);
    const fields = await proveAccount(proof, head.stateRoot);
    assert.ok(fields);
    assert.equal(bigOf(fields[0]!), 1n);
    assert.equal(bigOf(fields[1]!), INITIAL_BALANCE);
    assert.equal(toHex(fields[2]!), EMPTY_STORAGE_ROOT);
    assert.equal(toHex(fields[3]!), EMPTY_CODE_HASH);
    assert.equal(BigInt(proof.nonce), 1n);
    assert.equal(BigInt(proof.balance), INITIAL_BALANCE);
    assert.equal(proof.codeHash, EMPTY_CODE_HASH);
    assert.equal(proof.storageHash, EMPTY_STORAGE_ROOT);
    assert.deepEqual(proof.storageProof, []);
  });

  it("proves a contract's storage slots against its storage root", async () => {
    const author = t.accounts[1]!.address;
    const mapSlot = keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [author, 1n]));
    const proof = await t.rpc<Proof>("eth_getProof", [contract, ["0x0", mapSlot, "0x5"], "latest"]);
    const fields = await proveAccount(proof, head.stateRoot);
    assert.ok(fields);
    assert.equal(toHex(fields[3]!), keccak256(recorder.deployedBytecode));
    assert.equal(proof.codeHash, keccak256(recorder.deployedBytecode));
    assert.equal(toHex(fields[2]!), proof.storageHash);
    const expected = [100n, 1n, 0n];
    assert.equal(proof.storageProof.length, 3);
    for (const [i, entry] of proof.storageProof.entries()) {
      assert.equal(BigInt(entry.key), [0n, BigInt(mapSlot), 5n][i]);
      assert.equal(entry.value, toHex(expected[i]!));
      assert.equal(keccak256(entry.proof[0]!), proof.storageHash);
      const leaf = await verifyMerkleProof(
        hexToBytes(keccak256(toHex(BigInt(entry.key), { size: 32 }))),
        entry.proof.map((p) => hexToBytes(p)),
      );
      // A present slot is proven to hold RLP(value); an empty one is proven absent.
      assert.equal(leaf === null ? 0n : bigOf(RLP.decode(leaf) as Uint8Array), expected[i]);
    }
  });

  it("proves an absent account's absence, with one empty storage proof per requested key", async () => {
    const nobody: Hex = `0x${"0b".repeat(20)}`;
    const proof = await t.rpc<Proof>("eth_getProof", [nobody, ["0x0", "0x1"], "latest"]);
    assert.equal(await proveAccount(proof, head.stateRoot), null);
    assert.equal(proof.balance, "0x0");
    assert.equal(proof.nonce, "0x0");
    assert.equal(proof.codeHash, EMPTY_CODE_HASH);
    assert.equal(proof.storageHash, EMPTY_STORAGE_ROOT);
    assert.deepEqual(
      proof.storageProof.map((p) => [BigInt(p.key), p.value, p.proof]),
      [
        [0n, "0x0", []],
        [1n, "0x0", []],
      ],
    );
  });

  it("defaults the block to latest and proves a past state against that block's root", async () => {
    const alice = t.accounts[0]!.address;
    assert.deepEqual(
      await t.rpc("eth_getProof", [alice, []]),
      await t.rpc("eth_getProof", [alice, [], "latest"]),
    );
    const genesis = await t.rpc<RpcBlock>("eth_getBlockByNumber", ["0x0", false]);
    const old = await t.rpc<Proof>("eth_getProof", [alice, [], { blockHash: genesis.hash }]);
    const fields = await proveAccount(old, genesis.stateRoot);
    assert.ok(fields);
    assert.equal(bigOf(fields[0]!), 0n);
  });

  it("answers -32001 for a block beyond the head", async () => {
    await t.expectError("eth_getProof", [contract, [], "0x99"], -32001, /not found/);
  });

  it("refuses bad parameters with -32602 naming them", async () => {
    await t.expectError("eth_getProof", [contract], -32602, /expected 2 to 3 parameters, got 1/);
    await t.expectError("eth_getProof", [contract, "0x0", "latest"], -32602, /storageKeys must be an array/);
    await t.expectError("eth_getProof", [contract, ["0xzz"], "latest"], -32602, /storageKeys\[0\]/);
    await t.expectError("eth_getProof", ["0x00", [], "latest"], -32602, /address must be a 20-byte/);
  });
});
