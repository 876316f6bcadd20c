/// The dashboard's Mustache templates, compiled into the binary so the monitor needs no files
/// beside it. `layout` wraps each page's fragment; `bar` draws a ``CapacityBar`` as inline SVG;
/// the others are one page each (named as ``DashboardPage/name``). Values are HTML-escaped.
enum DashboardTemplates {
    /// Every template by name.
    static let all: [String: String] = [
        "layout": layout, "status": status, "bar": bar, "alertRow": alertRow,
        OverviewPage.name: overview, ExchangesPage.name: exchanges, DevicesPage.name: devices,
        LinksPage.name: links, UsersPage.name: users, PoolsPage.name: pools, AlertsPage.name: alerts,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · DoubleZero monitor</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
        header{background:#1d2330;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
        header strong{font-size:16px;margin-right:12px}
        nav a{color:#c9d1e0;text-decoration:none;margin-right:12px}
        nav a.active{color:#fff;border-bottom:2px solid #5fb3ff}
        main{padding:12px 16px}
        h1{font-size:18px;margin:4px 0 12px}
        h2{font-size:15px;margin:16px 0 8px}
        table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:12px}
        th,td{border-bottom:1px solid #e3e6eb;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#eef0f4;font-weight:600}
        .status-line{color:#5b6475;font-size:12px;margin-bottom:8px}
        .cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:12px}
        .card{background:#fff;border:1px solid #e3e6eb;border-radius:6px;padding:8px 12px;min-width:140px}
        .card .total{font-size:22px;font-weight:600}
        .muted{color:#7a8496}
        .ok{color:#1f8a4c}
        tr.alert-critical td:first-child{border-left:4px solid #d23f3f}
        tr.alert-warning td:first-child{border-left:4px solid #e0a800}
        .sev-critical{color:#d23f3f;font-weight:600}
        .sev-warning{color:#a67c00;font-weight:600}
        .capacity-bar .bar-bg{fill:#e3e6eb}
        .capacity-bar.bar-ok .bar-fill{fill:#3c9d5d}
        .capacity-bar.bar-high .bar-fill{fill:#e0a800}
        .capacity-bar.bar-full .bar-fill{fill:#d23f3f}
        .bar-text{font-size:12px;color:#5b6475;margin-left:4px}
        code{font-size:12px}
        </style>
        </head>
        <body>
        <header><strong>DoubleZero monitor</strong>
        <nav>{{#nav}}<a href="{{path}}"{{#active}} class="active"{{/active}}>{{title}}</a>{{/nav}}</nav>
        <a href="{{jsonPath}}" style="color:#c9d1e0;margin-left:auto">JSON</a>
        </header>
        <main id="content" data-page="{{page}}">{{{content}}}</main>
        <script>
        (function () {
          var content = document.getElementById('content');
          var pending = false;
          function refresh() {
            if (pending) return;
            pending = true;
            fetch(location.pathname + location.search, {headers: {'X-Dashboard-Fragment': '1'}})
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (html) { if (html !== null) content.innerHTML = html; })
              .finally(function () { pending = false; });
          }
          if (window.EventSource) {
            var events = new EventSource('/events');
            events.addEventListener('change', refresh);
          } else {
            setInterval(refresh, 5000);
          }
        })();
        </script>
        </body>
        </html>
        """

    static let status = """
        {{#status}}<div class="status-line" id="status-line" data-sequence="{{sequence}}">ledger sequence {{sequence}} · \
        evaluated {{evaluatedAt}} in {{evaluationMs}} ms · {{openAlerts}} open alert(s), {{criticalAlerts}} critical\
        {{#lagging}} · {{followLag}} entries behind{{/lagging}}</div>{{/status}}
        """

    static let bar = """
        <svg class="capacity-bar bar-{{level}}" width="120" height="12" viewBox="0 0 100 10" \
        preserveAspectRatio="none" role="img" aria-label="{{used}} of {{limit}}" data-used="{{used}}" \
        data-limit="{{limit}}"><rect class="bar-bg" width="100" height="10"/><rect class="bar-fill" \
        width="{{width}}" height="10"/></svg><span class="bar-text">{{used}}/{{limit}} ({{percent}}%)</span>
        """

    static let alertRow = """
        <tr class="alert alert-{{severity}}" data-alert-kind="{{kind}}" data-subject="{{subjectLabel}}">\
        <td class="sev-{{severity}}">{{severity}}</td><td>{{title}}</td><td>{{subjectKind}} {{subjectLabel}}</td>\
        <td>{{message}}</td><td>{{firstSeen}}</td><td>{{age}}</td></tr>
        """

    static let overview = """
        <h1>Overview</h1>
        {{> status}}
        <div class="cards">{{#kinds}}<div class="card" data-kind="{{kind}}"><div class="total">{{total}}</div>\
        <div>{{kind}}</div><div class="muted">{{#statuses}}{{name}} {{count}} {{/statuses}}</div></div>{{/kinds}}</div>
        <h2>Open alerts</h2>
        {{#allClear}}<p class="ok" id="all-clear">No open alerts: every check passes.</p>{{/allClear}}
        {{^allClear}}<table class="alerts"><thead><tr><th>severity</th>\
        <th>alert</th><th>subject</th><th>what is wrong</th><th>first seen</th><th>open for</th></tr></thead><tbody>
        {{#openAlerts}}{{> alertRow}}
        {{/openAlerts}}</tbody></table>{{/allClear}}
        <h2>Users by type</h2>
        <table><thead><tr><th>type</th><th>users</th></tr></thead><tbody>
        {{#userTypes}}<tr><td>{{name}}</td><td>{{count}}</td></tr>{{/userTypes}}</tbody></table>
        <h2>Fullest pools</h2>
        <table><thead><tr><th>pool</th><th>utilisation</th></tr></thead><tbody>
        {{#fullestPools}}<tr data-pool="{{name}}"><td>{{name}}</td><td>{{#bar}}{{> bar}}{{/bar}}</td></tr>{{/fullestPools}}
        </tbody></table>
        """

    static let exchanges = """
        <h1>Exchanges</h1>
        {{> status}}
        <table><thead><tr><th>code</th><th>name</th><th>status</th><th>BGP community</th><th>devices</th></tr></thead><tbody>
        {{#exchanges}}<tr data-exchange="{{code}}"><td>{{code}}</td><td>{{name}}</td><td>{{status}}</td>\
        <td>{{#communityOk}}<span class="ok">{{bgpCommunity}}</span>{{/communityOk}}{{^communityOk}}\
        <span class="sev-critical">{{bgpCommunity}}</span><div class="muted">{{communityProblem}}</div>{{/communityOk}}</td>\
        <td>{{#devices}}{{.}} {{/devices}}</td></tr>
        {{/exchanges}}</tbody></table>
        """

    static let devices = """
        <h1>Devices</h1>
        {{> status}}
        <table><thead><tr><th>device</th><th>exchange</th><th>status</th><th>tunnel endpoints</th>\
        <th>unicast users</th><th>multicast users</th><th>by tunnel type</th><th>links</th><th>last config fetch</th>\
        <th>alerts</th></tr></thead><tbody>
        {{#devices}}<tr class="device" data-device="{{code}}"><td>{{code}}</td><td>{{exchange}}</td><td>{{status}}</td>\
        <td>{{#tunnelEndpoints}}{{.}}<br>{{/tunnelEndpoints}}</td>\
        <td class="unicast">{{#unicast}}{{> bar}}{{/unicast}}</td><td class="multicast">{{#multicast}}{{> bar}}{{/multicast}}</td>\
        <td>{{#types}}{{type}} {{count}}<br>{{/types}}</td>\
        <td>{{#links}}{{.}}<br>{{/links}}</td><td>{{#lastConfigFetch}}{{.}}{{/lastConfigFetch}}\
        {{^lastConfigFetch}}<span class="muted">—</span>{{/lastConfigFetch}}</td>\
        <td>{{#hasAlerts}}<a class="sev-warning" href="/alerts">{{alerts}}</a>{{/hasAlerts}}</td></tr>
        {{/devices}}</tbody></table>
        """

    static let links = """
        <h1>Links</h1>
        {{> status}}
        <table><thead><tr><th>link</th><th>type</th><th>status</th><th>drain</th><th>side A</th><th>side Z</th>\
        <th>delay ms</th><th>jitter ms</th><th>override ms</th><th>tunnel net</th></tr></thead><tbody>
        {{#links}}<tr data-link="{{code}}"><td>{{code}}</td><td>{{linkType}}</td><td>{{status}}</td>\
        <td>{{#drained}}<span class="sev-warning">{{drain}}</span>{{/drained}}{{^drained}}none{{/drained}}</td>\
        <td>{{sideA}}</td><td>{{sideZ}}</td><td>{{delayMs}}</td><td>{{jitterMs}}</td>\
        <td>{{#delayOverrideMs}}{{.}}{{/delayOverrideMs}}</td><td>{{tunnelNet}}</td></tr>
        {{/links}}</tbody></table>
        """

    static let users = """
        <h1>Users</h1>
        {{> status}}
        <p class="muted">{{total}} user(s){{#deviceFilter}} on {{deviceFilter}}{{/deviceFilter}}\
        {{#statusFilter}} {{statusFilter}}{{/statusFilter}}{{#typeFilter}} of type {{typeFilter}}{{/typeFilter}}; \
        from {{offset}}{{#nextOffset}} · <a href="?offset={{.}}&device={{deviceFilter}}&status={{statusFilter}}\
        &type={{typeFilter}}">next page</a>{{/nextOffset}}</p>
        <table><thead><tr><th>user</th><th>type</th><th>status</th><th>device</th><th>client IP</th><th>DZ IP</th>\
        <th>tunnel</th><th>tunnel net</th><th>waiting</th></tr></thead><tbody>
        {{#users}}<tr data-user="{{pubkey}}"><td><code>{{pubkey}}</code></td><td>{{userType}}</td><td>{{status}}</td>\
        <td>{{device}}</td><td>{{clientIp}}</td><td>{{dzIp}}</td><td>{{tunnelId}}</td><td>{{tunnelNet}}</td>\
        <td>{{#waiting}}<span class="sev-warning">{{.}}</span>{{/waiting}}</td></tr>
        {{/users}}</tbody></table>
        """

    static let pools = """
        <h1>Pools</h1>
        {{> status}}
        <p class="muted">Alerts above {{thresholdPercent}}% full.</p>
        <table><thead><tr><th>pool</th><th>holds</th><th>utilisation</th></tr></thead><tbody>
        {{#pools}}<tr data-pool="{{name}}"><td>{{name}}</td><td>{{#addresses}}addresses{{/addresses}}\
        {{^addresses}}ids{{/addresses}}</td><td>{{#bar}}{{> bar}}{{/bar}}</td></tr>
        {{/pools}}</tbody></table>
        """

    static let alerts = """
        <h1>Alerts</h1>
        {{> status}}
        <h2>Open</h2>
        {{^open}}<p class="ok" id="all-clear">No open alerts.</p>{{/open}}
        <table class="alerts" id="open-alerts"><thead><tr><th>severity</th><th>alert</th><th>subject</th>\
        <th>what is wrong</th><th>first seen</th><th>open for</th></tr></thead><tbody>
        {{#open}}{{> alertRow}}
        {{/open}}</tbody></table>
        <h2>History</h2>
        <table class="alerts" id="alert-history"><thead><tr><th>severity</th><th>alert</th><th>subject</th>\
        <th>what was wrong</th><th>first seen</th><th>cleared</th><th>was open for</th></tr></thead><tbody>
        {{#history}}<tr class="alert alert-{{severity}}" data-alert-kind="{{kind}}" data-subject="{{subjectLabel}}">\
        <td class="sev-{{severity}}">{{severity}}</td><td>{{title}}</td><td>{{subjectKind}} {{subjectLabel}}</td>\
        <td>{{message}}</td><td>{{firstSeen}}</td><td>{{cleared}}</td><td>{{age}}</td></tr>
        {{/history}}</tbody></table>
        """
}
