//! Web addresses: a page's host, the site it is counted under, and the
//! address that tells the same page fetched twice. A leaf: extraction,
//! junk links, judging and the sites report all ask here.

/// The lowercase host of an absolute or protocol-relative (`//host/...`)
/// URL, without `www.`.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest,
        None => url.strip_prefix("//")?,
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A page's address for telling the same page fetched twice: host (no
/// `www.`, any case), path without a trailing slash, and query without
/// tracking parameters, in name order; scheme, port and fragment left out.
/// A page's AMP form (an `amp.` host, an `/amp` segment, a `.amp` ending,
/// an `amp` parameter, a Google AMP cache address) is the page itself.
pub(crate) fn page_address(url: &str) -> Option<String> {
    let host = url_host(url)?;
    let rest = url.trim().split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.trim_start_matches('/');
    let path = rest.find(['/', '?']).map_or("", |i| &rest[i..]);
    let path = path.split('#').next().unwrap_or("");
    if let Some(origin) = amp_cache_origin(&host, path) {
        return page_address(&origin);
    }
    let host = without_amp_host(&host);
    let (path, query) = path.split_once('?').map_or((path, ""), |(p, q)| (p, q));
    let path = without_amp_path(path);
    let query = kept_query(query);
    Some(if query.is_empty() {
        format!("{host}{path}")
    } else {
        format!("{host}{path}?{query}")
    })
}

/// Query parameters that say how a reader came to a page, not which page
/// it is: campaign tags and click ids that ad networks, mailers, social
/// sites and publishers' share buttons add to a link. Only names no site
/// serves its own pages by; a name ending in `*` stands for every name
/// that begins so.
/// - campaigns: `utm_*` (Google Analytics, the common form), `mtm_*`
///   (Matomo), `ns_*` (comScore), `at_*` (AT Internet), `ocid` (MSN),
///   `cmpid`, `ito`, `spm` (Alibaba);
/// - click ids: `fbclid` (Facebook), `gclid`, `dclid`, `gbraid`, `wbraid`
///   (Google Ads), `msclkid` (Microsoft), `yclid` (Yandex), `twclid` (X),
///   `ttclid` (TikTok), `igshid` (Instagram), `_ga`, `_gl` (Google
///   Analytics' cross-site linker);
/// - mailers: `mc_cid`, `mc_eid` (Mailchimp), `_hsenc`, `_hsmi` (HubSpot),
///   `mkt_tok` (Marketo);
/// - share links: `smid`, `sr_share` (news sites' share buttons),
///   `ref_src` (X), `share` (WordPress's share buttons).
const TRACKING_PARAMS: &[&str] = &[
    "utm_*", "mtm_*", "ns_*", "at_*", "ocid", "cmpid", "ito", "spm", "fbclid", "gclid", "dclid",
    "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "_ga", "_gl", "mc_cid",
    "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "smid", "sr_share", "ref_src", "share",
];

/// Whether a query parameter's name is one of [`TRACKING_PARAMS`], in any case.
fn is_tracking(name: &str) -> bool {
    TRACKING_PARAMS.iter().any(|t| match t.strip_suffix('*') {
        Some(prefix) => {
            name.len() > prefix.len()
                && name
                    .get(..prefix.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        }
        None => name.eq_ignore_ascii_case(t),
    })
}

/// Whether a query parameter asks for the page's AMP form (`amp`, `amp=1`,
/// `outputType=amp`): the same page, shown another way.
fn asks_for_amp(name: &str, value: &str) -> bool {
    name.eq_ignore_ascii_case("amp")
        || (name.eq_ignore_ascii_case("outputType") && value.eq_ignore_ascii_case("amp"))
}

/// A query with only the parameters that name the page, sorted: the order
/// a link writes them in does not make another page.
fn kept_query(query: &str) -> String {
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let (name, value) = p.split_once('=').unwrap_or((p, ""));
            !name.is_empty() && !is_tracking(name) && !asks_for_amp(name, value)
        })
        .collect();
    kept.sort_unstable();
    kept.join("&")
}

/// A host without the `amp.` of a site's AMP host (`amp.example.com`).
fn without_amp_host(host: &str) -> &str {
    host.strip_prefix("amp.")
        .filter(|rest| rest.contains('.'))
        .unwrap_or(host)
}

