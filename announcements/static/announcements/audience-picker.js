// The audience list of "Viết thông báo": a search box that hides the rows whose
// class or grade does not match (diacritics and case ignored, "lop 5a" finds
// "Lớp 5A"). Without JavaScript the box stays hidden and the list is plain.
(function () {
  "use strict";

  function fold(text) {
    return text
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function wire(picker) {
    var box = picker.querySelector("[data-audience-search]");
    var rows = picker.querySelectorAll("[data-search]");
    var none = picker.querySelector("[data-audience-none]");
    var preview = picker.querySelector("[data-audience-preview]");
    if (!box) return;
    box.hidden = false;
    // With JavaScript the sentence follows every tick; the button is for pages without it.
    if (preview) preview.hidden = true;
    box.addEventListener("input", function () {
      var query = fold(box.value);
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var match = !query || rows[i].getAttribute("data-search").indexOf(query) !== -1;
        rows[i].hidden = !match;
        if (match) shown++;
      }
      if (none) none.hidden = shown !== 0;
    });
    // Enter in the search box must not send the announcement.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function start() {
    var pickers = document.querySelectorAll("[data-audience-picker]");
    for (var i = 0; i < pickers.length; i++) wire(pickers[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
