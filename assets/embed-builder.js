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

  if (preview) {
    window.addEventListener("message", function (event) {
      if (event.origin !== window.location.origin || event.source !== preview.contentWindow) {
        return;
      }
      var follows = preview.getAttribute("data-follow") === "yes";
      if (follows && event.data && event.data.type === "jpp-map:height") {
        preview.style.height = event.data.height + "px";
      }
    });
  }

  // Live: each change asks the server for the page of the new choice (the code is built
  // there, in one place) and takes its code, preview and language links; the focus stays.
  var form = document.getElementById("embed-form");
  if (!form || !window.fetch || !window.DOMParser) {
    return;
  }
  var asked = 0;
  function update() {
    var query = new URLSearchParams(new FormData(form)).toString();
    var address = form.getAttribute("action") + "?" + query;
    var mine = ++asked;
    window
      .fetch(address, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var newCode = page.getElementById("embed-code");
        var newPreview = page.getElementById("embed-preview");
        if (mine !== asked || !newCode || !newPreview) {
          return; // a later change is on its way, or the answer is not the page
        }
        code.value = newCode.value;
        preview.setAttribute("style", newPreview.getAttribute("style") || "");
        preview.setAttribute("data-follow", newPreview.getAttribute("data-follow") || "no");
        if (preview.getAttribute("src") !== newPreview.getAttribute("src")) {
          preview.setAttribute("src", newPreview.getAttribute("src"));
        }
        var links = page.querySelector(".language-switcher");
        var shown = document.querySelector(".language-switcher");
        if (links && shown) {
          shown.innerHTML = links.innerHTML;
        }
        window.history.replaceState(null, "", address);
        status.textContent = "";
      })
      .catch(function () {
        return undefined; // the button still sends the form
      });
  }
  form.addEventListener("change", update);
})();
