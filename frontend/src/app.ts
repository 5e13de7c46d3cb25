// The app shell: who is signed in, which route is showing, sign-in when the session ends,
// and live updates for the review on screen.
import { Session, SessionEnded } from "./api/session";
import { fetchTransport, TransportError } from "./api/transport";
import type { AppContext, Page } from "./context";
import { h } from "./dom";
import { applyErrors, onSubmit, text, type FormError } from "./forms";
import { LoginDocument, LogoutDocument, MeDocument, ReviewPulseDocument, ReviewUpdatedDocument } from "./gql/graphql";
import { subscribe } from "./live";
import { Outbox } from "./outbox";
import { parseRoute } from "./router";
import type { Me } from "./tasks";
import { notificationBanner } from "./views/common";
import { renderPage } from "./pages";
import { renderSignIn } from "./views/signin";

const SERVICE = "peerqa";
/** How often to poll the review while the live subscription is down. */
export const POLL_MS = 15_000;
/** How long a success banner survives refreshes of the same page (live updates). */
const FLASH_KEPT_MS = 10_000;

export class App {
  private readonly session: Session;
  private readonly outbox = new Outbox();
  private me: Me | null = null;
  private page: Page | null = null;
  private live: { reviewId: string; stop: () => void } | null = null;
  private socketUp = false;
  private flashMessage: string | null = null;
  private shownFlash: { message: string; route: string; at: number } | null = null;
  private renderToken = 0;
  private focusNext = false;
  private routeHash = "#/";

  constructor(
    private readonly app: HTMLElement,
    private readonly signInSlot: HTMLElement,
    private readonly accountNav: HTMLElement,
  ) {
    this.session = new Session(fetchTransport(), () => this.showSignIn());
    window.addEventListener("hashchange", () => {
      // In-page links (the skip link, error summaries) are not routes.
      if (isRouteHash(window.location.hash)) void this.render("heading");
    });
  }

  async start(): Promise<void> {
    this.app.replaceChildren(h("p", { class: "govuk-body" }, "Loading…"));
    try {
      const data = await this.session.run(MeDocument, {});
      this.me = data.me;
    } catch (error) {
      if (error instanceof SessionEnded) return this.start();
      this.showProblem(error);
      return;
    }
    this.renderAccountNav();
    const focus = this.focusNext ? "heading" : "none";
    this.focusNext = false;
    await this.render(focus);
  }

  private context(me: Me): AppContext {
    return {
      session: this.session,
      me,
      outbox: this.outbox,
      navigate: (hash) => {
        if (window.location.hash === hash) void this.render("heading");
        else window.location.hash = hash;
      },
      refresh: () => void this.render("none"),
      flash: (message) => {
        this.flashMessage = message;
      },
    };
  }

  private async render(focus: "none" | "heading"): Promise<void> {
    if (!this.me) return;
    const token = ++this.renderToken;
    if (isRouteHash(window.location.hash)) this.routeHash = window.location.hash;
    const route = parseRoute(this.routeHash);
    let page: Page;
    try {
      page = await renderPage(route, this.context(this.me));
    } catch (error) {
      if (token !== this.renderToken) return;
      if (error instanceof SessionEnded) return;
      this.showProblem(error);
      return;
    }
    if (token !== this.renderToken) return; // a newer navigation won
    this.page?.dispose?.();
    this.page = page;
    const flash = this.flashMessage;
    this.flashMessage = null;
    // A refresh soon after (e.g. the live update that one's own change sends) keeps the banner
    // saying what was just done, rather than wiping it before it is read.
    const recent = this.shownFlash;
    const kept = !flash && focus === "none" && recent && recent.route === this.routeHash && Date.now() - recent.at < FLASH_KEPT_MS ? recent.message : null;
    if (flash) this.shownFlash = { message: flash, route: this.routeHash, at: Date.now() };
    else if (!kept) this.shownFlash = null;
    const children: HTMLElement[] = [];
    if (flash ?? kept) children.push(notificationBanner("Success", (flash ?? kept) as string, true));
    children.push(page.element);
    this.app.replaceChildren(...children);
    document.title = `${page.title} – ${SERVICE}`;
    this.follow(page.liveReviewId);
    this.showLiveStatus();
    if (flash) this.app.querySelector<HTMLElement>(".govuk-notification-banner")?.focus();
    else if (focus === "heading") this.app.querySelector<HTMLElement>("h1")?.focus();
  }

  /**
   * Keep one subscription open while the user stays on the same review. While the socket is
   * down (or the server cannot upgrade to WebSocket), poll the review's state and version
   * instead: sections get "poll.tick" every time, and "poll.changed" when the review changed.
   */
  private follow(reviewId: string | undefined): void {
    if (this.live && this.live.reviewId === reviewId) return;
    this.live?.stop();
    this.live = null;
    if (!reviewId) return;
    this.socketUp = false;
    const stopSocket = subscribe({
      document: ReviewUpdatedDocument,
      variables: { reviewId },
      onData: (data) => this.page?.onLiveUpdate?.(data.reviewUpdated.kind),
      onStatus: (live) => {
        this.socketUp = live;
        document.body.dataset["live"] = live ? "connected" : "polling";
        this.showLiveStatus();
      },
    });
    let last: string | null = null;
    const timer = setInterval(() => {
      if (this.socketUp || this.session.waitingForSignIn || document.hidden) return;
      this.session
        .run(ReviewPulseDocument, { id: reviewId })
        .then((data) => {
          const node = data.node;
          const now = node && "version" in node ? `${node.state}:${node.version}` : null;
          const changed = last !== null && now !== last;
          last = now;
          this.page?.onLiveUpdate?.(changed ? "poll.changed" : "poll.tick");
        })
        .catch(() => undefined);
    }, POLL_MS);
    this.live = {
      reviewId,
      stop: () => {
        stopSocket();
        clearInterval(timer);
      },
    };
  }

