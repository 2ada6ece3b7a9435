// The before/after slider: the "after" photo is clipped from the left edge to the slider's position.
document.querySelectorAll("[data-photo-slider]").forEach(function (slider) {
    var after = slider.querySelector(".after");
    var range = slider.querySelector("input[type=range]");
    function update() { after.style.clipPath = "inset(0 0 0 " + range.value + "%)"; }
    range.addEventListener("input", update);
    update();
});
