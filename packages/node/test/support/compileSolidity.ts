// Compiles a Solidity source with solc-js inside the test, so the bytecode the node runs is
// exactly what the source says.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import solc from "solc";
import type { Abi, Hex } from "viem";

/** What a test needs from one compiled contract. */
export interface CompiledContract {
  readonly abi: Abi;
  /** Creation code. */
  readonly bytecode: Hex;
  /** Runtime code, as eth_getCode must return it after deployment. */
  readonly deployedBytecode: Hex;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

/** Compiles the Solidity file at `path` and returns contract `name`; throws with solc's messages on errors. */
export function compileSolidity(path: string, name: string): CompiledContract {
  const file = basename(path);
  const input = {
    language: "Solidity",
    sources: { [file]: { content: readFileSync(path, "utf8") } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const contract = output.contracts?.[file]?.[name];
  if (!contract) throw new Error(`solc produced no contract ${name} from ${file}`);
  return {
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
  };
}
