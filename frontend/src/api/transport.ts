// Minimal GraphQL-over-HTTP transport for the same-origin /graphql endpoint (fetch, no client library).
import type { TypedDocumentString } from "../gql/graphql";

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** The request never produced a GraphQL response (network failure, HTML error page, ...). */
export class TransportError extends Error {
  override name = "TransportError";
}

export const GRAPHQL_ENDPOINT = "/graphql";

export type Transport = <R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
) => Promise<GraphQLResponse<R>>;

export function fetchTransport(fetchImpl: typeof fetch = (...args) => fetch(...args)): Transport {
  return (document, variables) => postGraphQL(document.toString(), variables, fetchImpl);
}

export async function postGraphQL<T>(
  query: string,
  variables: unknown,
  fetchImpl: typeof fetch,
): Promise<GraphQLResponse<T>> {
  let response: Response;
  const hasVariables =
    typeof variables === "object" && variables !== null && Object.keys(variables).length > 0;
  try {
    response = await fetchImpl(GRAPHQL_ENDPOINT, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
      },
      body: JSON.stringify(hasVariables ? { query, variables } : { query }),
    });
  } catch (cause) {
    throw new TransportError("Could not reach the server", { cause });
  }

  // application/graphql-response+json may use non-2xx statuses for errors, so
  // read any JSON body that looks like a GraphQL response whatever the status.
  const contentType = response.headers.get("content-type") ?? "";
  if (contentType.includes("json")) {
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new TransportError(`Unreadable response (HTTP ${response.status})`, { cause });
    }
    if (isGraphQLResponse(body)) {
      return body as GraphQLResponse<T>;
    }
  }
  throw new TransportError(`Unexpected response (HTTP ${response.status})`);
}

function isGraphQLResponse(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  return "data" in body || ("errors" in body && Array.isArray((body as { errors: unknown }).errors));
}

export function hasErrorCode(response: GraphQLResponse<unknown>, code: string): boolean {
  return (response.errors ?? []).some((error) => error.extensions?.code === code);
}
