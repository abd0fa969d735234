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
//!
//! The same goes for what no rule reads and the parser would still build:
//! comments, the drawing inside inline SVG icons, attributes only scripts
//! and image loaders use ([`is_unread`]), and indentation between tags.
//! On the wcxb-dev pages these were about half the markup left after
//! scripts and styles.

use std::borrow::Cow;
use std::ops::Range;

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

/// The page with start tags beyond [`MAX_DEPTH`], comments, the contents
/// of scripts (other than JSON-LD), styles and inline SVG drawings, and
/// attributes no rule reads removed; borrowed when nothing had to go.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut kept = Kept {
        html,
        out: None,
        upto: 0,
    };
    let mut depth = 0usize;
    let mut preformatted = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        if preformatted == 0 {
            collapse_space_before(&mut kept, bytes, i, at);
        }
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = comment_end(bytes, at);
            // React's streamed pages mark where a fallback ends with
            // `<!--/$-->` (see `streamed`): those stay.
            if !rest[4..].starts_with(b"/$") {
                kept.cut(at, i);
            }
            continue;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(end_tag);
        // A tag's name starts with a letter and runs to a space, `/` or `>`:
        // `<devsite-actions>` is not a `<devsite>`, nor `<style-guide>` a
        // `<style>`.
        let name_len = if bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            bytes[name_start..]
                .iter()
                .take_while(|&&b| !b.is_ascii_whitespace() && b != b'/' && b != b'>')
                .count()
        } else {
            0
        };
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
        let mut unread = false;
        let attributes = name_start + name_len;
        let Some(close) = walk_attributes(bytes, attributes, |name, _| unread |= is_unread(name))
        else {
            break;
        };
        if matches!(name, "pre" | "listing") {
            preformatted = if end_tag {
                preformatted.saturating_sub(1)
            } else {
                preformatted + 1
            };
        }
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
                kept.cut(close + 1, end);
            }
            i = end;
            continue;
        }
        let self_closed = bytes[close - 1] == b'/';
        let builds_depth =
            !VOID.contains(&name) && !SELF_CLOSING_SIBLINGS.contains(&name) && !self_closed;
        if builds_depth && depth >= MAX_DEPTH {
            kept.cut(at, close + 1);
            i = close + 1;
            continue;
        }
        depth += usize::from(builds_depth);
        if unread {
            kept.replace(attributes, close, &read_attributes(html, attributes));
        }
        i = close + 1;
        // An icon's drawing: nothing reads inside an <svg>, and its paths
        // were an eighth of the evaluation pages' bytes left to parse. Kept
        // whole when HTML inside it would break out of the drawing.
        if name == "svg"
            && !self_closed
            && let Some(end) = find_end_tag(bytes, i, b"svg")
            && drawing_only(&bytes[i..end])
        {
            kept.cut(i, end);
            i = end;
        }
    }
    kept.finish()
}

/// The page being rewritten: `out` holds what is kept of `html` before
/// `upto`, and is made only when something goes.
struct Kept<'a> {
    html: &'a str,
    out: Option<String>,
    upto: usize,
}

impl<'a> Kept<'a> {
    /// Drops `html[from..to]`.
    fn cut(&mut self, from: usize, to: usize) {
        self.replace(from, to, "");
    }

    /// Puts `with` in place of `html[from..to]`.
    fn replace(&mut self, from: usize, to: usize, with: &str) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.html.len()));
        out.push_str(&self.html[self.upto..from]);
        out.push_str(with);
        self.upto = to;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut out) => {
                out.push_str(&self.html[self.upto..]);
                Cow::Owned(out)
            }
        }
    }
}

