import "./styles.scss";
import { App } from "./app";

// What GOV.UK Frontend's inline snippet usually does; done here because the CSP forbids inline scripts.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const app = document.getElementById("app") as HTMLElement;
const signIn = document.getElementById("sign-in") as HTMLElement;
const nav = document.getElementById("account-nav") as HTMLElement;
void new App(app, signIn, nav).start();
