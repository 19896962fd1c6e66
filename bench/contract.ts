import solc from "solc";

/** Solidity source of the contract-call scenario: each call writes one storage slot. */
export const SLOT_WRITER_SOURCE = `// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

contract SlotWriter {
    mapping(address => uint256) public values;

    function set(uint256 value) external {
        values[msg.sender] = value;
    }
}
`;

/** Creation bytecode and runtime ABI selectors of the compiled contract. */
export interface CompiledContract {
  readonly bytecode: `0x${string}`;
  /** 4-byte selectors by signature, from solc's method identifiers. */
  readonly selectors: Readonly<Record<string, `0x${string}`>>;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { evm: { bytecode: { object: string }; methodIdentifiers: Record<string, string> } }>
  >;
}

/** Compiles SlotWriter with the pinned solc-js (optimizer on, solc's default EVM version). */
export function compileSlotWriter(): CompiledContract {
  const input = {
    language: "Solidity",
    sources: { "SlotWriter.sol": { content: SLOT_WRITER_SOURCE } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.methodIdentifiers"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  const compiled = output.contracts?.["SlotWriter.sol"]?.["SlotWriter"];
  if (!compiled) throw new Error("solc produced no SlotWriter contract");
  const selectors: Record<string, `0x${string}`> = {};
  for (const [signature, id] of Object.entries(compiled.evm.methodIdentifiers))
    selectors[signature] = `0x${id}`;
  return { bytecode: `0x${compiled.evm.bytecode.object}`, selectors };
}
