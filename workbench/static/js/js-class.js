// Marks the page as having JavaScript before the first paint, so that the stylesheet can hide what only scripts show.
document.documentElement.classList.add("js");
