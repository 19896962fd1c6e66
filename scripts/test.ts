// The one test command (`npm test`): lint and format check, type check, then every
// package's tests with node's test runner. Extra arguments narrow the run to the given
// test files or directories, e.g. `npm test -- packages/pki/test`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = (name: string): string => join(root, "node_modules", ".bin", name);

function step(title: string, cmd: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "fixtures" ? [] : testFiles(path);
    return entry.endsWith(".test.ts") ? [path] : [];
  });
}

const targets = process.argv.slice(2);
const roots =
  targets.length > 0
    ? targets
    : [...readdirSync(join(root, "packages")).map((p) => join("packages", p, "test")), join("bench", "test")];
const files = roots.flatMap((t) => (t.endsWith(".test.ts") ? [t] : testFiles(join(root, t)))).sort();

if (targets.length === 0) {
  step("lint and format (biome)", bin("biome"), ["check", "."]);
  step("type check (tsc)", bin("tsc"), ["-p", "tsconfig.json"]);
}
step(`tests (${files.length} files)`, process.execPath, [
  "--test",
  "--test-concurrency=2",
  "--test-timeout=300000",
  ...files,
]);
