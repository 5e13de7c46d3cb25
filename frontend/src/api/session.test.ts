import { describe, expect, it, vi } from "vitest";
import { MeDocument } from "../gql/graphql";
import { ApiError, Session, SessionEnded } from "./session";
import { TransportError, type GraphQLResponse, type Transport } from "./transport";

const unauthenticated: GraphQLResponse<never> = { data: null, errors: [{ message: "Sign in", extensions: { code: "UNAUTHENTICATED" } }] };
const meData = { me: { id: "1", email: "a@b", displayName: "A", globalRole: "SCHOOL_USER", schoolRoles: [] } };

function scripted(...answers: (GraphQLResponse<unknown> | Error)[]): Transport & { calls: number } {
  const fn = (async () => {
    fn.calls += 1;
    const next = answers.shift();
    if (next instanceof Error) throw next;
    return next as GraphQLResponse<never>;
  }) as unknown as Transport & { calls: number };
  fn.calls = 0;
  return fn;
}

describe("Session", () => {
  it("resolves with data", async () => {
    const session = new Session(scripted({ data: meData }), () => undefined);
    await expect(session.run(MeDocument, {})).resolves.toEqual(meData);
  });

  it("parks an UNAUTHENTICATED operation, asks for sign-in once, and re-sends it after sign-in", async () => {
    const transport = scripted(unauthenticated, unauthenticated, { data: meData }, { data: meData });
    const onSignIn = vi.fn();
    const session = new Session(transport, onSignIn);
    const first = session.run(MeDocument, {});
    const second = session.run(MeDocument, {});
    await vi.waitFor(() => expect(session.parkedCount).toBe(2));
    expect(onSignIn).toHaveBeenCalledTimes(1);
    expect(session.waitingForSignIn).toBe(true);
    await session.resume();
    await expect(first).resolves.toEqual(meData);
    await expect(second).resolves.toEqual(meData);
    expect(transport.calls).toBe(4);
    expect(session.waitingForSignIn).toBe(false);
  });

  it("drops parked operations when someone else signs in", async () => {
    const session = new Session(scripted(unauthenticated), () => undefined);
    const pending = session.run(MeDocument, {});
    await vi.waitFor(() => expect(session.parkedCount).toBe(1));
    session.abandon();
    await expect(pending).rejects.toBeInstanceOf(SessionEnded);
  });

  it("rejects other GraphQL errors with their code, and passes transport errors through", async () => {
    const session = new Session(scripted({ errors: [{ message: "No", extensions: { code: "FORBIDDEN" } }] }, new TransportError("offline")), () => undefined);
    const error = await session.run(MeDocument, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("FORBIDDEN");
    await expect(session.run(MeDocument, {})).rejects.toBeInstanceOf(TransportError);
  });
});