/// A path, without its trailing slash, and without what marks its AMP form:
/// a last `/amp` or first `/amp/` segment, or an `.amp` before the ending
/// (`story.amp.html` is `story.html`, `story.amp` is `story`).
fn without_amp_path(path: &str) -> String {
    let path = path.trim_end_matches('/');
    if let Some(page) = path.strip_suffix("/amp") {
        page.trim_end_matches('/').to_string()
    } else if let Some(page) = path.strip_prefix("/amp/") {
        format!("/{page}")
    } else if let Some(page) = path.strip_suffix(".amp.html") {
        format!("{page}.html")
    } else {
        path.strip_suffix(".amp").unwrap_or(path).to_string()
    }
}

/// The address a Google AMP cache address serves the page of:
/// `www-example-com.cdn.ampproject.org/c/s/example.com/story` serves
/// `example.com/story` (`s/` for https, `/v/` in the AMP viewer).
fn amp_cache_origin(host: &str, path: &str) -> Option<String> {
    if !host.ends_with(".cdn.ampproject.org") {
        return None;
    }
    let served = path
        .strip_prefix("/c/")
        .or_else(|| path.strip_prefix("/v/"))?;
    Some(format!("//{}", served.strip_prefix("s/").unwrap_or(served)))
}

/// The addresses that name one page: the one it was fetched from and, when
/// it declares a canonical address on the same registrable domain, that one
/// too (a print view, a mobile host, a dated path its CMS redirects from).
/// A canonical on another site names another page: a scraper that copies
/// a whole page keeps its original's canonical link, and is not that page.
pub(crate) fn page_identities(url: Option<&str>, canonical: Option<&str>) -> Vec<String> {
    let mut names: Vec<String> = url.and_then(page_address).into_iter().collect();
    if let Some(declared) = canonical.and_then(page_address)
        && names
            .first()
            .is_some_and(|a| address_domain(a) == address_domain(&declared))
        && !names.contains(&declared)
    {
        names.push(declared);
    }
    names
}

/// Whether a page documents who published it, in ways a copy made
/// elsewhere cannot keep: a canonical address on the site it is served
/// from, or a publisher or site name that names its host ("The Daily
/// Planet" on dailyplanet.example). A scraper keeps its original's
/// canonical and names, which then point at another site.
pub(crate) fn documents_publisher(
    url: Option<&str>,
    canonical: Option<&str>,
    publisher: Option<&str>,
) -> bool {
    let Some(site) = url.and_then(url_domain) else {
        return false;
    };
    let own_canonical = canonical.and_then(url_domain).as_ref() == Some(&site);
    own_canonical || publisher.is_some_and(|name| names_site(name, &site))
}

/// Whether a publisher's name names a registrable domain: the letters of
/// one hold the other's first label ("BBC News" and bbc.co.uk, "AP" and
/// apnews.com do not: two letters name too many sites).
fn names_site(name: &str, domain: &str) -> bool {
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let label = domain.split('.').next().unwrap_or("");
    let (shorter, longer) = if name.len() < label.len() {
        (name.as_str(), label)
    } else {
        (label, name.as_str())
    };
    shorter.len() >= 3 && longer.contains(shorter)
}

/// The registrable domain of a [`page_address`]: of the site the page is
/// served for, so an `amp.` host or an AMP cache address counts as its site.
fn address_domain(address: &str) -> &str {
    let host = address.split(['/', '?']).next().unwrap_or(address);
    psl::domain_str(host).unwrap_or(host)
}

/// The registrable domain (`bbc.co.uk`, `example.com`) of a URL's host: the
/// unit a site is counted by.
pub(crate) fn url_domain(url: &str) -> Option<String> {
    let host = url_host(url)?;
    Some(psl::domain_str(&host).unwrap_or(&host).to_string())
}

/// The shape of an address's path, segment by segment: all digits (`9`),
/// holding an id of three or more digits (`n`: `311510-podolski.html`), or
/// words (`a`), with the last segment's file ending. A site addresses all
/// its articles alike, so an article and the articles its rails open share
/// a shape whatever their slugs say: `/Danmark/Coronavirus-rammer/artikel/922379`
/// and `/Danmark/Corona-loegn/artikel/922401` are both `a/a/a/9`.
fn path_shape(path: &str) -> Vec<String> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|seg| {
            let (stem, ending) = match seg.rsplit_once('.') {
                Some((stem, end))
                    if !stem.is_empty() && end.chars().all(|c| c.is_ascii_alphabetic()) =>
                {
                    (stem, format!(".{}", end.to_ascii_lowercase()))
                }
                _ => (seg, String::new()),
            };
            let mut run = 0;
            let mut longest = 0;
            for c in stem.chars() {
                run = if c.is_ascii_digit() { run + 1 } else { 0 };
                longest = longest.max(run);
            }
            let kind = if stem.chars().all(|c| c.is_ascii_digit()) {
                "9"
            } else if longest >= 3 {
                "n"
            } else {
                "a"
            };
            format!("{kind}{ending}")
        })
        .collect()
}

