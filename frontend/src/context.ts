// What every page gets from the app shell.
import type { Session } from "./api/session";
import type { Outbox } from "./outbox";
import type { Me } from "./tasks";

export interface AppContext {
  session: Session;
  me: Me;
  outbox: Outbox;
  /** Go to a hash route (adds a history entry). */
  navigate: (hash: string) => void;
  /** Render the current route again (fresh data). */
  refresh: () => void;
  /** Show a success banner on the next page rendered. */
  flash: (message: string) => void;
}

export interface Page {
  /** Without the service name; the shell adds " – peerqa". */
  title: string;
  element: HTMLElement;
  /** For review pages: the review to follow live. */
  liveReviewId?: string;
  /** A live update arrived for liveReviewId (kind as the server names it, e.g. "evidence.add"). */
  onLiveUpdate?: (kind: string) => void;
  dispose?: () => void;
}
