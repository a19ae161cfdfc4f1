// Site-wide behaviour. No inline handlers anywhere: the CSP forbids them, so
// pages mark elements with data-* attributes and this file wires them up.
(function () {
  "use strict";

  // <form data-confirm="Are you sure?"> asks before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <form data-warn-unsaved="message">: warn before leaving with unsaved text.
  function watchUnsaved(form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = form.getAttribute("data-warn-unsaved");
      }
    });
  }

  // <button data-print> prints the page.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-warn-unsaved]").forEach(watchUnsaved);
  });
})();
