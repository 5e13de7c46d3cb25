// Minimal GraphQL-over-HTTP client for the same-origin /graphql endpoint.

export interface GraphQLError {
  message: string;
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

export async function graphqlRequest<T>(
  query: string,
  variables?: Record<string, unknown>,
  fetchImpl: typeof fetch = fetch,
): Promise<GraphQLResponse<T>> {
  let response: Response;
  try {
    response = await fetchImpl(GRAPHQL_ENDPOINT, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
      },
      body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
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

export const ME_QUERY = "{ me { email displayName globalRole } }";

export const LOGIN_MUTATION =
  "mutation Login($input: LoginInput!) { login(input: $input) { user { email displayName globalRole } errors { code field message } } }";

export const LOGOUT_MUTATION = "mutation { logout { errors { code message } } }";
