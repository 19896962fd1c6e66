// EthereumJS analyses a contract's code (valid JUMPDESTs, PUSH values, opcode table) at the start
// of every call into it: for a large contract such as the identity registry (≈ 12 KB) that is about
// half a millisecond, more than the rest of a typical view call. The analysis depends only on the
// code and the EVM rules, so it is kept here per code hash and rule set, and reused.
//
// The interpreter is not exported by @ethereumjs/evm, so its module is loaded by URL next to the
// package's entry point (the same module instance the EVM uses). If a future version moves it,
// installation fails loudly at start rather than silently running without the cache.
import { keccak256 } from "../crypto/nativeCrypto.ts";
import { BoundedMap } from "../util/boundedMap.ts";

/**
 * Code shorter than this is not hashed (that would cost about as much as its analysis): its
 * analysis is reused only when the same code array comes back (from a state's code cache).
 */
const MIN_CODE_BYTES = 512;
/** Analyses kept; the oldest is dropped first. */
const MAX_ENTRIES = 512;

interface Analysis {
  readonly jumps: Uint8Array;
  readonly pushes: Record<number, bigint>;
  readonly opcodesCached: unknown[];
}

interface InterpreterPrototype {
  _getValidJumpDestinations(this: InterpreterLike, code: Uint8Array): Analysis;
}

interface InterpreterLike {
  readonly common: { hardfork(): string; eips(): number[] };
}

let installed = false;
let hits = 0;
let misses = 0;

/** Counters, for tests and benchmarks. */
export function jumpAnalysisStats(): { hits: number; misses: number } {
  return { hits, misses };
}

/** Installs the cache once per process. */
export async function installJumpAnalysisCache(): Promise<void> {
  if (installed) return;
  const entry = import.meta.resolve("@ethereumjs/evm");
  const module = (await import(new URL("./interpreter.js", entry).href)) as {
    Interpreter?: { prototype: InterpreterPrototype };
  };
  const prototype = module.Interpreter?.prototype;
  if (typeof prototype?._getValidJumpDestinations !== "function")
    throw new Error(
      "@ethereumjs/evm: the interpreter's jump analysis was not found (library version changed?)",
    );
  const analyse = prototype._getValidJumpDestinations;
  const cache = new BoundedMap<string, Analysis>(MAX_ENTRIES);
  // The same code array comes back from a state's code cache: found without hashing it again.
  const byArray = new WeakMap<Uint8Array, { rules: string; analysis: Analysis }>();
  prototype._getValidJumpDestinations = function (this: InterpreterLike, code: Uint8Array): Analysis {
    // The opcode table depends on the rules: the hardfork and any extra EIPs.
    const rules = `${this.common.hardfork()}:${this.common.eips().join(",")}`;
    const same = byArray.get(code);
    if (same !== undefined && same.rules === rules) {
      hits++;
      return same.analysis;
    }
    let analysis: Analysis | undefined;
    if (code.length < MIN_CODE_BYTES) {
      // Kept by array only: a contract called again in the block brings the same array back.
      misses++;
      analysis = analyse.call(this, code);
    } else {
      const key = `${rules}:${Buffer.from(keccak256(code)).toString("hex")}`;
      analysis = cache.get(key);
      if (analysis !== undefined) hits++;
      else {
        misses++;
        analysis = analyse.call(this, code);
        cache.set(key, analysis);
      }
    }
    byArray.set(code, { rules, analysis });
    return analysis;
  };
  installed = true;
}
