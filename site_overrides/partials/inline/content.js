// Material 9.7.5's inline script of partials/javascripts/content.html: open the tab a link points at.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
