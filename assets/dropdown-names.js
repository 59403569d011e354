/* Dash 4's dropdown (the country selector, the province chooser) takes the Tab key on a
   read-only input marked aria-hidden, which hands the focus to the dropdown's button; going
   back with Shift+Tab the focus stays on that input (axe: "aria-hidden-focus", serious).
   Here the input is named after its control (its label, or its fieldset's legend) and not
   hidden, so that a screen reader says what it is wherever the focus lands. Runs again as
   Dash renders: the dropdowns appear after this file has loaded. */
(function () {
  function nameOf(button) {
    var label = button.id && document.querySelector('label[for="' + button.id + '"]');
    if (label) {
      return label.textContent.trim();
    }
    var fieldset = button.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    return legend ? legend.textContent.trim() : "";
  }

  function name() {
    var inputs = document.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var button = input.parentElement && input.parentElement.querySelector(".dash-dropdown");
      var text = button ? nameOf(button) : "";
      if (text) {
        input.removeAttribute("aria-hidden");
        input.setAttribute("aria-label", text);
      }
    }
  }

  new MutationObserver(name).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