/// Indentation: a run of spaces and line breaks before the tag at `at`
/// (and after `from`, where the text began) becomes one, a line break if
/// it held one. Outside `<pre>`, any run of whitespace reads as one space,
/// and the run between tags was a tenth of the markup left to parse.
fn collapse_space_before(kept: &mut Kept<'_>, bytes: &[u8], from: usize, at: usize) {
    let run = bytes[from..at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    if run > 1 {
        let start = at - run;
        let one = if bytes[start..at].contains(&b'\n') {
            "\n"
        } else {
            " "
        };
        kept.replace(start, at, one);
    }
}

/// Where the comment opening at `at` ends, as HTML ends it: `<!-->` and
/// `<!--->` are whole comments, `--!>` closes one too, and an unclosed
/// comment runs to the end of the page.
fn comment_end(bytes: &[u8], at: usize) -> usize {
    let body = at + 4;
    match &bytes[body..] {
        [b'>', ..] => return body + 1,
        [b'-', b'>', ..] => return body + 2,
        _ => {}
    }
    let mut from = body;
    while let Some(dash) = find(bytes, from, b"--") {
        match &bytes[dash + 2..] {
            [b'>', ..] => return dash + 3,
            [b'!', b'>', ..] => return dash + 4,
            _ => from = dash + 1,
        }
    }
    bytes.len()
}

/// Attributes no rule reads, which only scripts, image loaders and layout
/// use: `data-*` (but `data-testid`, which names a date's element on some
/// sites), event handlers (`on*`), image sources and their sizes, SVG
/// namespaces and boxes. A fifth of the evaluation pages' markup, and
/// every `data-*` name is interned by the parser. A rule that comes to
/// read one of these must take it off this list.
fn is_unread(name: &[u8]) -> bool {
    const UNREAD: &[&[u8]] = &[
        b"src",
        b"srcset",
        b"sizes",
        b"imagesrcset",
        b"width",
        b"height",
        b"loading",
        b"decoding",
        b"fetchpriority",
        b"tabindex",
        b"target",
        b"viewbox",
        b"xmlns",
        b"xmlns:xlink",
    ];
    let starts = |prefix: &[u8]| {
        name.len() > prefix.len() && name[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    (starts(b"data-") && !name.eq_ignore_ascii_case(b"data-testid"))
        || starts(b"on")
        || UNREAD.iter().any(|u| u.eq_ignore_ascii_case(name))
}

/// A start tag's attributes (from the end of its name to its `>`) without
/// the unread ones.
fn read_attributes(html: &str, from: usize) -> String {
    let mut out = String::new();
    let close = walk_attributes(html.as_bytes(), from, |name, span| {
        if !is_unread(name) {
            out.push(' ');
            out.push_str(&html[span]);
        }
    });
    // Spaced, so that an unquoted value before it does not take it in.
    if close.is_some_and(|c| html.as_bytes()[c - 1] == b'/') {
        out.push_str(" /");
    }
    out
}

/// Whether an `<svg>`'s content is drawing markup only: no tag in it that
/// makes the HTML parser leave the drawing (`<p>`, `<div>`, `<img>` ...).
fn drawing_only(content: &[u8]) -> bool {
    let mut at = 0;
    while let Some(off) = memchr::memchr(b'<', &content[at..]) {
        let name_start = at + off + 1;
        let len = content[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &content[name_start..name_start + len];
        if BREAKS_OUT_OF_SVG
            .iter()
            .any(|tag| tag.eq_ignore_ascii_case(name))
        {
            return false;
        }
        at = name_start;
    }
    true
}

/// The start tags that end foreign content (HTML's tree construction,
/// "in foreign content"); `font` only with some attributes, counted
/// always here to stay on the safe side.
const BREAKS_OUT_OF_SVG: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strong",
    b"strike",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
    b"font",
];

/// Walks the attributes of a tag whose name ends at `from` as the HTML
/// tokenizer splits them, handing each one's name and whole span
/// (`name="value"`) to `each`; returns where the `>` ending the tag is.
/// A quote opens a value only after `=`: a stray `"` after a value is part
/// of a name (`<li class="a" ">` ends at its `>`), as a browser reads it.
fn walk_attributes(
    b: &[u8],
    from: usize,
    mut each: impl FnMut(&[u8], Range<usize>),
) -> Option<usize> {
    // HTML's whitespace is exactly ASCII whitespace.
    let space = |c: u8| c.is_ascii_whitespace();
    let skip_space = |mut j: usize| {
        while j < b.len() && space(b[j]) {
            j += 1;
        }
        j
    };
    let mut i = from;
    loop {
        while i < b.len() && (space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => return Some(i),
            Some(_) => {}
        }
        let start = i;
        // The first character of a name may be `=`; the rest may not.
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'/' | b'=' | b'>') {
            i += 1;
        }
        let name = start..i;
        let j = skip_space(i);
        if b.get(j) == Some(&b'=') {
            let mut j = skip_space(j + 1);
            match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => j += 1 + memchr::memchr(q, &b[j + 1..])? + 1,
                _ => {
                    while j < b.len() && !space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        each(&b[name], start..i);
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
        let page = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><br><img alt=x></div><script></script></body></html>";
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

    #[test]
    fn a_stray_quote_after_a_value_does_not_run_the_tag_on() {
        assert_eq!(
            prepare("<li class=\"a\" \" data-x=1><a href=\"/b\">B</a></li><li class=\"c\">C</li>"),
            "<li class=\"a\" \"><a href=\"/b\">B</a></li><li class=\"c\">C</li>"
        );
    }

    #[test]
    fn a_custom_element_is_not_the_element_its_name_begins_with() {
        assert_eq!(
            prepare(
                "<style-guide><p>kept</p></style-guide><devsite-actions data-x=1 hidden>a</devsite-actions>"
            ),
            "<style-guide><p>kept</p></style-guide><devsite-actions hidden>a</devsite-actions>"
        );
    }

    #[test]
    fn indentation_shrinks_to_one_space_or_break_but_not_in_pre() {
        assert_eq!(
            prepare(
                "<ul>\n    <li>a</li>  <li>b  c</li>\t\t<li>d</li></ul><pre>\n  x\n\n  <b>y</b></pre>\n\n<p>z"
            ),
            "<ul>\n<li>a</li> <li>b  c</li> <li>d</li></ul><pre>\n  x\n\n  <b>y</b></pre>\n<p>z"
        );
    }

    #[test]
    fn comments_go_however_html_closes_them() {
        assert_eq!(
            prepare("<p>a<!-- x -->b<!-->c<!--->d<!-- y --!>e<!-- never closed <p>f"),
            "<p>abcde"
        );
        assert_eq!(
            prepare("<template id=\"B:0\"></template>Loading<!--/$-->"),
            "<template id=\"B:0\"></template>Loading<!--/$-->"
        );
    }

    #[test]
    fn an_icons_drawing_goes_and_html_inside_a_drawing_stays() {
        assert_eq!(
            prepare(
                "<a href=/x><svg viewBox=\"0 0 9 9\"><path d=\"M0 0L9 9\"/><title>Share</title></svg>Share</a>"
            ),
            "<a href=/x><svg></svg>Share</a>"
        );
        let breaks_out = "<svg><path d=\"M0\"/><p>text the parser moves out</p></svg>";
        assert_eq!(prepare(breaks_out), breaks_out);
    }

    #[test]
    fn unread_attributes_go_and_read_ones_stay_with_their_quotes() {
        assert_eq!(
            prepare(concat!(
                "<img src=a.jpg srcset=\"a.jpg 1x, b.jpg 2x\" sizes=100vw alt='a > b'>",
                "<time data-testid=published datetime=\"2024-01-02\" data-x='{\"a\":1}'>x</time>",
                "<div class=\"c\"data-y=1 hidden/>",
                "<link data-rh=true rel=canonical href=https://example.org/docs />"
            )),
            concat!(
                "<img alt='a > b'>",
                "<time data-testid=published datetime=\"2024-01-02\">x</time>",
                "<div class=\"c\" hidden />",
                "<link rel=canonical href=https://example.org/docs />"
            )
        );
    }
}
