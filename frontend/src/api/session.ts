// Runs operations for the signed-in user. When the server says UNAUTHENTICATED (the session
// expired mid-work), the operation is parked rather than failed: the app shows sign-in while
// the page keeps its DOM (and what was typed), and after sign-in every parked operation is
// re-sent and its caller gets the answer as if nothing had happened.
import type { TypedDocumentString } from "../gql/graphql";
import { hasErrorCode, type GraphQLError, type Transport } from "./transport";

/** The server answered with GraphQL errors (other than UNAUTHENTICATED). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((e) => e.message).join("; ") || "GraphQL error");
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** A parked operation was dropped (someone else signed in, or the user signed out). */
export class SessionEnded extends Error {
  override name = "SessionEnded";
}

interface Parked {
  send: () => Promise<void>;
  drop: () => void;
}

export class Session {
  private parked: Parked[] = [];

  constructor(
    private readonly transport: Transport,
    /** Called once per expiry, when the first operation is parked. */
    private readonly onSignInNeeded: () => void,
  ) {}

  get waitingForSignIn(): boolean {
    return this.parked.length > 0;
  }

  get parkedCount(): number {
    return this.parked.length;
  }

  /** Send an operation; resolves with its data, parks it while signed out. */
  run<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const attempt = async (): Promise<void> => {
        let response;
        try {
          response = await this.transport(document, variables);
        } catch (error) {
          reject(error);
          return;
        }
        if (hasErrorCode(response, "UNAUTHENTICATED")) {
          this.park({ send: attempt, drop: () => reject(new SessionEnded("Signed out")) });
          return;
        }
        if (response.errors && response.errors.length > 0) {
          reject(new ApiError(response.errors));
          return;
        }
        if (response.data === undefined || response.data === null) {
          reject(new ApiError([{ message: "Empty response" }]));
          return;
        }
        resolve(response.data);
      };
      void attempt();
    });
  }

  private park(item: Parked): void {
    this.parked.push(item);
    if (this.parked.length === 1) this.onSignInNeeded();
  }

  /** Signed in again as the same person: re-send everything that was parked, in order. */
  async resume(): Promise<void> {
    const items = this.parked;
    this.parked = [];
    for (const item of items) await item.send();
  }

  /** Signed in as someone else, or gave up: parked operations fail with SessionEnded. */
  abandon(): void {
    const items = this.parked;
    this.parked = [];
    for (const item of items) item.drop();
  }
}
