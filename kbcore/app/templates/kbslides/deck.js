/* kbcore slides: start reveal.js, and shrink a table that does not fit its slide. */
Reveal.initialize({
  width: 1280, height: 720, margin: 0.04, center: false, hash: true,
  slideNumber: 'c/t', transition: 'none', backgroundTransition: 'none',
  controls: true, progress: true, pdfMaxPagesPerSlide: 1,
  plugins: [RevealNotes]
});
function kbFit(slide) {
  if (!slide) { return; }
  slide.querySelectorAll('.kb-table').forEach(function (box) {
    var table = box.querySelector('table');
    if (!table) { return; }
    table.style.transform = '';
    var more = box.querySelector('.kb-more');
    var room = box.clientHeight - (more ? more.offsetHeight : 0);
    var scale = Math.min(1, box.clientWidth / table.offsetWidth, room / table.offsetHeight);
    if (scale > 0 && scale < 1) { table.style.transform = 'scale(' + scale + ')'; }
  });
}
Reveal.on('ready', function (event) { kbFit(event.currentSlide); });
Reveal.on('slidechanged', function (event) { kbFit(event.currentSlide); });
Reveal.on('resize', function () { kbFit(Reveal.getCurrentSlide()); });