/// Whether the link `href`, found on the page at `page_url`, opens another
/// article of the page's own site addressed like the page: a relative link
/// or one to the same registrable domain, whose path has the page's shape
/// (a link relative to the page's folder, the shape of its last segment).
/// A newsroom's "latest news" rail opens its own articles so; a farm's
/// clickbait often opens the same farm too, which is why this decides
/// nothing alone.
pub(crate) fn opens_sibling_article(page_url: &str, href: &str) -> bool {
    let Some(page_path) = page_url
        .trim()
        .split_once("://")
        .map(|(_, r)| r.find('/').map_or("", |i| &r[i..]))
    else {
        return false;
    };
    let page = path_shape(page_path);
    // A page at the site's root or a section front is no article.
    if page.is_empty() || !page.iter().any(|s| s.starts_with(['9', 'n'])) {
        return false;
    }
    let href = href.trim();
    if href.contains("://") || href.starts_with("//") {
        let same_site =
            url_domain(href).is_some_and(|d| url_domain(page_url).as_deref() == Some(&d));
        let path = href
            .trim_start_matches("//")
            .split_once("://")
            .map_or(href.trim_start_matches("//"), |(_, r)| r);
        let path = path.find('/').map_or("", |i| &path[i..]);
        same_site && path_shape(path) == page
    } else if href.starts_with('/') {
        path_shape(href) == page
    } else if href.is_empty() || href.starts_with(['#', '?']) || href.contains(':') {
        false
    } else {
        // Relative to the page's folder: only the last segment is written.
        path_shape(href).last() == page.last() && !href.contains("../")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sibling_article_is_on_the_pages_site_and_addressed_like_it() {
        let page = "https://sn.dk/Danmark/Coronavirus-rammer-trafikken/artikel/922379";
        assert!(opens_sibling_article(
            page,
            "/Danmark/Corona-loegn-sendte-elever-hjem/artikel/922401"
        ));
        assert!(opens_sibling_article(
            page,
            "https://www.sn.dk/Sport/Kamp-i-aften/artikel/922500"
        ));
        assert!(!opens_sibling_article(
            page,
            "https://farm.example/Danmark/Noget/artikel/1"
        ));
        assert!(!opens_sibling_article(page, "/Danmark"), "a section front");
        assert!(!opens_sibling_article(page, "/p/48213"), "another shape");
        let slugged = "https://football.ua/germany/311510-podolski-zavershil-kareru.html";
        assert!(opens_sibling_article(
            slugged,
            "/england/311601-transfer.html"
        ));
        assert!(!opens_sibling_article(slugged, "/england/news.html"));
        let folder = "https://www.handball.example/o.red.r/news-1-1-1-139353.html";
        assert!(opens_sibling_article(folder, "news-1-1-1-139400.html"));
        assert!(
            !opens_sibling_article("https://blog.example/", "/2024/05/post"),
            "the page is a front"
        );
    }

    #[test]
    fn a_page_documents_its_publisher_on_its_own_site_only() {
        let url = Some("https://www.dailyplanet.example/2024/storm");
        let own = Some("https://dailyplanet.example/storm");
        let other = Some("https://farm.example/storm");
        assert!(documents_publisher(url, own, None));
        assert!(!documents_publisher(url, other, None));
        assert!(documents_publisher(url, None, Some("The Daily Planet")));
        assert!(!documents_publisher(other, None, Some("The Daily Planet")));
        assert!(documents_publisher(
            Some("https://bbc.co.uk/n"),
            None,
            Some("BBC News")
        ));
        // No address, nothing to document.
        assert!(!documents_publisher(None, None, Some("The Daily Planet")));
    }

    #[test]
    fn domains_are_registrable_domains() {
        assert_eq!(
            url_domain("https://noticias.uol.com.br/a").as_deref(),
            Some("uol.com.br")
        );
        assert_eq!(
            url_domain("//abc7ny.com/health/x").as_deref(),
            Some("abc7ny.com")
        );
        assert_eq!(url_domain("/news/1.html"), None);
    }

    #[test]
    fn one_page_has_one_address_however_written() {
        let a = page_address("https://www.Example.com/news/story/#top");
        assert_eq!(a.as_deref(), Some("example.com/news/story"));
        assert_eq!(page_address("http://example.com:80/news/story"), a);
        assert_ne!(page_address("https://example.com/news/other"), a);
        assert_eq!(
            page_address("https://example.com/item?id=4").as_deref(),
            Some("example.com/item?id=4")
        );
        assert_eq!(page_address("relative/path"), None);
    }

    /// The address of the story every form below names.
    const STORY: &str = "example.com/news/story";

    fn address(url: &str) -> String {
        page_address(url).unwrap_or_else(|| panic!("no address for {url}"))
    }

    #[test]
    fn campaign_tags_are_left_out() {
        assert_eq!(
            address("https://example.com/news/story?utm_source=x&utm_medium=social"),
            STORY
        );
    }

    #[test]
    fn click_ids_are_left_out_in_any_case() {
        assert_eq!(
            address("https://example.com/news/story?FBCLID=IwAR0&gclid=Cj0"),
            STORY
        );
    }

    #[test]
    fn a_name_that_only_begins_like_a_tag_is_kept() {
        assert_eq!(
            address("https://example.com/item?utm=4"),
            "example.com/item?utm=4"
        );
    }

    #[test]
    fn the_parameters_that_name_the_page_stay_in_name_order() {
        assert_eq!(
            address("https://example.com/item?page=2&id=4&utm_source=x&&"),
            "example.com/item?id=4&page=2"
        );
    }

    #[test]
    fn a_trailing_amp_segment_is_the_page() {
        assert_eq!(address("https://example.com/news/story/amp/"), STORY);
    }

    #[test]
    fn a_leading_amp_segment_is_the_page() {
        assert_eq!(address("https://example.com/amp/news/story"), STORY);
    }

    #[test]
    fn an_amp_html_ending_is_the_html_page() {
        assert_eq!(
            address("https://example.com/news/story.amp.html"),
            "example.com/news/story.html"
        );
    }

    #[test]
    fn an_amp_ending_is_the_page() {
        assert_eq!(address("https://example.com/news/story.amp"), STORY);
    }

    #[test]
    fn amp_parameters_are_the_page() {
        for query in ["amp", "amp=1", "outputType=amp"] {
            assert_eq!(
                address(&format!("https://example.com/news/story?{query}")),
                STORY,
                "{query}"
            );
        }
        assert_eq!(
            address("https://example.com/news/story?outputType=print"),
            "example.com/news/story?outputType=print"
        );
    }

    #[test]
    fn an_amp_host_is_the_site() {
        assert_eq!(address("https://amp.example.com/news/story"), STORY);
        assert_eq!(address("https://amp.com/news/story"), "amp.com/news/story");
    }

    #[test]
    fn an_amp_cache_address_is_the_page_it_serves() {
        assert_eq!(
            address(
                "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story/amp?utm_source=x"
            ),
            STORY
        );
        assert_eq!(
            address("https://example-com.cdn.ampproject.org/v/example.com/news/story"),
            STORY
        );
    }

    #[test]
    fn a_canonical_on_the_same_site_names_the_page_too() {
        assert_eq!(
            page_identities(
                Some("https://m.example.com/print/4411"),
                Some("https://www.example.com/news/story/")
            ),
            ["m.example.com/print/4411", STORY]
        );
    }

    #[test]
    fn a_canonical_on_another_site_does_not_name_the_page() {
        assert_eq!(
            page_identities(
                Some("https://farm.example.net/copied"),
                Some("https://example.com/news/story")
            ),
            ["farm.example.net/copied"]
        );
    }

    #[test]
    fn a_page_that_declares_its_own_address_has_one_identity() {
        assert_eq!(
            page_identities(
                Some("http://example.com/news/story?utm_source=feed"),
                Some("https://example.com/news/story")
            ),
            [STORY]
        );
    }

    #[test]
    fn hosts_are_normalised() {
        assert_eq!(
            url_host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_host("not a url"), None);
    }
}
