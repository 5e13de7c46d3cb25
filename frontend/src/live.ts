// Live updates: a minimal graphql-transport-ws client for one subscription at a time
// (the server speaks only that protocol on ws(s)://<same origin>/graphql; the session
// cookie authenticates the socket). Reconnects with back-off; stops when told to.
import type { TypedDocumentString } from "./gql/graphql";

export interface LiveOptions<R, V> {
  document: TypedDocumentString<R, V>;
  variables: V;
  onData: (data: R) => void;
  /** Connected (true) or lost (false): the UI says whether updates are live. */
  onStatus?: (live: boolean) => void;
  url?: string;
  socketFactory?: (url: string, protocol: string) => WebSocket;
}

export const PROTOCOL = "graphql-transport-ws";

export function liveUrl(location: Location = window.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
}

/** Subscribe; returns a function that closes the subscription for good. */
export function subscribe<R, V>(options: LiveOptions<R, V>): () => void {
  const url = options.url ?? liveUrl();
  const factory = options.socketFactory ?? ((u, p) => new WebSocket(u, p));
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (stopped) return;
    socket = factory(url, PROTOCOL);
    socket.addEventListener("open", () => {
      socket?.send(JSON.stringify({ type: "connection_init", payload: {} }));
    });
    socket.addEventListener("message", (event: MessageEvent) => {
      let message: { type?: string; id?: string; payload?: unknown };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      switch (message.type) {
        case "connection_ack":
          attempts = 0;
          options.onStatus?.(true);
          socket?.send(
            JSON.stringify({
              id: "1",
              type: "subscribe",
              payload: { query: options.document.toString(), variables: options.variables },
            }),
          );
          break;
        case "ping":
          socket?.send(JSON.stringify({ type: "pong" }));
          break;
        case "next": {
          const payload = message.payload as { data?: R | null } | undefined;
          if (payload?.data) options.onData(payload.data);
          break;
        }
        case "error":
        case "complete":
          // The server ended it (e.g. access lost): do not hammer it.
          stopped = true;
          socket?.close(1000);
          options.onStatus?.(false);
          break;
      }
    });
    socket.addEventListener("close", (event: CloseEvent) => {
      options.onStatus?.(false);
      // 4401/4403: not signed in or forbidden; 1000: we closed it.
      if (stopped || event.code === 4401 || event.code === 4403 || event.code === 1000) return;
      attempts += 1;
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5));
      timer = setTimeout(connect, delay);
    });
  };

  connect();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    socket?.close(1000);
  };
}
