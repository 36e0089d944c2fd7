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
  };
  if (window.wagtail && window.wagtail.app && window.StimulusModule) {
    register();
  } else {
    document.addEventListener("DOMContentLoaded", register, { once: true });
  }
})();
