// On an agenda item's page: Alt+Shift+N opens the next item and Alt+Shift+P the previous
// one, following the page's rel="next" / rel="prev" links (which work without this file).
// A modifier is needed so no single key is taken from screen readers' quick navigation
// (WCAG 2.1.4); keys pressed while typing in a field are left alone, and while the page
// holds typed text not yet saved the shortcut only moves focus to the link, so nothing
// typed is lost. Kept in a file because the content security policy allows no inline
// script.
const FIELDS = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";
const KEYS = { KeyN: "next", KeyP: "prev" };

function unsaved() {
  return [...document.querySelectorAll("main textarea, main input[type='text']")]
    .some((field) => field.value !== field.defaultValue);
}

document.addEventListener("keydown", (event) => {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) {
    return;
  }
  const rel = KEYS[event.code];
  const target = event.target;
  if (!rel || (target instanceof Element && target.closest(FIELDS))) {
    return;
  }
  const link = document.querySelector(`a[rel~="${rel}"][data-agenda-key]`);
  if (!(link instanceof HTMLAnchorElement)) {
    return;
  }
  event.preventDefault();
  if (unsaved()) {
    link.focus();
  } else {
    window.location.assign(link.href);
  }
});
