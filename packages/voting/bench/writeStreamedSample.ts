// Writes a streamed record (SPEC §9) for the CLI benchmark from writeSample.ts files. Run:
//   node packages/voting/bench/writeStreamedSample.ts DIR FILE…
// record.json is the seeded "bench" election of writeSample.ts; ballots.jsonl is its own
// ballots followed by every line of the FILEs, with the declared count and chain. The sample
// ballots' credentials are fresh keys, never registered, so the verdict is INVALID (V9 names
// them, V10 sees a different aggregate) while every ballot still gets every check.
import { once } from "node:events";
import { createWriteStream, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  fromHex,
  lineChainNext,
  lineChainStart,
  readLines,
  STREAMED_BALLOTS_FILE,
  STREAMED_RECORD_FILE,
  toHex,
  utf8,
} from "../src/index.ts";
import { simulateElection } from "../test/support/simulate.ts";

const [dir, ...files] = process.argv.slice(2);
if (dir === undefined || files.length === 0) throw new Error("usage: writeStreamedSample.ts DIR FILE…");
const contests = [{ id: "ref", title: "Referendum", options: ["A", "B", "C", "D", "E"], limit: 1 }];
const { record } = await simulateElection({
  seed: "bench",
  trustees: { n: 3, k: 2 },
  contests,
  voters: 4,
  issuers: 1,
});
await mkdir(dir, { recursive: true });
const out = createWriteStream(join(dir, STREAMED_BALLOTS_FILE));
let chain = lineChainStart("ballots", fromHex(record.baseHash, 32));
let count = 0;
const write = async (bytes: Uint8Array) => {
  chain = lineChainNext("ballots", chain, count++, bytes);
  const more = out.write(bytes);
  if (!out.write("\n") || !more) await once(out, "drain");
};
for (const b of record.ballots) await write(utf8(JSON.stringify(b)));
for (const file of files) for await (const line of readLines(file)) await write(line.bytes);
out.end();
await once(out, "finish");
const { ballots: _ballots, ...head } = record;
const streamed = { ...head, ballotStream: { file: STREAMED_BALLOTS_FILE, count, chain: toHex(chain) } };
writeFileSync(join(dir, STREAMED_RECORD_FILE), JSON.stringify(streamed));
console.log(`${dir}: ${count} ballots`);
