/* Live preview of the next dates of each schedule on the activity form, and a
   "cancel this date" button that fills in a row of the cancelled-dates table.
   The server checks the schedule (same form, same messages as saving), works out the
   dates and warns about each date that falls outside the place's opening hours, on a day
   it is closed or over another activity in the same room (the rules of
   activiteiten/checks.py, as after saving); this script only sends the fields and shows the
   answer. Saving stays possible. Settings, texts and the schedule's fields come
   from the data- attributes of #schedule-preview-config; no inline script. */
(function () {
  "use strict";

  var REQUIRED = ["start_date", "start_time", "end_time"];
  // The activity's own fields that the warnings depend on.
  var ACTIVITY_FIELDS = { location: "id_location", room: "id_room", status: "id_status" };
  var DELAY = 400;

  function start() {
    var config = document.getElementById("schedule-preview-config");
    var schedules = document.getElementById("schedules-group");
    if (!config || !schedules || !window.fetch) return;
    var text = config.dataset;
    // The schedule's fields, as the server lists them (activiteiten.schedules.FIELDS).
    var fields = (text.fields || "").split(" ").filter(Boolean);
    var requests = new WeakMap();
    var timers = new WeakMap();

    function rows() {
      return Array.prototype.filter.call(
        schedules.querySelectorAll(".inline-related"),
        function (row) { return !row.classList.contains("empty-form") && row.id; }
      );
    }

    function cancellationsGroup() { return document.getElementById("cancellations-group"); }

    function cancellationRows() {
      var group = cancellationsGroup();
      if (!group) return [];
      return Array.prototype.filter.call(group.querySelectorAll("tr.form-row"), function (row) {
        return !row.classList.contains("empty-form");
      });
    }

    function dateInput(row) { return row.querySelector('input[name$="-date"]'); }

    function cancelledValues() {
      return cancellationRows().map(function (row) {
        var input = dateInput(row);
        var remove = row.querySelector('input[name$="-DELETE"]');
        return input && !(remove && remove.checked) ? input.value.trim() : "";
      }).filter(Boolean);
    }

    function value(row, name) {
      var element = row.querySelector('[name="' + row.id + "-" + name + '"]');
      return element ? element.value.trim() : "";
    }

    function params(row) {
      var result = new URLSearchParams();
      fields.forEach(function (name) {
        row.querySelectorAll('[name="' + row.id + "-" + name + '"]').forEach(function (element) {
          if ((element.type === "checkbox" || element.type === "radio") && !element.checked) return;
          result.append(name, element.value);
        });
      });
      cancelledValues().forEach(function (date) { result.append("cancelled", date); });
      Object.keys(ACTIVITY_FIELDS).forEach(function (name) {
        var element = document.getElementById(ACTIVITY_FIELDS[name]);
        if (element && element.value) result.append(name, element.value);
      });
      if (text.activity) result.append("activity", text.activity);
      return result;
    }

    function message(container, words, className) {
      var paragraph = document.createElement("p");
      paragraph.className = className || "schedule-preview__note";
      paragraph.textContent = words;
      container.replaceChildren(paragraph);
    }

    function canCancel() {
      var group = cancellationsGroup();
      if (!group) return false;
      return Boolean(group.querySelector(".add-row a")) ||
        cancellationRows().some(function (row) { var input = dateInput(row); return input && !input.value; });
    }

    function render(container, data) {
      if (data.errors && data.errors.length) {
        var list = document.createElement("ul");
        list.className = "errorlist";
        data.errors.forEach(function (error) {
          error.messages.forEach(function (words) {
            var item = document.createElement("li");
            item.textContent = error.field ? error.field + ": " + words : words;
            list.appendChild(item);
          });
        });
        container.replaceChildren(list);
        return;
      }
      if (!data.dates || !data.dates.length) {
        message(container, text.noneText);
        return;
      }
      var parts = [];
      if (data.warning_summary) {
        var summary = document.createElement("p");
        summary.className = "schedule-preview__summary";
        summary.textContent = data.warning_summary;
        parts.push(summary);
      }
      var dates = document.createElement("ol");
      dates.className = "schedule-preview__dates";
      var cancellable = canCancel();
      data.dates.forEach(function (date) {
        var item = document.createElement("li");
        if (date.cancelled) {
          item.className = "schedule-preview__date--cancelled";
          var struck = document.createElement("del");
          struck.textContent = date.label;
          item.appendChild(struck);
          item.appendChild(document.createTextNode(" (" + text.cancelledText + ")"));
        } else {
          // A day the place is closed does not go ahead either (struck through, the warning
          // says why); it can still be cancelled, for when the place opens after all.
          var label = document.createElement(date.closed ? "del" : "span");
          label.textContent = date.label;
          item.appendChild(label);
          if (cancellable) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "button schedule-preview__cancel";
            button.textContent = text.cancelText;
            button.setAttribute("aria-label", text.cancelText + ": " + date.label);
            button.addEventListener("click", function () { cancelDate(date.input); });
            item.appendChild(document.createTextNode(" "));
            item.appendChild(button);
          }
          if (date.closed) item.className = "schedule-preview__date--closed";
          else if (date.warnings && date.warnings.length) item.className = "schedule-preview__date--warning";
        }
        (date.warnings || []).forEach(function (words) {
          var warning = document.createElement("p");
          warning.className = "schedule-preview__warning";
          var strong = document.createElement("strong");
          strong.textContent = text.warningText;
          warning.appendChild(strong);
          warning.appendChild(document.createTextNode(" " + words));
          item.appendChild(warning);
        });
        dates.appendChild(item);
      });
      parts.push(dates);
      container.replaceChildren.apply(container, parts);
    }

    function refresh(row) {
      var container = row.querySelector("[data-schedule-preview]");
      if (!container) return;
      if (REQUIRED.some(function (name) { return !value(row, name); })) {
        message(container, text.incompleteText);
        return;
      }
      var ticket = {};
      requests.set(row, ticket);
      container.setAttribute("aria-busy", "true");
      fetch(text.url + "?" + params(row).toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) { if (requests.get(row) === ticket) render(container, data); })
        .catch(function () {
          if (requests.get(row) === ticket) message(container, text.failedText, "errornote");
        })
        .then(function () { container.removeAttribute("aria-busy"); });
    }

    function later(row) {
      clearTimeout(timers.get(row));
      timers.set(row, setTimeout(function () { refresh(row); }, DELAY));
    }

    function refreshAll() { rows().forEach(later); }

    // A new cancelled-dates row (from the "add another" link) reports itself with this event.
    var pendingDate = null;
    document.addEventListener("formset:added", function (event) {
      if (event.detail && event.detail.formsetName === "schedules") {
        later(event.target);
        return;
      }
      if (!event.detail || event.detail.formsetName !== "cancellations" || pendingDate === null) return;
      fill(event.target, pendingDate);
      pendingDate = null;
    });
    document.addEventListener("formset:removed", refreshAll);

    function fill(row, date) {
      var input = dateInput(row);
      if (!input) return;
      input.value = date;
      var reason = row.querySelector('input[name$="-reason"]');
      (reason || input).focus();
      refreshAll();
    }

    function cancelDate(date) {
      var already = cancelledValues();
      if (already.indexOf(date) !== -1) return;
      var empty = cancellationRows().filter(function (row) {
        var input = dateInput(row);
        return input && !input.value;
      })[0];
      if (empty) {
        fill(empty, date);
        return;
      }
      var add = cancellationsGroup().querySelector(".add-row a");
      if (!add) return;
      pendingDate = date;
      add.click();
    }

    schedules.addEventListener("input", function (event) {
      var row = event.target.closest(".inline-related");
      if (row) later(row);
    });
    schedules.addEventListener("change", function (event) {
      var row = event.target.closest(".inline-related");
      if (row) later(row);
    });
    var cancellations = cancellationsGroup();
    if (cancellations) cancellations.addEventListener("change", refreshAll);
    // Another place, room or status changes the warnings. The place is an autocomplete
    // (select2), which announces a choice through jQuery only.
    Object.keys(ACTIVITY_FIELDS).forEach(function (name) {
      var element = document.getElementById(ACTIVITY_FIELDS[name]);
      if (!element) return;
      element.addEventListener("change", refreshAll);
      if (name === "room") element.addEventListener("input", refreshAll);
      if (window.django && window.django.jQuery) window.django.jQuery(element).on("change", refreshAll);
    });

    rows().forEach(refresh);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
