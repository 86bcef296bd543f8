// Live CVSS score on the report form: asks the server (GET /api/cvss) as the vector is typed. The server scores the
// vector again on submit; this is only a convenience. No inline script: the CSP allows scripts from this origin only.
(function () {
    'use strict';
    var input = document.querySelector('input[data-score-target]');
    if (!input) { return; }
    var output = document.getElementById(input.getAttribute('data-score-target'));
    var timer = null;
    function show(text) { output.textContent = text; }
    function score() {
        var vector = input.value.trim();
        if (vector === '') { show(''); return; }
        fetch('/api/cvss?vector=' + encodeURIComponent(vector), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
            .then(function (result) {
                if (result.ok) { show('Score ' + result.body.score + ' (' + result.body.severity + ')'); }
                else { show('Not a valid vector yet'); }
            })
            .catch(function () { show(''); });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(score, 300); });
    score();
})();
