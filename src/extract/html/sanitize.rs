//! One pass over the page before parsing, for the parser's sake.
//!
//! Pages nested thousands of levels deep: the HTML tree builder checks
//! scopes by walking its stack of open elements, so parsing slows with the
//! square of the nesting depth (100,000 nested `div`s take seconds, 300,000
//! minutes). No real page nests beyond a few hundred levels, so start tags
//! past [`MAX_DEPTH`] are dropped before parsing; every level above keeps
//! its text.
//!
//! Scripts and styles: nearly half the bytes of a news page are code that
//! nothing downstream reads, and the parser would copy every character of
//! it into the tree. Their contents are dropped, their tags kept; JSON-LD
//! scripts, where dates live, are kept whole.

use std::borrow::Cow;

/// Deepest nesting kept.
pub(crate) const MAX_DEPTH: usize = 512;

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that close themselves when a sibling starts (`<li>`, `<p>`,
/// `<td>`, `<a>` ...), so pages often leave their end tags out; they do not
/// build depth on their own.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt", "tbody", "thead",
    "tfoot", "colgroup", "a",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The page with start tags beyond [`MAX_DEPTH`] and the contents of
/// scripts (other than JSON-LD) and styles removed; borrowed when nothing
/// had to go.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut kept_upto = 0;
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(end_tag);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = at + 1;
            continue;
        }
        // Lowercased on the stack: this runs for every tag of every page. A
        // name longer than the buffer is in none of the lists.
        let mut buf = [0u8; 12];
        let raw = &bytes[name_start..name_start + name_len];
        let name = if raw.len() <= buf.len() {
            buf[..raw.len()].copy_from_slice(raw);
            buf[..raw.len()].make_ascii_lowercase();
            std::str::from_utf8(&buf[..raw.len()]).unwrap_or("")
        } else {
            ""
        };
        let Some(close) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        if end_tag {
            if !SELF_CLOSING_SIBLINGS.contains(&name) {
                depth = depth.saturating_sub(1);
            }
            i = close + 1;
            continue;
        }
        if RAW_TEXT.contains(&name) {
            let end = find_end_tag(bytes, close + 1, name.as_bytes()).unwrap_or(bytes.len());
            let code = name == "style"
                || (name == "script"
                    && !contains_ignore_case(&bytes[name_start..close], b"ld+json"));
            if code && end > close + 1 {
                let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
                kept.push_str(&html[kept_upto..=close]);
                kept_upto = end;
            }
            i = end;
            continue;
        }
        let builds_depth = !VOID.contains(&name)
            && !SELF_CLOSING_SIBLINGS.contains(&name)
            && bytes[close - 1] != b'/';
        if builds_depth {
            if depth >= MAX_DEPTH {
                let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
                kept.push_str(&html[kept_upto..at]);
                kept_upto = close + 1;
            } else {
                depth += 1;
            }
        }
        i = close + 1;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut kept) => {
            kept.push_str(&html[kept_upto..]);
            Cow::Owned(kept)
        }
    }
}

/// The `>` that ends a tag whose name ends at `from`, skipping quoted
/// attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let k = at + memchr::memchr3(b'>', b'"', b'\'', &bytes[at..])?;
        match bytes[k] {
            b'>' => return Some(k),
            quote => at = k + 1 + memchr::memchr(quote, &bytes[k + 1..])? + 1,
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

/// Where the end tag `</name` of a raw-text element starting at `from` is.
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let k = at + memchr::memmem::find(hay.get(at..)?, b"</")?;
        if hay
            .get(k + 2..k + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(k);
        }
        at = k + 2;
    }
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><br><img src=x></div><script></script></body></html>";
        assert!(matches!(prepare(page), Cow::Borrowed(_)));
    }

    #[test]
    fn script_and_style_contents_go_and_json_ld_stays() {
        let page = concat!(
            "<head><style>p { color: red }</style>",
            "<script type=\"application/ld+json\">{\"datePublished\": \"2024-01-02\"}</script>",
            "<SCRIPT>if (a</b) { x = '</div>'; }</SCRIPT></head>",
            "<body><p>text</p><script src=x.js></script></body>"
        );
        assert_eq!(
            prepare(page),
            concat!(
                "<head><style></style>",
                "<script type=\"application/ld+json\">{\"datePublished\": \"2024-01-02\"}</script>",
                "<SCRIPT></SCRIPT></head>",
                "<body><p>text</p><script src=x.js></script></body>"
            )
        );
    }

    #[test]
    fn an_unclosed_script_loses_the_rest_of_the_page_as_a_browser_would() {
        assert_eq!(
            prepare("<p>a</p><script>var x = 1; <p>b</p>"),
            "<p>a</p><script>"
        );
    }

    #[test]
    fn start_tags_past_the_limit_are_dropped_and_text_kept() {
        let mut page = String::new();
        for _ in 0..MAX_DEPTH + 100 {
            page.push_str("<div class=\"x>y\">");
        }
        page.push_str("deep text");
        let limited = prepare(&page);
        assert_eq!(limited.matches("<div").count(), MAX_DEPTH);
        assert!(limited.ends_with("deep text"));
    }

    #[test]
    fn long_lists_without_end_tags_are_not_limited() {
        let page = format!("<ul>{}</ul>", "<li>item".repeat(MAX_DEPTH * 3));
        assert!(matches!(prepare(&page), Cow::Borrowed(_)));
    }
}
