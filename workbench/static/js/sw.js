// The service worker of the offline visits (实施; docs/architecture.md "Offline visits"). Served at /sw.js by
// workbench/web/service_worker.py, which writes self.WORKBENCH_OFFLINE in front of this file: the static files to
// cache at install, the day list's and the visit form's paths, and the cache version.
//
// - The day list (/visits/) and the visit forms (/visits/new/…): network first; the cached copy when the network
//   fails or is too slow. Copies are made when the page is fetched and when the day list asks for its forms.
// - Static files (/static/…): cache first.
// - Nothing else: every other page and every API answer goes to the network untouched and is never cached.
// - A login or a logout forgets the cached pages: they show one person's customers.
"use strict";

var CONFIG = self.WORKBENCH_OFFLINE;
var PREFIX = "workbench-";
var STATIC_CACHE = PREFIX + "static-" + CONFIG.version;
var PAGES_CACHE = PREFIX + "pages-" + CONFIG.version;
// A network slower than this serves the cached copy (the network's answer still refreshes the copy when it comes).
var NETWORK_TIMEOUT_MS = 6000;
// Copies of the day list kept (today's and a few days the user opened).
var DAY_LISTS_KEPT = 7;

function sameOrigin(url) {
  return url.origin === self.location.origin;
}

function isDayList(url) {
  return sameOrigin(url) && url.pathname === CONFIG.dayPath;
}

// A visit form names its customer; the same path without one is the customer search of an unplanned visit.
function isForm(url) {
  return sameOrigin(url) && url.pathname === CONFIG.formPath && url.searchParams.has("customer");
}

function isPage(url) {
  return isDayList(url) || isForm(url);
}

function isStatic(url) {
  return sameOrigin(url) && url.pathname.indexOf(CONFIG.static) === 0;
}

// A page worth keeping: the page itself (not a redirect to the login page, not an error), as HTML.
function isKeepable(response) {
  var type = response.headers.get("Content-Type") || "";
  return response.ok && response.type === "basic" && !response.redirected && type.indexOf("text/html") === 0;
}

// The static files a page links to (scripts, stylesheets, icons), so that its cached copy works offline.
function staticLinksOf(html, base) {
  var found = [];
  var pattern = /\s(?:src|href)="([^"]+)"/g;
  var match;
  while ((match = pattern.exec(html)) !== null) {
    var url = new URL(match[1].replace(/&amp;/g, "&"), base);
    if (isStatic(url) && found.indexOf(url.href) < 0) {
      found.push(url.href);
    }
  }
  return found;
}

function cacheStaticFiles(urls) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return Promise.all(
      urls.map(function (url) {
        return cache.match(url).then(function (hit) {
          return hit || cache.add(url).catch(function () {});
        });
      })
    );
  });
}

// Keep a page's copy under its address, with the static files it links to.
function keepPage(url, response) {
  return Promise.all([caches.open(PAGES_CACHE), response.clone().text()]).then(function (opened) {
    var cache = opened[0];
    return cache
      .put(url, response)
      .then(function () {
        return cacheStaticFiles(staticLinksOf(opened[1], url));
      })
      .then(function () {
        return isDayList(new URL(url)) ? pruneDayLists(cache) : null;
      });
  });
}

function pruneDayLists(cache) {
  return cache.keys().then(function (requests) {
    var days = requests.filter(function (request) {
      return isDayList(new URL(request.url));
    });
    return Promise.all(
      days.slice(0, Math.max(0, days.length - DAY_LISTS_KEPT)).map(function (request) {
        return cache.delete(request);
      })
    );
  });
}

// Fetch the pages (with the user's session) and keep them; forms no longer linked from the day list are dropped.
function cachePages(urls) {
  var pages = urls
    .map(function (url) {
      return new URL(url, self.location.href);
    })
    .filter(isPage)
    .map(function (url) {
      return url.href;
    });
  return Promise.all(
    pages.map(function (url) {
      return fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          return isKeepable(response) ? keepPage(url, response).then(function () { return 1; }) : 0;
        })
        .catch(function () {
          return 0;
        });
    })
  ).then(function (kept) {
    return caches
      .open(PAGES_CACHE)
      .then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(
            requests
              .filter(function (request) {
                return isForm(new URL(request.url)) && pages.indexOf(request.url) < 0;
              })
              .map(function (request) {
                return cache.delete(request);
              })
          );
        });
      })
      .then(function () {
        return kept.reduce(function (sum, one) { return sum + one; }, 0);
      });
  });
}

