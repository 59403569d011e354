/* The embed generator (/embed/new): a button that copies the code, and a preview that
   follows the embedded map's height as the pasted code would. Dash loads every file of
   assets/ on its pages too: this one does nothing where there is no generator. */
(function () {
  var code = document.getElementById("embed-code");
  var button = document.getElementById("embed-copy");
  var status = document.getElementById("embed-copy-status");
  var preview = document.getElementById("embed-preview");
  if (!code || !button || !status) {
    return;
  }
  button.hidden = false; // without script, the code is selected and copied by hand

  function said(text) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50); // a new text, so that screen readers say it again
  }

  function byHand() {
    code.focus();
    code.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    said(button.getAttribute(done ? "data-copied" : "data-failed"));
  }

  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.value).then(function () {
        said(button.getAttribute("data-copied"));
      }, byHand);
    } else {
      byHand();
    }
  });

  if (preview && preview.getAttribute("data-follow") === "yes") {
    window.addEventListener("message", function (event) {
      if (event.origin !== window.location.origin || event.source !== preview.contentWindow) {
        return;
      }
      if (event.data && event.data.type === "jpp-map:height") {
        preview.style.height = event.data.height + "px";
      }
    });
  }
})();
