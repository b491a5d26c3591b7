// The set-up's list of units: a search box that hides the rows whose name does not contain
// what is typed (without diacritics: "dong thap" finds "Đồng Tháp"), "only the chosen ones",
// and the next rotation number for a unit as it is ticked.
(function () {
  function plain(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function apply() {
    var box = document.querySelector("[data-unit-filter]");
    var only = document.querySelector("[data-only-chosen]");
    var query = box ? plain(box.value.trim()) : "";
    document.querySelectorAll("[data-unit-row]").forEach(function (row) {
      var check = row.querySelector("[data-unit-check]");
      var shown = plain(row.dataset.name || "").indexOf(query) !== -1 &&
        (!only || !only.checked || check.checked);
      row.hidden = !shown;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-unit-filter]")) {
      apply();
    }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-only-chosen]")) {
      apply();
      return;
    }
    if (!target.matches("[data-unit-check]")) {
      return;
    }
    var order = target.closest("[data-unit-row]").querySelector("[data-unit-order]");
    if (!order) {
      return;
    }
    if (target.checked && order.value === "") {
      var highest = 0;
      document.querySelectorAll("[data-unit-order]").forEach(function (other) {
        var value = parseInt(other.value, 10);
        if (!isNaN(value) && value > highest) {
          highest = value;
        }
      });
      order.value = String(highest + 1);
    } else if (!target.checked) {
      order.value = "";
    }
  });

  // What was typed or ticked before this script ran (it is deferred, and a slow page can be
  // used before it loads): filter by it now, and number the units already ticked.
  apply();
  var highest = 0;
  document.querySelectorAll("[data-unit-order]").forEach(function (other) {
    var value = parseInt(other.value, 10);
    if (!isNaN(value) && value > highest) {
      highest = value;
    }
  });
  document.querySelectorAll("[data-unit-row]").forEach(function (row) {
    var check = row.querySelector("[data-unit-check]");
    var order = row.querySelector("[data-unit-order]");
    if (check && order && check.checked && order.value === "") {
      highest += 1;
      order.value = String(highest);
    }
  });
})();
