import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { NodeError } from "../errors.ts";
import type { NodeMetrics } from "./metrics.ts";

/** A running Prometheus endpoint. */
export interface MetricsServer {
  /** `http://host:port/metrics`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `GET /metrics` (Prometheus text format); every other path is 404. */
export async function startMetricsServer(
  options: { readonly host: string; readonly port: number },
  metrics: NodeMetrics,
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: metrics are at /metrics\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "content-type": "text/plain", allow: "GET, HEAD" }).end("use GET\n");
      return;
    }
    metrics.scrape().then(
      (body) => {
        res.writeHead(200, { "content-type": metrics.contentType });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (err: unknown) => {
        res
          .writeHead(500, { "content-type": "text/plain" })
          .end(`metrics unavailable: ${(err as Error).message}\n`);
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", (cause: NodeJS.ErrnoException) =>
      rejectListen(
        cause.code === "EADDRINUSE"
          ? new NodeError(
              "METRICS_PORT_BUSY",
              `metrics port ${options.port} on ${options.host} is already in use; stop the other process or choose another port`,
              { cause },
            )
          : new NodeError(
              "CONFIG_INVALID",
              `cannot start the metrics server on ${options.host}:${options.port}: ${cause.message}`,
              { cause },
            ),
      ),
    );
    server.listen(options.port, options.host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
