import type { Address } from "@civitas/qbft";
import { decodeExtraData } from "@civitas/qbft";
import { proposerOf } from "../../consensus/validatorSet.ts";
import { PROTOCOL_VERSION } from "../../network/messages.ts";
import type { RpcMethod } from "../context.ts";
import { expectParams, parseAddress, parseBool, quantity } from "../params.ts";
import { requireBlock } from "../resolveBlock.ts";
import { invalidParams } from "../rpcError.ts";

// qbft_getSignerMetrics looks at this many blocks when no range is given (Besu's default).
const DEFAULT_SIGNER_METRICS_BLOCKS = 100n;
const MAX_SIGNER_METRICS_BLOCKS = 10_000n;

function validatorsOfBlock(params: unknown, ctx: Parameters<RpcMethod>[1], name: string): Address[] {
  const [ref] = expectParams(params, 1, 1);
  const stored = requireBlock(ctx, ref, name);
  const number = Number(stored.block.header.number);
  // Genesis lists the validators of block 1; every other block lists the validators that sealed it.
  if (number === 0) return [...decodeExtraData(stored.block.header.extraData).validators];
  return [...ctx.validators.forHeight(number)];
}

/** Validator-set management and inspection, with Besu's names and shapes. */
export const qbftMethods: Record<string, RpcMethod> = {
  qbft_getValidatorsByBlockNumber: (params, ctx) => validatorsOfBlock(params, ctx, "blockNumber"),
  qbft_getValidatorsByBlockHash: (params, ctx) => {
    const [hash] = expectParams(params, 1, 1);
    if (typeof hash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(hash))
      throw invalidParams("blockHash must be a 32-byte 0x-prefixed hex string");
    return validatorsOfBlock([{ blockHash: hash }], ctx, "blockHash");
  },
  qbft_proposeValidatorVote: (params, ctx) => {
    const [address, add] = expectParams(params, 2, 2);
    ctx.validators.propose(
      parseAddress(address, "validatorAddress").toLowerCase() as Address,
      parseBool(add, "add"),
    );
    return true;
  },
  qbft_discardValidatorVote: (params, ctx) => {
    const [address] = expectParams(params, 1, 1);
    return ctx.validators.discard(parseAddress(address, "validatorAddress").toLowerCase() as Address);
  },
  qbft_getPendingVotes: (params, ctx) => {
    expectParams(params, 0, 0);
    return Object.fromEntries(ctx.validators.proposals());
  },
  qbft_getSignerMetrics: (params, ctx) => {
    const [fromRef, toRef] = expectParams(params, 0, 2);
    const head = ctx.chain.head.block.header.number;
    const to = toRef === undefined ? head : requireBlock(ctx, toRef, "toBlockNumber").block.header.number;
    const from =
      fromRef === undefined
        ? to >= DEFAULT_SIGNER_METRICS_BLOCKS
          ? to - DEFAULT_SIGNER_METRICS_BLOCKS + 1n
          : 0n
        : requireBlock(ctx, fromRef, "fromBlockNumber").block.header.number;
    if (from > to) throw invalidParams("fromBlockNumber is after toBlockNumber");
    if (to - from + 1n > MAX_SIGNER_METRICS_BLOCKS)
      throw invalidParams(`at most ${MAX_SIGNER_METRICS_BLOCKS} blocks per call`);
    const metrics = new Map<Address, { proposed: number; last: bigint }>();
    for (const validator of ctx.validators.forHeight(Number(to === 0n ? 1n : to)))
      metrics.set(validator, { proposed: 0, last: 0n });
    for (let n = from < 1n ? 1n : from; n <= to; n++) {
      const fields = ctx.chain.store.getHeaderFields(n);
      if (!fields) break;
      const proposer = proposerOf(fields);
      const entry = metrics.get(proposer) ?? { proposed: 0, last: 0n };
      metrics.set(proposer, { proposed: entry.proposed + 1, last: n });
    }
    return [...metrics].map(([address, m]) => ({
      address,
      proposedBlockCount: quantity(m.proposed),
      lastProposedBlockNumber: quantity(m.last),
    }));
  },
};

/** Node and peer information (admin_peers, admin_nodeInfo). */
export const adminMethods: Record<string, RpcMethod> = {
  admin_peers: (params, ctx) => {
    expectParams(params, 0, 0);
    return ctx.peers().map((p) => ({
      id: p.id,
      name: p.name,
      validatorAddress: p.validatorAddress ?? null,
      network: { localAddress: null, remoteAddress: p.remoteAddress, inbound: p.direction === "inbound" },
      listenAddress: p.listenAddress ?? null,
      head: { number: quantity(p.headHeight), hash: p.headHash },
      protocols: { civitas: { version: p.protocolVersion } },
      connectedAt: new Date(p.connectedAt).toISOString(),
    }));
  },
  admin_nodeInfo: (params, ctx) => {
    expectParams(params, 0, 0);
    const info = ctx.nodeInfo();
    const head = ctx.chain.head;
    const status = ctx.consensusStatus();
    return {
      id: info.id ?? null,
      name: info.name,
      listenAddr: info.listenAddress ?? null,
      validatorAddress: info.validatorAddress ?? null,
      protocols: {
        civitas: {
          version: PROTOCOL_VERSION,
          chainId: Number(ctx.chain.common.chainId()),
          genesis: `0x${Buffer.from(ctx.chain.genesis.hash).toString("hex")}`,
          head: `0x${Buffer.from(head.hash).toString("hex")}`,
          number: Number(head.block.header.number),
          consensus: status
            ? { height: status.height, round: status.round, validating: status.isValidator }
            : null,
        },
      },
    };
  },
};
