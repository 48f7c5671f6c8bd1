// The interactive cluster map: progressive enhancement of clusters/map.html.
// The schematic maps and the tables on that page work without this file; here
// Leaflet (vendor/leaflet) draws the clusters from the page's GeoJSON address on
// tiles from the configured tile server, grouping markers close together with
// Leaflet.markercluster. Every text comes translated from the page's data-text-*
// attributes; cluster names are user-written and go in as text, never as HTML.
(function () {
  "use strict";

  var element = document.getElementById("cluster-map");
  if (!element || !window.L || !L.markerClusterGroup || !window.fetch) {
    return; // the section stays hidden: the page without it is complete
  }
  var data = element.dataset;
  var section = document.getElementById("map-interactive");
  var status = document.getElementById("cluster-map-status");
  var opener = null; // the marker whose popup is open

  // Shown before Leaflet measures the container.
  section.hidden = false;

  // Finland and its neighbours until the clusters are in.
  var map = L.map(element, { zoomControl: false }).setView([64.5, 20], 4);
  L.control.zoom({ zoomInTitle: data.textZoomIn, zoomOutTitle: data.textZoomOut }).addTo(map);
  L.tileLayer(data.tileUrl, { attribution: data.attribution, maxZoom: 18 }).addTo(map);

  var icon = L.icon({
    iconUrl: data.iconUrl,
    iconRetinaUrl: data.iconRetinaUrl,
    shadowUrl: data.shadowUrl,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });

  // A group of markers is a focusable button: its name says what it is, not only
  // how many. Its HTML holds a number and a fixed, translated text.
  function groupIcon(group) {
    var count = group.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(count);
    var hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.textContent = " " + data.textGroup;
    number.appendChild(hint);
    inner.appendChild(number);
    return L.divIcon({
      html: inner.outerHTML,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  }

  // On the map only once it holds the clusters and the map has its zoom: a zoom
  // before would keep the group animating, deaf to the keyboard, for a moment.
  // (On Enter, the group itself gives the focus back to the map.)
  var markers = L.markerClusterGroup({ iconCreateFunction: groupIcon, showCoverageOnHover: false });

  function popupContent(properties) {
    var content = document.createElement("div");
    content.className = "cluster-popup";
    var name = document.createElement("p");
    name.className = "cluster-popup__name";
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    name.appendChild(link);
    content.appendChild(name);
    var facts = document.createElement("p");
    facts.textContent =
      properties.kind_label + " · " + data.textMembers + ": " + properties.member_total;
    content.appendChild(facts);
    if (properties.is_demo) {
      var demo = document.createElement("span");
      demo.className = "demo-label";
      demo.textContent = data.textDemo;
      content.appendChild(demo);
    }
    return content;
  }

  function addClusters(collection) {
    var layer = L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        return L.marker(latlng, { icon: icon, alt: name, title: name });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(popupContent(feature.properties));
        marker.on("popupopen", function () {
          opener = marker;
        });
      },
    });
    if (layer.getLayers().length) {
      map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 9, animate: false });
    }
    markers.addLayers(layer.getLayers());
    map.addLayer(markers);
  }

  // Keyboard: an opened popup takes the focus to its link; closing it gives the
  // focus back to the marker (opener), so that Tab carries on where it was.
  map.on("popupopen", function (event) {
    var popup = event.popup.getElement();
    var close = popup.querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", data.textClose);
      close.setAttribute("title", data.textClose);
    }
    var link = popup.querySelector(".cluster-popup__name a");
    if (link) {
      link.focus({ preventScroll: true });
    }
  });
  map.on("popupclose", function (event) {
    var popup = event.popup.getElement();
    var hadFocus = popup && popup.contains(document.activeElement);
    var marker = opener && opener.getElement ? opener.getElement() : null;
    opener = null;
    if (marker && (hadFocus || document.activeElement === document.body)) {
      marker.focus({ preventScroll: true });
    }
  });
  // Leaflet closes a popup on Escape only while the map itself has the focus, not
  // the popup's link.
  element.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      map.closePopup();
    }
  });
  function failed() {
    status.textContent = data.textError;
  }

  fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("GeoJSON answered " + response.status);
      }
      return response.json();
    })
    .then(addClusters)
    .catch(failed);
})();
