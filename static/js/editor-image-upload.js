// A picture from the writer's phone or computer, straight into the text.
//
// An extension for django-prose-editor (loaded through DJANGO_PROSE_EDITOR_EXTENSIONS):
// a toolbar button opens the file chooser; a chosen, pasted or dropped picture is
// sent to the server (which checks and re-encodes it) and inserted where the
// cursor was. The server answers JSON: {"url": ...} or {"error": "<Vietnamese>"}.
import { Extension } from "django-prose-editor/editor";

// The words come translated from the server (the extension's options); these are
// only what shows if a page forgot them.
const FALLBACK_TEXTS = {
  busy: "…",
  done: "✓",
  failed: "✗",
  button: "add_photo_alternate",
  chooser: "add_photo_alternate",
};

function csrfToken(element) {
  const form = element.closest("form");
  const field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

function isPicture(file) {
  return file && /^image\//.test(file.type || "");
}

export const ImageUpload = Extension.create({
  name: "ImageUpload",

  addOptions() {
    return { uploadUrl: "", accept: "image/jpeg,image/png,image/webp", texts: {} };
  },

  addStorage() {
    return { input: null, status: null };
  },

  onCreate() {
    const editor = this.editor;
    const options = this.options;
    const storage = this.storage;
    const TEXTS = Object.assign({}, FALLBACK_TEXTS, options.texts);
    const wrapper = editor.view.dom.closest(".prose-editor") || editor.view.dom.parentNode;

    const status = document.createElement("div");
    status.className = "form-text editor-upload-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.after(status);
    storage.status = status;

    const input = document.createElement("input");
    input.type = "file";
    input.accept = options.accept;
    input.hidden = true;
    input.setAttribute("aria-label", TEXTS.chooser);
    input.setAttribute("data-editor-image-input", "");
    wrapper.after(input);
    storage.input = input;

    const say = (text, isError) => {
      status.textContent = text;
      status.classList.toggle("text-danger", !!isError);
    };

    const upload = async (file, position) => {
      say(TEXTS.busy, false);
      const body = new FormData();
      body.append("image", file, file.name || "anh");
      let answer = null;
      try {
        const response = await fetch(options.uploadUrl, {
          method: "POST",
          body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(wrapper), Accept: "application/json" },
        });
        answer = await response.json().catch(() => null);
        if (!response.ok || !answer || !answer.url) {
          say((answer && answer.error) || TEXTS.failed, true);
          return;
        }
      } catch (error) {
        say(TEXTS.failed, true);
        return;
      }
      const chain = editor.chain().focus();
      if (typeof position === "number") chain.setTextSelection(position);
      chain.setImage({ src: answer.url, alt: "" }).run();
      // The form now differs from what was saved: the leave-page warning should know.
      wrapper.dispatchEvent(new Event("input", { bubbles: true }));
      say(TEXTS.done, false);
    };
    storage.upload = upload;

    input.addEventListener("change", () => {
      const files = Array.from(input.files || []);
      input.value = "";
      files.forEach((file) => upload(file));
    });

    const pictures = (list) => Array.from(list || []).filter(isPicture);

    editor.view.dom.addEventListener(
      "paste",
      (event) => {
        const files = pictures(event.clipboardData && event.clipboardData.files);
        if (!files.length) return;
        event.preventDefault();
        event.stopPropagation();
        files.forEach((file) => upload(file));
      },
      true,
    );
    editor.view.dom.addEventListener(
      "drop",
      (event) => {
        const files = pictures(event.dataTransfer && event.dataTransfer.files);
        if (!files.length) return;
        event.preventDefault();
        event.stopPropagation();
        const at = editor.view.posAtCoords({ left: event.clientX, top: event.clientY });
        files.forEach((file) => upload(file, at ? at.pos : undefined));
      },
      true,
    );
  },

  onDestroy() {
    if (this.storage.input) this.storage.input.remove();
    if (this.storage.status) this.storage.status.remove();
  },

  addMenuItems({ menu, buttons }) {
    const storage = this.storage;
    const TEXTS = Object.assign({}, FALLBACK_TEXTS, this.options.texts);
    menu.defineItem({
      name: "imageUpload",
      groups: "nodes",
      command() {
        if (storage.input) storage.input.click();
      },
      button: buttons.material("add_photo_alternate", TEXTS.button),
      enabled: () => true,
    });
  },
});
