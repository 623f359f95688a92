// Turns on GOV.UK Frontend's JavaScript enhancements. Kept in a file because the
// content security policy allows no inline script.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
