// Turns on GOV.UK Frontend's and MOJ Frontend's JavaScript enhancements (conditional
// reveals, "add another"). Kept in a file because the content security policy allows no
// inline script.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";
import { initAll as initMoj } from "../vendor/moj/moj-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initMoj();
