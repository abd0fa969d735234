//! Pages shared by the tests of the HTML submodules, so each one is
//! written once.

/// A news article with a menu, a list of related links and a footer,
/// dated in its head.
pub(super) const PAGE: &str = r#"<!doctype html><html><head>
<title>Storm hits coast | Daily Planet</title>
<meta property="og:title" content="Storm hits coast">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://planet.example/2024/03/05/storm">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="article-body">
<h1>Storm hits coast</h1>
<p>HAVANA (AP) — A powerful storm struck the northern coast of the island on Tuesday, cutting power to thousands of homes.</p>
<p>Officials said the damage was still being counted, and that rescue teams had reached most of the affected towns.</p>
<p>Schools will stay closed for the rest of the week, the education ministry said in a statement.</p>
</div>
<div class="related"><h3>More stories</h3><ul>
<li><a href="/a">Ten celebrity weddings that shocked the whole world</a></li>
<li><a href="/b">You will not believe what this actor eats for breakfast</a></li>
</ul></div>
<footer><p>Copyright Daily Planet. All rights reserved. Contact us for licensing.</p></footer>
</body></html>"#;

/// A page's `<body>`, which the parser makes when the markup has none.
pub(super) fn body(doc: &scraper::Html) -> ego_tree::NodeRef<'_, scraper::Node> {
    *super::dom::elements_named(doc, &["body"])
        .next()
        .expect("the parser makes a body")
}
