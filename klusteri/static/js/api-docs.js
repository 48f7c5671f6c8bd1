// The API documentation page (/api/docs/): Swagger UI, vendored under
// static/vendor/swagger-ui/, reading the OpenAPI schema from the address in the
// page's data-schema-url attribute. A file, not an inline script: the CSP forbids those.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    // Deep links would put a link inside each operation's button (nested controls).
    deepLinking: false,
    // The default validator is a third-party service; the page stays on this site.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });

  // Swagger UI leaves two gaps for keyboard and screen-reader users (WCAG 4.1.2,
  // 2.1.1): a parameter's choice list has no name, and a scrolling code block
  // cannot take focus. Mend them as Swagger UI renders.
  function mend() {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").dataset.paramName);
    });
    root.querySelectorAll("pre.microlight:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
})();
