/* Lotus Health host SDK: opens the Lotus mini-program inside a partner page.
 *
 *   <script src="https://lotus.example/sdk/host.js"></script>
 *   LotusMini.open({ container: el, hostId: 'host_…', getAssertion: async () => jwtFromYourServer });
 *
 * The mini-program asks for an assertion over postMessage; this SDK answers only that
 * iframe (event.source) from the Lotus origin (event.origin), and posts only to the Lotus
 * origin, never to '*'. Your server signs the assertion; never put a private key in a page.
 */
(function () {
  'use strict';
  var LOTUS_ORIGIN = '__LOTUS_ORIGIN__';

  function open(options) {
    if (!options || !options.container || !options.hostId || typeof options.getAssertion !== 'function') {
      throw new Error('LotusMini.open needs {container, hostId, getAssertion}');
    }
    var frame = document.createElement('iframe');
    var params = new URLSearchParams({ host: options.hostId, origin: window.location.origin });
    if (options.locale) params.set('lang', options.locale);
    frame.src = LOTUS_ORIGIN + '/mini/?' + params.toString();
    frame.title = options.title || 'Lotus Health: ask a doctor';
    // The microphone, for voice calls with the doctor, unless the host turns it off.
    frame.setAttribute('allow', options.voiceCalls === false ? 'clipboard-write' : 'clipboard-write; microphone');
    frame.className = options.className || 'lotus-mini-frame';
    frame.width = '100%';
    frame.height = options.height || '640';
    frame.style.border = '0';
    options.container.appendChild(frame);

    function onMessage(event) {
      if (event.origin !== LOTUS_ORIGIN || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.type === 'lotus:need-assertion') {
        Promise.resolve()
          .then(function () { return options.getAssertion(); })
          .then(function (assertion) {
            frame.contentWindow.postMessage({ type: 'lotus:assertion', nonce: data.nonce, assertion: assertion }, LOTUS_ORIGIN);
          })
          .catch(function () {
            frame.contentWindow.postMessage({ type: 'lotus:assertion-failed', nonce: data.nonce }, LOTUS_ORIGIN);
          });
      } else if (data.type === 'lotus:close' && typeof options.onClose === 'function') {
        options.onClose();
      } else if (data.type === 'lotus:signed-in' && typeof options.onSignedIn === 'function') {
        options.onSignedIn({ userId: data.userId });
      }
    }
    window.addEventListener('message', onMessage);
    return {
      frame: frame,
      close: function () {
        window.removeEventListener('message', onMessage);
        frame.remove();
      },
    };
  }

  window.LotusMini = { open: open, origin: LOTUS_ORIGIN };
})();
