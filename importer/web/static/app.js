// orderimport serve: drag and drop onto the upload form, and the live
// progress of a run (Server-Sent Events). Plain JavaScript, no library.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var drop = document.getElementById("drop");
  var file = document.getElementById("file");
  if (drop && file) {
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length > 0) {
        file.files = e.dataTransfer.files;
      }
    });
  }

  // A long upload or check: say so, and keep the button from being
  // pressed twice. The form is still submitted as it is (the button's
  // name and value included: the submitter is read, not disabled).
  ["upload-form", "map-form"].forEach(function (id) {
    var form = document.getElementById(id);
    var busy = document.getElementById("busy");
    if (!form || !busy) { return; }
    form.addEventListener("submit", function (e) {
      var b = e.submitter;
      if (id === "map-form" && (!b || b.value !== "check")) { return; }
      if (form.dataset.sent === "1") { e.preventDefault(); return; }
      form.dataset.sent = "1";
      busy.hidden = false;
    });
    // Back to this page from the next one (the browser's page cache): the
    // form may be sent again.
    window.addEventListener("pageshow", function () {
      form.dataset.sent = "";
      busy.hidden = true;
    });
  });

  var progress = document.getElementById("progress");
  if (progress && progress.dataset.finished !== "true") {
    follow(progress.dataset.run);
  }
  var stop = document.getElementById("stop-form");
  if (stop) {
    stop.addEventListener("submit", function (e) {
      e.preventDefault();
      var s = document.getElementById("stopping");
      if (s) { s.hidden = false; }
      fetch(stop.action, { method: "POST", headers: { "Accept": "application/json" }, credentials: "same-origin" });
    });
  }
});

// follow shows a run's progress until it ends, then reloads the page,
// which then shows the result.
function follow(id) {
  var es = new EventSource("/runs/" + id + "/events");
  es.addEventListener("progress", function (e) { show(JSON.parse(e.data)); });
  es.addEventListener("done", function (e) {
    show(JSON.parse(e.data));
    es.close();
    window.location.reload();
  });
}

function show(p) {
  set("done", p.done);
  set("total", p.total >= 0 ? p.total : "?");
  set("ok", p.ok);
  set("not-ok", p.not_ok);
  set("rps", p.rps.toFixed(1));
  set("eta", p.eta_seconds >= 0 ? duration(p.eta_seconds) : "-");
  var bar = document.getElementById("bar");
  if (bar) { bar.value = p.percent; }
  var s = document.getElementById("stopping");
  if (s && p.stopping) { s.hidden = false; }
}

function set(id, v) {
  var el = document.getElementById(id);
  if (el) { el.textContent = String(v); }
}

function duration(s) {
  s = Math.round(s);
  var m = Math.floor(s / 60);
  return m > 0 ? m + "m " + (s % 60) + "s" : s + "s";
}
