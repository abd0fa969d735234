//! JSON Lines exports (datatrove, dolma, CCNet and the like): one document
//! a line with `text` or `html`, and optional `id`, `url`, `date` (the crawl
//! date) and `metadata`. A bad line is a row of its own; the file goes on.

use super::{Failure, Markup, Page, Source};
use std::io::BufRead;

/// Reads every line of a JSON Lines stream, handing pages and failures to
/// `visit`. Returns the number of blank lines passed over.
pub fn read(
    mut input: impl BufRead,
    path: &str,
    max_bytes: u64,
    visit: &mut dyn FnMut(Result<Page, Failure>),
) -> u64 {
    // One copy of the path for all the file's pages.
    let shared: std::sync::Arc<str> = path.into();
    let mut line_no = 0u64;
    let mut blank = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let read = std::io::Read::take(&mut input, max_bytes + 1).read_until(b'\n', &mut buf);
        match read {
            Ok(0) => return blank,
            Ok(_) => {}
            Err(e) => {
                visit(Err(Failure::new(
                    path,
                    Some(line_no + 1),
                    format!("unreadable line: {e}"),
                )));
                return blank;
            }
        }
        line_no += 1;
        if buf.len() as u64 > max_bytes {
            visit(Err(Failure::new(
                path,
                Some(line_no),
                format!("too large: line over {max_bytes} bytes"),
            )));
            // Skip the rest of the over-long line.
            let mut rest = Vec::new();
            while !buf.ends_with(b"\n") {
                rest.clear();
                match std::io::Read::take(&mut input, 1 << 20).read_until(b'\n', &mut rest) {
                    Ok(0) | Err(_) => return blank,
                    Ok(_) => buf = std::mem::take(&mut rest),
                }
            }
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            blank += 1;
            continue;
        }
        visit(page_of(&buf, &shared, line_no));
    }
}

fn page_of(line: &[u8], path: &std::sync::Arc<str>, line_no: u64) -> Result<Page, Failure> {
    let fail = |status: String| Failure::new(path, Some(line_no), status);
    let text = String::from_utf8_lossy(line);
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| fail(bad_json(&e, line_no)))?;
    let obj = doc
        .as_object()
        .ok_or_else(|| fail("bad JSON line: not an object".into()))?;
    let field = |k: &str| obj.get(k).and_then(|v| v.as_str());
    let (markup, content) = match (field("html"), field("text")) {
        (Some(h), _) => (Markup::Html, h),
        (None, Some(t)) => (Markup::Text, t),
        (None, None) => return Err(fail("bad JSON line: no \"text\" or \"html\" string".into())),
    };
    // The same test of text as a page file gets.
    crate::corpus::decode::check_text(content).map_err(fail)?;
    Ok(Page {
        source: Source {
            path: path.clone(),
            record: Some(line_no),
        },
        markup,
        text: content.to_string(),
        url: field("url").map(str::to_string),
        // `crawled_at` is the name crawlers that say what the date is use.
        crawl_date: field("date")
            .or_else(|| field("crawled_at"))
            .and_then(crate::calendar::parse_date),
        saved: None,
        note: None,
        // A number is an id as much as a string is.
        id: obj.get("id").and_then(|v| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }),
    })
}

/// A parse error placed in the file: the parser sees one line alone and
/// counts it as line 1, so its own position is rewritten with the file's
/// line number.
fn bad_json(e: &serde_json::Error, line_no: u64) -> String {
    let said = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let what = said.strip_suffix(&position).unwrap_or(&said);
    format!(
        "bad JSON line: {what} at line {line_no} column {}",
        e.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_pages_and_bad_lines_are_rows_of_their_own() {
        let input = b"{\"id\":\"a\",\"text\":\"Hello there.\",\"url\":\"https://x.example/a\",\"date\":\"2024-05-01T00:00:00Z\"}\n\
not json\n\
\n\
{\"id\":\"c\"}\n\
{\"html\":\"<p>hi</p>\"}\n";
        let mut out = Vec::new();
        let blank = read(&input[..], "d.jsonl", 1 << 20, &mut |p| out.push(p));
        assert_eq!(blank, 1);
        assert_eq!(out.len(), 4);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.source.record, Some(1));
        assert_eq!(first.markup, Markup::Text);
        assert_eq!(first.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(first.crawl_date.unwrap().to_string(), "2024-05-01");
        assert!(
            out[1]
                .as_ref()
                .unwrap_err()
                .status
                .starts_with("bad JSON line")
        );
        assert_eq!(out[1].as_ref().unwrap_err().source.record, Some(2));
        // The position is the file's line, not the parser's line 1.
        assert_eq!(
            out[1].as_ref().unwrap_err().status,
            "bad JSON line: expected ident at line 2 column 2"
        );
        assert!(
            out[2]
                .as_ref()
                .unwrap_err()
                .status
                .contains("no \"text\" or \"html\"")
        );
        assert_eq!(out[3].as_ref().unwrap().markup, Markup::Html);
        assert_eq!(out[3].as_ref().unwrap().source.record, Some(5));
    }

    #[test]
    fn crawled_at_is_the_crawl_date_too() {
        let input = b"{\"text\":\"Hello there.\",\"crawled_at\":\"2024-05-01T08:00:00Z\"}\n";
        let mut out = Vec::new();
        read(&input[..], "d.jsonl", 1 << 20, &mut |p| out.push(p));
        let page = out[0].as_ref().unwrap();
        assert_eq!(page.crawl_date.unwrap().to_string(), "2024-05-01");
    }

    #[test]
    fn an_over_long_line_is_one_error_and_the_file_goes_on() {
        let mut input = format!("{{\"text\":\"{}\"}}\n", "x".repeat(5000)).into_bytes();
        input.extend_from_slice(b"{\"text\":\"short\"}\n");
        let mut out = Vec::new();
        read(&input[..], "d.jsonl", 1000, &mut |p| out.push(p));
        assert_eq!(out.len(), 2);
        assert!(out[0].as_ref().unwrap_err().status.starts_with("too large"));
        assert_eq!(out[1].as_ref().unwrap().source.record, Some(2));
    }
}
