/* Daily Headlines (demo partner): opens Lotus Health with the host SDK. The assertion
 * comes from Daily Headlines' own server route, signed with its private key. */
(function () {
  'use strict';
  var hostId = document.body.getAttribute('data-host-id');
  var handle = null;
  document.getElementById('ask').addEventListener('click', function () {
    if (handle) handle.close();
    var reader = document.getElementById('reader').value;
    handle = window.LotusMini.open({
      container: document.getElementById('lotus'),
      hostId: hostId,
      height: '680',
      getAssertion: function () {
        return fetch('/demo/host/assertion', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reader: reader }),
        })
          .then(function (r) { return r.json(); })
          .then(function (body) { return body.assertion; });
      },
    });
  });
})();
