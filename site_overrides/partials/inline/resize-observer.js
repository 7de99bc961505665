if (typeof ResizeObserver == "undefined") {
  window.ResizeObserver = function (callback) {
    var targets = [];
    var fire = function () {
      callback(targets.map(function (el) { return { target: el, contentRect: el.getBoundingClientRect() }; }));
    };
    window.addEventListener("resize", fire);
    this.observe = function (el) { targets.push(el); setTimeout(fire, 0); };
    this.unobserve = function (el) { targets = targets.filter(function (t) { return t !== el; }); };
    this.disconnect = function () { targets = []; window.removeEventListener("resize", fire); };
  };
}