function forgetPages() {
  return caches.keys().then(function (names) {
    return Promise.all(
      names
        .filter(function (name) {
          return name.indexOf(PREFIX + "pages-") === 0;
        })
        .map(function (name) {
          return caches.delete(name);
        })
    );
  });
}

// The cached copy, marked so that the page's script knows it is not fresh from the server (outbox.js then gives
// the visit a new client id and the time of now, instead of those written into the copy).
function offlineCopy(cached) {
  return cached.text().then(function (html) {
    return new Response(html.replace(/<html(\s|>)/, "<html data-offline-copy$1"), {
      status: 200,
      statusText: "OK",
      headers: cached.headers,
    });
  });
}

function networkFirst(event) {
  var request = event.request;
  var url = request.url;
  var network = fetch(request);
  // The copy is refreshed from the network's answer even when it comes after the cached copy was served: the
  // event lives until then (the clone is taken before the page reads the body).
  event.waitUntil(
    network
      .then(function (response) {
        return isKeepable(response) ? keepPage(url, response.clone()) : null;
      })
      .catch(function () {})
  );
  var fromCache = function () {
    return caches.open(PAGES_CACHE).then(function (cache) {
      return cache.match(url, { ignoreVary: true });
    });
  };
  var slow = new Promise(function (resolve) {
    setTimeout(resolve, NETWORK_TIMEOUT_MS);
  }).then(fromCache);
  return Promise.race([
    network.catch(function () {
      return fromCache().then(function (cached) {
        return cached ? offlineCopy(cached) : Response.error();
      });
    }),
    slow.then(function (cached) {
      // Too slow and a copy at hand: the copy. Else keep waiting for the network.
      return cached ? offlineCopy(cached) : network;
    }),
  ]);
}

function cacheFirst(event) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(event.request, { ignoreVary: true }).then(function (hit) {
      if (hit) {
        return hit;
      }
      return fetch(event.request).then(function (response) {
        if (response.ok && response.type === "basic") {
          event.waitUntil(cache.put(event.request, response.clone()));
        }
        return response;
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then(function (cache) {
        return cache.addAll(CONFIG.precache);
      })
      .then(carryPagesOver)
      .then(function () {
        return self.skipWaiting();
      })
  );
});

// A new version fetches afresh the pages the old one kept (they name the old static files), so that a phone
// updated in the morning still has its day offline in the afternoon.
function carryPagesOver() {
  return caches.keys().then(function (names) {
    var old = names.filter(function (name) {
      return name.indexOf(PREFIX + "pages-") === 0 && name !== PAGES_CACHE;
    });
    return Promise.all(
      old.map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.keys();
        });
      })
    ).then(function (lists) {
      var urls = [];
      lists.forEach(function (requests) {
        requests.forEach(function (request) {
          urls.push(request.url);
        });
      });
      return urls.length ? cachePages(urls) : 0;
    });
  });
}

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf(PREFIX) === 0 && name !== STATIC_CACHE && name !== PAGES_CACHE;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method === "POST" && sameOrigin(url) && CONFIG.forgetOn.indexOf(url.pathname) >= 0) {
    // The request itself goes on to the network untouched.
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (isStatic(url)) {
    event.respondWith(cacheFirst(event));
  } else if (isPage(url)) {
    event.respondWith(networkFirst(event));
  }
});

// The day list sends {type: "cache-pages", urls: [its own address, every a[data-visit-form]'s]} and gets the
// number of pages kept back on the message's port.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (answer) {
    if (event.ports && event.ports[0]) {
      event.ports[0].postMessage(answer);
    }
  };
  if (data.type === "cache-pages" && Array.isArray(data.urls)) {
    event.waitUntil(
      cachePages(data.urls).then(function (kept) {
        reply({ type: "pages-cached", kept: kept });
      })
    );
  } else if (data.type === "forget-pages") {
    event.waitUntil(forgetPages().then(function () { reply({ type: "pages-forgotten" }); }));
  }
});
