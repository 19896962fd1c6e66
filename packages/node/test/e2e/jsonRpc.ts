// Plain JSON-RPC over fetch, with no client library in between, so tests see exactly what the
// node sends back: HTTP status, error code, message and data.

/** A JSON-RPC error object as the node returned it. */
export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** One JSON-RPC response object. */
export interface RpcResponse {
  readonly jsonrpc: string;
  readonly id: number | string | null;
  readonly result?: unknown;
  readonly error?: RpcErrorObject;
}

/** What came back for a raw POST. */
export interface RawReply {
  readonly status: number;
  readonly text: string;
  /** The parsed body, or undefined for an empty one. */
  readonly body: unknown;
}

/** A call that the node answered with an error object. */
export class RpcCallError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(method: string, error: RpcErrorObject) {
    super(`${method}: ${error.message} (code ${error.code})`);
    this.name = "RpcCallError";
    this.code = error.code;
    this.data = error.data;
  }
}

/** POSTs `body` (sent as is when a string, else as JSON) and returns status, text and parsed JSON. */
export async function postRaw(url: string, body: unknown): Promise<RawReply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text === "" ? undefined : JSON.parse(text) };
}

let nextId = 1;

/** One request object. */
export function request(method: string, params: readonly unknown[] = []): Record<string, unknown> {
  return { jsonrpc: "2.0", id: nextId++, method, params };
}

/** Calls `method` and returns its result; throws RpcCallError when the node answers with an error. */
export async function rpc<T = unknown>(
  url: string,
  method: string,
  params: readonly unknown[] = [],
): Promise<T> {
  const reply = await postRaw(url, request(method, params));
  const response = reply.body as RpcResponse;
  if (response.error) throw new RpcCallError(method, response.error);
  return response.result as T;
}

/** Sends a batch and returns the results in request order; throws on the first error object. */
export async function rpcBatch<T = unknown>(
  url: string,
  calls: readonly (readonly [method: string, params: readonly unknown[]])[],
): Promise<T[]> {
  if (calls.length === 0) return [];
  const requests = calls.map(([method, params]) => request(method, params));
  const reply = await postRaw(url, requests);
  if (!Array.isArray(reply.body)) throw new Error(`batch answered with ${reply.text.slice(0, 200)}`);
  const byId = new Map((reply.body as RpcResponse[]).map((r) => [r.id, r]));
  return requests.map((req) => {
    const response = byId.get(req["id"] as number);
    if (!response) throw new Error(`batch response lacks id ${String(req["id"])}`);
    if (response.error) throw new RpcCallError(req["method"] as string, response.error);
    return response.result as T;
  });
}

/** Waits (polling every 100 ms) for a transaction's receipt; a hang becomes an error after `timeoutMs`. */
export async function waitForReceipt<T = Record<string, unknown>>(
  url: string,
  hash: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await rpc<T | null>(url, "eth_getTransactionReceipt", [hash]);
    if (receipt) return receipt;
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
