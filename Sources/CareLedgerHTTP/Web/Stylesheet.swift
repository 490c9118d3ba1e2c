/// The product's stylesheet: large touch targets, no horizontal scrolling from 320 px up.
enum Stylesheet {
    static let css = """
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f6f9}
    .topbar{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;padding:.75rem 1rem;background:#1f4e79;color:#fff}
    .topbar a,.topbar .org{color:#fff;text-decoration:none}.brand{font-weight:700;font-size:1.15rem}.org{opacity:.9}
    .signout{margin-left:auto;display:flex;gap:.5rem;align-items:center}.signout button{background:transparent;color:#fff;border:1px solid #fff}
    main{max-width:1100px;margin:0 auto;padding:1rem}
    .card{background:#fff;border-radius:10px;padding:1rem 1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08);overflow-wrap:anywhere}
    .narrow{max-width:420px;margin:2rem auto}
    label{display:block;margin:.75rem 0 .25rem;font-weight:600}
    input,select,textarea{width:100%;min-height:44px;padding:.5rem .75rem;font-size:1rem;border:1px solid #b8c0cc;border-radius:6px}
    button{min-height:44px;min-width:44px;padding:.5rem 1rem;font-size:1rem;border-radius:6px;border:1px solid #1f4e79;background:#fff;color:#1f4e79;cursor:pointer}
    button.primary{background:#1f4e79;color:#fff;margin-top:1rem;width:100%}
    .error{background:#fdecea;color:#8a1c13;padding:.5rem .75rem;border-radius:6px}
    .warning{background:#fff4e0;color:#7a4b00;padding:.5rem .75rem;border-radius:6px}
    .notice{background:#e7f5ec;color:#17603a;padding:.5rem .75rem;border-radius:6px}
    .badge{display:inline-block;font-size:.8rem;padding:.1rem .45rem;border-radius:999px;background:#eef1f6;color:#4a5568}
    small{display:block;color:#5a6473}
    .filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.5rem;align-items:end}
    .actions{display:flex;flex-wrap:wrap;gap:.5rem}.actions form{margin:0}
    .status{font-weight:700}.status-attended{color:#17603a}.status-late{color:#7a4b00}.status-absent{color:#8a1c13}
    .warnings{list-style:none;padding:0}.warnings li{margin:.5rem 0}
    fieldset{border:1px solid #e3e7ee;border-radius:6px;margin:.75rem 0}.check{font-weight:400;display:flex;align-items:center;gap:.5rem}
    .check input{width:auto;min-height:0}
    table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e3e7ee}
    @media (max-width:600px){table,thead,tbody,tr,th,td{display:block}thead{display:none}td{border:0;padding:.25rem 0}tr{border-bottom:1px solid #e3e7ee;padding:.5rem 0}}
    """
}
