import { type Hex, keccak256, pad, toHex } from "viem";
import { deployRecorder, recorderCall } from "./recorder.ts";
import type { RpcTestNode } from "./rpcTestNode.ts";

/** topic0 of Recorded(address indexed author, uint256 indexed amount, string note). */
export const RECORDED_TOPIC: Hex = keccak256(toHex("Recorded(address,uint256,string)"));
/** topic0 of Reset(uint256 previous). */
export const RESET_TOPIC: Hex = keccak256(toHex("Reset(uint256)"));

/** One event the fixture chain emitted, as the test expects to find it. */
export interface ExpectedLog {
  readonly address: Hex;
  readonly topics: readonly Hex[];
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
}

/** Two Recorder contracts and the events mined into blocks 3 to 5. */
export interface LogChain {
  readonly contracts: readonly [Hex, Hex];
  readonly logs: readonly ExpectedLog[];
}

/**
 * Deploys two Recorders (blocks 1, 2), then: block 3: A records 1 on contract 0, B records 2 on
 * contract 1; block 4: empty; block 5: A records 3 on contract 1, then A resets contract 0.
 */
export async function mineLogChain(t: RpcTestNode): Promise<LogChain> {
  const [a, b] = t.accounts;
  const c0 = (await deployRecorder(t, t.accounts[2]!, 0n)).address;
  const c1 = (await deployRecorder(t, t.accounts[2]!, 0n)).address;
  const logs: ExpectedLog[] = [];
  const record = async (who: typeof a, contract: Hex, amount: bigint, block: bigint) => {
    const hash = await t.send(who!, {
      to: contract,
      value: 0n,
      data: recorderCall("record", [amount, `n${amount}`]),
      gas: 200_000n,
    });
    logs.push({
      address: contract,
      topics: [RECORDED_TOPIC, pad(who!.address), pad(toHex(amount))],
      blockNumber: block,
      transactionHash: hash,
    });
  };
  await record(a, c0, 1n, 3n);
  await record(b, c1, 2n, 3n);
  await t.produce();
  await t.produce();
  await record(a, c1, 3n, 5n);
  const reset = await t.send(a!, { to: c0, value: 0n, data: recorderCall("reset"), gas: 200_000n });
  logs.push({ address: c0, topics: [RESET_TOPIC], blockNumber: 5n, transactionHash: reset });
  await t.produce();
  return { contracts: [c0, c1], logs };
}

/** The identity of a log for comparisons: block, transaction, emitter and topics. */
export function logKey(log: {
  blockNumber: Hex | bigint;
  transactionHash: Hex;
  address: Hex;
  topics: readonly Hex[];
}): string {
  return `${BigInt(log.blockNumber)}/${log.transactionHash}/${log.address}/${log.topics.join(",")}`;
}
