import { RLP } from "@ethereumjs/rlp";
import { createFeeMarket1559Tx, createLegacyTx, type TypedTransaction } from "@ethereumjs/tx";
import { bytesToBigInt, createAddressFromString } from "@ethereumjs/util";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createAccountKey } from "../../src/crypto/accountKeys.ts";
import { createChainCommon } from "../../src/genesis/createChainCommon.ts";

/** The chain id the unit tests use. */
export const CHAIN_ID = 1337n;
/** A Common for the unit tests. */
export const common = createChainCommon(CHAIN_ID);

/** A fresh key pair as bytes plus its address. */
export function newKey(): { address: string; key: Uint8Array } {
  const k = createAccountKey();
  return { address: k.address, key: new Uint8Array(Buffer.from(k.privateKey.slice(2), "hex")) };
}

/** A signed EIP-1559 transfer. */
export function transfer(
  key: Uint8Array,
  nonce: bigint,
  opts: {
    to?: string;
    value?: bigint;
    fee?: bigint;
    gasLimit?: bigint;
    data?: Uint8Array;
    chainId?: bigint;
  } = {},
): TypedTransaction {
  const txCommon = opts.chainId === undefined ? common : createChainCommon(opts.chainId);
  return createFeeMarket1559Tx(
    {
      nonce,
      to: createAddressFromString(opts.to ?? `0x${"22".repeat(20)}`),
      value: opts.value ?? 1n,
      gasLimit: opts.gasLimit ?? 21_000n,
      maxFeePerGas: opts.fee ?? 0n,
      maxPriorityFeePerGas: opts.fee ?? 0n,
      data: opts.data,
      chainId: opts.chainId ?? CHAIN_ID,
    },
    { common: txCommon },
  ).sign(key);
}

/** A legacy transfer signed without EIP-155 replay protection (v = 27/28). */
export function unprotectedLegacyTransfer(key: Uint8Array, nonce: bigint): TypedTransaction {
  const fields = {
    nonce,
    to: createAddressFromString(`0x${"22".repeat(20)}`),
    value: 1n,
    gasLimit: 21_000n,
    gasPrice: 0n,
  };
  const unsigned = createLegacyTx(fields, { common });
  const message = keccak_256(RLP.encode(unsigned.getMessageToSign().slice(0, 6)));
  const sig = secp256k1.sign(message, key, { prehash: false, format: "recovered" });
  return createLegacyTx(
    {
      ...fields,
      v: 27n + BigInt(sig[0]!),
      r: bytesToBigInt(sig.subarray(1, 33)),
      s: bytesToBigInt(sig.subarray(33, 65)),
    },
    { common },
  );
}

/** A deterministic xorshift generator in [0, 1), so that a failing sequence can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
