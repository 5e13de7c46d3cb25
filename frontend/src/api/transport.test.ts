import { describe, expect, it } from "vitest";
import { MeDocument } from "../gql/graphql";
import { fetchTransport, TransportError } from "./transport";

function fakeFetch(status: number, body: string, contentType = "application/json"): typeof fetch {
  return (async (_url: RequestInfo | URL, init?: RequestInit) => {
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body)).query).toContain("query Me");
    return new Response(body, { status, headers: { "content-type": contentType } });
  }) as typeof fetch;
}

describe("fetchTransport", () => {
  it("posts the generated document and returns the GraphQL response, whatever the status", async () => {
    const transport = fetchTransport(fakeFetch(400, JSON.stringify({ errors: [{ message: "bad" }] }), "application/graphql-response+json"));
    await expect(transport(MeDocument, {})).resolves.toEqual({ errors: [{ message: "bad" }] });
  });

  it("turns network failures and non-GraphQL bodies into TransportError", async () => {
    const offline = fetchTransport((async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch);
    await expect(offline(MeDocument, {})).rejects.toBeInstanceOf(TransportError);
    await expect(fetchTransport(fakeFetch(502, "<html>", "text/html"))(MeDocument, {})).rejects.toBeInstanceOf(TransportError);
  });
});
