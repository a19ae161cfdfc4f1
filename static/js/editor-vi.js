// The rich-text editor (django-prose-editor) in Vietnamese.
//
// The editor reads its dialog texts through window.gettext when its module is
// evaluated, so this classic script is loaded before the editor's (deferred)
// modules. Toolbar tooltips are fixed English words in the editor, so they are
// replaced when an editor announces itself ready (prose-editor:ready).
(function () {
  "use strict";

  var dialogs = {
    "Add caption": "Thêm chú thích",
    "Alternative Text": "Mô tả ảnh (cho người không xem được ảnh)",
    "Browse...": "Chọn…",
    "Bullets": "Dấu chấm",
    "Cancel": "Huỷ",
    "Caption": "Chú thích",
    "Columns": "Số cột",
    "Decimal numbers": "Số 1, 2, 3",
    "Edit Figure": "Sửa ảnh có chú thích",
    "Edit HTML": "Sửa mã HTML",
    "Edit Image": "Sửa ảnh",
    "Edit Link": "Sửa liên kết",
    "Image URL": "Địa chỉ ảnh",
    "Include header row": "Có hàng tiêu đề",
    "Insert Figure": "Chèn ảnh theo địa chỉ",
    "Insert Table": "Chèn bảng",
    "Insert": "Chèn",
    "List properties": "Kiểu danh sách",
    "List type": "Kiểu đánh số",
    "Lowercase Roman numerals": "Số La Mã thường (i, ii, iii)",
    "Lowercase letters": "Chữ thường (a, b, c)",
    "Open in new window": "Mở trong cửa sổ mới",
    "Prettify": "Sắp xếp lại mã",
    "Remove caption": "Bỏ chú thích",
    "Rows": "Số hàng",
    "Start at": "Bắt đầu từ",
    "Table Properties": "Thuộc tính bảng",
    "The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.":
      "Mã HTML của nội dung. Chỉ những thẻ trình soạn thảo cho phép được giữ lại.",
    "Title": "Tiêu đề",
    "Toggle fullscreen": "Toàn màn hình",
    "URL": "Địa chỉ",
    "Update": "Cập nhật",
    "Uppercase Roman numerals": "Số La Mã hoa (I, II, III)",
    "Uppercase letters": "Chữ hoa (A, B, C)",
    "Yes": "Có",
    "No": "Không"
  };

  var buttons = {
    "bold": "Chữ đậm",
    "italic": "Chữ nghiêng",
    "underline": "Gạch chân",
    "strike": "Gạch ngang",
    "subscript": "Chỉ số dưới",
    "superscript": "Chỉ số trên",
    "heading 1": "Tiêu đề cấp 1",
    "heading 2": "Tiêu đề lớn",
    "heading 3": "Tiêu đề vừa",
    "heading 4": "Tiêu đề nhỏ",
    "Heading 1": "Tiêu đề cấp 1",
    "Heading 2": "Tiêu đề lớn",
    "Heading 3": "Tiêu đề vừa",
    "Heading 4": "Tiêu đề nhỏ",
    "paragraph": "Đoạn văn",
    "Paragraph": "Đoạn văn",
    "unordered list": "Danh sách dấu chấm",
    "ordered list": "Danh sách đánh số",
    "blockquote": "Trích dẫn",
    "horizontal rule": "Đường kẻ ngang",
    "figure": "Chèn ảnh theo địa chỉ (có chú thích)",
    "insert link": "Chèn liên kết (chọn chữ trước)",
    "remove link": "Bỏ liên kết",
    "undo": "Hoàn tác",
    "redo": "Làm lại",
    "Insert table": "Chèn bảng",
    "edit HTML": "Sửa mã HTML",
    "Merge cells": "Gộp ô",
    "Split cell": "Tách ô",
    "Code": "Mã",
    "Code block": "Khối mã",
    "Block style": "Kiểu khối",
    "left": "Canh trái",
    "center": "Canh giữa",
    "right": "Canh phải",
    "justify": "Canh đều"
  };

  var previous = window.gettext;
  window.gettext = function (text) {
    if (Object.prototype.hasOwnProperty.call(dialogs, text)) {
      return dialogs[text];
    }
    return previous ? previous(text) : text;
  };

  function translate(value) {
    return Object.prototype.hasOwnProperty.call(buttons, value) ? buttons[value] : null;
  }

  function translateMenu(root) {
    var items = root.querySelectorAll("[title], [aria-label]");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var title = translate(item.getAttribute("title"));
      if (title) item.setAttribute("title", title);
      var label = translate(item.getAttribute("aria-label"));
      if (label) item.setAttribute("aria-label", label);
    }
    // Options of the block-type dropdown are short texts ("Paragraph", "heading 2").
    var options = root.querySelectorAll(".prose-menubar p, .prose-menubar h1, .prose-menubar h2, .prose-menubar h3, .prose-menubar h4, .prose-menubar code");
    for (var j = 0; j < options.length; j++) {
      var text = translate(options[j].textContent.trim());
      if (text) options[j].textContent = text;
    }
  }

  // The menu bar is built just after the editor says it is ready, and some
  // buttons (tables, links) come and go: translate whatever is added.
  document.addEventListener("prose-editor:ready", function (event) {
    var wrapper = event.target.closest(".prose-editor") || event.target.parentNode;
    if (!wrapper) return;
    translateMenu(wrapper);
    new MutationObserver(function () { translateMenu(wrapper); }).observe(wrapper, {
      childList: true,
      subtree: true
    });
  });
})();
