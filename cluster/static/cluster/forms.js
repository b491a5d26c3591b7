// Behaviours of the app's forms (issue #14), without inline script (the CSP allows none):
//
// * An error summary ([data-error-summary]) is focused when the page loads, so a form that
//   came back unsaved says so at once, to the eye and to a screen reader.
// * A form marked data-confirm="…" asks once, naming the consequence, before it is sent.
// * A form marked data-busy="…" (or data-confirm) is sent once: after the first submit its
//   buttons are disabled and the button pressed reads the data-busy text ("Đang xử lý…"), so
//   a double click sends one request. The servers are idempotent anyway.
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }

  var pressed = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[type=submit], input[type=submit]");
    pressed = button || null;
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-confirm], form[data-busy]")) {
      return;
    }
    if (form.dataset.sent === "1") {
      event.preventDefault();
      return;
    }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    form.setAttribute("aria-busy", "true");
    var busy = form.dataset.busy || "Đang xử lý…";
    var button = pressed && form.contains(pressed) ? pressed : form.querySelector("button[type=submit], input[type=submit]");
    // Disabled after the browser has read the form, so the pressed button's name is sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        b.disabled = true;
      });
      if (button) {
        button.setAttribute("data-idle", button.tagName === "INPUT" ? button.value : button.textContent);
        if (button.tagName === "INPUT") {
          button.value = busy;
        } else {
          button.textContent = busy;
        }
      }
    }, 0);
  });

  // Back to a page kept by the browser: its forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        b.disabled = false;
        if (b.hasAttribute("data-idle")) {
          if (b.tagName === "INPUT") {
            b.value = b.getAttribute("data-idle");
          } else {
            b.textContent = b.getAttribute("data-idle");
          }
          b.removeAttribute("data-idle");
        }
      });
    });
  });
})();
