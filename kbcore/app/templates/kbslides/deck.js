/* kbcore slides: start reveal.js, and shrink a table until it fits its slide. */
Reveal.initialize({
  width: 1280, height: 720, margin: 0.04, center: false, hash: true,
  slideNumber: 'c/t', transition: 'none', backgroundTransition: 'none',
  controls: true, progress: true, pdfMaxPagesPerSlide: 1,
  plugins: [RevealNotes]
});
function kbFit(slide) {
  /* the largest font (28px down to 12px) at which the table fits its box; below that, scaled */
  if (!slide) { return; }
  slide.querySelectorAll('.kb-table').forEach(function (box) {
    var table = box.querySelector('table');
    if (!table) { return; }
    var more = box.querySelector('.kb-more');
    var room = box.clientHeight - (more ? more.offsetHeight + 4 : 0);
    table.style.transform = '';
    for (var size = 28; size >= 12; size -= 1) {
      table.style.fontSize = size + 'px';
      if (table.offsetWidth <= box.clientWidth && table.offsetHeight <= room) { return; }
    }
    var scale = Math.min(1, box.clientWidth / table.offsetWidth, room / table.offsetHeight);
    if (scale > 0 && scale < 1) { table.style.transform = 'scale(' + scale + ')'; }
  });
}
Reveal.on('ready', function (event) { kbFit(event.currentSlide); });
Reveal.on('slidechanged', function (event) { kbFit(event.currentSlide); });
Reveal.on('resize', function () { kbFit(Reveal.getCurrentSlide()); });
