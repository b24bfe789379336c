// The phone's outbox of visits (实施; docs/architecture.md "Offline visits"): a visit saved in the visit form goes
// first into IndexedDB (database "workbench", store "outbox", keyed by the visit's client id), then to the server's
// sync endpoint, and leaves the phone only when the server answered "created" or "existing". The same client id
// sent again is "existing" (the server writes nothing), so a re-send never makes a duplicate.
//
// - The form (form[data-outbox="visit"]): builds the visit's JSON as visits.forms.visit_data does, adds the
//   phone's location at the form's opening and at saving (never typed; left out when refused or unavailable),
//   queues it, tries to send it, then goes to the day list (data-done-url).
// - The panel (templates/visits/_outbox.html, [data-outbox-panel]) on the day list and the form: the number of
//   queued visits, a sync button, and the visits the server refused, with its message per field, until the user
//   fixes (reopens the form filled in from the stored visit) or discards them. The queue is sent when the page
//   opens, on the "online" event and on the button; no Background Sync (iOS Safari has none).
// - It registers the service worker (static/js/sw.js, served at /sw.js) and, on the day list, asks it to keep a
//   copy of every visit form the list links to (a[data-visit-form]).
(function () {
  "use strict";

  var DB_NAME = "workbench";
  var STORE = "outbox";
  var SEND_TIMEOUT_MS = 15000;
  var USED_IDS_KEY = "workbench.outbox.usedClientIds";
  var PERSIST_KEY = "workbench.outbox.persistAsked";

  var panel = document.querySelector("[data-outbox-panel]");
  var form = document.querySelector('form[data-outbox="visit"]');
  var isOfflineCopy = document.documentElement.hasAttribute("data-offline-copy");
  var settings = panel || form;
  if (!settings) {
    return;
  }
  var owner = panel ? panel.getAttribute("data-owner") : form.getAttribute("data-owner");
  var syncUrl = (form && form.getAttribute("data-sync-url")) || (panel && panel.getAttribute("data-sync-url"));
  // The most visits the sync endpoint takes at once (settings.WORKBENCH_VISIT_SYNC_MAX); a longer queue goes in turns.
  var BATCH = parseInt((panel && panel.getAttribute("data-sync-max")) || "", 10) || 100;

  // The refused visit this form reopened to fix (the day list's "Fix" link: #outbox=<client id>).
  var fixingMatch = form ? /^#outbox=(.+)$/.exec(window.location.hash) : null;
  var fixingId = fixingMatch ? decodeURIComponent(fixingMatch[1]) : "";

  function message(name) {
    return (panel && panel.getAttribute("data-message-" + name)) || "";
  }

  // ---- IndexedDB, plainly -------------------------------------------------------------------------------------

  var opened = null;

  function openDatabase() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        if (!window.indexedDB) {
          reject(new Error("IndexedDB is not available"));
          return;
        }
        var request = window.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "client_id" });
        };
        request.onsuccess = function () {
          resolve(request.result);
        };
        request.onerror = function () {
          reject(request.error);
        };
      });
    }
    return opened;
  }

  function withStore(mode, work) {
    return openDatabase().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          resolve(result && "result" in result ? result.result : undefined);
        };
        transaction.onerror = transaction.onabort = function () {
          reject(transaction.error);
        };
      });
    });
  }

  function allItems() {
    return withStore("readonly", function (store) {
      return store.getAll();
    }).then(function (items) {
      // Only the visits of whoever is logged in: a shared phone keeps another person's until he logs in again.
      return (items || []).filter(function (item) {
        return String(item.owner) === String(owner);
      });
    });
  }

  function getItem(clientId) {
    return withStore("readonly", function (store) {
      return store.get(clientId);
    });
  }

  function putItem(item) {
    return withStore("readwrite", function (store) {
      store.put(item);
    });
  }

  function deleteItem(clientId) {
    return withStore("readwrite", function (store) {
      store.delete(clientId);
    });
  }

  // ---- Client ids -------------------------------------------------------------------------------------------

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    // crypto.randomUUID needs a secure context (as the worker does); this is the same uuid4 from random bytes.
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (byte) {
      return (byte + 0x100).toString(16).slice(1);
    });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) {
        return part.join("");
      })
      .join("-");
  }

  // The client ids already queued from this phone: a form shown again (the back button, a cached copy) still
  // carries one, and a second visit under it would be taken for the first and dropped.
  function usedIds() {
    try {
      return JSON.parse(window.localStorage.getItem(USED_IDS_KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function markUsed(clientId) {
    try {
      var ids = usedIds().filter(function (id) {
        return id !== clientId;
      });
      ids.push(clientId);
      window.localStorage.setItem(USED_IDS_KEY, JSON.stringify(ids.slice(-500)));
    } catch (error) {
      // No localStorage (a private window): the outbox's own keys still catch a reused id.
    }
  }

  function askToPersist() {
    // Once per phone: the browser keeps the outbox when space runs short (no Background Sync to rescue it).
    try {
      if (window.localStorage.getItem(PERSIST_KEY)) {
        return;
      }
      window.localStorage.setItem(PERSIST_KEY, "1");
    } catch (error) {
      return;
    }
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().catch(function () {});
    }
  }

  // ---- The visit's JSON (the same mapping as visits.forms.visit_data) -----------------------------------------

  var SCALAR_FIELDS = ["client_id", "visited_on", "start_time", "end_time", "mode"];
  var TEXT_FIELDS = [
    "business",
    "brands",
    "market",
    "service_content",
    "service_method",
    "service_effect",
    "next_action",
    "impressions",
  ];
  var REQUEST_INPUTS = ["request_kind", "request_text", "request_state"];
  var OBSERVATION_INPUTS = ["obs_spec", "obs_stock_qty", "obs_retail_price", "obs_stockout_days"];

  function single(data, name) {
    var value = data.get(name);
    return value === null || value === undefined ? "" : String(value).trim();
  }

  function listed(data, name) {
    return data.getAll(name).map(function (value) {
      return String(value);
    });
  }

  // An integer input: the number, null when empty, the text as typed when it is not one (the server names it).
  function numberOrText(text) {
    text = String(text).trim();
    if (!text) {
      return null;
    }
    return /^[+-]?\d+$/.test(text) ? parseInt(text, 10) : text;
  }

  function rows(data, names) {
    var columns = names.map(function (name) {
      return listed(data, name);
    });
    var length = Math.max.apply(null, columns.map(function (column) { return column.length; }).concat([0]));
    var result = [];
    for (var index = 0; index < length; index += 1) {
      result.push(
        columns.map(function (column) {
          return index < column.length ? column[index] : "";
        })
      );
    }
    return result;
  }

  function visitData(data) {
    var visit = {};
    SCALAR_FIELDS.forEach(function (name) {
      visit[name] = single(data, name);
    });
    var customer = numberOrText(single(data, "customer"));
    visit.customer = customer === null ? "" : customer;
    visit.purposes = listed(data, "purposes").filter(function (value) {
      return value;
    });
    TEXT_FIELDS.forEach(function (name) {
      visit[name] = single(data, name);
    });
    visit.satisfaction = numberOrText(single(data, "satisfaction"));
    visit.requests = rows(data, REQUEST_INPUTS)
      .filter(function (row) {
        return row[1].trim();
      })
      .map(function (row) {
        return { kind: row[0].trim(), text: row[1].trim(), state: row[2].trim() };
      });
    var observations = rows(data, OBSERVATION_INPUTS)
      .filter(function (row) {
        return row[1].trim() || row[2].trim() || row[3].trim();
      })
      .map(function (row) {
        return {
          spec: numberOrText(row[0]),
          stock_qty: numberOrText(row[1]),
          retail_price: row[2].trim() || null,
          stockout_days: numberOrText(row[3]),
        };
      });
    if (observations.length) {
      visit.observations = observations;
    }
    return visit;
  }

  // ---- Location: as the phone reports it, never typed -----------------------------------------------------------

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // "2026-12-01T09:05:10+08:00": the phone's own time and offset.
  function localIso(milliseconds) {
    var when = new Date(milliseconds);
    var offset = -when.getTimezoneOffset();
    var sign = offset >= 0 ? "+" : "-";
    offset = Math.abs(offset);
    return (
      when.getFullYear() + "-" + pad(when.getMonth() + 1) + "-" + pad(when.getDate()) +
      "T" + pad(when.getHours()) + ":" + pad(when.getMinutes()) + ":" + pad(when.getSeconds()) +
      sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60)
    );
  }

  // The position now, or null (refused, unavailable, too slow): a visit never waits on it for long.
  function position(waitMs) {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) {
        resolve(null);
        return;
      }
      var done = false;
      var finish = function (value) {
        if (!done) {
          done = true;
          resolve(value);
        }
      };
      setTimeout(function () {
        finish(null);
      }, waitMs);
      navigator.geolocation.getCurrentPosition(
        function (found) {
          finish({
            lat: Math.round(found.coords.latitude * 1e6) / 1e6,
            lng: Math.round(found.coords.longitude * 1e6) / 1e6,
            accuracy: Math.round(found.coords.accuracy),
            at: localIso(found.timestamp || Date.now()),
          });
        },
        function () {
          finish(null);
        },
        { enableHighAccuracy: true, timeout: waitMs, maximumAge: 30000 }
      );
    });
  }

  // The promise's value if it comes within waitMs, else null.
  function within(promise, waitMs) {
    return Promise.race([
      promise,
      new Promise(function (resolve) {
        setTimeout(function () {
          resolve(null);
        }, waitMs);
      }),
    ]);
  }

  // ---- Sending --------------------------------------------------------------------------------------------------

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  var sending = null;
  var sendAgain = false;
  var lastProblem = "";

  // Send every queued visit of the user; resolves once the outbox holds what the server did not take.
  // One send at a time. A send asked for while one is under way (the "online" event during a send that the dead
  // network is still failing) runs again after it, so that no trigger is lost.
  function sendQueue() {
    if (sending) {
      sendAgain = true;
      return sending;
    }
    sending = doSend().then(
      function (result) {
        sending = null;
        return sendAgain ? againAfter() : result;
      },
      function (error) {
        sending = null;
        if (sendAgain) {
          return againAfter();
        }
        throw error;
      }
    );
    return sending;
  }

  function againAfter() {
    sendAgain = false;
    return sendQueue();
  }

  function doSend() {
    return allItems().then(function (items) {
      var queued = items.filter(function (item) {
        return item.state === "queued";
      });
      if (!queued.length || !syncUrl) {
        lastProblem = "";
        return render();
      }
      showState(message("sending"));
      var created = 0;
      var batches = [];
      for (var start = 0; start < queued.length; start += BATCH) {
        batches.push(queued.slice(start, start + BATCH));
      }
      return batches
        .reduce(function (previous, batch) {
          return previous.then(function () {
            return postBatch(batch).then(function (recorded) {
              created += recorded;
            });
          });
        }, Promise.resolve())
        .then(
          function () {
            lastProblem = "";
          },
          function (problem) {
            lastProblem = problem && problem.outboxMessage ? problem.outboxMessage : message("offline");
          }
        )
        .then(render)
        .then(function () {
          // The day list (maybe the cached copy) still shows those visits to do: show it as the server has it now.
          if (created && !form && panel.hasAttribute("data-refresh-on-sync")) {
            window.location.reload();
          }
        });
    });
  }

  // Resolves with the number of visits the server has now ("created", or "existing": recorded by an earlier send
  // whose answer was lost), which leave the phone.
  function postBatch(batch) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () {
      if (controller) {
        controller.abort();
      }
    }, SEND_TIMEOUT_MS);
    return fetch(syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify({
        visits: batch.map(function (item) {
          return item.visit;
        }),
      }),
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        clearTimeout(timer);
        if (response.status === 401 || response.status === 403 || response.redirected) {
          throw problem(message("login"));
        }
        if (!response.ok) {
          throw problem(message("failed"));
        }
        return response.json();
      })
      .then(function (answer) {
        var byId = {};
        batch.forEach(function (item) {
          byId[String(item.client_id).toLowerCase()] = item;
        });
        var recorded = 0;
        return Promise.all(
          (answer.results || []).map(function (result) {
            var item = byId[String(result.client_id).toLowerCase()];
            if (!item) {
              return null;
            }
            if (result.status === "created" || result.status === "existing") {
              recorded += 1;
              return deleteItem(item.client_id);
            }
            item.state = "refused";
            item.errors = result.errors || {};
            item.status_code = result.status_code;
            return putItem(item);
          })
        ).then(function () {
          return recorded;
        });
      });
  }

  function problem(text) {
    var error = new Error(text);
    error.outboxMessage = text;
    return error;
  }

  // ---- The panel ------------------------------------------------------------------------------------------------

  var labels = {};
  var labelsData = document.getElementById("outbox-labels");
  if (labelsData) {
    try {
      labels = JSON.parse(labelsData.textContent);
    } catch (error) {
      labels = {};
    }
  }

  // "requests[1].kind" → "诉求 2 · 类型"; a key without a label is shown as it is.
  function fieldLabel(key) {
    var match = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$/.exec(key);
    if (!match) {
      return key;
    }
    var label = labels[match[1]] || match[1];
    if (match[2] !== undefined) {
      label += " " + (parseInt(match[2], 10) + 1);
    }
    if (match[3]) {
      label += " · " + (labels[match[1] + "." + match[3]] || match[3]);
    }
    return label;
  }

  function showState(text) {
    if (!panel) {
      return;
    }
    var state = panel.querySelector("[data-outbox-state]");
    state.textContent = text || "";
    state.hidden = !text;
    if (text) {
      panel.hidden = false;
    }
  }

  function countText(count) {
    if (count === 0) {
      return message("count-none");
    }
    if (count === 1) {
      return message("count-one");
    }
    return message("count-many").replace("{count}", String(count));
  }

  function render() {
    if (!panel) {
      return Promise.resolve();
    }
    return allItems().then(function (items) {
      var queued = items.filter(function (item) {
        return item.state === "queued";
      });
      // The one being fixed on this very form is not listed above it.
      var refused = items.filter(function (item) {
        return item.state === "refused" && item.client_id !== fixingId;
      });
      var count = panel.querySelector("[data-outbox-count]");
      count.setAttribute("data-outbox-count", String(queued.length));
      count.textContent = countText(queued.length);
      showState(lastProblem);
      renderRefused(refused);
      markQueued(queued);
      panel.setAttribute("data-outbox-refused-count", String(refused.length));
      panel.hidden = !(queued.length || refused.length || lastProblem);
      panel.setAttribute("data-outbox-ready", "true");
    });
  }

  // On the day list (maybe the cached copy, which still shows them to do), the customers whose visit waits on the
  // phone say so, lest the visit be recorded twice.
  function markQueued(queued) {
    var waiting = {};
    queued.forEach(function (item) {
      waiting[String(item.visit.customer)] = true;
    });
    Array.prototype.forEach.call(document.querySelectorAll("li.visit-stop[data-customer]"), function (stop) {
      var isWaiting = Boolean(waiting[stop.getAttribute("data-customer")]);
      var badge = stop.querySelector(".outbox-queued");
      stop.classList.toggle("is-queued", isWaiting);
      if (isWaiting && !badge) {
        badge = document.createElement("span");
        badge.className = "outbox-queued";
        badge.textContent = message("queued-here");
        (stop.querySelector(".visit-line") || stop).appendChild(badge);
      } else if (!isWaiting && badge) {
        badge.remove();
      }
    });
  }

  function renderRefused(refused) {
    var box = panel.querySelector("[data-outbox-refused]");
    var list = box.querySelector("ul");
    var template = panel.querySelector("template[data-outbox-refused-item]");
    list.textContent = "";
    refused.forEach(function (item) {
      var entry = template.content.firstElementChild.cloneNode(true);
      entry.setAttribute("data-client-id", item.client_id);
      entry.querySelector("[data-outbox-customer]").textContent = item.customer_name || "#" + item.visit.customer;
      entry.querySelector("[data-outbox-when]").textContent =
        (item.visit.visited_on || "") + " " + (item.visit.start_time || "");
      var errors = entry.querySelector("[data-outbox-errors]");
      Object.keys(item.errors || {}).forEach(function (key) {
        (item.errors[key] || []).forEach(function (text) {
          var line = document.createElement("li");
          var name = document.createElement("span");
          name.className = "outbox-field";
          name.textContent = fieldLabel(key) + ": ";
          line.appendChild(name);
          line.appendChild(document.createTextNode(text));
          errors.appendChild(line);
        });
      });
      var fix = entry.querySelector("[data-outbox-fix]");
      // Only an invalid field can be fixed in the form; a customer outside the scope (404) or a role that records
      // no visits (403) cannot, and is only discarded.
      if (item.form_url && item.status_code === 400) {
        fix.href = item.form_url.split("#")[0] + "#outbox=" + encodeURIComponent(item.client_id);
      } else {
        fix.remove();
      }
      entry.querySelector("[data-outbox-discard]").addEventListener("click", function () {
        if (window.confirm(message("confirm-discard"))) {
          deleteItem(item.client_id).then(render);
        }
      });
      list.appendChild(entry);
    });
    box.hidden = !refused.length;
  }

  // ---- The form -------------------------------------------------------------------------------------------------

  function setValue(name, value) {
    var field = form.elements.namedItem(name);
    if (!field) {
      return;
    }
    if (field.type === "checkbox") {
      field.checked = Boolean(value);
    } else {
      // An input, a select, a textarea, or a RadioNodeList (radio buttons: the one of that value is checked).
      field.value = value === null || value === undefined ? "" : String(value);
    }
  }

  function setRows(names, keys, values) {
    // More requests than rows: the form's "add a request" button (visit-form.js) makes the rows first.
    var add = names[0] === "request_kind" ? form.querySelector("[data-request-add]") : null;
    var guard = 0;
    while (add && form.querySelectorAll('[name="' + names[0] + '"]').length < values.length && guard < 50) {
      add.click();
      guard += 1;
    }
    names.forEach(function (name, column) {
      var inputs = form.querySelectorAll('[name="' + name + '"]');
      values.forEach(function (row, index) {
        if (index < inputs.length) {
          var value = row[keys[column]];
          inputs[index].value = value === null || value === undefined ? "" : String(value);
        }
      });
    });
  }

  // Reopen a refused visit: the form filled in from the stored JSON, under the same client id (the server wrote
  // nothing for it), so that saving it replaces it in the outbox.
  function fillFrom(visit) {
    SCALAR_FIELDS.concat(TEXT_FIELDS, ["satisfaction"]).forEach(function (name) {
      setValue(name, visit[name]);
    });
    Array.prototype.forEach.call(form.querySelectorAll('input[name="purposes"]'), function (box) {
      box.checked = (visit.purposes || []).indexOf(box.value) >= 0;
    });
    setRows(REQUEST_INPUTS, ["kind", "text", "state"], visit.requests || []);
    setRows(OBSERVATION_INPUTS, ["spec", "stock_qty", "retail_price", "stockout_days"], visit.observations || []);
    form.dispatchEvent(new CustomEvent("outbox:filled", { bubbles: true }));
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function timeNow() {
    var now = new Date();
    return pad(now.getHours()) + ":" + pad(now.getMinutes());
  }

  function startForm() {
    var idInput = form.elements.namedItem("client_id");
    var startPosition = position(20000);
    var fixing = fixingId ? [null, fixingId] : null;
    var ready = fixing
      ? getItem(fixing[1]).then(function (item) {
          if (item && String(item.owner) === String(owner)) {
            fillFrom(item.visit);
            return item;
          }
          return null;
        })
      : Promise.resolve(null);
    ready
      .catch(function () {
        return null;
      })
      .then(function (fixed) {
        if (fixed || !idInput) {
          return;
        }
        var reused = usedIds().indexOf(idInput.value) >= 0;
        if (isOfflineCopy || !idInput.value || reused) {
          idInput.value = newClientId();
        }
        if (isOfflineCopy) {
          // The copy was written when it was cached: the visit is today, starting now.
          if (form.elements.namedItem("visited_on")) {
            setValue("visited_on", today());
          }
          if (form.elements.namedItem("start_time")) {
            setValue("start_time", timeNow());
          }
        }
      });

    var saving = false;
    form.addEventListener("submit", function (event) {
      if (!window.indexedDB) {
        return; // no outbox on this browser: the form posts to the server as a plain form
      }
      var photo = Array.prototype.some.call(form.querySelectorAll('input[type="file"]'), function (input) {
        return input.files && input.files.length;
      });
      if (photo && navigator.onLine) {
        // A photo goes with the plain form (online only: the outbox keeps no files); same client id, so a later
        // send of the same visit is "existing".
        markUsed(form.elements.namedItem("client_id").value);
        return;
      }
      event.preventDefault();
      if (saving) {
        return;
      }
      // The form is novalidate (the server's messages show beside the fields), but a visit queued offline without
      // its times would only come back refused: the browser's own check first.
      if (!form.checkValidity()) {
        form.reportValidity();
        return;
      }
      saving = true;
      var visit = visitData(new FormData(form));
      if (!visit.client_id) {
        visit.client_id = newClientId();
      }
      // The start's position may still be coming (a cold GPS): it gets as long as the end's, no longer.
      Promise.all([within(startPosition, 4000), position(4000)])
        .then(function (found) {
          var location = {};
          if (found[0]) {
            location.start = found[0];
          }
          if (found[1]) {
            location.end = found[1];
          }
          if (location.start || location.end) {
            visit.location = location;
          }
          var item = {
            client_id: visit.client_id,
            owner: owner,
            customer_name: form.getAttribute("data-customer-name") || "",
            form_url: window.location.pathname + window.location.search,
            queued_at: new Date().toISOString(),
            state: "queued",
            errors: null,
            status_code: null,
            visit: visit,
          };
          return putItem(item).then(function () {
            markUsed(visit.client_id);
            askToPersist();
          });
        })
        .then(
          function () {
            return sendQueue().catch(function () {});
          },
          function () {
            // IndexedDB failed (storage full, refused): the server still takes the plain form.
            saving = false;
            form.submit();
            throw new Error("sent as a plain form");
          }
        )
        .then(function () {
          window.location.assign(form.getAttribute("data-done-url"));
        })
        .catch(function () {});
    });
  }

  // ---- The service worker -------------------------------------------------------------------------------------

  function startWorker() {
    var workerUrl = panel && panel.getAttribute("data-service-worker");
    if (!workerUrl || !("serviceWorker" in navigator)) {
      return;
    }
    navigator.serviceWorker
      .register(workerUrl, { scope: "/" })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        if (isOfflineCopy || !registration.active) {
          return;
        }
        // The day list and every visit form it links to; a form page keeps itself (an unplanned visit's form).
        var urls = [window.location.href.split("#")[0]];
        Array.prototype.forEach.call(document.querySelectorAll("a[data-visit-form]"), function (link) {
          if (urls.indexOf(link.href) < 0) {
            urls.push(link.href);
          }
        });
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          panel.setAttribute("data-offline-ready", String(event.data.kept));
        };
        registration.active.postMessage({ type: "cache-pages", urls: urls }, [channel.port2]);
      })
      .catch(function () {
        // No worker (an insecure context, a refusal): the pages work online as before.
      });
  }

  // ---- Start ----------------------------------------------------------------------------------------------------

  if (form) {
    startForm();
  }
  if (panel) {
    var syncButton = panel.querySelector("[data-outbox-sync]");
    syncButton.addEventListener("click", function () {
      syncButton.disabled = true;
      sendQueue()
        .catch(function () {})
        .then(function () {
          syncButton.disabled = false;
        });
    });
    window.addEventListener("online", function () {
      sendQueue().catch(function () {});
    });
    window.addEventListener("offline", function () {
      lastProblem = message("offline");
      render();
    });
    render()
      .then(function () {
        return sendQueue();
      })
      .catch(function () {
        panel.setAttribute("data-outbox-ready", "true");
      });
    startWorker();
  }
})();
