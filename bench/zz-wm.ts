import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open } from "lmdb";

const mode = process.argv[2] ?? "default";
const dir = mkdtempSync(join(tmpdir(), "zz-wm-"));
const root = open<Buffer, Buffer>({
  path: dir,
  encoding: "binary",
  keyEncoding: "binary",
  compression: false,
  maxDbs: 8,
  overlappingSync: false,
  ...(mode === "writemap" ? { useWritemap: true } : {}),
  ...(mode === "nomeminit" ? { noMemInit: true } : {}),
});
const trie = root.openDB<Buffer, Buffer>({
  name: "trie",
  encoding: "binary",
  keyEncoding: "binary",
  compression: false,
});
const keys: Buffer[] = [];
// prefill 600k nodes in 60 commits
for (let b = 0; b < 60; b++)
  root.transactionSync(() => {
    for (let i = 0; i < 10_000; i++) {
      const k = randomBytes(32);
      keys.push(k);
      trie.put(k, randomBytes(100 + (i % 400)));
    }
  });
const wall: number[] = [],
  user: number[] = [],
  sys: number[] = [];
for (let b = 0; b < 40; b++) {
  const puts = Array.from(
    { length: 6000 },
    (_, i) => [randomBytes(32), randomBytes(100 + (i % 400))] as const,
  );
  const dels = Array.from({ length: 1000 }, () => keys[Math.floor(Math.random() * keys.length)]!);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  root.transactionSync(() => {
    for (const [k, v] of puts) trie.put(k, v);
    for (const k of dels) trie.remove(k);
  });
  const c = process.cpuUsage(c0);
  wall.push(performance.now() - t0);
  user.push(c.user / 1000);
  sys.push(c.system / 1000);
  for (const [k] of puts) keys.push(k);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!.toFixed(1);
console.log(
  mode,
  "per commit of 6000 puts + 1000 deletes: wall",
  med(wall),
  "ms, user",
  med(user),
  "ms, sys",
  med(sys),
  "ms",
);
await root.close();
rmSync(dir, { recursive: true, force: true });
