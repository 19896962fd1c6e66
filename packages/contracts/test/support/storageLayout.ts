// solc's storage layout of a contract in src/, for the tests that check the slots other code reads.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import solc from "solc";

/** A state variable or struct member in solc's layout. */
export interface LayoutSlot {
  readonly label: string;
  readonly slot: string;
  readonly offset: number;
  readonly type: string;
}

export interface StorageLayout {
  readonly storage: readonly LayoutSlot[];
  readonly types: Readonly<Record<string, { readonly members?: readonly LayoutSlot[] }>>;
}

/** Compiles the package's sources with the pinned solc and returns `contract`'s storage layout. */
export function storageLayoutOf(file: string, contract: string): StorageLayout {
  const dir = join(import.meta.dirname, "..", "..", "src");
  const sources = Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith(".sol"))
      .map((n) => [n, { content: readFileSync(join(dir, n), "utf8") }]),
  );
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources,
        settings: { outputSelection: { [file]: { [contract]: ["storageLayout"] } } },
      }),
    ),
  ) as { contracts?: Record<string, Record<string, { storageLayout: StorageLayout }>> };
  const layout = output.contracts?.[file]?.[contract]?.storageLayout;
  if (!layout) throw new Error(`solc gave no storage layout for ${contract} in ${file}`);
  return layout;
}

/** The slot and byte offset of `label` among `slots`. */
export function slotOf(slots: readonly LayoutSlot[], label: string): [bigint, number] {
  const found = slots.find((s) => s.label === label);
  if (!found) throw new Error(`${label} is not in the storage layout`);
  return [BigInt(found.slot), found.offset];
}
