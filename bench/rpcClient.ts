import { Agent, request } from "node:http";

/** A JSON-RPC error returned by the target. */
export class RpcCallError extends Error {
  readonly code: number;
  constructor(method: string, code: number, message: string) {
    super(`${method}: ${message} (${code})`);
    this.name = "RpcCallError";
    this.code = code;
  }
}

/** One entry of a JSON-RPC response. */
export interface RpcReply {
  readonly id: number | string | null;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

/**
 * A minimal JSON-RPC client over HTTP keep-alive connections. The load phase posts pre-built
 * bodies (`postRaw`) so the client spends as little CPU as possible on the shared machine.
 */
export class RpcClient {
  readonly #url: URL;
  readonly #agent: Agent;
  #id = 0;

  constructor(url: string, maxSockets = 8) {
    this.#url = new URL(url);
    this.#agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Posts a JSON body and returns the parsed response. */
  postRaw(body: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = request(
        this.#url,
        {
          method: "POST",
          agent: this.#agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: not a JSON-RPC response: ${text.slice(0, 200)}`));
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Calls one method and returns its result, or throws RpcCallError. */
  async call<T>(method: string, params: unknown[] = []): Promise<T> {
    const reply = (await this.postRaw(
      JSON.stringify({ jsonrpc: "2.0", id: ++this.#id, method, params }),
    )) as RpcReply;
    if (reply.error) throw new RpcCallError(method, reply.error.code, reply.error.message);
    return reply.result as T;
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.#agent.destroy();
  }
}

/** A JSON-RPC batch body of eth_sendRawTransaction calls, ids 0…n-1. */
export function sendRawBatchBody(raws: readonly string[]): string {
  return JSON.stringify(
    raws.map((raw, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] })),
  );
}
