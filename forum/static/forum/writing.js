// Bold, italic and list buttons above the forum's writing boxes. They type the
// Markdown the forum already renders, so a child never has to learn "**chữ đậm**".
// Without JavaScript the box is a plain textarea and everything still posts.
(function () {
  "use strict";

  function replaceSelection(area, text, selectFrom, selectTo) {
    var start = area.selectionStart;
    var end = area.selectionEnd;
    area.setRangeText(text, start, end, "end");
    area.setSelectionRange(start + selectFrom, start + selectTo);
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }

  function wrap(area, mark, placeholder) {
    var chosen = area.value.slice(area.selectionStart, area.selectionEnd) || placeholder;
    replaceSelection(area, mark + chosen + mark, mark.length, mark.length + chosen.length);
  }

  function list(area, placeholder) {
    var chosen = area.value.slice(area.selectionStart, area.selectionEnd) || placeholder;
    var before = area.value.slice(0, area.selectionStart);
    var lead = before === "" || before.endsWith("\n") ? "" : "\n";
    var lines = chosen.split("\n").map(function (line) { return "- " + line; }).join("\n");
    replaceSelection(area, lead + lines + "\n", lead.length, lead.length + lines.length);
  }

  var ACTIONS = [
    { key: "bold", icon: "bi-type-bold", run: function (a, p) { wrap(a, "**", p); } },
    { key: "italic", icon: "bi-type-italic", run: function (a, p) { wrap(a, "_", p); } },
    { key: "list", icon: "bi-list-ul", run: list },
  ];

  document.querySelectorAll("textarea[data-toolbar]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "writing-toolbar d-flex gap-1 mb-1";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", area.dataset.toolbar);
    ACTIONS.forEach(function (action) {
      var button = document.createElement("button");
      var label = area.dataset[action.key] || action.key;
      button.type = "button";
      button.className = "btn btn-outline-secondary btn-sm";
      button.title = label;
      button.setAttribute("aria-label", label);
      button.dataset.action = action.key;
      var icon = document.createElement("i");
      icon.className = "bi " + action.icon;
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      button.addEventListener("click", function () {
        action.run(area, area.dataset.placeholderText || "");
      });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
