// Wagtail's date, time and date-time pickers, started without an inline script so that the
// Content-Security-Policy can refuse every inline script (see the widget templates in
// dangbo/core/templates/wagtailadmin/widgets/). A Stimulus controller also starts pickers
// that arrive later (filters refreshed in place, modals).
(() => {
  const start = {
    date: "initDateChooser",
    time: "initTimeChooser",
    datetime: "initDateTimeChooser",
  };
  const register = () => {
    const { Controller } = window.StimulusModule;
    class PickerController extends Controller {
      static values = { kind: String, config: Object };

      connect() {
        const init = window[start[this.kindValue]];
        if (typeof init === "function" && this.element.id) {
          init(this.element.id, this.configValue);
        }
      }
    }
    window.wagtail.app.register("dangbo-picker", PickerController);
    window.wagtail.app.register("dangbo-unit-search", unitSearch(Controller));
    window.wagtail.app.register("dangbo-fragment", fragment(Controller));
  };
  // The unit filter's search-as-you-type (core/views/filters.UnitFilterSelect): asks the
  // scoped JSON endpoint for the units the user sees, lists them as a listbox (arrows, Enter,
  // Escape), puts the one picked among the <select>'s options and selects it (a "change" that
  // Wagtail's filter form answers by refreshing the list). Its own input and change events
  // stop here: the typed words are never a filter.
  const unitSearch = (Controller) =>
    class extends Controller {
      static targets = ["box", "input", "list", "status", "help"];
      static values = { url: String, none: String, more: String };

      connect() {
        if (!this.urlValue) return;
        this.select = this.element.querySelector("select");
        this.boxTarget.hidden = false;
        if (this.hasHelpTarget) this.helpTarget.hidden = true;
        this.found = [];
        this.active = -1;
      }

      ignore() {}

      find() {
        clearTimeout(this.timer);
        const query = this.inputTarget.value.trim();
        if (query.length < 2) {
          this.show([], false, "");
          return;
        }
        this.timer = setTimeout(() => this.fetch(query), 250);
      }

      async fetch(query) {
        const url = `${this.urlValue}?${new URLSearchParams({ q: query })}`;
        this.controller?.abort();
        this.controller = new AbortController();
        try {
          const response = await fetch(url, {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
            signal: this.controller.signal,
          });
          const data = await response.json();
          if (this.inputTarget.value.trim() !== query) return;
          this.show(data.results || [], Boolean(data.more), data.error || "");
        } catch (error) {
          if (error.name !== "AbortError") this.show([], false, "");
        }
      }

      show(results, more, error) {
        this.found = results;
        this.active = -1;
        const list = this.listTarget;
        list.replaceChildren();
        const id = this.inputTarget.id;
        results.forEach((unit, index) => {
          const item = document.createElement("li");
          item.id = `${id}_${index}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.textContent = unit.label;
          if (unit.parent) {
            const parent = document.createElement("small");
            parent.textContent = unit.parent;
            item.append(parent);
          }
          item.addEventListener("mousedown", (event) => event.preventDefault());
          item.addEventListener("click", () => this.pick(index));
          list.append(item);
        });
        const typed = this.inputTarget.value.trim().length >= 2;
        const note = error || (!results.length && typed ? this.noneValue : more ? this.moreValue : "");
        if (note) {
          const item = document.createElement("li");
          item.setAttribute("role", "option");
          item.setAttribute("aria-disabled", "true");
          item.textContent = note;
          list.append(item);
        }
        const open = list.children.length > 0;
        list.hidden = !open;
        this.inputTarget.setAttribute("aria-expanded", String(open));
        this.inputTarget.removeAttribute("aria-activedescendant");
        this.statusTarget.textContent = note || (results.length ? `${results.length}` : "");
      }

      key(event) {
        const count = this.found.length;
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          if (!count) return;
          event.preventDefault();
          const step = event.key === "ArrowDown" ? 1 : -1;
          this.active = (this.active + step + count) % count;
          [...this.listTarget.children].forEach((item, index) =>
            item.setAttribute("aria-selected", String(index === this.active)),
          );
          const item = this.listTarget.children[this.active];
          this.inputTarget.setAttribute("aria-activedescendant", item.id);
          item.scrollIntoView({ block: "nearest" });
        } else if (event.key === "Enter") {
          event.preventDefault();
          if (this.active >= 0) this.pick(this.active);
          else if (count === 1) this.pick(0);
        } else if (event.key === "Escape" && !this.listTarget.hidden) {
          event.preventDefault();
          event.stopPropagation();
          this.show([], false, "");
        }
      }

      pick(index) {
        const unit = this.found[index];
        if (!unit || !this.select) return;
        const value = String(unit.id);
        let option = [...this.select.options].find((o) => o.value === value);
        if (!option) {
          option = new Option(unit.label, value);
          this.select.append(option);
        }
        this.select.value = value;
        this.inputTarget.value = "";
        this.show([], false, "");
        this.statusTarget.textContent = unit.label;
        this.select.dispatchEvent(new Event("change", { bubbles: true }));
        this.select.focus();
      }
    };

  // A part of a page computed in its own request (the home's findings): fetches the URL and
  // puts each [data-dangbo-slot] of the answer in place of the same slot here. Without
  // JavaScript the page keeps its link to the full page.
  const fragment = (Controller) =>
    class extends Controller {
      static values = { url: String, failed: String };

      async connect() {
        if (!this.urlValue) return;
        try {
          const response = await fetch(this.urlValue, {
            headers: { Accept: "text/html" },
            credentials: "same-origin",
          });
          if (!response.ok) throw new Error(String(response.status));
          const html = await response.text();
          const answer = new DOMParser().parseFromString(html, "text/html");
          this.element.querySelectorAll("[data-dangbo-slot]").forEach((slot) => {
            const name = slot.getAttribute("data-dangbo-slot");
            const fresh = answer.querySelector(`[data-dangbo-slot="${CSS.escape(name)}"]`);
            if (fresh) slot.replaceWith(document.importNode(fresh, true));
          });
          this.element.setAttribute("aria-busy", "false");
        } catch (error) {
          this.element.setAttribute("aria-busy", "false");
          this.element.querySelectorAll("[data-dangbo-waiting]").forEach((note) => {
            note.textContent = this.failedValue;
          });
        }
      }
    };

  if (window.wagtail && window.wagtail.app && window.StimulusModule) {
    register();
  } else {
    document.addEventListener("DOMContentLoaded", register, { once: true });
  }
})();
