import { getMerkleStateProof } from "@ethereumjs/statemanager";
import { Address, hexToBytes, setLengthLeft } from "@ethereumjs/util";
import type { RpcMethod } from "../context.ts";
import { data, expectParams, parseAddress, parseQuantity, quantity } from "../params.ts";
import { requireBlock } from "../resolveBlock.ts";
import { invalidParams } from "../rpcError.ts";

const MAX_PROOF_SLOTS = 1024;

function address(value: unknown, name = "address"): Address {
  return new Address(hexToBytes(parseAddress(value, name)));
}

function slotKey(value: unknown, name: string): Uint8Array {
  const slot = parseQuantity(value, name);
  if (slot >= 2n ** 256n) throw invalidParams(`${name} must fit in 32 bytes`);
  return setLengthLeft(hexToBytes(`0x${slot.toString(16).padStart(64, "0")}`), 32);
}

/** Account state at a block. */
export const stateMethods: Record<string, RpcMethod> = {
  eth_getBalance: async (params, ctx) => {
    const [addr, tag] = expectParams(params, 1, 2);
    const account = await ctx.chain.stateAt(requireBlock(ctx, tag)).getAccount(address(addr));
    return quantity(account?.balance ?? 0n);
  },
  eth_getCode: async (params, ctx) => {
    const [addr, tag] = expectParams(params, 1, 2);
    return data(await ctx.chain.stateAt(requireBlock(ctx, tag)).getCode(address(addr)));
  },
  eth_getStorageAt: async (params, ctx) => {
    const [addr, slot, tag] = expectParams(params, 2, 3);
    const value = await ctx.chain
      .stateAt(requireBlock(ctx, tag))
      .getStorage(address(addr), slotKey(slot, "slot"));
    return data(setLengthLeft(value, 32));
  },
  eth_getTransactionCount: async (params, ctx) => {
    const [addr, tag] = expectParams(params, 1, 2);
    const who = address(addr);
    const account = await ctx.chain.stateAt(requireBlock(ctx, tag)).getAccount(who);
    const nonce = account?.nonce ?? 0n;
    return quantity(tag === "pending" ? ctx.pool.pendingNonce(who.toString(), nonce) : nonce);
  },
  eth_getProof: async (params, ctx) => {
    const [addr, slots, tag] = expectParams(params, 2, 3);
    if (!Array.isArray(slots) || slots.length > MAX_PROOF_SLOTS) {
      throw invalidParams(`storageKeys must be an array of at most ${MAX_PROOF_SLOTS} slots`);
    }
    const keys = slots.map((s, i) => slotKey(s, `storageKeys[${i}]`));
    const proof = await getMerkleStateProof(ctx.chain.stateAt(requireBlock(ctx, tag)), address(addr), keys);
    // EthereumJS lists no storage proofs for an absent account and may write values with leading
    // zeros; the spec wants one entry per requested key, each value a uint256 quantity.
    const storageProof =
      proof.storageProof.length === keys.length
        ? proof.storageProof.map((p) => ({ ...p, value: quantity(BigInt(p.value)) }))
        : keys.map((key) => ({ key: data(key), value: "0x0", proof: [] }));
    return { ...proof, storageProof };
  },
};
