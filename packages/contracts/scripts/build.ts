// Compiles every packages/contracts/src/*.sol with the pinned solc-js and writes
// generated/<Name>.ts (ABI `as const`, creation and runtime bytecode). Run by
// `npm run build -w @civitas/contracts`; the freshness test renders the same files and
// compares them with the committed ones.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import solc from "solc";

const packageDir = join(import.meta.dirname, "..");
const sourceDir = join(packageDir, "src");
/** Where the generated TypeScript modules are written. */
export const generatedDir = join(packageDir, "generated");

/**
 * EVM version the contracts are compiled for: the node executes Osaka rules (EthereumJS, see
 * the node's createChainCommon), and solc 0.8.37 targets Osaka, so both agree opcode for opcode.
 */
export const EVM_VERSION = "osaka";

/** Compiler settings, fixed so that a build is reproducible byte for byte. */
const SETTINGS = {
  evmVersion: EVM_VERSION,
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: "none" },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
} as const;

/** One compiled contract. */
export interface CompiledContract {
  readonly name: string;
  readonly sourceFile: string;
  readonly abi: readonly unknown[];
  readonly bytecode: `0x${string}`;
  readonly deployedBytecode: `0x${string}`;
}

interface SolcMessage {
  severity: "error" | "warning" | "info";
  formattedMessage: string;
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<
    string,
    Record<
      string,
      { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
    >
  >;
}

/** The solc-js version string, e.g. "0.8.37+commit.f401782d.Emscripten.clang". */
export function solcVersion(): string {
  return solc.version();
}

/** Compiles all sources; throws with solc's messages if any error (or warning) is reported. */
export function compileContracts(): CompiledContract[] {
  const files = readdirSync(sourceDir)
    .filter((f) => f.endsWith(".sol"))
    .sort();
  const sources = Object.fromEntries(
    files.map((f) => [f, { content: readFileSync(join(sourceDir, f), "utf8") }]),
  );
  const input = { language: "Solidity", sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput;
  // Warnings fail the build too: they are cheap to fix while the code is fresh.
  const problems = (output.errors ?? []).filter((e) => e.severity !== "info");
  if (problems.length > 0) {
    throw new Error(`solc ${solcVersion()} reported:\n${problems.map((e) => e.formattedMessage).join("\n")}`);
  }
  const compiled: CompiledContract[] = [];
  for (const file of files) {
    for (const [name, c] of Object.entries(output.contracts?.[file] ?? {})) {
      // Interfaces and abstract contracts have no code: nothing to deploy.
      if (c.evm.bytecode.object === "") continue;
      compiled.push({
        name,
        sourceFile: file,
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      });
    }
  }
  return compiled;
}

/** Formats TypeScript source with the repository's formatter, so generated files pass the lint. */
function format(source: string, fileName: string): string {
  const biome = join(packageDir, "..", "..", "node_modules", ".bin", "biome");
  const result = spawnSync(biome, ["format", `--stdin-file-path=${join(generatedDir, fileName)}`], {
    input: source,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${fileName}:\n${result.stderr}`);
  return result.stdout;
}

/** Renders the generated module of each contract: file name → content. */
export function renderGenerated(contracts: readonly CompiledContract[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of contracts) {
    const fileName = `${c.name}.ts`;
    const source = [
      `// Generated from src/${c.sourceFile} by scripts/build.ts (solc ${solcVersion()}, EVM ${EVM_VERSION}, optimizer 200 runs).`,
      "// Do not edit: change the Solidity source and run `npm run build -w @civitas/contracts`.",
      "",
      `/** ABI of ${c.name}. */`,
      `export const abi = ${JSON.stringify(c.abi)} as const;`,
      "",
      `/** Creation code of ${c.name} (constructor arguments are appended ABI-encoded). */`,
      `export const bytecode = "${c.bytecode}" as const;`,
      "",
      `/** Runtime code of ${c.name}, as eth_getCode returns it once deployed. */`,
      `export const deployedBytecode = "${c.deployedBytecode}" as const;`,
      "",
    ].join("\n");
    files.set(fileName, format(source, fileName));
  }
  return files;
}

/** Generated files that differ from (or are missing in) generated/, by file name. */
export function staleGeneratedFiles(rendered: ReadonlyMap<string, string>): string[] {
  const present = new Set(readdirSync(generatedDir).filter((f) => f.endsWith(".ts")));
  const stale: string[] = [];
  for (const [fileName, content] of rendered) {
    if (!present.has(fileName) || readFileSync(join(generatedDir, fileName), "utf8") !== content) {
      stale.push(fileName);
    }
    present.delete(fileName);
  }
  return [...stale, ...present];
}

if (import.meta.main) {
  const rendered = renderGenerated(compileContracts());
  for (const [fileName, content] of rendered) {
    writeFileSync(join(generatedDir, fileName), content);
    console.log(`wrote ${relative(process.cwd(), join(generatedDir, fileName))}`);
  }
  // A contract that no longer exists leaves no module behind.
  for (const fileName of staleGeneratedFiles(rendered)) {
    rmSync(join(generatedDir, fileName));
    console.log(`removed ${relative(process.cwd(), join(generatedDir, fileName))}`);
  }
}