  private showLiveStatus(): void {
    const status = this.app.querySelector(".live-status");
    if (status) status.textContent = this.socketUp ? "Live" : "Refreshes every 15 seconds";
  }

  /** The session ended (or never began): show sign-in over the page, keeping the page. */
  private showSignIn(errors: FormError[] = [], email = ""): void {
    const expired = this.me !== null;
    const form = renderSignIn({ email, expired, parked: this.session.parkedCount });
    onSubmit(form, (data) => this.signIn(form, text(data, "email").trim(), text(data, "password")));
    this.signInSlot.replaceChildren(form);
    this.signInSlot.hidden = false;
    this.app.hidden = true;
    this.accountNav.replaceChildren();
    document.title = `${expired ? "Sign in again" : "Sign in"} – ${SERVICE}`;
    if (errors.length) applyErrors(form, errors, "signin-");
    else form.querySelector<HTMLElement>("h1")?.focus();
  }

  private async signIn(form: HTMLFormElement, email: string, password: string): Promise<void> {
    // Sign-in must not itself be parked: send it straight through the transport.
    const transport = fetchTransport();
    const response = await transport(LoginDocument, { input: { email, password } });
    const login = response.data?.login;
    const errors: FormError[] =
      login?.errors ?? (response.errors ?? []).map((e) => ({ code: e.extensions?.code ?? "ERROR", field: null, message: e.message }));
    if (!login?.user || errors.length > 0) {
      applyErrors(form, errors.length ? errors : [{ code: "UNKNOWN", field: null, message: "Sorry, you could not be signed in. Try again." }], "signin-");
      return;
    }
    const previous = this.me;
    this.focusNext = true;
    this.signInSlot.hidden = true;
    this.signInSlot.replaceChildren();
    this.app.hidden = false;
    if (previous && previous.id !== login.user.id) {
      // Someone else: what the previous user was sending is not theirs to send.
      this.session.abandon();
      this.me = null;
      window.location.hash = "#/";
      await this.start();
      return;
    }
    if (previous) {
      this.renderAccountNav();
      if (this.page) document.title = `${this.page.title} – ${SERVICE}`;
    }
    await this.session.resume();
  }

  private async signOut(): Promise<void> {
    try {
      await fetchTransport()(LogoutDocument, {});
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
    }
    this.live?.stop();
    this.live = null;
    this.page?.dispose?.();
    this.page = null;
    this.me = null;
    this.app.replaceChildren();
    window.location.hash = "#/";
    await this.start();
  }

  private renderAccountNav(): void {
    if (!this.me) return;
    const button = h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 sign-out-button" }, "Sign out");
    button.addEventListener("click", () => void this.signOut());
    const admin = this.me.globalRole === "ADMIN";
    const overseer = admin || this.me.globalRole === "MODERATOR";
    this.accountNav.replaceChildren(
      h(
        "ul",
        { class: "account-nav__list" },
        h("li", {}, h("a", { class: "govuk-link govuk-link--inverse", href: "#/" }, "Home")),
        overseer ? h("li", {}, h("a", { class: "govuk-link govuk-link--inverse", href: "#/moderation" }, "Moderation")) : null,
        overseer ? h("li", {}, h("a", { class: "govuk-link govuk-link--inverse", href: "#/moderation/statistics" }, "Statistics")) : null,
        admin ? h("li", {}, h("a", { class: "govuk-link govuk-link--inverse", href: "#/admin/users" }, "Administration")) : null,
        h("li", { class: "account-nav__who" }, `Signed in as ${this.me.displayName}`),
        h("li", {}, button),
      ),
    );
  }

  private showProblem(error: unknown): void {
    if (!(error instanceof TransportError)) console.error(error);
    const retry = h("button", { type: "button", class: "govuk-button retry-button" }, "Try again");
    retry.addEventListener("click", () => void (this.me ? this.render("heading") : this.start()));
    this.app.replaceChildren(
      h("h1", { class: "govuk-heading-l", tabindex: "-1" }, "Sorry, there is a problem with the service"),
      h("p", { class: "govuk-body" }, error instanceof TransportError ? "peerqa could not be reached. Check your connection, then try again." : "Try again later."),
      retry,
    );
    document.title = `Sorry, there is a problem with the service – ${SERVICE}`;
    this.app.querySelector<HTMLElement>("h1")?.focus();
  }
}

function isRouteHash(hash: string): boolean {
  return hash === "" || hash === "#" || hash.startsWith("#/");
}
