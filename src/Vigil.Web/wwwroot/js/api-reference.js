// The API reference: reads the OpenAPI document from this server and lists its operations, with a form to try
// GET operations. Ours rather than Scalar or Swagger UI: those inject inline scripts and styles (or load fonts from
// a CDN), which the Content-Security-Policy forbids. Everything is built with DOM calls: no innerHTML.
(function () {
    "use strict";
    var root = document.getElementById("operations");
    if (!root) { return; }

    function el(tag, text, className) {
        var node = document.createElement(tag);
        if (text) { node.textContent = text; }
        if (className) { node.className = className; }
        return node;
    }

    function tryIt(method, path) {
        var form = el("form", null, "stack");
        var label = el("label", "Token (optional when signed in)");
        var input = el("input");
        input.type = "password";
        input.autocomplete = "off";
        label.appendChild(input);
        var button = el("button", "Send " + method + " " + path, "secondary");
        button.type = "submit";
        var output = el("pre");
        output.setAttribute("aria-live", "polite");
        form.appendChild(label);
        form.appendChild(button);
        form.appendChild(output);
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var headers = { "Accept": "application/json" };
            if (input.value) { headers["Authorization"] = "Bearer " + input.value; }
            fetch(path, { method: method, headers: headers, credentials: "same-origin" })
                .then(function (response) {
                    return response.text().then(function (text) {
                        output.textContent = response.status + " " + response.statusText + "\n\n" + text;
                    });
                })
                .catch(function (error) { output.textContent = String(error); });
        });
        return form;
    }

    fetch(root.getAttribute("data-document"), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (document_) {
            root.textContent = "";
            Object.keys(document_.paths || {}).forEach(function (path) {
                var item = document_.paths[path];
                Object.keys(item).forEach(function (method) {
                    var operation = item[method];
                    var section = el("section");
                    section.appendChild(el("h2", method.toUpperCase() + " " + path));
                    if (operation.summary) { section.appendChild(el("p", operation.summary)); }
                    var codes = Object.keys(operation.responses || {}).join(", ");
                    if (codes) { section.appendChild(el("p", "Responses: " + codes, "hint")); }
                    if (method === "get" && path.indexOf("{") < 0) { section.appendChild(tryIt("GET", path)); }
                    root.appendChild(section);
                });
            });
        })
        .catch(function () {
            root.textContent = "";
            root.appendChild(el("p", "The OpenAPI document could not be read.", "error"));
        });
})();
