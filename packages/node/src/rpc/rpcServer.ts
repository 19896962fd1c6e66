import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { Logger } from "../logger.ts";
import type { RpcConnection } from "./context.ts";
import type { createDispatcher, RpcLimits } from "./dispatch.ts";
import { RpcCode } from "./rpcError.ts";

type Dispatch = ReturnType<typeof createDispatcher>;

/** A running JSON-RPC endpoint: HTTP POST and WebSocket on one port. */
export interface RpcServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

const HEADERS = {
  "content-type": "application/json",
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "content-type",
  "access-control-allow-methods": "POST, OPTIONS",
};

function errorBody(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } });
}

// Past the limit the rest of the body is read and dropped, not refused by resetting the socket:
// a client still uploading would otherwise get ECONNRESET instead of the 413 answer. The server's
// requestTimeout bounds how long such a body may keep coming.
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once("end", () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

function handleHttp(dispatch: Dispatch, limits: RpcLimits, log: Logger) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, HEADERS).end();
      return;
    }
    if (req.method !== "POST") {
      res
        .writeHead(405, { ...HEADERS, allow: "POST" })
        .end(errorBody(RpcCode.invalidRequest, "JSON-RPC requests must be sent with POST"));
      return;
    }
    const body = await readBody(req, limits.maxRequestBytes);
    if (body === undefined) {
      res
        .writeHead(413, HEADERS)
        .end(errorBody(RpcCode.limitExceeded, `request body exceeds ${limits.maxRequestBytes} bytes`));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      res
        .writeHead(200, HEADERS)
        .end(errorBody(RpcCode.parseError, "parse error: the request body is not valid JSON"));
      return;
    }
    try {
      const response = await dispatch(parsed);
      res.writeHead(200, HEADERS).end(response === undefined ? "" : JSON.stringify(response));
    } catch (err) {
      log.error({ err }, "RPC dispatch failed");
      res.writeHead(500, HEADERS).end(errorBody(RpcCode.internal, "internal error"));
    }
  };
}

/** Starts the JSON-RPC server on host:port (port 0 picks a free one). */
export async function startRpcServer(
  dispatch: Dispatch,
  options: { host: string; port: number; limits: RpcLimits },
  log: Logger,
): Promise<RpcServer> {
  const server: Server = createServer(handleHttp(dispatch, options.limits, log));
  server.keepAliveTimeout = 65_000;
  const wss = new WebSocketServer({ server, maxPayload: options.limits.maxRequestBytes });
  // ws re-emits the HTTP server's errors (EADDRINUSE on listen); the listen promise below reports
  // those, and without a listener here the re-emitted copy would crash the process.
  wss.on("error", (err) => log.debug({ err }, "WebSocket server error"));
  wss.on("connection", (socket) => {
    const connection: RpcConnection = {
      subscriptions: new Map(),
      send: (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
    };
    socket.on("message", async (raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString());
      } catch {
        socket.send(errorBody(RpcCode.parseError, "parse error: the message is not valid JSON"));
        return;
      }
      const response = await dispatch(parsed, connection);
      if (response !== undefined) connection.send(response);
    });
    socket.on("error", (err) => log.debug({ err }, "WebSocket error"));
    socket.on("close", () => {
      for (const cancel of connection.subscriptions.values()) cancel();
      connection.subscriptions.clear();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
