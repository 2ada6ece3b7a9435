// Wires each [data-signature] block to a signature_pad (vendored in /lib/signature_pad). The pad's PNG goes into the
// block's hidden input when the form is submitted; the server checks it again (a real PNG, with ink on it).
// No inline script: the Content Security Policy allows only files from this site.
(function () {
    "use strict";
    document.querySelectorAll("[data-signature]").forEach(function (block) {
        var canvas = block.querySelector("canvas");
        var input = block.querySelector("input[type=hidden]");
        var clear = block.querySelector("[data-signature-clear]");
        var status = block.querySelector("[data-signature-status]");
        var pad = new SignaturePad(canvas, { minWidth: 1, maxWidth: 2.5, penColor: "#111" });

        // Sharp lines on high-density screens: the canvas is sized in device pixels, drawn in CSS pixels.
        function resize() {
            var ratio = Math.max(window.devicePixelRatio || 1, 1);
            var data = pad.toData();
            canvas.width = canvas.offsetWidth * ratio;
            canvas.height = canvas.offsetHeight * ratio;
            canvas.getContext("2d").scale(ratio, ratio);
            pad.clear();
            pad.fromData(data);
        }

        function update() {
            input.value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
            if (status) {
                status.textContent = pad.isEmpty() ? "Not signed yet." : "Signed. Clear to sign again.";
            }
        }

        window.addEventListener("resize", resize);
        resize();
        // After a refused submit the page comes back with what was signed, so nobody signs twice for a typo elsewhere.
        // The input keeps the posted PNG until the next stroke, so reading the pad back before the image has loaded
        // cannot blank it.
        var restored = input.value.indexOf("data:image/png;base64,") === 0;
        if (restored) {
            pad.fromDataURL(input.value, { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
            if (status) {
                status.textContent = "Signed. Clear to sign again.";
            }
        }
        pad.addEventListener("endStroke", update);
        clear.addEventListener("click", function () {
            pad.clear();
            update();
            canvas.focus();
        });
        if (!restored) {
            update();
        }
    });
})();
