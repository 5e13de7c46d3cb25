// Pure logic: turn GraphQL responses into what the page should show.
import { hasErrorCode, type GraphQLResponse } from "./graphql";

export interface User {
  email: string;
  displayName: string;
  globalRole: string;
}

export type FieldName = "email" | "password";

export interface FormError {
  code: string;
  /** The form field the error is about, or null for the form as a whole. */
  field: FieldName | null;
  message: string;
}

export type ViewState =
  | { kind: "loading" }
  | { kind: "signedIn"; user: User }
  | { kind: "signIn"; email: string; errors: FormError[] }
  | { kind: "problem"; message: string };

export interface MeData {
  me: User | null;
}

export interface LoginData {
  login: {
    user: User | null;
    errors: { code: string; field: string | null; message: string }[];
  } | null;
}

export const SERVICE_NAME = "peerqa";
export const PROBLEM_MESSAGE = "Try again later.";
const GENERIC_LOGIN_ERROR: FormError = {
  code: "UNKNOWN",
  field: null,
  message: "Sorry, you could not be signed in. Try again.",
};

export function signInState(email = "", errors: FormError[] = []): ViewState {
  return { kind: "signIn", email, errors };
}

/** Map the response to `{ me { ... } }` onto the initial view. */
export function viewStateFromMe(response: GraphQLResponse<MeData>): ViewState {
  const me = response.data?.me;
  if (me) return { kind: "signedIn", user: me };
  if (hasErrorCode(response, "UNAUTHENTICATED")) return signInState();
  if (response.errors && response.errors.length > 0) {
    return { kind: "problem", message: PROBLEM_MESSAGE };
  }
  return signInState();
}

function toFieldName(field: string | null): FieldName | null {
  return field === "email" || field === "password" ? field : null;
}

/** Map the response to the Login mutation onto the next view. */
export function viewStateFromLogin(response: GraphQLResponse<LoginData>, email: string): ViewState {
  const login = response.data?.login;
  if (login && login.errors.length > 0) {
    return signInState(
      email,
      login.errors.map((e) => ({ code: e.code, field: toFieldName(e.field), message: e.message })),
    );
  }
  if (login?.user) return { kind: "signedIn", user: login.user };
  return signInState(email, [GENERIC_LOGIN_ERROR]);
}

export function pageTitle(state: ViewState): string {
  switch (state.kind) {
    case "loading":
      return SERVICE_NAME;
    case "signedIn":
      return `Home – ${SERVICE_NAME}`;
    case "signIn":
      return `${state.errors.length > 0 ? "Error: " : ""}Sign in – ${SERVICE_NAME}`;
    case "problem":
      return `Sorry, there is a problem with the service – ${SERVICE_NAME}`;
  }
}
