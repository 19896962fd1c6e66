import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { NodeError } from "../../../src/errors.ts";
import { NodeMetrics, startMetricsServer } from "../../../src/index.ts";

function sampleOf(text: string, series: string): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    if (line.slice(0, at) === series) return Number(line.slice(at + 1));
  }
  return undefined;
}

describe("NodeMetrics over HTTP", () => {
  it("serves the gauges from their sources, and counters and histograms that move", async () => {
    const state = { height: 17, round: 2, peers: 3, pending: 5, queued: 1, validator: true };
    const metrics = new NodeMetrics({
      height: () => state.height,
      round: () => state.round,
      peers: () => state.peers,
      txpoolPending: () => state.pending,
      txpoolQueued: () => state.queued,
      isValidator: () => state.validator,
    });
    const server = await startMetricsServer({ host: "127.0.0.1", port: 0 }, metrics);
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const first = await fetch(server.url);
      assert.equal(first.status, 200);
      assert.match(first.headers.get("content-type") ?? "", /^text\/plain/);
      const a = await first.text();
      assert.equal(sampleOf(a, "civitas_chain_height"), 17);
      assert.equal(sampleOf(a, "civitas_qbft_round"), 2);
      assert.equal(sampleOf(a, "civitas_p2p_peers"), 3);
      assert.equal(sampleOf(a, "civitas_txpool_pending"), 5);
      assert.equal(sampleOf(a, "civitas_txpool_queued"), 1);
      assert.equal(sampleOf(a, "civitas_qbft_is_validator"), 1);
      assert.equal(sampleOf(a, "civitas_qbft_round_changes_total"), 0);
      assert.match(a, /# HELP civitas_block_import_seconds \S/);
      assert.match(a, /^process_cpu_seconds_total \d/m);

      state.height = 18;
      state.validator = false;
      metrics.roundChange();
      metrics.roundChange();
      metrics.messageReceived("PREPARE");
      metrics.messageReceived("PREPARE");
      metrics.messageReceived("COMMIT");
      metrics.messageSent("PROPOSAL");
      metrics.peerRefused("REVOKED");
      metrics.observeBlockImport(0.02, 120);
      metrics.observeBlockImport(3, 0);
      const b = await (await fetch(server.url)).text();
      assert.equal(sampleOf(b, "civitas_chain_height"), 18);
      assert.equal(sampleOf(b, "civitas_qbft_is_validator"), 0);
      assert.equal(sampleOf(b, "civitas_qbft_round_changes_total"), 2);
      assert.equal(sampleOf(b, 'civitas_p2p_messages_received_total{type="PREPARE"}'), 2);
      assert.equal(sampleOf(b, 'civitas_p2p_messages_received_total{type="COMMIT"}'), 1);
      assert.equal(sampleOf(b, 'civitas_p2p_messages_sent_total{type="PROPOSAL"}'), 1);
      assert.equal(sampleOf(b, 'civitas_p2p_peers_refused_total{reason="REVOKED"}'), 1);
      assert.equal(sampleOf(b, "civitas_block_import_seconds_count"), 2);
      assert.equal(sampleOf(b, "civitas_block_import_seconds_sum"), 3.02);
      assert.equal(sampleOf(b, 'civitas_block_import_seconds_bucket{le="0.025"}'), 1);
      assert.equal(sampleOf(b, "civitas_block_transactions_sum"), 120);

      const other = await fetch(server.url.replace("/metrics", "/"));
      assert.equal(other.status, 404);
      await other.text();
      const post = await fetch(server.url, { method: "POST" });
      assert.equal(post.status, 405);
      await post.text();
    } finally {
      await server.close();
    }
  });

  it("keeps each node's registry apart", async () => {
    const sources = (h: number) => ({
      height: () => h,
      round: () => 0,
      peers: () => 0,
      txpoolPending: () => 0,
      txpoolQueued: () => 0,
      isValidator: () => false,
    });
    const one = new NodeMetrics(sources(1));
    const two = new NodeMetrics(sources(2));
    one.roundChange();
    assert.equal(sampleOf(await one.scrape(), "civitas_chain_height"), 1);
    assert.equal(sampleOf(await two.scrape(), "civitas_chain_height"), 2);
    assert.equal(sampleOf(await two.scrape(), "civitas_qbft_round_changes_total"), 0);
  });

  it("reports a busy port as METRICS_PORT_BUSY", async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const metrics = new NodeMetrics({
        height: () => 0,
        round: () => 0,
        peers: () => 0,
        txpoolPending: () => 0,
        txpoolQueued: () => 0,
        isValidator: () => false,
      });
      await assert.rejects(startMetricsServer({ host: "127.0.0.1", port }, metrics), (err: unknown) => {
        assert.ok(err instanceof NodeError);
        assert.equal(err.code, "METRICS_PORT_BUSY");
        assert.match(err.message, new RegExp(`metrics port ${port} on 127\\.0\\.0\\.1 is already in use`));
        return true;
      });
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});
