// Regenerates the committed fixture: node packages/voting/test/support/writeFixture.ts
import { writeFileSync } from "node:fs";
import { FIXTURE_URL, HASHES_URL, recordHashes } from "./fixture.ts";
import { FIXTURE_OPTIONS, simulateElection } from "./simulate.ts";

const { record } = await simulateElection(FIXTURE_OPTIONS);
writeFileSync(FIXTURE_URL, `${JSON.stringify(record, null, 1)}\n`);
writeFileSync(HASHES_URL, `${JSON.stringify(recordHashes(record), null, 1)}\n`);
console.log(`wrote ${FIXTURE_URL.pathname} and ${HASHES_URL.pathname}`);
