"""The style sheet of plancheck's HTML pages (the evaluation, diff and task reports): inline,
no web font, A4 print rules."""

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto;
  max-width: 60rem; padding: 1.5rem; font-size: 14px; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: 600; color: #555; }
dl.meta dd { margin: 0; }
.verdict { font-size: 1.2rem; font-weight: 700; padding: .7rem 1rem; border-radius: 6px; margin: 1rem 0; }
.verdict.ok { background: #e8f5e9; color: #1b5e20; border: 2px solid #2e7d32; }
.verdict.bad { background: #ffebee; color: #b71c1c; border: 2px solid #c62828; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; white-space: nowrap; }
td.nw { white-space: nowrap; }
table.summary { width: auto; min-width: 18rem; }
.status { font-weight: 600; white-space: nowrap; }
.s-pass { color: #2e7d32; } .s-fail { color: #c62828; } .s-behind { color: #b26a00; }
.s-missing { color: #8e24aa; } .s-unknown { color: #0277bd; }
.t-ok { color: #2e7d32; } .t-bad { color: #c62828; } .t-waiting { color: #616161; }
.note { color: #555; font-size: .92em; }
ul.attention { padding-left: 1.2rem; }
figure { margin: .5rem 0 1rem; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg text { font-family: inherit; font-size: 12px; fill: #1a1a1a; }
footer { margin-top: 2rem; color: #666; font-size: .85rem; border-top: 1px solid #ddd; padding-top: .5rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, figure, .verdict { break-inside: avoid; }
  thead { display: table-header-group; }
  .verdict, th, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
