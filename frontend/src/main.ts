import "./styles.scss";
import {
  graphqlRequest,
  LOGIN_MUTATION,
  LOGOUT_MUTATION,
  ME_QUERY,
  TransportError,
} from "./graphql";
import {
  pageTitle,
  PROBLEM_MESSAGE,
  signInState,
  viewStateFromLogin,
  viewStateFromMe,
  type LoginData,
  type MeData,
  type ViewState,
} from "./state";
import { renderLoading, renderProblem, renderSignedIn, renderSignIn } from "./views";

// What GOV.UK Frontend's inline snippet usually does; done here because the CSP forbids inline scripts.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const app = document.getElementById("app") as HTMLElement;
let busy = false;

type Focus = "none" | "heading" | "errors";

function show(state: ViewState, focus: Focus = "none"): void {
  document.title = pageTitle(state);
  let view: HTMLElement;
  switch (state.kind) {
    case "loading":
      view = renderLoading();
      break;
    case "signedIn":
      view = renderSignedIn(state.user);
      view.querySelector(".sign-out-button")?.addEventListener("click", () => void signOut());
      break;
    case "signIn":
      view = renderSignIn(state.email, state.errors);
      view.querySelector("form")?.addEventListener("submit", (event) => {
        event.preventDefault();
        void signIn(event.currentTarget as HTMLFormElement);
      });
      wireErrorSummaryLinks(view);
      break;
    case "problem":
      view = renderProblem(state.message);
      view.querySelector(".retry-button")?.addEventListener("click", () => void load("heading"));
      break;
  }
  app.replaceChildren(view);

  const summary = app.querySelector<HTMLElement>(".govuk-error-summary");
  if (focus === "errors" && summary) {
    summary.focus();
  } else if (focus !== "none") {
    app.querySelector<HTMLElement>("h1")?.focus();
  }
}

/** Error summary links move focus to the field and keep its label in view. */
function wireErrorSummaryLinks(view: HTMLElement): void {
  for (const link of view.querySelectorAll<HTMLAnchorElement>(".govuk-error-summary a")) {
    link.addEventListener("click", (event) => {
      const input = document.getElementById(link.hash.slice(1));
      if (!input) return;
      event.preventDefault();
      document.querySelector(`label[for="${input.id}"]`)?.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
}

function problem(error: unknown): ViewState {
  if (!(error instanceof TransportError)) console.error(error);
  return { kind: "problem", message: PROBLEM_MESSAGE };
}

async function load(focus: Focus = "none"): Promise<void> {
  show({ kind: "loading" });
  let state: ViewState;
  try {
    state = viewStateFromMe(await graphqlRequest<MeData>(ME_QUERY));
  } catch (error) {
    state = problem(error);
  }
  show(state, focus);
}

async function signIn(form: HTMLFormElement): Promise<void> {
  if (busy) return;
  busy = true;
  const data = new FormData(form);
  const email = String(data.get("email") ?? "").trim();
  const password = String(data.get("password") ?? "");
  let state: ViewState;
  try {
    const response = await graphqlRequest<LoginData>(LOGIN_MUTATION, { input: { email, password } });
    state = viewStateFromLogin(response, email);
  } catch (error) {
    state = problem(error);
  } finally {
    busy = false;
  }
  show(state, state.kind === "signIn" ? "errors" : "heading");
}

async function signOut(): Promise<void> {
  if (busy) return;
  busy = true;
  let state: ViewState;
  try {
    await graphqlRequest<unknown>(LOGOUT_MUTATION);
    state = signInState();
  } catch (error) {
    state = problem(error);
  } finally {
    busy = false;
  }
  show(state, "heading");
}

void load();
