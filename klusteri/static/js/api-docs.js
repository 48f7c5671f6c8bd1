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
    deepLinking: true,
    // The default validator is a third-party service; the page stays on this site.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
