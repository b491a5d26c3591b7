/* Tables that scroll sideways inside their container (.table-responsive) are reachable with the
   keyboard (arrow keys scroll a focused region) and named for screen readers; those that fit
   their container add no Tab stop. Runs on load and when the window is resized. */
(function () {
  "use strict";
  var label = document.body.getAttribute("data-scroll-label") || "";

  /* The table's name: its caption, else the nearest heading before it, else a generic label. */
  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var node = box; node && node !== document.body; node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        var heading = /^H[1-6]$/.test(prev.tagName) ? prev : prev.querySelector("h1,h2,h3,h4,h5,h6");
        if (heading && heading.textContent.trim()) return heading.textContent.trim();
      }
    }
    return label;
  }

  function mark() {
    var boxes = document.querySelectorAll(".table-responsive");
    var used = {};
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var auto = box.getAttribute("data-a11y-label") === "auto";
        if (auto || (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby"))) {
          var name = nameOf(box);
          used[name] = (used[name] || 0) + 1;  // landmarks' names are unique on a page
          box.setAttribute("aria-label", used[name] > 1 ? name + " (" + used[name] + ")" : name);
          box.setAttribute("data-a11y-label", "auto");
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        if (box.getAttribute("data-a11y-label") === "auto") {
          box.removeAttribute("aria-label");
          box.removeAttribute("data-a11y-label");
        }
      }
    }
  }

  /* The skip link lands on the page's own heading (after the section's tabs), so the next Tab
     reaches the page's first control; without script it still lands on <main>. */
  var skip = document.querySelector(".skip-link");
  if (skip) {
    skip.addEventListener("click", function (event) {
      var main = document.getElementById("noi-dung");
      if (!main) return;
      var heading = main.querySelector("h1");
      var target = heading || main;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      event.preventDefault();
      target.focus();
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(mark, 150);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
