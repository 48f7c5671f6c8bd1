// The cluster directory, enhanced: htmx (attributes in clusters/list.html) fetches
// the results as filters change; this file only smooths the edges. Without it, or
// without JavaScript at all, the form is an ordinary GET form and works the same.
(function () {
  "use strict";

  var form = document.getElementById("directory-form");
  var results = document.getElementById("results");
  if (!form || !results) {
    return;
  }

  // The search box asks as you type (debounced by hx-trigger). Its "change" event on
  // leaving the box would only ask again for the same results, so it stops here.
  var search = document.getElementById("id_q");
  if (search) {
    search.addEventListener("change", function (event) {
      event.stopPropagation();
    });
  }

  // Leave empty fields and the default order out of the address: shorter links.
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt !== form) {
      return;
    }
    var data = event.detail.formData;
    Array.from(data.entries()).forEach(function (entry) {
      if (entry[1] === "" || (entry[0] === "sort" && entry[1] === "relevance")) {
        data.delete(entry[0]);
      }
    });
  });

  // A page link replaces itself: move focus to the results heading, so that
  // keyboard and screen-reader users carry on from the top of the new page.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.closest && trigger.closest(".pagination")) {
      var heading = document.getElementById("results-heading");
      if (heading) {
        heading.focus();
      }
    }
  });

  // If the fragment cannot be fetched, load the whole page instead: the address
  // carries the full state, and the server's error page says what went wrong.
  function loadWholePage(event) {
    var path = event.detail.pathInfo && event.detail.pathInfo.finalRequestPath;
    if (path) {
      window.location.assign(path);
    }
  }
  document.body.addEventListener("htmx:responseError", loadWholePage);
  document.body.addEventListener("htmx:sendError", loadWholePage);
})();
