import { once } from "node:events";
import WebSocket from "ws";
import { RpcCallError, type RpcReply } from "./rpcTestNode.ts";

/** An eth_subscription notification's params. */
export interface Notification {
  readonly subscription: string;
  readonly result: Record<string, unknown>;
}

/** A minimal JSON-RPC client over one WebSocket: requests by id, notifications queued in arrival order. */
export class WsClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (reply: RpcReply) => void>();
  readonly notifications: Notification[] = [];
  /** Replies that carried no id of ours (e.g. parse errors). */
  readonly orphans: RpcReply[] = [];
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on("message", (raw) => {
      const message = JSON.parse(raw.toString()) as RpcReply & { method?: string; params?: Notification };
      if (message.method === "eth_subscription" && message.params) {
        this.notifications.push(message.params);
        return;
      }
      const resolve = typeof message.id === "number" ? this.#pending.get(message.id) : undefined;
      if (resolve) {
        this.#pending.delete(message.id as number);
        resolve(message);
      } else this.orphans.push(message);
    });
  }

  /** Opens a connection to `url`. */
  static async connect(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    await once(socket, "open");
    return new WsClient(socket);
  }

  /** Sends a request and waits for its reply. */
  call(method: string, params: unknown = []): Promise<RpcReply> {
    const id = this.#nextId++;
    const reply = new Promise<RpcReply>((resolve) => this.#pending.set(id, resolve));
    this.#socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    return reply;
  }

  /** Sends a request; returns its result or throws RpcCallError. */
  async rpc<T = unknown>(method: string, params: unknown = []): Promise<T> {
    const reply = await this.call(method, params);
    if (reply.error) throw new RpcCallError(method, reply.error);
    return reply.result as T;
  }

  /**
   * Waits until everything the server sent before now has arrived: the server answers requests on a
   * connection in order, so once a round trip completes, earlier notifications are in `notifications`.
   */
  async sync(): Promise<void> {
    await this.call("eth_chainId");
  }

  /** Sends raw text (to test malformed input). */
  sendRaw(text: string): void {
    this.#socket.send(text);
  }

  /** Takes the queued notifications of one subscription. */
  take(subscription: string): Record<string, unknown>[] {
    const mine = this.notifications.filter((n) => n.subscription === subscription);
    this.notifications.splice(
      0,
      this.notifications.length,
      ...this.notifications.filter((n) => n.subscription !== subscription),
    );
    return mine.map((n) => n.result);
  }

  /** Closes the connection and waits for the close handshake. */
  async close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    const closed = once(this.#socket, "close");
    this.#socket.close();
    await closed;
  }
}
