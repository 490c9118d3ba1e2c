/// The product's stylesheet (docs/UI.md describes its parts): 44 px touch targets, no sideways
/// page scrolling from 320 px up, tables that keep their column labels on a phone.
enum Stylesheet {
    static let css = """
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f6f9}
    a{color:#1f4e79}
    .topbar{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;padding:.5rem 1rem;background:#1f4e79;color:#fff}
    .topbar a,.topbar .org{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:1.15rem}.org{opacity:.85;font-size:.9rem}
    .nav{display:flex;flex-wrap:wrap;gap:.25rem;order:3;flex-basis:100%}
    .nav a{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;border-radius:6px;white-space:nowrap}
    .nav a:hover{background:rgba(255,255,255,.12)}.nav a[aria-current=page]{background:#fff;color:#1f4e79;font-weight:700}
    .signout{margin-left:auto;display:flex;gap:.5rem;align-items:center}.signout button{background:transparent;color:#fff;border:1px solid #fff}
    .signout .user{font-size:.9rem}
    .topbar .inbox{margin-left:auto;display:inline-flex;align-items:center;gap:.35rem;min-height:44px}.inbox+.signout{margin-left:0}
    .inbox .unread{background:#f6c343;color:#1d2330;font-weight:700}
    .notifications{list-style:none;margin:0;padding:0}.notifications li{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 0;border-bottom:1px solid #e2e6ec}
    .notifications li.unread{font-weight:600}.notifications form{margin-left:auto}
    .decision{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.decision label{margin:0}.decision input{width:auto;max-width:11rem}
    @media (max-width:640px){.topbar{padding:.25rem .75rem}.nav{flex-wrap:nowrap;overflow-x:auto;margin:0 -.5rem}.signout .user{display:none}}
    main{max-width:1180px;margin:0 auto;padding:1rem}
    .card{background:#fff;border-radius:10px;padding:1rem 1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08);min-width:0;overflow-wrap:break-word}
    .narrow{max-width:420px;margin:2rem auto}
    h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.2rem;margin:.25rem 0 .5rem}
    .page-header{margin:0 0 1rem}.page-header .back{margin:0 0 .25rem}.page-header .subtitle{margin:0;color:#4a5568}
    .page-header .header-links{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 0}
    .outcome{display:block;margin:0 0 1rem;padding:.75rem 1rem;border-radius:8px;border-left:6px solid}
    .outcome strong{display:block}.outcome p{margin:.25rem 0 0}.outcome .actions{margin-top:.5rem}
    .outcome-success{background:#e7f5ec;color:#17603a;border-color:#2f8f5b}
    .outcome-refusal{background:#fdecea;color:#8a1c13;border-color:#b42318}
    .outcome-warning{background:#fff4e0;color:#7a4b00;border-color:#c98a00}
    .outcome-info{background:#e8f0f8;color:#1f4e79;border-color:#1f4e79}
    .support-code{display:inline;font:.75rem/1.2 ui-monospace,Menlo,monospace;color:#6b7280;font-weight:400}
    label{display:block;margin:.75rem 0 .25rem;font-weight:600}
    input,select,textarea{width:100%;min-height:44px;padding:.5rem .75rem;font:inherit;border:1px solid #b8c0cc;border-radius:6px;background:#fff}
    input[readonly],textarea[readonly]{background:#f4f6f9}
    button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.5rem 1rem;font:inherit;
      border-radius:6px;border:1px solid #1f4e79;background:#fff;color:#1f4e79;cursor:pointer;text-decoration:none;text-align:center}
    button.primary,.button.primary{background:#1f4e79;color:#fff}
    .card form>button.primary:last-child{margin-top:.75rem}.actions button.primary{margin-top:0}
    button.danger,.button.danger{background:#b42318;border-color:#b42318;color:#fff}
    button:disabled{cursor:default}
    .error{background:#fdecea;color:#8a1c13;padding:.5rem .75rem;border-radius:6px}
    .warning{background:#fff4e0;color:#7a4b00;padding:.5rem .75rem;border-radius:6px}
    .notice{background:#e7f5ec;color:#17603a;padding:.5rem .75rem;border-radius:6px}
    .badge{display:inline-block;font-size:.8rem;padding:.1rem .5rem;border-radius:999px;background:#eef1f6;color:#4a5568;white-space:nowrap}
    small,.muted{color:#5a6473}small{display:block}
    .filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.5rem;align-items:end}.filters label{margin-top:0}
    .actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.actions form{margin:0}
    .status{font-weight:700;white-space:nowrap}.status-attended,.status-met{color:#17603a}.status-late{color:#7a4b00}
    .status-absent,.status-not-met{color:#8a1c13}.status-scheduled{color:#4a5568}
    .warnings{list-style:none;padding:0;margin:.5rem 0}.warnings li{margin:.5rem 0}
    fieldset{border:1px solid #e3e7ee;border-radius:6px;margin:.75rem 0}.check{font-weight:400;display:flex;align-items:center;gap:.5rem}
    .check input{width:auto;min-height:0}
    .table-wrap{max-width:100%;overflow-x:auto}
    table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e3e7ee;vertical-align:top}
    th{font-size:.9rem;color:#4a5568}thead th{white-space:nowrap}td.number,th.number{text-align:right}
    @media (max-width:640px){
      table:not(.data){display:block;max-width:100%;overflow-x:auto}
      table.data,table.data tbody,table.data tr,table.data td{display:block}table.data thead{display:none}
      table.data tr{border-bottom:1px solid #e3e7ee;padding:.5rem 0}
      table.data td{display:grid;grid-template-columns:7.5rem minmax(0,1fr);gap:.5rem;border:0;padding:.2rem 0;text-align:left}
      table.data td::before{content:attr(data-label);font-weight:600;color:#4a5568}
    }
    .tabs{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:2px solid #d5dbe5;margin:1rem 0 0}
    .tab{display:inline-flex;align-items:center;min-height:44px;padding:0 1.1rem;border:1px solid transparent;border-bottom:0;
      border-radius:8px 8px 0 0;text-decoration:none;color:#1f4e79;margin-bottom:-2px}
    .tab:hover{background:#eef3f9}.tab[aria-current=page]{background:#fff;border-color:#d5dbe5;border-bottom:2px solid #fff;font-weight:700;color:#1d2330}
    pre.file{max-width:100%;overflow-x:auto;background:#f7f8fa;border:1px solid #e3e7ee;border-radius:6px;padding:.75rem;font-size:.8rem;white-space:pre}
    .session-layout{display:block}
    .preview-summary{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;margin:0 0 1rem;
      padding:.5rem .75rem;border-radius:8px;background:#fff;border:2px solid #2f8f5b;box-shadow:0 2px 6px rgba(0,0,0,.12)}
    .preview-summary.has-warnings{border-color:#c98a00;background:#fffaf0}
    .preview-summary h2{font-size:1rem;margin:0}.preview-summary ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
    .preview-summary li{font-size:.85rem;padding:.1rem .5rem;border-radius:999px;background:#fff0d0;color:#7a4b00}
    @media (max-width:640px){.preview-summary{padding:.35rem .6rem;gap:.15rem .5rem}.preview-summary li{font-size:.78rem}}
    @media (min-width:960px){
      .session-layout{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:0 1rem;align-items:start}
      .session-layout>*{grid-column:1}.session-layout>.preview-summary{grid-column:2;grid-row:1 / span 3;top:1rem;flex-direction:column;align-items:stretch}
    }
    .roster{list-style:none;margin:0;padding:0}
    .roster-row{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.5rem 1rem;align-items:center;padding:.6rem 0;border-bottom:1px solid #e3e7ee}
    .roster-row .who{min-width:0}.roster-row .who .status{font-size:.85rem;margin-left:.25rem}.roster-row .identity{display:block;font-size:.85rem;color:#5a6473}
    .marks{display:grid;grid-template-columns:repeat(3,6.5rem);gap:.4rem}.marks form{margin:0}.marks button{width:100%}
    .marks button[aria-pressed=true]{background:#1f4e79;color:#fff;font-weight:700;opacity:1}
    .marks .mark-attended[aria-pressed=true]{background:#2f8f5b;border-color:#2f8f5b}.marks .mark-late[aria-pressed=true]{background:#c98a00;border-color:#c98a00}
    .marks .mark-absent[aria-pressed=true]{background:#b42318;border-color:#b42318}
    @media (max-width:640px){.roster-row{grid-template-columns:minmax(0,1fr)}.marks{grid-template-columns:repeat(3,minmax(0,1fr))}}
    details.row-menu{grid-column:1 / -1}
    details.row-menu>summary{display:inline-flex;align-items:center;min-height:44px;padding:0 1rem;border:2px solid #b42318;border-radius:6px;
      color:#8a1c13;background:#fff;font-weight:700;cursor:pointer;list-style:none}
    details.row-menu>summary::before{content:"⚠";margin-right:.5rem}details.row-menu[open]>summary{background:#fdecea}
    form.force{border:2px solid #b42318;border-radius:8px;padding:.75rem;margin-top:.5rem;background:#fff}
    .save-bar{position:sticky;bottom:0;z-index:5;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;
      background:#fff;border-top:2px solid #1f4e79;padding:.5rem 1rem;margin:0 -1rem;box-shadow:0 -2px 6px rgba(0,0,0,.08)}
    .save-bar .save-state{font-weight:600}.save-bar .save-state.dirty{color:#7a4b00}.save-bar .save-state.saved{color:#17603a}
    dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem;margin:.5rem 0}dl.facts dt{font-weight:600;color:#4a5568}dl.facts dd{margin:0}
    @media (max-width:640px){dl.facts{grid-template-columns:minmax(0,1fr);gap:0}dl.facts dd{margin-bottom:.4rem}}
    ul.work{list-style:none;padding:0;margin:0}ul.work li{padding:.6rem 0;border-bottom:1px solid #e3e7ee}ul.work li:last-child{border-bottom:0}
    """
}
