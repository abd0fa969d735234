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
/// `www.`, any case), path without a trailing slash, and query; scheme,
/// port and fragment left out.
pub(crate) fn page_address(url: &str) -> Option<String> {
    let host = url_host(url)?;
    let rest = url.trim().split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.trim_start_matches('/');
    let path = rest.find(['/', '?']).map_or("", |i| &rest[i..]);
    let path = path.split('#').next().unwrap_or("");
    let (path, query) = path.split_once('?').map_or((path, ""), |(p, q)| (p, q));
    let path = path.trim_end_matches('/');
    Some(if query.is_empty() {
        format!("{host}{path}")
    } else {
        format!("{host}{path}?{query}")
    })
}

/// The registrable domain (`bbc.co.uk`, `example.com`) of a URL's host: the
/// unit a site is counted by.
pub(crate) fn url_domain(url: &str) -> Option<String> {
    let host = url_host(url)?;
    Some(psl::domain_str(&host).unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn hosts_are_normalised() {
        assert_eq!(
            url_host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_host("not a url"), None);
    }
}
