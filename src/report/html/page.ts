// The shell of an HTML report: one self-contained document, its stylesheet inline, its data
// embedded as JSON, no script to run and nothing to fetch.

import { html, scriptJson } from '../escape.js';

/**
 * The whole stylesheet. System fonts only (no web font to fetch); a restrained palette of ink,
 * one blue accent and three status colours that always come with a word; every text colour meets
 * WCAG AA (4.5:1) on its background in light and dark mode, and chart marks meet 3:1. Print uses
 * the light palette on A4, starts each organization on a new page and never cuts a chart or a card.
 */
export const STYLESHEET = `
:root{color-scheme:light dark;
--bg:#f5f6f8;--surface:#fff;--ink:#18202b;--muted:#555f6d;--line:#d9dee5;--soft:#eef1f5;
--accent:#1d58a3;--ok:#17723a;--warn:#8a5700;--bad:#b42318;--track:#e4e8ee;
--bar-ok:#21864a;--bar-next:#a86a00;--bar-no:#6a788c;--mark:#18202b;
--h0:#eef3fa;--h1:#d3e1f3;--h2:#a8c5ea;--h3:#3a72b8;--h4:#1c4d8f;--h-dark:#10223a;--h-light:#fff;
--up:#cfe0f5;--up2:#7fa9dc;--down:#f7dcc8;--down2:#e5a77b;--same:#f1f3f6}
@media screen and (prefers-color-scheme:dark){:root{
--bg:#0e1319;--surface:#161c24;--ink:#e6ebf1;--muted:#a1abb8;--line:#2d3642;--soft:#1d242e;
--accent:#82b4ff;--ok:#5cc77e;--warn:#e3a63c;--bad:#ff8177;--track:#27303c;
--bar-ok:#4cb86e;--bar-next:#d39a2f;--bar-no:#7d8a9c;--mark:#e6ebf1;
--h0:#1b232e;--h1:#203651;--h2:#2b5388;--h3:#6a9ee0;--h4:#b0cff6;--h-dark:#0b1626;--h-light:#fff;
--up:#1f3a5c;--up2:#3468a8;--down:#4a2f1d;--down2:#8c5224;--same:#1d242e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem 1rem}
a{color:var(--accent)}
h1,h2,h3,h4{line-height:1.2;margin:0;font-weight:650;letter-spacing:-.01em;overflow-wrap:break-word}
h1{font-size:2rem}
.doc h1,.result>header h1,.result>header h2{font-size:2rem}
section>:is(h2,h3,h4):first-child{font-size:1.3rem;margin:0 0 .75rem}
.sub{font-size:1.1rem;margin:1.75rem 0 .5rem}
.phases :is(h3,h4,h5){font-size:1.02rem;margin:0 0 .25rem}
p{margin:.5rem 0}
.kicker{margin:0 0 .35rem;font-size:.78rem;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.meta{color:var(--muted);font-size:.9rem;margin:.5rem 0 0}
.doc{margin:0 0 1.5rem}
.result{background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:2rem 2rem 1rem;margin:0 0 2rem}
.result>header{padding-bottom:1.25rem;border-bottom:1px solid var(--line);margin-bottom:1.5rem}
.result>section{margin:0 0 2.25rem}
.answer{display:grid;gap:1.25rem}
.headline{font-size:1.6rem;font-weight:650;line-height:1.25;margin:0}
.tagline{font-size:1.1rem;color:var(--muted);margin:.25rem 0 0;font-style:italic}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:0}
.facts>div{background:var(--soft);border-radius:8px;padding:.75rem 1rem}
.facts dt{font-size:.78rem;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.facts dd{margin:.2rem 0 0;font-size:1.45rem;font-weight:650;line-height:1.2}
.facts dd small{display:block;font-size:.85rem;font-weight:400;color:var(--muted);margin-top:.2rem}
.progress{height:.5rem;background:var(--track);border-radius:4px;margin-top:.5rem;overflow:hidden}
.progress>span{display:block;height:100%;background:var(--accent)}
figure{margin:0 0 1.25rem;break-inside:avoid}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.5rem}
.chart{display:block;max-width:100%;height:auto;font-family:inherit}
.chart text{fill:var(--ink);font-size:13px}
.chart .c-label{font-size:15px;font-weight:600}
.chart .c-name{font-size:14px}
.chart .c-value{font-size:13px;font-weight:600}
.chart .c-note,.chart .c-axis-label{font-size:12px;fill:var(--muted)}
.chart .c-team{font-weight:650}
.c-track{fill:var(--track)}
.s-attained .c-bar{fill:var(--bar-ok)}.s-next .c-bar{fill:var(--bar-next)}.s-not-attained .c-bar{fill:var(--bar-no)}
.s-attained .c-value{fill:var(--ok)}.s-next .c-value{fill:var(--warn)}.s-not-attained .c-value,.s-na .c-value{fill:var(--muted)}
.c-threshold{stroke:var(--mark);stroke-width:2.5}
.c-grid{stroke:var(--line);stroke-width:1}
.c-axis{stroke:var(--muted);stroke-width:1}
.c-line{fill:none;stroke:var(--accent);stroke-width:3;stroke-linejoin:round}
.c-dot{fill:var(--accent)}
.c-stem{stroke:var(--line);stroke-width:2}
.strip-team .c-dot{fill:var(--ink)}
.h-cell{rx:6px}
.chart .h-score{font-size:17px;font-weight:700}
.chart .h-title{font-size:11.5px}
.h-0 .h-cell{fill:var(--h0)}.h-1 .h-cell{fill:var(--h1)}.h-2 .h-cell{fill:var(--h2)}.h-3 .h-cell{fill:var(--h3)}.h-4 .h-cell{fill:var(--h4)}
.h-na .h-cell{fill:var(--soft);stroke:var(--line);stroke-dasharray:4 3}
.chart .h-0 text,.chart .h-1 text,.chart .h-2 text,.chart .h-na text{fill:var(--ink)}
.chart .h-3 text,.chart .h-4 text{fill:var(--h-light)}
@media screen and (prefers-color-scheme:dark){.chart .h-3 text,.chart .h-4 text{fill:var(--h-dark)}.chart .h-2 text{fill:var(--h-light)}}
.legend{display:flex;flex-wrap:wrap;gap:.35rem 1rem;list-style:none;padding:0;margin:.5rem 0 0;font-size:.85rem;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:1rem;height:1rem;border-radius:3px;border:1px solid var(--line)}
.sw-0{background:var(--h0)}.sw-1{background:var(--h1)}.sw-2{background:var(--h2)}.sw-3{background:var(--h3)}.sw-4{background:var(--h4)}
details.data{margin-top:.5rem;font-size:.92rem}
details.data>summary{cursor:pointer;color:var(--accent);width:max-content;max-width:100%}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.5rem 0;overflow-wrap:break-word}
caption{text-align:left;font-weight:600;padding:0 0 .4rem;color:var(--muted);font-size:.85rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid var(--line)}
thead th{font-size:.75rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
tbody th{font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
.status{display:inline-block;font-size:.78rem;font-weight:650;padding:.1rem .5rem;border-radius:999px;border:1px solid currentColor;white-space:nowrap}
.st-attained,.st-meets{color:var(--ok)}.st-next,.st-below{color:var(--warn)}.st-not-attained,.st-none,.st-na{color:var(--muted)}
.callouts{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.callout{border-left:4px solid var(--warn);background:var(--soft);border-radius:0 8px 8px 0;padding:.75rem 1rem}
.callout strong{color:var(--warn)}
.callout.ok{border-left-color:var(--ok)}.callout.ok strong{color:var(--ok)}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.cards>li,.facts>div,.answer>*{min-width:0}
.card{border:1px solid var(--line);border-radius:8px;padding:.9rem 1.1rem;break-inside:avoid}
.card h3,.card h4{font-size:1.02rem;margin:0 0 .25rem}
.where{color:var(--muted);font-size:.88rem;margin:0}
.gauge{display:flex;align-items:center;gap:.75rem;margin:.6rem 0 .2rem;font-size:.88rem}
.gauge .bar{position:relative;flex:1;max-width:16rem;height:.55rem;background:var(--track);border-radius:3px}
.gauge .bar>span{position:absolute;left:0;top:0;bottom:0;background:var(--bar-next);border-radius:3px}
.gauge .bar>i{position:absolute;top:-.25rem;bottom:-.25rem;width:2.5px;background:var(--mark)}
.evidence{list-style:none;padding:0;margin:.75rem 0 0;display:grid;gap:.6rem}
.evidence li{font-size:.9rem;border-top:1px dashed var(--line);padding-top:.55rem;display:grid;grid-template-columns:1fr auto;gap:.2rem 1.25rem}
.evidence .level{font-weight:650;white-space:nowrap;text-align:right}
.evidence .level.none{font-weight:400;font-style:italic;color:var(--muted)}
.evidence blockquote{grid-column:1/-1}
.card-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-start;gap:.4rem 1.5rem}
.card-head .gauge{margin:.15rem 0 0;flex:0 1 18rem}
.rows{list-style:none;padding:0;margin:0}
.rows>li{display:flex;gap:.9rem;align-items:baseline;padding:.7rem 0;border-top:1px solid var(--line)}
.rows>li:last-child{border-bottom:1px solid var(--line)}
.rows .status{flex:none;min-width:5.5rem;text-align:center}
blockquote{margin:.35rem 0 0;padding:.1rem 0 .1rem .8rem;border-left:3px solid var(--line);color:var(--ink);font-style:italic}
ol.steps,ol.moves,ol.phases{padding-left:1.4rem;margin:.5rem 0;display:grid;gap:.6rem}
.change{font-weight:650;white-space:nowrap}
.phases>li{break-inside:avoid}
.phases ul{margin:.35rem 0 0;padding-left:1.2rem}
.phases ul ul{color:var(--muted)}
.foundation{color:var(--warn);font-weight:600}
.columns{columns:2 18rem;column-gap:2rem;padding-left:1.2rem;margin:.5rem 0}
.columns li{break-inside:avoid;margin-bottom:.35rem}
code{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:.05rem .3rem;border-radius:4px}
.grid td.cell{text-align:center;font-weight:600;white-space:nowrap;min-width:3.75rem;border:2px solid var(--surface);vertical-align:middle}
.grid tbody th[scope=row]{min-width:13rem;font-weight:500;vertical-align:middle}
.grid thead th{text-transform:none;letter-spacing:0;font-size:.82rem;color:var(--ink);vertical-align:bottom}
.grid thead small{color:var(--muted);font-weight:400}
.d-up2{background:var(--up2)}.d-up{background:var(--up)}.d-same{background:var(--same)}.d-down{background:var(--down)}.d-down2{background:var(--down2)}
.grid .stage-row th{background:var(--soft);font-size:.82rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
.wide{font-weight:700;color:var(--warn)}
.summary{background:var(--surface);border:1px solid var(--line);border-radius:10px;padding:1.5rem 2rem 1rem;margin:0 0 2rem}
footer{max-width:60rem;margin:0 auto;padding:0 1.25rem 2.5rem;color:var(--muted);font-size:.85rem}
@media (max-width:40rem){
.rows>li{flex-direction:column;gap:.3rem}
.evidence li{grid-template-columns:1fr}.evidence .level{text-align:left}
main{padding:1rem .75rem}
.summary{padding:1rem}
.result{padding:1.25rem 1rem .5rem;border-radius:8px}
.doc h1,.result>header h1,.result>header h2{font-size:1.6rem}
.headline{font-size:1.3rem}
.facts{grid-template-columns:1fr 1fr}
.facts dd{font-size:1.2rem}
.wide-chart .chart{width:720px;max-width:none}
.chart.index-chart .c-axis-label{font-size:26px}.chart.index-chart .c-value{font-size:28px}.index-chart .c-dot{r:8px}.index-chart .c-line{stroke-width:5}
.chart .bar-row .c-label{font-size:30px}.chart .bar-row .c-value{font-size:26px}.chart .c-name,.chart .c-axis-label{font-size:20px}.chart .strip-member .c-value,.chart .strip-team .c-value{font-size:22px}
th,td{padding:.4rem .45rem}
}
@page{size:A4;margin:15mm 14mm}
@media print{
body{background:#fff;font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:none;padding:0}
.result,.summary{border:0;padding:0;margin:0;border-radius:0}
.summary~.result{break-before:page}
h2,h3,h4,h5{break-after:avoid}
.card,.callout,figure,tr,.facts,.phases>li{break-inside:avoid}
details.data{display:none}
.scroll{overflow:visible}
a{color:inherit;text-decoration:none}
footer{padding:1rem 0 0;break-inside:avoid}
}
`
  .trim()
  .replace(/\n/g, '');

/** The document around the report's body: head, stylesheet, body, footer and the embedded data. */
export function page(options: {
  title: string;
  body: string;
  footer: string;
  data: unknown;
}): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="maturity">',
    `<title>${html(options.title)}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    '<body>',
    '<main>',
    options.body,
    '</main>',
    `<footer>${options.footer}</footer>`,
    // The page carries its own data: the JSON report, for anyone who wants the numbers back.
    `<script type="application/json" id="maturity-data">${scriptJson(options.data)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
